// The daemon's metrics, declared in one place: what /metrics serves and what the root
// updates as audio, segments and events go by.
import { MetricsRegistry, type Counter, type Histogram } from '../log/metrics.ts';

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
    segments: r.counter('emotiond_segments_total', 'Speech segments and windows classified, by kind.'),
    events: r.counter('emotiond_events_total', 'Events made, by kind.'),
    delivered: r.counter('emotiond_events_delivered_total', 'Events acknowledged by the broker.'),
    errors: r.counter('emotiond_errors_total', 'Faults, by stage.'),
    commands: r.counter('emotiond_commands_total', 'Commands on the set topic, by result.'),
    reloads: r.counter('emotiond_reloads_total', 'Config reloads, by result.'),
    latency: r.histogram('emotiond_event_latency_seconds', 'From the VAD closing a segment to the broker acknowledging its event.', LATENCY_BUCKETS),
    features: r.counter('emotiond_features_total', 'Feature vectors classified, by path: stream (computed as the segment arrived) or segment (from its samples).'),
    classify: r.histogram('emotiond_classify_seconds', 'Features and model, per segment (provisional ones included).', CLASSIFY_BUCKETS),
    speculation: r.counter('emotiond_speculations_total', 'Segments classified during their hangover, by outcome: used, or void (speech resumed).'),
  };
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
