// The configuration schema, declared once: the TypeScript type and the validation
// both come from it, so they cannot drift apart.
import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Where the outbox and the mute flag live: systemd's StateDirectory= when run as a
 * service, else the XDG state folder of the user.
 */
export function defaultStateDir(env: Record<string, string | undefined> = process.env): string {
  const systemd = env.STATE_DIRECTORY?.split(':')[0];
  if (systemd) return systemd;
  return join(env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state'), 'emotiond');
}

/**
 * Where the feature kernels run: `wasm` (SIMD, the default: the path the shipped model was
 * trained and checked on), `webgpu` (WGSL kernels on any adapter, software ones included),
 * `auto` (webgpu only where a short calibration on this adapter measured it faster than
 * wasm for the work, cached per adapter: daemon/features/webgpu/auto-calibration.ts; on
 * llvmpipe, and on the one hardware GPU tried, it was not), and for checks
 * `wasm-scalar` (the kernels without SIMD) and `ref` (the TypeScript references).
 */
export const FEATURE_BACKEND_NAMES = ['auto', 'wasm', 'webgpu', 'wasm-scalar', 'ref'] as const;
/** onnxruntime-web's execution provider for the model: `wasm`, or `webgpu` (wasm when no adapter). */
export const INFERENCE_EP_NAMES = ['wasm', 'webgpu'] as const;

const deviceId = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9_-]+$/, 'only letters, digits, "_" and "-" (it becomes an MQTT topic level)');

/**
 * The host name made into a device id (lower case, anything but letters, digits, "_" and "-"
 * becomes "_", at most 64 characters), so that two devices with default configs do not share
 * topics and unique ids. `emotiond` when the host has no usable name.
 */
export function defaultDeviceId(host: string = hostname()): string {
  const id = host.split('.')[0].toLowerCase().replace(/[^a-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 64);
  return id || 'emotiond';
}

/** One or more topic levels ("emotiond", "home/emotiond"), no wildcards, no empty level. */
const topicBase = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, 'one or more levels of letters, digits, "_", "." and "-" separated by "/"');

const fileSource = z.strictObject({
  type: z.literal('file'),
  /** A WAV/FLAC file, or a folder of them, replayed at real-time pace. */
  path: z.string().min(1),
  /** 1 = real time; 0 = as fast as possible (tests, batch). */
  speed: z.number().min(0).max(1000).default(1),
  /** Silence inserted between files, seconds. */
  gap_s: z.number().min(0).max(60).default(1),
  loop: z.boolean().default(false),
  /** Stop the daemon gracefully once every file has played (ignored with loop). */
  stop_at_end: z.boolean().default(true),
});

const portaudioSource = z.strictObject({
  type: z.literal('portaudio'),
  /** Device index, or a case-insensitive substring of its name; omitted = the default input. */
  device: z.union([z.number().int().min(0), z.string().min(1)]).optional(),
  sample_rate: z.number().int().min(8000).max(192000).optional(),
  channels: z.number().int().min(1).max(32).optional(),
});

const vad = z
  .strictObject({
    /** `silero` (a neural model, robust to noise) or `energy` (level above the noise floor). */
    engine: z.enum(['silero', 'energy']).default('silero'),
    /** Silero: speech probability that opens speech... */
    threshold: z.number().min(0.01).max(0.99).default(0.5),
    /** ...and below which speech ends (hysteresis). */
    neg_threshold: z.number().min(0.01).max(0.99).default(0.35),
    /** Silero: frames quieter than this (dBFS) are silence without running the model. */
    gate_dbfs: z.number().min(-120).max(0).default(-65),
    /** Silero model file; omitted = the Silero v5 shipped in @ricky0123/vad-web. */
    model_path: z.string().min(1).optional(),
    /** Energy: speech when frame energy exceeds the noise floor by this many dB. */
    threshold_db: z.number().min(1).max(60).default(12),
    /** Energy: absolute floor (dBFS) below which nothing is speech, however quiet the room. */
    min_level_dbfs: z.number().min(-120).max(0).default(-50),
    min_speech_s: z.number().min(0.05).max(10).default(0.4),
    max_speech_s: z.number().min(0.5).max(60).default(8),
    /** Silence that ends a segment. */
    hangover_s: z.number().min(0.05).max(5).default(0.3),
    /** Audio kept before the onset and after the end. */
    padding_s: z.number().min(0).max(1).default(0.1),
    /** Long speech: every hop_s, the last window_s is classified before the speech ends (0 = off). */
    window_s: z.number().min(0).max(60).default(4),
    hop_s: z.number().min(0.5).max(60).default(2),
    /** Audio allowed to wait for the VAD on a busy machine; more is dropped (and counted). */
    max_backlog_s: z.number().min(1).max(300).default(10),
  })
  .superRefine((v, ctx) => {
    if (v.neg_threshold > v.threshold) {
      ctx.addIssue({ code: 'custom', path: ['neg_threshold'], message: `must not exceed threshold (${v.threshold})` });
    }
    if (v.window_s > 0 && v.hop_s > v.window_s) {
      ctx.addIssue({ code: 'custom', path: ['hop_s'], message: `must not exceed window_s (${v.window_s})` });
    }
    if (v.min_speech_s > v.max_speech_s) {
      ctx.addIssue({ code: 'custom', path: ['min_speech_s'], message: `must not exceed max_speech_s (${v.max_speech_s})` });
    }
  });

