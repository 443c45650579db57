// The daemon's metrics, declared in one place: what /metrics serves and what the root
// updates as audio, segments and events go by.
import { MetricsRegistry, type Counter, type Histogram } from '../log/metrics.ts';
import type { Summary } from '../events/summary.ts';

/** Label values known in advance: their series start at 0 (see Counter). */
export const ERROR_STAGES = ['audio', 'vad', 'features', 'model', 'events', 'sinks', 'state', 'summary'] as const;
export const COMMAND_NAMES = ['mute', 'unmute', 'reload', 'reset_adaptation', 'invalid'] as const;

export interface DaemonMetrics {
  registry: MetricsRegistry;
  audioSeconds: Counter;
  audioDroppedSeconds: Counter;
  segments: Counter;
  events: Counter;
  delivered: Counter;
  errors: Counter;
  commands: Counter;
  reloads: Counter;
  latency: Histogram;
  features: Counter;
  classify: Histogram;
  speculation: Counter;
}

export interface Gauges {
  outboxDepth: () => number;
  outboxDropped: () => number;
  /** Failed outbox writes so far (ENOSPC, EIO, short writes), and whether the file is behind now. */
  outboxWriteErrors: () => number;
  outboxFaulty: () => boolean;
  mqttConnected: () => boolean;
  muted: () => boolean;
  vadBacklogS: () => number;
  /** The last finished summary interval, and the model's classes (one share series each). */
  summary: () => { summary: Summary; classes: readonly string[] } | null;
  /** `emotiond_build_info` labels: version, model, node. */
  build: () => { version: string; model: string };
}

// End of segment to broker acknowledgement: tens of ms when all is well, seconds or more
// while the broker is away.
const LATENCY_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
const CLASSIFY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

export function createDaemonMetrics(g: Gauges): DaemonMetrics {
  const r = new MetricsRegistry();
  const startS = Math.round(Date.now() / 1000 - process.uptime());
  const m: DaemonMetrics = {
    registry: r,
    audioSeconds: r.counter('emotiond_audio_seconds_total', 'Seconds of audio captured.'),
    audioDroppedSeconds: r.counter('emotiond_audio_dropped_seconds_total', 'Seconds of audio dropped because the VAD fell behind.'),
    segments: r.counter('emotiond_segments_total', 'Speech segments and windows classified, by kind.', { kind: ['segment', 'window'] }),
    events: r.counter('emotiond_events_total', 'Events made, by kind.', { kind: ['segment', 'window'] }),
    delivered: r.counter('emotiond_events_delivered_total', 'Events acknowledged by the broker.'),
    errors: r.counter('emotiond_errors_total', 'Faults, by stage.', { stage: ERROR_STAGES }),
    commands: r.counter('emotiond_commands_total', 'Commands on the set topic, by command and result.', {
      command: COMMAND_NAMES,
      result: ['accepted', 'rejected'],
    }),
    reloads: r.counter('emotiond_reloads_total', 'Config reloads, by result.', { result: ['applied', 'failed'] }),
    latency: r.histogram('emotiond_event_latency_seconds', 'From the VAD closing a segment to the broker acknowledging its event.', LATENCY_BUCKETS),
    features: r.counter('emotiond_features_total', 'Feature vectors classified, by path: stream (computed as the segment arrived) or segment (from its samples).', {
      path: ['stream', 'segment'],
    }),
    classify: r.histogram('emotiond_classify_seconds', 'Features and model, per segment (provisional ones included).', CLASSIFY_BUCKETS),
    speculation: r.counter('emotiond_speculations_total', 'Segments classified during their hangover, by outcome: used, or void (speech resumed).', {
      outcome: ['used', 'void'],
    }),
  };
  r.gaugeSeries('emotiond_build_info', 'Version of the daemon, name of the model and Node.js version; always 1.', () => {
    const b = g.build();
    return [[{ version: b.version, model: b.model, node: process.versions.node }, 1]];
  });
  // The last finished summary interval (summary.interval_s): nothing before the first one.
  const last = () => g.summary();
  const scalar = (key: keyof Summary) => () => {
    const v = last()?.summary[key];
    return typeof v === 'number' ? v : NaN;
  };
  r.gauge('emotiond_summary_speech_seconds', 'Speech in the last summary interval.', scalar('speech_s'));
  r.gauge('emotiond_summary_utterances', 'Utterances ending in the last summary interval.', scalar('utterances'));
  r.gaugeSeries('emotiond_summary_emotion_share', 'Share of speech time per emotion in the last summary interval.', () => {
    const s = last();
    return s ? s.classes.map((c) => [{ emotion: c }, s.summary.shares?.[c] ?? 0]) : [];
  });
  r.gauge('emotiond_summary_arousal_mean', 'Mean arousal in the last summary interval (NaN without speech).', scalar('arousal_mean'));
  r.gauge('emotiond_summary_arousal_stddev', 'Standard deviation of arousal in the last summary interval.', scalar('arousal_std'));
  r.gauge('emotiond_summary_valence_mean', 'Mean valence in the last summary interval (NaN without speech).', scalar('valence_mean'));
  r.gauge('emotiond_summary_valence_stddev', 'Standard deviation of valence in the last summary interval.', scalar('valence_std'));
  r.gauge('emotiond_summary_engagement', 'Engagement in the last summary interval: speech activity x arousal, in [0, 1].', scalar('engagement'));
  r.gaugeSeries('emotiond_summary_dominant', 'The dominant emotion of the last summary interval (1 for it, 0 for the others).', () => {
    const s = last();
    return s ? s.classes.map((c) => [{ emotion: c }, Number(s.summary.dominant === c)]) : [];
  });
  r.gauge('emotiond_outbox_depth', 'Events waiting for the broker (on disk).', g.outboxDepth);
  r.counterFrom('emotiond_outbox_dropped_total', 'Events dropped because the outbox was full.', g.outboxDropped);
  r.counterFrom('emotiond_outbox_write_errors_total', 'Outbox writes that failed (disk full, I/O error); the events stay in memory.', g.outboxWriteErrors);
  r.gauge('emotiond_outbox_write_fault', '1 while the outbox file cannot be written (see /healthz outbox_fault).', () => Number(g.outboxFaulty()));
  r.gauge('emotiond_mqtt_connected', '1 while connected to the broker.', () => Number(g.mqttConnected()));
  r.gauge('emotiond_muted', '1 while listening is muted.', () => Number(g.muted()));
  r.gauge('emotiond_vad_backlog_seconds', 'Audio waiting for the VAD.', g.vadBacklogS);
  r.counterFrom('process_cpu_seconds_total', 'User and system CPU time of the daemon.', () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  });
  r.gauge('process_resident_memory_bytes', 'Resident set size.', () => process.memoryUsage.rss());
  // Where the resident memory goes: V8's JavaScript heap, and memory outside it that V8
  // knows of (array buffers, WebAssembly memories of onnxruntime-web and the feature kernels).
  r.gauge('nodejs_heap_size_total_bytes', 'V8 heap reserved for JavaScript objects.', () => process.memoryUsage().heapTotal);
  r.gauge('nodejs_heap_size_used_bytes', 'V8 heap used by JavaScript objects.', () => process.memoryUsage().heapUsed);
  r.gauge('nodejs_external_memory_bytes', 'Memory held by JavaScript objects outside the V8 heap (buffers, WebAssembly memories).', () => process.memoryUsage().external);
  r.gauge('process_start_time_seconds', 'Start time, seconds since the epoch.', () => startS);
  return m;
}
