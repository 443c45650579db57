// Config sections translated into the options of the stages. Pure (apart from reading the
// TLS files the config names), so start and reload build stages the same way.
import { hostname } from 'node:os';
import { statusPageOn, type Config } from '../config/schema.ts';
import type { ModelMeta } from '../core/types.ts';
import type { SmoothingOptions } from '../events/smoothing.ts';
import type { PublisherSettings } from '../sinks/mqtt-publisher.ts';
import { loadTls } from '../sinks/mqtt-tls.ts';

export const VERSION = '0.1.0';

export function publisherSettings(config: Config, brokerUrl: string, embedded: boolean, meta: ModelMeta): PublisherSettings {
  const m = config.mqtt;
  return {
    sink: {
      url: brokerUrl,
      deviceId: config.device_id,
      topicPrefix: m.topic_prefix,
      clientId: m.client_id,
      username: m.username,
      password: m.password,
      // The embedded broker speaks MQTT 3.1.1 only.
      protocolVersion: embedded ? 4 : m.protocol_version,
      tls: embedded ? undefined : loadTls(m.tls),
      keepaliveS: m.keepalive_s,
      reconnectMaxMs: m.reconnect_max_s * 1000,
    },
    discovery: m.discovery.enabled
      ? {
          prefix: m.discovery.prefix,
          statusTopic: m.discovery.status_topic,
          name: m.discovery.name ?? config.device_id,
          classes: meta.classes,
          model: meta.name,
          swVersion: VERSION,
          configurationUrl: statusPageUrl(config),
          expireAfterS: config.events.state_expire_s,
          summaryIntervalS: config.summary.interval_s,
          publish: config.privacy.publish,
        }
      : undefined,
    window: m.outbox.window,
  };
}

/** Where the status page is, for Home Assistant's device page; undefined when not served or on an unknown port. */
export function statusPageUrl(config: Config): string | undefined {
  const h = config.http;
  if (!h.enabled || !statusPageOn(h)) return undefined;
  if (h.public_url) return h.public_url;
  if (h.port === 0) return undefined;
  const host = h.host === '0.0.0.0' || h.host === '::' ? hostname() : h.host.includes(':') ? `[${h.host}]` : h.host;
  return `http://${host}:${h.port}/`;
}

export function smoothingOptions(e: Config['events']): SmoothingOptions {
  return {
    expireS: e.state_expire_s,
    window: e.smoothing_window,
    maxAgeS: e.smoothing_max_age_s,
    minConfidence: e.min_confidence,
    switchMargin: e.switch_margin,
    dimensionStep: e.dimension_step,
  };
}

/** Which top-level sections differ, for the reload log and to rebuild only what changed. */
export function changedSections(a: Config, b: Config): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Config>;
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}