const events = z.strictObject({
  /** Events less confident than this are published but do not move the state. */
  min_confidence: z.number().min(0).max(1).default(0.3),
  /** The state follows the average of the last this many confident events... */
  smoothing_window: z.number().int().min(1).max(50).default(3),
  /** ...not older than this. */
  smoothing_max_age_s: z.number().min(1).max(86400).default(60),
  /** Averaged score by which a new emotion must beat the current one to take over the state. */
  switch_margin: z.number().min(0).max(1).default(0.1),
  /** Arousal or valence change that is worth a new state message on its own. */
  dimension_step: z.number().min(0.01).max(2).default(0.2),
  /**
   * Without a confident utterance for this long the state says "no reading" (null); Home
   * Assistant's sensors get the same `expire_after` (the state is re-sent while alive). 0 = never.
   */
  state_expire_s: z.number().min(0).max(86400).default(300),
});

const tls = z.strictObject({
  /** CA bundle (PEM) for the broker's certificate; omitted = the system's CAs. */
  ca: z.string().min(1).optional(),
  /** Client certificate and key (PEM), for brokers that require one. */
  cert: z.string().min(1).optional(),
  key: z.string().min(1).optional(),
  reject_unauthorized: z.boolean().default(true),
  /** Name in the broker's certificate, when it differs from the URL's host. */
  servername: z.string().min(1).optional(),
});

const mqtt = z
  .strictObject({
    /** `embedded` starts an in-process broker on a loopback port; otherwise mqtt:// or mqtts:// URL. */
    url: z
      .string()
      .refine((u) => u === 'embedded' || /^(mqtts?|wss?|tcp):\/\/[^\s]+$/.test(u), {
        message: 'must be "embedded" or a URL such as mqtt://127.0.0.1:1883',
      })
      .default('embedded'),
    /** Port of the embedded broker on 127.0.0.1 (0 = any free port). */
    embedded_port: z.number().int().min(0).max(65535).default(1883),
    topic_prefix: topicBase.default('emotiond'),
    /** Omitted = emotiond-<device_id>-<random>, new on every start. */
    client_id: z.string().min(1).max(128).optional(),
    username: z.string().optional(),
    password: z.string().optional(),
    protocol_version: z.union([z.literal(4), z.literal(5)]).default(4),
    keepalive_s: z.number().int().min(5).max(3600).default(30),
    /** Reconnect attempts start 1 s apart and double up to this, while the broker is away. */
    reconnect_max_s: z.number().min(1).max(3600).default(10),
    tls: tls.optional(),
    discovery: z
      .strictObject({
        /** Home Assistant MQTT discovery. */
        enabled: z.boolean().default(true),
        prefix: topicBase.default('homeassistant'),
        /** Where Home Assistant says `online` after a restart; omitted = <prefix>/status. */
        status_topic: topicBase.optional(),
        /** Device name shown in Home Assistant; omitted = device_id. */
        name: z.string().min(1).max(64).optional(),
      })
      .prefault({}),
    outbox: z
      .strictObject({
        /** Undelivered events kept on disk; past this the oldest are dropped. */
        max_events: z.number().int().min(1).max(1_000_000).default(10000),
        /** fdatasync every write: survives power cuts, costs a flash write per event. */
        fsync: z.boolean().default(true),
        /** Events sent without waiting for acknowledgement. */
        window: z.number().int().min(1).max(1000).default(50),
      })
      .prefault({}),
    /** How long shutdown waits for the outbox to empty before it says offline. */
    stop_timeout_s: z.number().min(0).max(60).default(5),
  })
  .superRefine((m, ctx) => {
    if (m.tls && !/^(mqtts|wss|ssl):/.test(m.url)) {
      ctx.addIssue({ code: 'custom', path: ['tls'], message: 'needs an mqtts:// or wss:// url' });
    }
    if (m.tls && !!m.tls.cert !== !!m.tls.key) {
      ctx.addIssue({ code: 'custom', path: ['tls', m.tls.cert ? 'key' : 'cert'], message: 'cert and key go together' });
    }
  });

