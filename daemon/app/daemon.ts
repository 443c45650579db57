// The composition root of `emotiond run`: builds every stage from the config, wires them in
// the order the data flows (source -> vad -> features -> model -> events -> sinks), reloads
// them on request without touching the audio stream, and stops them in reverse.
// The only module that imports several stages (with reload.ts and its other helpers here).
import type { EmotionEvent, FeatureVector, Prediction, SpeechSegment } from '../core/types.ts';
import { DeviceAdaptation } from '../adapt/device-adaptation.ts';
import { SAMPLE_RATE } from '../core/types.ts';
import { errorMessage } from '../core/errors.ts';
import type { Config } from '../config/schema.ts';
import { configuredBackends } from '../config/stage-backends.ts';
import type { Logger } from '../log/logger.ts';
import { SdNotify } from '../log/sd-notify.ts';
import { createDetector } from '../vad/create-detector.ts';
import { VadRunner } from '../vad/vad-runner.ts';
import { buildEvent } from '../events/build-event.ts';
import { EmotionSmoother } from '../events/smoothing.ts';
import { statusPageOn } from '../config/schema.ts';
import { commandName } from '../sinks/commands.ts';
import { MqttPublisher } from '../sinks/mqtt-publisher.ts';
import { Outbox } from '../sinks/outbox.ts';
import { loadModelStages } from './model-stages.ts';
import { createDaemonMetrics } from './daemon-metrics.ts';
import { readMuted, writeMuted } from './mute-flag.ts';
import { checkCaptureDevice, createSource, releaseParts, startBroker, startHttp, statusEndpoints, type DaemonParts } from './daemon-parts.ts';
import { publisherSettings, smoothingOptions, VERSION } from './stage-settings.ts';
import { DaemonReports } from './daemon-reports.ts';
import { reloadDaemon } from './reload.ts';
import { Speculation } from './speculation.ts';
import { SegmentStreams, type StreamedFeatures } from './segment-streams.ts';
import type { VadSegment } from '../vad/segmenter.ts';
import { resolvePath } from './resolve-path.ts';
import { lockStateDir, type StateLock } from './state-lock.ts';
import { ReloadGate } from './reload-gate.ts';

/** Reloads are coalesced to at most one per second: each reads and compiles the model again. */
const RELOAD_MIN_INTERVAL_MS = 1000;

export { loadModelStages } from './model-stages.ts';

export interface DaemonStats {
  segments: number;
  /** Events acknowledged by the broker. */
  events: number;
  errors: number;
}

export interface RunningDaemon {
  /** The broker the daemon publishes to (the embedded one's loopback URL when embedded). */
  brokerUrl: string;
  stats: DaemonStats;
  /** Port of /healthz and /metrics, or null when they are off. */
  readonly httpPort: number | null;
  /** Resolves once the daemon has stopped, by stop() or because a file source ended. */
  done: Promise<void>;
  stop(reason?: string): Promise<void>;
  /** Reads the config again and applies it; on any fault keeps the running one. True if applied. */
  reload(): Promise<boolean>;
  setMuted(muted: boolean): Promise<void>;
}

export interface DaemonHooks {
  log: Logger;
  /** Called with every event as it is queued for the broker (printing, tests). */
  onEvent?: (event: EmotionEvent) => void;
  /** Reads the config again, for reloads; absent = reloads keep the running config. */
  loadConfig?: () => Config;
  /** Told when the config changed, so the caller can follow (log level, stdout). */
  onConfig?: (config: Config) => void;
  sd?: SdNotify;
}

/** A classification with the features it was made from (the adaptation learns from them). */
interface Classified {
  prediction: Prediction;
  features: FeatureVector;
}

export async function startDaemon(config: Config, hooks: DaemonHooks): Promise<RunningDaemon> {
  // Before anything reads or writes the state dir: one daemon per outbox.
  const lock = lockStateDir(config.state_dir);
  try {
    return await startLocked(config, hooks, lock);
  } catch (err) {
    lock.release();
    throw err;
  }
}

