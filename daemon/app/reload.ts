// Reloading the config (SIGHUP, or `{"reload": true}` on the set topic) without dropping the
// audio stream. Everything that can fail (reading the file, loading the model and the VAD,
// reading TLS files, binding a new embedded broker) is done first; only if all of it works
// is the running daemon switched over, else it goes on exactly as before and says why.
import { EmotiondError, errorMessage } from '../core/errors.ts';
import type { Config } from '../config/schema.ts';
import { configuredBackends } from '../config/stage-backends.ts';
import type { Logger } from '../log/logger.ts';
import type { HttpEndpoints } from '../log/http-server.ts';
import { createDetector } from '../vad/create-detector.ts';
import type { SpeechDetector } from '../vad/speech-detector.ts';
import type { EmbeddedBroker } from '../sinks/embedded-broker.ts';
import type { PublisherSettings } from '../sinks/mqtt-publisher.ts';
import { checkBrokerUrl } from '../sinks/mqtt-util.ts';
import { openHttp, startBroker, type DaemonParts } from './daemon-parts.ts';
import type { StatusServer } from '../log/http-server.ts';
import { loadModelStages, type ModelStages } from './model-stages.ts';
import { changedSections, publisherSettings, smoothingOptions } from './stage-settings.ts';
import { resolvePath } from './resolve-path.ts';

/** Sections that only a restart can change: the audio stream and where the outbox lives. */
const RESTART_ONLY = ['source', 'state_dir'] as const;

export interface ReloadContext {
  log: Logger;
  loadConfig?: () => Config;
  endpoints: HttpEndpoints;
}

/** True when `next` would listen exactly where the running status server does (or neither listens). */
function sameListener(old: Config, next: Config): boolean {
  if (!old.http.enabled || !next.http.enabled) return !next.http.enabled;
  return old.http.host === next.http.host && old.http.port === next.http.port && next.http.port !== 0;
}

export async function reloadDaemon(parts: DaemonParts, ctx: ReloadContext): Promise<boolean> {
  const { log } = ctx;
  if (!ctx.loadConfig) {
    log('warn', 'reload asked, but the daemon was started without a config file: nothing to read again', { stage: 'config' });
    return false;
  }
  const old = parts.config;
  let next: Config;
  try {
    next = ctx.loadConfig();
  } catch (err) {
    log('error', `reload failed, the running config stays: ${errorMessage(err)}`, { stage: 'config', code: (err as EmotiondError).code });
    return false;
  }
  for (const key of RESTART_ONLY) {
    if (JSON.stringify(old[key]) !== JSON.stringify(next[key])) {
      log('warn', `reload: a change of ${key} needs a restart; the running ${key} stays`, { stage: 'config' });
      next = { ...next, [key]: old[key] };
    }
  }
  const changed = changedSections(old, next);
  const brokerMoves = old.mqtt.url !== next.mqtt.url || old.mqtt.embedded_port !== next.mqtt.embedded_port;

  let stages: ModelStages | undefined;
  let detector: SpeechDetector | undefined;
  let broker: EmbeddedBroker | null = null;
  let http: StatusServer | null = null;
  let settings: PublisherSettings;
  const httpMoves = changed.includes('http');
  try {
    // The model is loaded again even under the same path: a new file may have been put there.
    stages = await loadModelStages(next, configuredBackends(next), (m) => log('warn', m, { stage: 'model' }), { streams: true });
    if (changed.includes('vad')) {
      const made = await createDetector(next.vad, resolvePath);
      detector = made.detector;
      if (made.fallbackReason) throw new EmotiondError('MODEL_INVALID', made.fallbackReason);
    }
    if (brokerMoves) broker = await startBroker(next, log);
    const url = brokerMoves ? (broker?.url ?? next.mqtt.url) : parts.brokerUrl;
    checkBrokerUrl(url);
    settings = publisherSettings(next, url, brokerMoves ? !!broker : !!parts.broker, stages.classifier.meta);
    // The new status server is bound before the old one goes: a busy port fails the reload
    // here, and /healthz and /metrics stay where they were. (The same port on the same host
    // cannot be bound twice: such a change stops the old one first, below.)
    if (httpMoves && !sameListener(old, next)) http = await openHttp(next, ctx.endpoints, log);
  } catch (err) {
    await stages?.classifier.dispose().catch(() => undefined);
    await stages?.extractor.dispose().catch(() => undefined);
    await detector?.scorer.dispose().catch(() => undefined);
    await broker?.close();
    await http?.stop();
    log('error', `reload failed, the running config and model stay: ${errorMessage(err)}`, {
      stage: 'config',
      code: (err as EmotiondError).code,
    });
    return false;
  }

  const oldMeta = parts.stages.classifier.meta;
  parts.config = next;
  const fresh = stages;
  await parts.betweenSegments(async () => {
    const previous = parts.stages;
    parts.stages = fresh;
    await previous.classifier.dispose();
    await previous.extractor.dispose();
  });
  if (detector) await parts.runner.replace(detector);
  parts.smoother.configure(smoothingOptions(next.events));
  const metaChanged = JSON.stringify([oldMeta.name, oldMeta.classes]) !== JSON.stringify([fresh.classifier.meta.name, fresh.classifier.meta.classes]);
  // Discovery payloads also carry the privacy mode, expire_after, the summary interval and the status page URL.
  const announcedChanged = ['mqtt', 'device_id', 'privacy', 'events', 'summary', 'http'].some((k) => changed.includes(k));
  if (announcedChanged || metaChanged) {
    await parts.publisher.reconfigure(settings);
    if (brokerMoves) {
      await parts.broker?.close();
      parts.broker = broker;
      parts.brokerUrl = settings.sink.url;
    }
  }
  if (httpMoves) {
    if (sameListener(old, next)) {
      // Only `enabled` changed, or nothing the listener depends on: the same port and host.
      // A new token applies to the running server from the next request.
      if (!next.http.enabled) {
        await parts.http?.stop();
        parts.http = null;
      } else {
        parts.http?.setToken(next.http.token);
      }
    } else {
      await parts.http?.stop();
      parts.http = http;
    }
  }
  log('info', 'config reloaded', { stage: 'config', changed, vad: parts.runner.engine, model: fresh.classifier.meta.name });
  return true;
}
