// Home Assistant discovery payloads, checked as Home Assistant reads them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { discoveryMessages } from '../../../daemon/sinks/discovery.ts';
import { discoveryTopics, topicsFor } from '../../../daemon/sinks/topics.ts';

const msgs = discoveryMessages({
  deviceId: 'kiosk-1',
  name: 'Kiosk',
  topics: topicsFor('kiosk-1'),
  discovery: discoveryTopics('kiosk-1'),
  classes: ['anger', 'happiness', 'neutral'],
  model: 'emotion',
  swVersion: '0.1.0',
});
const byTopic = new Map(msgs.map(([t, p]) => [t, JSON.parse(p)]));

test('topics: one node per device, homeassistant/status for restarts', () => {
  const d = discoveryTopics('kiosk-1', 'ha');
  assert.is(d.status, 'ha/status');
  assert.is(d.emotion, 'ha/sensor/emotiond_kiosk-1/emotion/config');
  assert.is(d.mute, 'ha/switch/emotiond_kiosk-1/mute/config');
  assert.equal(msgs.map(([t]) => t), [
    'homeassistant/sensor/emotiond_kiosk-1/emotion/config',
    'homeassistant/sensor/emotiond_kiosk-1/arousal/config',
    'homeassistant/sensor/emotiond_kiosk-1/valence/config',
    'homeassistant/switch/emotiond_kiosk-1/mute/config',
  ]);
});

test('every entity: unique id, one shared device, state and availability topics', () => {
  const ids = new Set<string>();
  for (const p of byTopic.values()) {
    ids.add(p.unique_id);
    assert.equal(p.device.identifiers, ['emotiond_kiosk-1']);
    assert.is(p.device.name, 'Kiosk');
    assert.is(p.state_topic, 'emotiond/kiosk-1/state');
    assert.is(p.availability_topic, 'emotiond/kiosk-1/availability');
    assert.is(p.payload_available, 'online');
    assert.is(p.payload_not_available, 'offline');
  }
  assert.is(ids.size, 4);
});

test('the emotion sensor is an enum of the model classes; arousal/valence are measurements', () => {
  const e = byTopic.get('homeassistant/sensor/emotiond_kiosk-1/emotion/config');
  assert.is(e.device_class, 'enum');
  assert.equal(e.options, ['anger', 'happiness', 'neutral']);
  assert.is(e.value_template, '{{ value_json.emotion }}');
  const a = byTopic.get('homeassistant/sensor/emotiond_kiosk-1/arousal/config');
  assert.is(a.state_class, 'measurement');
  assert.is(a.value_template, '{{ value_json.arousal }}');
});

test('the mute switch commands the set topic with payloads the daemon accepts', () => {
  const m = byTopic.get('homeassistant/switch/emotiond_kiosk-1/mute/config');
  assert.is(m.command_topic, 'emotiond/kiosk-1/set');
  assert.equal(JSON.parse(m.payload_on), { mute: true });
  assert.equal(JSON.parse(m.payload_off), { mute: false });
  assert.is(m.state_on, 'ON');
});

test.run();
