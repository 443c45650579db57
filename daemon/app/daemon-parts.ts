// The parts of the running daemon that a reload may replace, how they are released, and
// the pieces that start from config alone (source, embedded broker, status endpoints).
import { EmotiondError, errorMessage } from '../core/errors.ts';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../log/logger.ts';
import { StatusServer, type HttpEndpoints } from '../log/http-server.ts';
import type { VadRunner } from '../vad/vad-runner.ts';
import type { EmotionSmoother } from '../events/smoothing.ts';
import type { MqttPublisher } from '../sinks/mqtt-publisher.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from '../sinks/embedded-broker.ts';
import type { AudioSource } from '../core/types.ts';
import { FileSource } from '../audio/file-source.ts';
import { PortAudioSource } from '../audio/portaudio-source.ts';
import { findInputDevice } from '../audio/devices.ts';
import type { MetricsRegistry } from '../log/metrics.ts';
import type { ModelStages } from './model-stages.ts';
import type { LiveStatus } from './live-status.ts';
import { resolvePath } from './resolve-path.ts';

/** Everything a reload may replace, held in one place. */
export interface DaemonParts {
  config: Config;
  stages: ModelStages;
  runner: VadRunner;
  publisher: MqttPublisher;
  smoother: EmotionSmoother;
  broker: EmbeddedBroker | null;
  brokerUrl: string;
  http: StatusServer | null;
  /** Runs `fn` between two classifications (model swaps). */
  betweenSegments(fn: () => Promise<void>): Promise<void>;
}

export async function startBroker(config: Config, log: Logger): Promise<EmbeddedBroker | null> {
  if (config.mqtt.url !== 'embedded') return null;
  const broker = await startEmbeddedBroker({ host: '127.0.0.1', port: config.mqtt.embedded_port, freePortIfTaken: true });
  if (broker.takenPort !== undefined) {
    log('warn', `port ${broker.takenPort} is taken (another MQTT broker, such as Debian's mosquitto?): the embedded broker listens on ${broker.port} instead; to publish to the broker on ${broker.takenPort}, set mqtt.url: mqtt://127.0.0.1:${broker.takenPort}`, { stage: 'sinks' });
  }
  log('info', 'embedded broker listening', { stage: 'sinks', url: broker.url });
  return broker;
}

export async function startHttp(config: Config, endpoints: HttpEndpoints, log: Logger): Promise<StatusServer | null> {
  try {
    return await openHttp(config, endpoints, log);
  } catch (err) {
    // Events matter more than the status page: run on without it.
    log('error', errorMessage(err), { stage: 'http' });
    return null;
  }
}

/** Like startHttp, but a port that cannot be bound throws (a reload keeps the running server then). */
export async function openHttp(config: Config, endpoints: HttpEndpoints, log: Logger): Promise<StatusServer | null> {
  if (!config.http.enabled) return null;
  const http = new StatusServer({ host: config.http.host, port: config.http.port, token: config.http.token }, endpoints);
  await http.start();
  log('info', 'status endpoints listening', { stage: 'http', url: `http://${hostInUrl(config.http.host)}:${http.port}/${endpoints.page ? '' : 'healthz'}` });
  return http;
}

/** An IPv6 address in a URL goes in brackets (RFC 3986): http://[::1]:9464/. */
export const hostInUrl = (host: string): string => (host.includes(':') ? `[${host}]` : host);

/**
 * Fails at once, with the device error alone, when live capture has no device to open: before
 * the model, broker and status endpoints start and log, so that a machine without a
 * microphone gets one line saying so rather than a start-up log ending in it.
 */
export async function checkCaptureDevice(config: Config): Promise<void> {
  const s = config.source;
  if (s.type !== 'portaudio') return;
  try {
    await findInputDevice(s.device);
  } catch (err) {
    throw new EmotiondError('DEVICE', `cannot capture audio: ${errorMessage(err)}`, { cause: err });
  }
}

export function createSource(config: Config): AudioSource {
  const s = config.source;
  if (s.type === 'file') return new FileSource({ path: resolvePath(s.path), speed: s.speed, gapS: s.gap_s, loop: s.loop });
  return new PortAudioSource({ device: s.device, sampleRate: s.sample_rate, channels: s.channels });
}

/** Releases everything after the publisher has stopped, in reverse order of start. */
export async function releaseParts(parts: DaemonParts): Promise<void> {
  await parts.broker?.close();
  await parts.http?.stop();
  await parts.runner.dispose();
  await parts.stages.classifier.dispose();
  await parts.stages.extractor.dispose();
}

/** No audio for this long (while not muted) makes /healthz say 503. */
export const AUDIO_STALE_S = 10;

export function statusEndpoints(
  parts: DaemonParts,
  registry: MetricsRegistry,
  now: () => { muted: boolean; stopping: boolean; lastAudioAt: number; capture: string },
  live?: LiveStatus,
): HttpEndpoints {
  return {
    page: live && { html: live.html, feed: live.feed, snapshot: () => live.snapshot() },
    health: () => {
      const { muted, stopping, lastAudioAt } = now();
      const audioAgeS = (performance.now() - lastAudioAt) / 1000;
      // Events are at risk while the outbox cannot be written (disk full, I/O error).
      const outboxFault = parts.publisher.outboxFault;
      return {
        ok: !stopping && (muted || audioAgeS < AUDIO_STALE_S) && !outboxFault,
        muted,
        capture: now().capture,
        audio_age_s: Number(audioAgeS.toFixed(3)),
        vad: parts.runner.engine,
        mqtt_connected: parts.publisher.connected,
        outbox_depth: parts.publisher.depth,
        ...(outboxFault ? { outbox_fault: { code: outboxFault.code, since: outboxFault.since, message: outboxFault.message } } : {}),
        uptime_s: Math.round(process.uptime()),
      };
    },
    metrics: () => registry.render(),
  };
}
