// The MQTT stage against a real mosquitto: events through the outbox in order across a
// broker restart (with a send window smaller than the backlog), retained state renewed on
// reconnect, commands handed over, and a connection swapped without losing anything.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { connect } from 'mqtt';
import { MqttPublisher, type PublisherSettings } from '../../../daemon/sinks/mqtt-publisher.ts';
import { Outbox } from '../../../daemon/sinks/outbox.ts';
import type { Command } from '../../../daemon/sinks/commands.ts';
import { findMosquitto, startMosquitto, type Mosquitto } from '../../helpers/mosquitto.ts';
import { subscribe } from '../../helpers/subscriber.ts';
import { makeEvent } from '../../helpers/emotion-event.ts';
import { tempDir } from '../audio/audio-test-kit.ts';

const it = findMosquitto() ? test : test.skip;
if (!findMosquitto()) console.log('  SKIPPED: mosquitto is not installed');
let broker: Mosquitto;
test.before(async () => {
  if (findMosquitto()) broker = await startMosquitto();
});
test.after(async () => {
  await broker?.stop();
});

function publisher(id: string, extra: Partial<PublisherSettings> = {}) {
  const commands: Command[] = [];
  const rejected: string[] = [];
  const settings: PublisherSettings = {
    sink: { url: broker.url, deviceId: id, reconnectMinMs: 100, reconnectMaxMs: 300 },
    discovery: { prefix: 'homeassistant', name: id, classes: ['happy', 'sad'], model: 'm', swVersion: '0', expireAfterS: 300, summaryIntervalS: 60, publish: 'all' },
    window: 2,
    ...extra,
  };
  const outbox = new Outbox({ dir: tempDir(`pub-${id}`), maxEvents: 100, fsync: false, onError: (e) => { throw e; } });
  const p = new MqttPublisher(settings, outbox, {
    log: () => {},
    onCommand: async (c) => {
      commands.push(c);
      return { ok: true };
    },
    onRejectedCommand: (e) => rejected.push(e.message),
  });
  return { p, commands, rejected, settings };
}

const state = (muted: boolean) => ({ emotion: 'happy', confidence: 0.8, arousal: 0.1, valence: 0.5, since: '2025-01-01T00:00:00.000Z', muted, capture: 'listening' as const });

it('events made while the broker restarts arrive in order; the retained state is renewed', async () => {
  const sub = await subscribe(broker.url, 'emotiond/pub-a/event', { clientId: 'pub-a-sub', clean: false });
  const { p } = publisher('pub-a');
  await p.start();
  p.publishState(state(false));
  p.publishEvent(makeEvent('pub-a', 1));
  await sub.waitFor((m) => m.payload.includes('pub-a-0001'));
  await broker.stop();
  for (let i = 2; i <= 12; i++) p.publishEvent(makeEvent('pub-a', i));
  assert.is(p.depth, 11);
  await broker.restart();
  await sub.waitFor(() => sub.messages.length >= 12, 15000);
  const ids = sub.messages.map((m) => JSON.parse(m.payload).event_id);
  assert.equal([...new Set(ids)], Array.from({ length: 12 }, (_, i) => `pub-a-${String(i + 1).padStart(4, '0')}`));
  // The subscriber can have the last event before the publisher has its acknowledgement.
  for (let t = 0; t < 100 && p.depth > 0; t++) await new Promise((r) => setTimeout(r, 50));
  assert.is(p.depth, 0);
  const late = await subscribe(broker.url, 'emotiond/pub-a/state');
  const st = await late.waitFor(() => true);
  assert.ok(st.retain);
  assert.equal(JSON.parse(st.payload), state(false));
  await late.close();
  await sub.close();
  assert.ok(await p.stop(1000));
});

it('set commands are handed over, junk is counted; reconfigure swaps the connection, offline before online', async () => {
  const { p, commands, rejected, settings } = publisher('pub-b');
  await p.start();
  const avail = await subscribe(broker.url, 'emotiond/pub-b/availability');
  const client = connect(broker.url);
  await new Promise((r) => client.once('connect', r));
  await client.publishAsync('emotiond/pub-b/set', '{"mute":true}', { qos: 1 });
  await client.publishAsync('emotiond/pub-b/set', 'reload', { qos: 1 });
  await client.publishAsync('emotiond/pub-b/set', '{"volume": 11}', { qos: 1 });
  for (let i = 0; i < 40 && commands.length + rejected.length < 3; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(commands, [{ type: 'mute', muted: true }, { type: 'reload' }]);
  assert.is(rejected.length, 1);

  await p.reconfigure({ ...settings, sink: { ...settings.sink, protocolVersion: 5 } });
  await avail.waitFor(() => avail.messages.map((m) => m.payload).join(',').endsWith('offline,online'), 5000);
  p.publishEvent(makeEvent('pub-b', 1));
  assert.ok(await p.stop(3000), 'delivered through the new connection');
  await client.endAsync();
  await avail.close();
});

it('a retained set message is not obeyed at connect; live commands still are', async () => {
  const c = connect(broker.url);
  await new Promise((r) => c.once('connect', r));
  await c.publishAsync('emotiond/pub-r/set', 'mute', { qos: 1, retain: true });
  const { p, commands } = publisher('pub-r');
  await p.start();
  await c.publishAsync('emotiond/pub-r/set', 'unmute', { qos: 1 });
  for (let i = 0; i < 100 && commands.length < 1; i++) await new Promise((r) => setTimeout(r, 50));
  // The retained mute came first (on subscribe) and was ignored: only the live unmute counts.
  assert.equal(commands, [{ type: 'mute', muted: false }]);
  await c.publishAsync('emotiond/pub-r/set', '', { qos: 1, retain: true });
  await p.stop(1000);
  await c.endAsync();
});

it('a new device id withdraws the old discovery configs (empty, retained) and announces the new', async () => {
  const { p, settings } = publisher('pub-c');
  await p.start();
  const disc = await subscribe(broker.url, 'homeassistant/+/+/+/config');
  await disc.waitFor((m) => m.topic === 'homeassistant/switch/emotiond_pub-c/mute/config' && m.payload !== '');
  await p.reconfigure({ ...settings, sink: { ...settings.sink, deviceId: 'pub-d' } });
  await disc.waitFor((m) => m.topic === 'homeassistant/switch/emotiond_pub-d/mute/config' && m.payload !== '');
  for (const o of ['sensor/emotiond_pub-c/emotion', 'sensor/emotiond_pub-c/arousal', 'sensor/emotiond_pub-c/valence', 'switch/emotiond_pub-c/mute']) {
    await disc.waitFor((m) => m.topic === `homeassistant/${o}/config` && m.payload === '');
  }
  await p.stop(1000);
  await disc.close();
  const late = await subscribe(broker.url, 'homeassistant/+/emotiond_pub-c/+/config');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(late.messages, [], 'nothing retained for the old id');
  await late.close();
});

test.run();
