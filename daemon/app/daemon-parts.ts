// The parts of the running daemon that a reload may replace, and the two that start
// from config alone (embedded broker, status endpoints), shared by start and reload.
import { errorMessage } from '../core/errors.ts';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../log/logger.ts';
import { StatusServer, type HttpEndpoints } from '../log/http-server.ts';
import type { VadRunner } from '../vad/vad-runner.ts';
import type { EmotionSmoother } from '../events/smoothing.ts';
import type { MqttPublisher } from '../sinks/mqtt-publisher.ts';
import { startEmbeddedBroker, type EmbeddedBroker } from '../sinks/embedded-broker.ts';
import type { ModelStages } from './model-stages.ts';

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
  const broker = await startEmbeddedBroker({ host: '127.0.0.1', port: config.mqtt.embedded_port });
  log('info', 'embedded broker listening', { stage: 'sinks', url: broker.url });
  return broker;
}

export async function startHttp(config: Config, endpoints: HttpEndpoints, log: Logger): Promise<StatusServer | null> {
  if (!config.http.enabled) return null;
  const http = new StatusServer({ host: config.http.host, port: config.http.port }, endpoints);
  try {
    await http.start();
  } catch (err) {
    // Events matter more than the status page: run on without it.
    log('error', errorMessage(err), { stage: 'http' });
    return null;
  }
  log('info', 'status endpoints listening', { stage: 'http', url: `http://${config.http.host}:${http.port}/healthz` });
  return http;
}

