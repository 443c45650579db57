// The composition root of `emotiond run`: builds every stage from the config, wires
// them in the order the data flows (source -> vad -> features -> model -> events -> sinks),
// and stops them in reverse. The only module that imports several stages.
import type { AudioSource, Classifier, EmotionEvent, FeatureExtractor, SpeechSegment } from '../core/types.ts';
import { EmotiondError, errorMessage } from '../core/errors.ts';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../log/logger.ts';
import { FileSource } from '../audio/file-source.ts';
import { PortAudioSource } from '../audio/portaudio-source.ts';
import { EnergyVad } from '../vad/energy-vad.ts';
import { createFeatureExtractor } from '../features/extractor.ts';
import { loadClassifier } from '../model/onnx-classifier.ts';
import { buildEvent } from '../events/build-event.ts';
import { MqttSink } from '../sinks/mqtt-sink.ts';
import { startEmbeddedBroker } from '../sinks/embedded-broker.ts';
import { resolvePath } from './resolve-path.ts';

export interface DaemonStats {
  segments: number;
  events: number;
  errors: number;
}

export interface RunningDaemon {
  /** The broker the daemon publishes to (the embedded one's loopback URL when embedded). */
  brokerUrl: string;
  stats: DaemonStats;
  /** Resolves once the daemon has stopped, by stop() or because a file source ended. */
  done: Promise<void>;
  stop(reason?: string): Promise<void>;
}

export interface DaemonHooks {
  log: Logger;
  /** Called with every event after it is handed to the sinks (printing, tests). */
  onEvent?: (event: EmotionEvent) => void;
}

/** Loads the model and the extractor and checks they agree, before anything connects. */
export async function loadModelStages(config: Config): Promise<{ extractor: FeatureExtractor; classifier: Classifier }> {
  const classifier = await loadClassifier(resolvePath(config.model.path));
  const extractor = await createFeatureExtractor();
  const want = classifier.meta.featureNames;
  const have = extractor.names;
  if (want.length !== have.length || want.some((n, i) => n !== have[i])) {
    const firstDiff = want.findIndex((n, i) => n !== have[i]);
    await classifier.dispose();
    throw new EmotiondError(
      'MODEL_INVALID',
      `model ${config.model.path} expects ${want.length} features but the extractor gives ${have.length}` +
        (firstDiff >= 0 ? ` (first difference at #${firstDiff}: model "${want[firstDiff]}", extractor "${have[firstDiff]}")` : '') +
        '; retrain the model (npm run train) or use the model built for this version',
    );
  }
  return { extractor, classifier };
}

function createSource(config: Config): AudioSource {
  const s = config.source;
  if (s.type === 'file') {
    return new FileSource({ path: resolvePath(s.path), speed: s.speed, gapS: s.gap_s, loop: s.loop });
  }
  return new PortAudioSource({ device: s.device, sampleRate: s.sample_rate, channels: s.channels });
}

export async function startDaemon(config: Config, hooks: DaemonHooks): Promise<RunningDaemon> {
  const { log } = hooks;
  const { extractor, classifier } = await loadModelStages(config);
  log('info', 'model loaded', { model: classifier.meta.name, classes: classifier.meta.classes, features: extractor.names.length });

  const broker =
    config.mqtt.url === 'embedded' ? await startEmbeddedBroker({ host: '127.0.0.1', port: config.mqtt.embedded_port }) : null;
  const brokerUrl = broker?.url ?? config.mqtt.url;
  if (broker) log('info', 'embedded broker listening', { url: broker.url });
  const sink = new MqttSink({
    url: brokerUrl,
    deviceId: config.device_id,
    topicPrefix: config.mqtt.topic_prefix,
    username: config.mqtt.username,
    password: config.mqtt.password,
    // The embedded broker speaks MQTT 3.1.1 only.
    protocolVersion: broker ? 4 : config.mqtt.protocol_version,
    logger: log,
  });
  await sink.start();

  const stats: DaemonStats = { segments: 0, events: 0, errors: 0 };
  const vad = new EnergyVad(config.vad);
  const pendingPublishes = new Set<Promise<unknown>>();
  let chain: Promise<void> = Promise.resolve();

  const classify = async (segment: SpeechSegment): Promise<void> => {
    stats.segments++;
    const features = extractor.extract(segment.samples);
    const prediction = await classifier.predict(features);
    const event = buildEvent(config.device_id, classifier.meta.name, segment, prediction);
    const p = sink.publishEvent(event).then(
      () => void stats.events++,
      (err) => {
        stats.errors++;
        log('error', 'publish failed', { stage: 'sinks', event_id: event.event_id, error: errorMessage(err) });
      },
    );
    pendingPublishes.add(p);
    void p.finally(() => pendingPublishes.delete(p));
    hooks.onEvent?.(event);
  };
  // Segments are classified one at a time, in order, off the audio callback.
  const enqueue = (segments: SpeechSegment[]) => {
    for (const seg of segments) {
      chain = chain.then(() => classify(seg)).catch((err) => {
        stats.errors++;
        log('error', 'segment dropped', { stage: 'model', start_s: seg.startS, error: errorMessage(err) });
      });
    }
  };

  const source = createSource(config);
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  let stopping: Promise<void> | null = null;

  const stop = (reason = 'stop requested'): Promise<void> => {
    stopping ??= (async () => {
      log('info', 'stopping', { reason });
      await source.stop().catch((err) => log('warn', 'source stop failed', { error: errorMessage(err) }));
      enqueue(vad.flush());
      await chain;
      await Promise.allSettled([...pendingPublishes]);
      await sink.stop();
      await broker?.close();
      await classifier.dispose();
      log('info', 'stopped', { ...stats });
      resolveDone();
    })();
    return stopping;
  };

  const started = source.start({
    onChunk: (chunk) => enqueue(vad.push(chunk)),
    onEnd: () => {
      // No more audio will come to end an open segment by silence: close it now.
      enqueue(vad.flush());
      if (config.source.type === 'file' && config.source.stop_at_end) void stop('source ended');
    },
    onError: (err) => log('error', 'audio source fault', { stage: 'audio', error: errorMessage(err) }),
  });
  try {
    await started;
  } catch (err) {
    // No audio (no device, no file): release what is already up, or the process would
    // linger on the broker connection after reporting the error.
    await sink.stop();
    await broker?.close();
    await classifier.dispose();
    throw err;
  }
  log('info', 'listening', { source: source.description, device_id: config.device_id, broker: brokerUrl });
  return { brokerUrl, stats, done, stop };
}
