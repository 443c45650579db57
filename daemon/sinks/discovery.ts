// Home Assistant MQTT discovery: one device whose entities read the daemon's retained topics
// and follow its availability. Pure: payloads are built here and published by the owner.
//   state       -> Emotion (enum), Arousal, Valence sensors; Mute switch
//   event       -> Utterance event entity (final events only; windows are provisional)
//   summary     -> Engagement, Dominant emotion, Speech time sensors
//   diagnostics -> Capture (enum), Capture problem (binary), Last event, Model, Events per hour
//   set         <- Mute switch (ON/OFF), Reload button
// Entities that the privacy mode leaves out get an empty retained config, which removes
// them from Home Assistant if an earlier run had announced them.
import type { DiscoveryTopics, EntityId, Topics } from './topics.ts';

export type PublishMode = 'all' | 'summaries' | 'none';

export interface DiscoveryInput {
  deviceId: string;
  /** Human name of the device in Home Assistant. */
  name: string;
  topics: Topics;
  discovery: DiscoveryTopics;
  /** The model's classes: the enum sensor's options and the event entity's event types. */
  classes: readonly string[];
  /** The model's name (`model_id` of the device). */
  model: string;
  swVersion: string;
  /** The status page, when it is served (`configuration_url`). */
  configurationUrl?: string;
  /** The state sensors become unavailable after this long without a state message (0 = never). */
  expireAfterS: number;
  /** Seconds between summaries: their sensors expire after three missed ones. */
  summaryIntervalS: number;
  publish: PublishMode;
}

export const CAPTURE_STATES = ['listening', 'muted', 'stalled', 'stopped'] as const;

const PER_UTTERANCE: readonly EntityId[] = ['emotion', 'arousal', 'valence', 'utterance'];
const SUMMARY: readonly EntityId[] = ['engagement', 'dominant_emotion', 'speech_time'];

/** Which entities a privacy mode announces. */
export function announced(publish: PublishMode, id: EntityId): boolean {
  if (PER_UTTERANCE.includes(id)) return publish === 'all';
  if (SUMMARY.includes(id)) return publish !== 'none';
  return true;
}

/** Topic -> retained JSON payload ('' removes the entity), in the order they should be published. */
export function discoveryMessages(d: DiscoveryInput): [topic: string, payload: string][] {
  const uid = `emotiond_${d.deviceId}`;
  const t = d.topics;
  const common = {
    availability_topic: t.availability,
    payload_available: 'online',
    payload_not_available: 'offline',
    device: {
      identifiers: [uid],
      name: d.name,
      manufacturer: 'emotiond',
      model: 'emotiond speech emotion sensor',
      model_id: d.model,
      sw_version: d.swVersion,
      ...(d.configurationUrl ? { configuration_url: d.configurationUrl } : {}),
    },
    origin: { name: 'emotiond', sw_version: d.swVersion },
  };
  const expire = d.expireAfterS > 0 ? { expire_after: Math.ceil(d.expireAfterS) } : {};
  const diagnostic = { entity_category: 'diagnostic', state_topic: t.diagnostics };
  const summary = { state_topic: t.summary, expire_after: Math.ceil(3 * d.summaryIntervalS) };
  const dimension = (key: 'arousal' | 'valence', icon: string) => ({
    name: key[0].toUpperCase() + key.slice(1),
    state_topic: t.state,
    // null (no reading: at start, muted, stalled, expired) renders as "None": unknown, not 0.
    value_template: `{{ value_json.${key} }}`,
    state_class: 'measurement',
    suggested_display_precision: 2,
    icon,
    ...expire,
  });
  const entities: Record<EntityId, Record<string, unknown>> = {
    emotion: {
      name: 'Emotion',
      state_topic: t.state,
      device_class: 'enum',
      options: [...d.classes],
      value_template: '{{ value_json.emotion }}',
      json_attributes_topic: t.state,
      icon: 'mdi:emoticon-outline',
      ...expire,
    },
    arousal: dimension('arousal', 'mdi:lightning-bolt'),
    valence: dimension('valence', 'mdi:plus-minus-variant'),
    utterance: {
      name: 'Utterance',
      state_topic: t.event,
      event_types: [...d.classes],
      // Only final events fire it; a window event renders empty and Home Assistant ignores it.
      value_template:
        '{% if value_json.final %}{{ {"event_type": value_json.event_type, "confidence": value_json.confidence, ' +
        '"arousal": value_json.arousal, "valence": value_json.valence, "duration_s": value_json.duration_s, ' +
        '"utterance_id": value_json.utterance_id} | tojson }}{% endif %}',
      icon: 'mdi:account-voice',
    },
    mute: {
      name: 'Mute',
      state_topic: t.state,
      command_topic: t.set,
      payload_on: 'ON',
      payload_off: 'OFF',
      value_template: "{{ 'ON' if value_json.muted else 'OFF' }}",
      state_on: 'ON',
      state_off: 'OFF',
      icon: 'mdi:microphone-off',
    },
    reload: {
      name: 'Reload',
      command_topic: t.set,
      payload_press: '{"reload":true}',
      entity_category: 'config',
      icon: 'mdi:reload',
    },
    capture_problem: {
      name: 'Capture problem',
      ...diagnostic,
      device_class: 'problem',
      value_template: "{{ 'ON' if value_json.capture == 'stalled' else 'OFF' }}",
      payload_on: 'ON',
      payload_off: 'OFF',
    },
    capture: {
      name: 'Capture',
      ...diagnostic,
      device_class: 'enum',
      options: [...CAPTURE_STATES],
      value_template: '{{ value_json.capture }}',
      icon: 'mdi:microphone-settings',
    },
    last_event: {
      name: 'Last event',
      ...diagnostic,
      device_class: 'timestamp',
      value_template: '{{ value_json.last_event }}',
    },
    model: { name: 'Model', ...diagnostic, value_template: '{{ value_json.model }}', icon: 'mdi:brain' },
    events_per_hour: {
      name: 'Events per hour',
      ...diagnostic,
      value_template: '{{ value_json.events_last_hour }}',
      state_class: 'measurement',
      unit_of_measurement: 'events/h',
      icon: 'mdi:counter',
    },
    engagement: {
      name: 'Engagement',
      ...summary,
      value_template: '{{ value_json.engagement }}',
      state_class: 'measurement',
      suggested_display_precision: 2,
      icon: 'mdi:account-group',
    },
    dominant_emotion: {
      name: 'Dominant emotion',
      ...summary,
      device_class: 'enum',
      options: [...d.classes],
      value_template: '{{ value_json.dominant }}',
      json_attributes_topic: t.summary,
      icon: 'mdi:emoticon-happy-outline',
    },
    speech_time: {
      name: 'Speech time',
      ...summary,
      device_class: 'duration',
      unit_of_measurement: 's',
      state_class: 'measurement',
      value_template: '{{ value_json.speech_s }}',
    },
  };
  return (Object.keys(entities) as EntityId[]).map((id) => [
    d.discovery.configs[id],
    announced(d.publish, id) ? JSON.stringify({ ...common, unique_id: `${uid}_${id}`, ...entities[id] }) : '',
  ]);
}
