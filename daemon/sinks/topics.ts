// Every MQTT topic the daemon uses is built here and nowhere else, so a renamed topic
// is one edit and the device id is checked once, before it can leak into a filter.
import type { EmotionEvent } from '../core/types.ts';
import { EmotiondError } from '../core/errors.ts';

export const DEFAULT_TOPIC_PREFIX = 'emotiond';

/** What the retained availability topic carries: the last will says `offline`. */
export type Availability = 'online' | 'offline';

/** The retained state message: the smoothed mood and whether the device listens. */
export interface StatePayload {
  /** null while there is no confident reading (at start, after muting). */
  emotion: string | null;
  confidence: number;
  arousal: number;
  valence: number;
  /** When `emotion` became the state (ISO 8601, UTC). */
  since: string;
  muted: boolean;
}

/** Payload type of each topic, keyed by the builder's name. `set` is parsed by commands.ts. */
export interface TopicPayloads {
  event: EmotionEvent;
  availability: Availability;
  state: StatePayload;
  set: string;
}

export interface Topics {
  event: string;
  availability: string;
  state: string;
  set: string;
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

function validatePrefix(prefix: string): string {
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

function build(prefix: string, deviceId: string, leaf: keyof Topics): string {
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
  };
}

/** Home Assistant announces its restarts here (`online`): discovery is then sent again. */
export const HA_STATUS_TOPIC_SUFFIX = 'status';

export interface DiscoveryTopics {
  /** Where Home Assistant says `online` after it (re)starts. */
  status: string;
  emotion: string;
  arousal: string;
  valence: string;
  mute: string;
}

/**
 * Home Assistant discovery config topics, `<prefix>/<component>/<node>/<object>/config`,
 * one node per device so two devices never overwrite each other's entities.
 */
export function discoveryTopics(deviceId: string, discoveryPrefix = 'homeassistant'): DiscoveryTopics {
  const node = `emotiond_${validateDeviceId(deviceId)}`;
  const p = validatePrefix(discoveryPrefix);
  return {
    status: `${p}/${HA_STATUS_TOPIC_SUFFIX}`,
    emotion: `${p}/sensor/${node}/emotion/config`,
    arousal: `${p}/sensor/${node}/arousal/config`,
    valence: `${p}/sensor/${node}/valence/config`,
    mute: `${p}/switch/${node}/mute/config`,
  };
}