async function startLocked(config: Config, hooks: DaemonHooks, lock: StateLock): Promise<RunningDaemon> {
  const { log } = hooks;
  await checkCaptureDevice(config);
  const sd = hooks.sd ?? new SdNotify({ onError: (m) => log('warn', m, { stage: 'systemd' }) });
  const stats: DaemonStats = { segments: 0, events: 0, errors: 0 };
  let muted = await readMuted(config.state_dir);
  let stopping: Promise<void> | null = null;
  let lastAudioAt = performance.now();
  const closedAt = new Map<string, number>();

  const stages = await loadModelStages(config, configuredBackends(config), (m) => log('warn', m, { stage: 'model' }), {
    streams: true, info: (m) => log('info', m, { stage: 'features' }),
  });
  const adaptation = new DeviceAdaptation(config.state_dir, (err) => log('warn', err.message, { stage: 'model' }));
  if (config.model.adapt === 'running') {
    await adaptation.bind(stages.classifier.meta).catch(async (err) => {
      await stages.classifier.dispose();
      await stages.extractor.dispose();
      throw err;
    });
    log('info', 'adapting to the speech heard (model.adapt: running)', { stage: 'model', utterances: adaptation.seen });
  }
  log('info', 'model loaded', { stage: 'model', model: stages.classifier.meta.name, classes: stages.classifier.meta.classes });
  const { detector, fallbackReason } = await createDetector(config.vad, resolvePath);
  if (fallbackReason) log('error', `Silero VAD unavailable, using the energy VAD: ${fallbackReason}`, { stage: 'vad' });

  const metrics = createDaemonMetrics({
    outboxDepth: () => parts.publisher.depth,
    outboxDropped: () => parts.publisher.dropped,
    outboxWriteErrors: () => parts.publisher.outboxWriteErrors,
    outboxFaulty: () => parts.publisher.outboxFault !== null,
    mqttConnected: () => parts.publisher.connected,
    muted: () => muted,
    vadBacklogS: () => parts.runner.backlogS,
    summary: () => reports.lastSummary,
    build: () => ({ version: VERSION, model: parts.stages.classifier.meta.name }),
  });
  const fault = (stage: string, msg: string, err: unknown, fields: Record<string, unknown> = {}) => {
    stats.errors++;
    metrics.errors.inc(1, { stage });
    log('error', msg, { stage, error: errorMessage(err), ...fields });
  };

  let chain: Promise<void> = Promise.resolve();
  // State, diagnostics, summaries and the status page (daemon-reports.ts).
  const reports = new DaemonReports({ config, parts: () => parts, muted: () => muted, lastAudioAt: () => lastAudioAt, log });
  const live = reports.live;
  /**
   * `streamed`: the segment's features from its stream (segment-streams.ts), used when the
   * extractor that made them is still the running one; else they are computed here.
   */
  const adapting = () => parts.config.model.adapt === 'running';
  const predict = async (seg: SpeechSegment, streamed?: StreamedFeatures): Promise<Classified> => {
    const t0 = performance.now();
    const { extractor, classifier } = parts.stages;
    const ready = streamed?.owner === extractor ? streamed : undefined;
    metrics.features.inc(1, { path: ready ? 'stream' : 'segment' });
    const features = ready?.features ?? (await extractor.extract(seg.samples));
    const prediction = await classifier.predict(adapting() ? adaptation.map(features) : features);
    // The stream's share (its snapshot or end) ran when the VAD handed the segment out.
    metrics.classify.observe((performance.now() - t0) / 1000 + (ready?.seconds ?? 0));
    return { prediction, features };
  };
  const speculation = new Speculation<Classified>((outcome) => metrics.speculation.inc(1, { outcome }));
  /** `early`: the result computed during the hangover for this very segment, if any. */
  const classify = async (seg: SpeechSegment, early?: Promise<Classified>, streamed?: StreamedFeatures): Promise<void> => {
    const { prediction, features } = (await early?.catch(() => undefined)) ?? (await predict(seg, streamed));
    const { classifier } = parts.stages;
    const kind = seg.partial ? 'window' : 'segment';
    metrics.segments.inc(1, { kind });
    stats.segments++;
    if (muted) return; // muted while this was classified: it is forgotten too
    // Only a finished utterance teaches the adaptation, once (windows are parts of one).
    if (!seg.partial && adapting()) adaptation.learn(features);
    const final = !seg.partial;
    // Windows over speech still going on share the id of the final segment that supersedes them.
    const utteranceId = final ? reports.utterances.final() : reports.utterances.window();
    const event = buildEvent(parts.config.device_id, classifier.meta.name, seg, prediction, new Date(), utteranceId);
    // privacy.publish summaries/none: no per-utterance event leaves the process (no outbox, no stdout).
    if (parts.config.privacy.publish === 'all') {
      closedAt.set(event.event_id, seg.closedAtMs);
      // Events dropped from a full outbox are never delivered: keep the map bounded all the same.
      if (closedAt.size > parts.config.mqtt.outbox.max_events) closedAt.delete(closedAt.keys().next().value!);
      parts.publisher.publishEvent(event);
      metrics.events.inc(1, { kind });
      try {
        hooks.onEvent?.(event);
      } catch (err) {
        fault('events', 'event listener failed', err);
      }
    }
    reports.event(event);
    // One utterance, one vote: only its final event moves the state and counts in summaries.
    if (!final) return;
    const next = parts.smoother.observe({ ...prediction, durationS: seg.endS - seg.startS, atMs: Date.now() });
    if (next) reports.sendState();
  };
  // Segments are classified one at a time, in order, off the audio callback; a provisional
  // one is classified while its hangover passes (speculation.ts). Their features come from
  // the streams fed as the VAD hands the samples over (segment-streams.ts): taken here, when
  // the VAD hands the segment out, before the stream goes on to the next segment. Windows over
  // long speech are extracted from their samples.
  const streams = new SegmentStreams(
    () => parts.stages.extractor,
    (err) => fault('features', 'segment stream failed; features from the segments instead until the next one', err),
  );
  const onSegment = (seg: VadSegment) => {
    if (seg.provisional) {
      if (!muted) {
        const features = streams.snapshot(seg);
        chain = speculation.start(seg, chain, (s) => predict(s, features));
      }
      return;
    }
    const early = seg.partial ? undefined : speculation.take(seg);
    const features = seg.partial ? undefined : streams.take(seg);
    chain = chain.then(() => classify(seg, early, features)).catch((err) => fault('model', 'segment dropped', err, { start_s: seg.startS }));
  };
  const runner = new VadRunner(detector, {
    // A file is finite and replayed on purpose: wait for it rather than drop any of it.
    maxBacklogS: config.source.type === 'file' ? Infinity : config.vad.max_backlog_s,
    onSegment,
    speculate: true,
    segmentAudio: streams,
    onDrop: (s) => metrics.audioDroppedSeconds.inc(s),
    onError: (err) => fault('vad', 'voice activity detection failed on a chunk', err),
  });
  if (muted) await runner.setMuted(true);

  const setMuted = async (m: boolean): Promise<void> => {
    if (m !== muted) {
      muted = m;
      // Unmuting starts a fresh stall timer: the capture was not expected to deliver while muted.
      if (!m) lastAudioAt = performance.now();
      if (m) speculation.clear();
      await runner.setMuted(m);
      if (m) parts.smoother.reset(Date.now());
      reports.muted(m);
      log('info', m ? 'muted: not listening' : 'unmuted: listening', { stage: 'events' });
      await writeMuted(parts.config.state_dir, m).catch((err) => fault('state', 'mute flag not saved', err));
    }
    // Sent even when nothing changed, so the switch that asked sees its answer.
    reports.sendState();
  };

  const broker = await startBroker(config, log);
  const brokerUrl = broker?.url ?? config.mqtt.url;
  const outbox = new Outbox({
    dir: config.state_dir,
    maxEvents: config.mqtt.outbox.max_events,
    fsync: config.mqtt.outbox.fsync,
    onError: (err) => fault('sinks', err.message, err),
  });
  const publisher = new MqttPublisher(publisherSettings(config, brokerUrl, !!broker, stages.classifier.meta), outbox, {
    log,
    onCommand: async (cmd) => {
      metrics.commands.inc(1, { command: commandName(cmd), result: 'accepted' });
      if (cmd.type === 'mute') {
        try {
          await setMuted(cmd.muted);
          return { ok: true, muted };
        } catch (err) {
          fault('events', 'mute failed', err);
          return { ok: false, muted, error: `mute failed: ${errorMessage(err)}` };
        }
      }
      if (cmd.type === 'adaptation-reset') {
        if (!adapting()) return { ok: false, error: "adaptation is off (model.adapt: none)" };
        await parts.betweenSegments(() => adaptation.reset());
        log('info', "adaptation reset: statistics start again from the model's", { stage: 'model' });
        return { ok: true };
      }
      const ok = await reload();
      return ok ? { ok } : { ok, error: 'reload failed: the running config stays (the log says why)' };
    },
    onRejectedCommand: () => metrics.commands.inc(1, { command: 'invalid', result: 'rejected' }),
    onDuplicate: (other) =>
      log('warn', `another emotiond announces device_id ${JSON.stringify(parts.config.device_id)} on this broker (host ${JSON.stringify(other.host)}, pid ${other.pid}): the two share topics and Home Assistant entities; give each device its own device_id`, {
        stage: 'sinks',
        code: 'DUPLICATE_DEVICE_ID',
      }),
    onDelivered: (id) => {
      stats.events++;
      metrics.delivered.inc();
      const t = closedAt.get(id);
      closedAt.delete(id);
      if (t !== undefined) metrics.latency.observe((Date.now() - t) / 1000);
    },
  });

  const parts: DaemonParts = {
    config,
    stages,
    runner,
    publisher,
    smoother: new EmotionSmoother(smoothingOptions(config.events), Date.now()),
    broker,
    brokerUrl,
    http: null,
    betweenSegments: (fn) => {
      const done = chain.then(fn);
      chain = done.catch(() => undefined);
      return done;
    },
  };
  await publisher.start();
  reports.sendState();
  reports.sendDiagnostics();

  const endpoints = statusEndpoints(parts, metrics.registry, () => ({ muted, stopping: !!stopping, lastAudioAt, capture: reports.capture }), statusPageOn(config.http) ? live : undefined);
  parts.http = await startHttp(config, endpoints, log);

  const source = createSource(config);
  // Capture health, mood expiry and the state heartbeat, once a second.
  const watch = setInterval(() => reports.tick(), 1000);
  watch.unref();

  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));

  const stop = (reason = 'stop requested'): Promise<void> => {
    stopping ??= (async () => {
      log('info', 'stopping', { reason });
      clearInterval(watch);
      gate.close();
      await sd.stopping();
      await source.stop().catch((err) => log('warn', 'source stop failed', { stage: 'audio', error: errorMessage(err) }));
      await parts.runner.flush();
      await chain;
      await adaptation.flush();
      // A clean stop leaves `capture: stopped` retained; a crash leaves the last state and the will.
      await reports.stopped();
      const drained = await parts.publisher.stop(parts.config.mqtt.stop_timeout_s * 1000);
      if (!drained) log('warn', `${parts.publisher.depth} events stay in the outbox for the next start`, { stage: 'sinks' });
      await releaseParts(parts);
      lock.release();
      log('info', 'stopped', { ...stats });
      resolveDone();
    })();
    return stopping;
  };

  // At most one reload per RELOAD_MIN_INTERVAL_MS; requests meanwhile are served by one more (reload-gate.ts).
  const gate = new ReloadGate(RELOAD_MIN_INTERVAL_MS, async () => {
    if (stopping) return false;
    await sd.reloading();
    let ok = await reloadDaemon(parts, { log, loadConfig: hooks.loadConfig, endpoints });
    if (ok && adapting()) {
      ok = await adaptation.bind(parts.stages.classifier.meta).then(() => true, (err) => {
        fault('model', 'model.adapt running: adaptation off until a model that supports it is loaded', err);
        parts.config = { ...parts.config, model: { ...parts.config.model, adapt: 'none' } };
        return false;
      });
    }
    metrics.reloads.inc(1, { result: ok ? 'applied' : 'failed' });
    if (ok) {
      reports.summaries.configure(parts.config.summary.interval_s);
      hooks.onConfig?.(parts.config);
    }
    await sd.ready(ok ? 'config reloaded' : 'reload failed; running the previous config');
    return ok;
  });
  const reload = (): Promise<boolean> => (stopping ? Promise.resolve(false) : gate.request());

  const started = source.start({
    onChunk: (chunk) => {
      lastAudioAt = performance.now();
      metrics.audioSeconds.inc(chunk.samples.length / SAMPLE_RATE);
      parts.runner.accept(chunk);
      live.level(chunk.samples, parts.runner.inSpeech);
      const due = reports.summaries.due(chunk.startS + chunk.samples.length / SAMPLE_RATE);
      if (due.length) {
        // Once the VAD has taken this chunk, every segment that ended in those intervals is on the chain.
        void parts.runner.idle().then(() => {
          chain = chain.then(() => reports.closeSummaries(due)).catch((err) => fault('summary', 'summary failed', err));
        });
      }
    },
    onEnd: () => {
      // No more audio will come to end an open segment by silence: close it now.
      void parts.runner.flush();
      if (config.source.type === 'file' && config.source.stop_at_end) void stop('source ended');
    },
    onError: (err) => fault('audio', 'audio source fault', err),
    onWarning: (message) => log('warn', message, { stage: 'audio' }),
  });
  try {
    await started;
  } catch (err) {
    // No audio (no device, no file): release what is already up, or the process would
    // linger on the broker connection after reporting the error.
    await parts.publisher.stop(0);
    await releaseParts(parts);
    throw err;
  }
  log('info', 'listening', { source: source.description, device_id: config.device_id, broker: brokerUrl, vad: runner.engine, muted });
  await sd.ready(muted ? 'muted' : 'listening');
  sd.startWatchdog(() => !stopping);

  return {
    get brokerUrl() {
      return parts.brokerUrl;
    },
    stats,
    get httpPort() {
      return parts.http?.port ?? null;
    },
    done,
    stop,
    reload,
    setMuted,
  };
}
