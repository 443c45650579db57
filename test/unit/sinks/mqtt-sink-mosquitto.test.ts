// MqttSink against a real mosquitto: events, availability, last will, graceful stop.
import { connect } from 'mqtt';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MqttSink, type MqttSinkOptions } from '../../../daemon/sinks/mqtt-sink.ts';
import { EmotiondError } from '../../../daemon/core/errors.ts';
import { findMosquitto, startMosquitto, type Mosquitto } from '../../helpers/mosquitto.ts';
import { assertWillOnSigkill } from '../../helpers/killed-sink.ts';
import { subscribe } from '../../helpers/subscriber.ts';
import { makeEvent } from '../../helpers/emotion-event.ts';

const have = findMosquitto() !== undefined;
if (!have) console.log('SKIP: mosquitto is not installed; these tests need it (apt-get install mosquitto)');
const it = have ? test : test.skip;
let broker: Mosquitto;
const sinks: MqttSink[] = [];

test.before(async () => {
  if (have) broker = await startMosquitto();
});
test.after.each(async () => {
  await Promise.all(sinks.splice(0).map((s) => s.stop()));
});
test.after(async () => {
  await broker?.stop();
});

function sink(deviceId: string, extra: Partial<MqttSinkOptions> = {}): MqttSink {
  const s = new MqttSink({ url: broker.url, deviceId, reconnectMinMs: 100, reconnectMaxMs: 400, logger: () => {}, ...extra });
  sinks.push(s);
  return s;
}

for (const version of [4, 5] as const) {
  it(`MQTT ${version}: events arrive as JSON with QoS 1, not retained, acknowledged`, async () => {
    const id = `ev${version}`;
    const sub = await subscribe(broker.url, `emotiond/${id}/event`, { protocolVersion: version });
    const s = sink(id, { protocolVersion: version });
    await s.start();
    assert.ok(s.connected);
    const events = [1, 2, 3].map((i) => makeEvent(id, i));
    await Promise.all(events.map((e) => s.publishEvent(e)));
    for (const e of events) {
      const m = await sub.waitFor((x) => JSON.parse(x.payload).event_id === e.event_id);
      assert.equal(JSON.parse(m.payload), e);
      assert.is(m.qos, 1);
      assert.is(m.retain, false);
    }
    await sub.close();
  });
}

it('online is retained: a subscriber that connects later still sees it', async () => {
  const s = sink('late');
  await s.start();
  assert.ok(s.connected, 'start() resolves connected when the broker is up');
  const sub = await subscribe(broker.url, 'emotiond/late/availability');
  const m = await sub.waitFor((x) => x.payload === 'online');
  assert.ok(m.retain);
  await sub.close();
});

it('graceful stop publishes offline, retained', async () => {
  const s = new MqttSink({ url: broker.url, deviceId: 'bye', logger: () => {} });
  await s.start();
  const sub = await subscribe(broker.url, 'emotiond/bye/availability');
  await sub.waitFor((x) => x.payload === 'online');
  await s.stop();
  await sub.waitFor((x) => x.payload === 'offline', 2000);
  await sub.close();
  const later = await subscribe(broker.url, 'emotiond/bye/availability');
  assert.ok((await later.waitFor((x) => x.payload === 'offline')).retain);
  await later.close();
  const err = await s.publishEvent(makeEvent('bye', 1)).then(() => undefined, (e: unknown) => e);
  assert.instance(err, EmotiondError);
  assert.is((err as EmotiondError).code, 'BROKER');
});

it('last will: SIGKILL of the sink process gives offline promptly', async () => {
  await assertWillOnSigkill(broker.url, 'crash', 5);
});

it('online is published again on every reconnect', async () => {
  const s = sink('again');
  await s.start();
  // Overwrite the retained state behind the sink's back: only a fresh `online` from its
  // next connect can put it back (the broker persists `offline` across the restart).
  const writer = connect(broker.url);
  await new Promise((r) => writer.once('connect', r));
  await writer.publishAsync('emotiond/again/availability', 'offline', { qos: 1, retain: true });
  await writer.endAsync();
  await broker.restart();
  const sub = await subscribe(broker.url, 'emotiond/again/availability');
  await sub.waitFor((x) => x.payload === 'online', 5000);
  assert.ok(s.connected);
  await sub.close();
});

test.run();
