// The configuration schema, declared once: the TypeScript type and the validation
// both come from it, so they cannot drift apart.
import { z } from 'zod';

const deviceId = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9_-]+$/, 'only letters, digits, "_" and "-" (it becomes an MQTT topic level)');

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

export const configSchema = z.strictObject({
  /** Schema version, for migrations. */
  version: z.literal(1).default(1),
  device_id: deviceId.default('emotiond'),
  source: z.discriminatedUnion('type', [fileSource, portaudioSource]).prefault({ type: 'portaudio' }),
  vad: z
    .strictObject({
      /** Speech when frame energy exceeds the noise floor by this many dB. */
      threshold_db: z.number().min(1).max(60).default(12),
      /** Absolute floor (dBFS) below which nothing is speech, however quiet the room. */
      min_level_dbfs: z.number().min(-120).max(0).default(-50),
      min_speech_s: z.number().min(0.05).max(10).default(0.4),
      max_speech_s: z.number().min(0.5).max(60).default(8),
      /** Silence that ends a segment. */
      hangover_s: z.number().min(0.05).max(5).default(0.3),
      /** Audio kept before the onset and after the end. */
      padding_s: z.number().min(0).max(1).default(0.1),
    })
    .prefault({}),
  model: z
    .strictObject({
      /** ONNX file; its sidecar `<name>.json` describes classes and features. Relative to the package. */
      path: z.string().min(1).default('models/emotion.onnx'),
    })
    .prefault({}),
  mqtt: z
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
      topic_prefix: deviceId.default('emotiond'),
      username: z.string().optional(),
      password: z.string().optional(),
      protocol_version: z.union([z.literal(4), z.literal(5)]).default(4),
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
