// Every MQTT topic the daemon uses is built here and nowhere else, so a renamed topic
// is one edit and the device id is checked once, before it can leak into a filter.
import type { EmotionEvent, Summary } from '../core/types.ts';
import { EmotiondError } from '../core/errors.ts';

export const DEFAULT_TOPIC_PREFIX = 'emotiond';

/** What the retained availability topic carries: the last will says `offline`. */
export type Availability = 'online' | 'offline';

/**
 * What the capture is doing, as the state says it: `listening`, `muted`, `stalled` (no audio
 * for a while: a dead or unplugged device) or `stopped` (the last state of a clean stop; after
 * a crash the state keeps its last value while availability turns `offline`).
 */
export type CaptureState = 'listening' | 'muted' | 'stalled' | 'stopped';

/** The retained state message: the smoothed mood and whether the device listens. */
export interface StatePayload {
  /**
   * null while there is no reading: at start, while muted or stalled, after `events.state_expire_s`
   * without speech. Never 0 for "nothing": Home Assistant renders null as `None` (unknown).
   */
  emotion: string | null;
  confidence: number | null;
  arousal: number | null;
  valence: number | null;
  /** When `emotion` became the state, or when the reading ended (ISO 8601, UTC). */
  since: string;
  muted: boolean;
  capture: CaptureState;
}

/** Payload type of each topic, keyed by the builder's name. `set` is parsed by commands.ts. */
export interface TopicPayloads {
  event: EmotionEvent;
  availability: Availability;
  state: StatePayload;
  set: string;
  response: CommandResponse;
  summary: SummaryPayload;
  diagnostics: DiagnosticsPayload;
  hello: HelloPayload;
}

export interface Topics {
  event: string;
  availability: string;
  state: string;
  set: string;
  /** Answers to commands (MQTT 5 requests may name another response topic). */
  response: string;
  /** Retained room summary, every `summary.interval_s`. */
  summary: string;
  /** Retained health of the device: capture, last event, model, events in the last hour. */
  diagnostics: string;
  /** Not retained: each process says who it is on connect, to find two devices with one id. */
  hello: string;
}

/** The answer to one command on the set topic. */
export interface CommandResponse {
  ok: boolean;
  /** The command as understood (`mute`, `unmute`, `reload`), absent when it was not understood. */
  command?: string;
  /** Why it was refused. */
  error?: string;
  /** The state after a mute/unmute. */
  muted?: boolean;
  /** Echo of the request's `correlation_data` (MQTT 3.1.1; MQTT 5 gets the property too). */
  correlation_data?: string;
}

/** Speech over one interval (summary.ts computes it). */
export interface SummaryPayload extends Summary {
  device_id: string;
  /** Stream positions (seconds since start) the interval covers; utterances count where they end. */
  from_s: number;
  to_s: number;
  interval_s: number;
  /** When it was made (ISO 8601, UTC). */
  timestamp: string;
}

export interface DiagnosticsPayload {
  capture: CaptureState;
  /** Time of the last final event (ISO 8601), null before the first. */
  last_event: string | null;
  model: string;
  events_last_hour: number;
  sw_version: string;
}

export interface HelloPayload {
  /** Random per process: a hello with another instance on our topic is a second device with our id. */
  instance: string;
  host: string;
  pid: number;
}

