// Home Assistant discovery payloads, checked as Home Assistant reads them (the full check
// against each platform's keys and the rendered templates is test/e2e/home-assistant.test.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { discoveryMessages, type DiscoveryInput } from '../../../daemon/sinks/discovery.ts';
import { discoveryTopics, topicsFor } from '../../../daemon/sinks/topics.ts';

const input = (extra: Partial<DiscoveryInput> = {}): DiscoveryInput => ({
  deviceId: 'kiosk-1',
  name: 'Kiosk',
  topics: topicsFor('kiosk-1'),
  discovery: discoveryTopics('kiosk-1'),
  classes: ['anger', 'happiness', 'neutral'],
  model: 'emotion',
  swVersion: '0.1.0',
  configurationUrl: 'http://127.0.0.1:9464/',
  expireAfterS: 300,
  summaryIntervalS: 60,
  publish: 'all',
  ...extra,
});
const msgs = discoveryMessages(input());
const byTopic = new Map(msgs.map(([t, p]) => [t, JSON.parse(p)]));
const cfg = (component: string, object: string) => byTopic.get(`homeassistant/${component}/emotiond_kiosk-1/${object}/config`);

test('topics: one node per device, homeassistant/status for restarts (or the configured topic)', () => {
  const d = discoveryTopics('kiosk-1', 'ha');
  assert.is(d.status, 'ha/status');
  assert.is(discoveryTopics('kiosk-1', 'ha', 'hass/status').status, 'hass/status');
  assert.is(d.configs.emotion, 'ha/sensor/emotiond_kiosk-1/emotion/config');
  assert.is(d.configs.utterance, 'ha/event/emotiond_kiosk-1/utterance/config');
  assert.is(d.configs.reload, 'ha/button/emotiond_kiosk-1/reload/config');
  assert.is(d.configs.capture_problem, 'ha/binary_sensor/emotiond_kiosk-1/capture_problem/config');
  assert.is(msgs.length, 14);
});

test('every entity: unique id, one device block with the product, model id and status page, origin, availability', () => {
  const ids = new Set<string>();
  for (const p of byTopic.values()) {
    ids.add(p.unique_id);
    assert.equal(p.device, {
      identifiers: ['emotiond_kiosk-1'],
      name: 'Kiosk',
      manufacturer: 'emotiond',
      model: 'emotiond speech emotion sensor',
      model_id: 'emotion',
      sw_version: '0.1.0',
      configuration_url: 'http://127.0.0.1:9464/',
    });
    assert.equal(p.origin, { name: 'emotiond', sw_version: '0.1.0' });
    assert.is(p.availability_topic, 'emotiond/kiosk-1/availability');
  }
  assert.is(ids.size, 14);
});

test('state sensors expire with the state; the event entity takes the model classes', () => {
  const e = cfg('sensor', 'emotion');
  assert.is(e.device_class, 'enum');
  assert.equal(e.options, ['anger', 'happiness', 'neutral']);
  assert.is(e.expire_after, 300);
  assert.is(cfg('sensor', 'arousal').expire_after, 300);
  assert.is(discoveryMessages(input({ expireAfterS: 0 })).some(([, p]) => p.includes('"expire_after":300')), false);
  const ev = cfg('event', 'utterance');
  assert.is(ev.state_topic, 'emotiond/kiosk-1/event');
  assert.equal(ev.event_types, ['anger', 'happiness', 'neutral']);
});

test('mute switch sends ON/OFF; reload button; diagnostics are diagnostic', () => {
  const m = cfg('switch', 'mute');
  assert.is(m.command_topic, 'emotiond/kiosk-1/set');
  assert.equal([m.payload_on, m.payload_off], ['ON', 'OFF']);
  assert.equal(JSON.parse(cfg('button', 'reload').payload_press), { reload: true });
  for (const [c, o] of [['binary_sensor', 'capture_problem'], ['sensor', 'capture'], ['sensor', 'last_event'], ['sensor', 'model'], ['sensor', 'events_per_hour']]) {
    assert.is(cfg(c, o).entity_category, 'diagnostic', o);
    assert.is(cfg(c, o).state_topic, 'emotiond/kiosk-1/diagnostics', o);
  }
});

test('privacy: summaries removes the per-utterance entities, none the summaries too (empty retained configs)', () => {
  const gone = (publish: DiscoveryInput['publish']) =>
    discoveryMessages(input({ publish }))
      .filter(([, p]) => p === '')
      .map(([t]) => t.split('/')[3]);
  assert.equal(gone('all'), []);
  assert.equal(gone('summaries'), ['emotion', 'arousal', 'valence', 'utterance']);
  assert.equal(gone('none'), ['emotion', 'arousal', 'valence', 'utterance', 'engagement', 'dominant_emotion', 'speech_time']);
});

test.run();