export const configSchema = z.strictObject({
  /** Schema version, for migrations. */
  version: z.literal(1).default(1),
  device_id: deviceId.default(() => defaultDeviceId()),
  /** Outbox and mute flag; never audio. */
  state_dir: z.string().min(1).default(() => defaultStateDir()),
  source: z.discriminatedUnion('type', [fileSource, portaudioSource]).prefault({ type: 'portaudio' }),
  vad: vad.prefault({}),
  model: z
    .strictObject({
      /** ONNX file; its sidecar `<name>.json` describes classes and features. Relative to the package. */
      path: z.string().min(1).default('models/emotion.onnx'),
      /** Execution provider (INFERENCE_EP_NAMES); `analyze --ep` overrides it. */
      ep: z.enum(INFERENCE_EP_NAMES).default('wasm'),
      /**
       * `running`: map features with running statistics of the speech this device heard
       * (unsupervised, opt-in; daemon/adapt/). `none`: the model as trained.
       */
      adapt: z.enum(['none', 'running']).default('none'),
    })
    .prefault({}),
  features: z
    .strictObject({
      /** Feature kernels (FEATURE_BACKEND_NAMES); `analyze --backend` overrides it. */
      backend: z.enum(FEATURE_BACKEND_NAMES).default('wasm'),
    })
    .prefault({}),
  events: events.prefault({}),
  mqtt: mqtt.prefault({}),
  summary: z
    .strictObject({
      /** Seconds of audio per room summary (retained `…/summary` and the emotiond_summary_* gauges). */
      interval_s: z.number().min(5).max(86400).default(60),
    })
    .prefault({}),
  privacy: z
    .strictObject({
      /**
       * `all`: events, state, summaries; `summaries`: summaries only (no per-utterance event
       * leaves the process: not on MQTT, not in the outbox, not on stdout, not on the status
       * page; the state carries no mood); `none`: health only (availability, diagnostics).
       */
      publish: z.enum(['all', 'summaries', 'none']).default('all'),
    })
    .prefault({}),
  http: z
    .strictObject({
      /** GET /healthz, /metrics and the status page. */
      enabled: z.boolean().default(true),
      /** Loopback by default: metrics tell when someone spoke. Any other address needs `token`. */
      host: z.string().min(1).default('127.0.0.1'),
      /** 0 = any free port (logged). */
      port: z.number().int().min(0).max(65535).default(9464),
      /** The live status page at `/` (off unless asked for on a non-loopback host). */
      status_page: z.boolean().optional(),
      /** Bearer token (`Authorization: Bearer …` or `?token=`) every request must carry; required off loopback. */
      token: z.string().min(16).max(256).optional(),
      /** The status page's address as seen from Home Assistant (`configuration_url`); omitted = http://host:port/. */
      public_url: z.url({ protocol: /^https?$/ }).optional(),
    })
    .superRefine((h, ctx) => {
      if (!isLoopback(h.host) && !h.token) {
        ctx.addIssue({ code: 'custom', path: ['token'], message: `required when host is not loopback (${h.host})` });
      }
    })
    .prefault({}),
  webgpu: z
    .strictObject({
      /**
       * Dawn backend for WebGPU in Node: `auto` (Dawn's default, then the software path),
       * `software` (OpenGL ES on Mesa llvmpipe), or a backend name (vulkan, opengles, metal, d3d12).
       * Read by the WebGPU modules from EMOTIOND_WEBGPU__BACKEND; declared here so the override validates.
       */
      backend: z.string().min(1).default('auto'),
      /** Extra Dawn instance flags. */
      flags: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  log: z
    .strictObject({
      level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
      /** Print each event as a JSON line on stdout. */
      events_to_stdout: z.boolean().default(true),
    })
    .prefault({}),
});

export type Config = z.infer<typeof configSchema>;

export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost' || /^127\./.test(host);
}

/** The status page is on by default on loopback, off elsewhere unless asked for. */
export function statusPageOn(http: Config['http']): boolean {
  return http.status_page ?? isLoopback(http.host);
}