// `+` and `#` are wildcards and `/` a level separator: any of them in an id would make
// our topics match (or subscribe to) other devices' topics. NUL is forbidden by MQTT.
const FORBIDDEN = /[+#/\u0000]/;

/** Throws EmotiondError('CONFIG_INVALID') unless `id` is usable as one topic level. */
export function validateDeviceId(id: string): string {
  if (typeof id !== 'string' || id.length === 0) {
    throw new EmotiondError('CONFIG_INVALID', 'device_id must be a non-empty string');
  }
  if (FORBIDDEN.test(id)) {
    throw new EmotiondError(
      'CONFIG_INVALID',
      `device_id ${JSON.stringify(id)} must not contain '+', '#', '/' or NUL`,
    );
  }
  return id;
}

export function validatePrefix(prefix: string): string {
  // A prefix may span several levels ("home/emotiond") but no wildcards or empty levels.
  if (
    prefix.length === 0 ||
    /[+#\u0000]/.test(prefix) ||
    prefix.split('/').some((level) => level.length === 0)
  ) {
    throw new EmotiondError(
      'CONFIG_INVALID',
      `topic prefix ${JSON.stringify(prefix)} must be non-empty, without '+', '#' or empty levels`,
    );
  }
  return prefix;
}

export function build(prefix: string, deviceId: string, leaf: keyof Topics): string {
  return `${validatePrefix(prefix)}/${validateDeviceId(deviceId)}/${leaf}`;
}

export function eventTopic(deviceId: string, prefix = DEFAULT_TOPIC_PREFIX): string {
  return build(prefix, deviceId, 'event');
}

export function availabilityTopic(deviceId: string, prefix = DEFAULT_TOPIC_PREFIX): string {
  return build(prefix, deviceId, 'availability');
}

export function stateTopic(deviceId: string, prefix = DEFAULT_TOPIC_PREFIX): string {
  return build(prefix, deviceId, 'state');
}

export function setTopic(deviceId: string, prefix = DEFAULT_TOPIC_PREFIX): string {
  return build(prefix, deviceId, 'set');
}

/** All of one device's topics at once. */
export function topicsFor(deviceId: string, prefix = DEFAULT_TOPIC_PREFIX): Topics {
  return {
    event: eventTopic(deviceId, prefix),
    availability: availabilityTopic(deviceId, prefix),
    state: stateTopic(deviceId, prefix),
    set: setTopic(deviceId, prefix),
    response: build(prefix, deviceId, 'response'),
    summary: build(prefix, deviceId, 'summary'),
    diagnostics: build(prefix, deviceId, 'diagnostics'),
    hello: build(prefix, deviceId, 'hello'),
  };
}

/** Home Assistant announces its restarts on `<discovery prefix>/status` unless told otherwise. */
export const HA_STATUS_TOPIC_SUFFIX = 'status';

/** Every entity the daemon announces, by object id: component and where its config goes. */
export const ENTITY_COMPONENTS = {
  emotion: 'sensor',
  arousal: 'sensor',
  valence: 'sensor',
  utterance: 'event',
  mute: 'switch',
  reload: 'button',
  capture_problem: 'binary_sensor',
  capture: 'sensor',
  last_event: 'sensor',
  model: 'sensor',
  events_per_hour: 'sensor',
  engagement: 'sensor',
  dominant_emotion: 'sensor',
  speech_time: 'sensor',
} as const;
export type EntityId = keyof typeof ENTITY_COMPONENTS;

export interface DiscoveryTopics {
  /** Where Home Assistant says `online` after it (re)starts. */
  status: string;
  /** `<prefix>/<component>/<node>/<object>/config` of every entity. */
  configs: Record<EntityId, string>;
}

/**
 * Home Assistant discovery config topics, `<prefix>/<component>/<node>/<object>/config`,
 * one node per device so two devices never overwrite each other's entities.
 */
export function discoveryTopics(deviceId: string, discoveryPrefix = 'homeassistant', statusTopic?: string): DiscoveryTopics {
  const node = `emotiond_${validateDeviceId(deviceId)}`;
  const p = validatePrefix(discoveryPrefix);
  const configs = {} as Record<EntityId, string>;
  for (const [id, component] of Object.entries(ENTITY_COMPONENTS)) configs[id as EntityId] = `${p}/${component}/${node}/${id}/config`;
  return { status: statusTopic ? validatePrefix(statusTopic) : `${p}/${HA_STATUS_TOPIC_SUFFIX}`, configs };
}
