// Home Assistant MQTT discovery: one device with an `enum` emotion sensor, arousal and
// valence sensors and a mute switch, all reading the retained state topic and following
// the availability topic. Pure: payloads are built here and published by the owner.
import type { DiscoveryTopics, Topics } from './topics.ts';

export interface DiscoveryInput {
  deviceId: string;
  /** Human name of the device in Home Assistant. */
  name: string;
  topics: Topics;
  discovery: DiscoveryTopics;
  /** The model's classes: the enum sensor's options. */
  classes: readonly string[];
  model: string;
  swVersion: string;
}

/** Topic -> retained JSON payload, in the order they should be published. */
export function discoveryMessages(d: DiscoveryInput): [topic: string, payload: string][] {
  const uid = `emotiond_${d.deviceId}`;
  const common = {
    availability_topic: d.topics.availability,
    payload_available: 'online',
    payload_not_available: 'offline',
    state_topic: d.topics.state,
    device: {
      identifiers: [uid],
      name: d.name,
      manufacturer: 'emotiond',
      model: `speech emotion (${d.model})`,
      sw_version: d.swVersion,
    },
  };
  const entity = (object: string, extra: Record<string, unknown>) => ({
    ...common,
    unique_id: `${uid}_${object}`,
    ...extra,
  });
  const dimension = (key: 'arousal' | 'valence', icon: string) =>
    entity(key, {
      name: key[0].toUpperCase() + key.slice(1),
      value_template: `{{ value_json.${key} }}`,
      state_class: 'measurement',
      suggested_display_precision: 2,
      icon,
    });
  return [
    [
      d.discovery.emotion,
      entity('emotion', {
        name: 'Emotion',
        device_class: 'enum',
        options: [...d.classes],
        // null (no reading yet, or muted) renders as "None", which Home Assistant shows as unknown.
        value_template: '{{ value_json.emotion }}',
        json_attributes_topic: d.topics.state,
        icon: 'mdi:emoticon-outline',
      }),
    ],
    [d.discovery.arousal, dimension('arousal', 'mdi:lightning-bolt')],
    [d.discovery.valence, dimension('valence', 'mdi:plus-minus-variant')],
    [
      d.discovery.mute,
      entity('mute', {
        name: 'Mute',
        command_topic: d.topics.set,
        payload_on: '{"mute":true}',
        payload_off: '{"mute":false}',
        value_template: "{{ 'ON' if value_json.muted else 'OFF' }}",
        state_on: 'ON',
        state_off: 'OFF',
        icon: 'mdi:microphone-off',
      }),
    ],
  ].map(([topic, payload]) => [topic as string, JSON.stringify(payload)]);
}
