// Shared types that flow between pipeline stages:
// audio -> vad -> features -> model -> events -> sinks.
// Stages import these, never each other.

/** The one sample rate every stage after audio/ works at. */
export const SAMPLE_RATE = 16000;

/** Mono float samples in [-1, 1] at SAMPLE_RATE, stamped with their position in the stream. */
export interface AudioChunk {
  /** Samples at SAMPLE_RATE, mono, nominally in [-1, 1]. */
  samples: Float32Array;
  /** Stream time of the first sample, in seconds since the source started. */
  startS: number;
}

/** A decoded audio file, already mixed down to mono and resampled to SAMPLE_RATE. */
export interface DecodedAudio {
  samples: Float32Array;
  sampleRate: typeof SAMPLE_RATE;
  /** What the file held before conversion, for messages and metadata. */
  source: { sampleRate: number; channels: number; encoding: string };
  /** Things the decoder repaired or skipped (truncated data, non-finite samples), for logs. */
  warnings?: string[];
}

/** A stretch of speech cut by the VAD. */
export interface SpeechSegment {
  samples: Float32Array;
  startS: number;
  endS: number;
  /** Wall-clock time (ms since epoch) when the VAD closed the segment. */
  closedAtMs: number;
  /**
   * True for a sliding window over speech that is still going on (the last few seconds,
   * cut every hop); absent or false for a segment that ended.
   */
  partial?: boolean;
}

/** A fixed-length feature vector with the names of its entries. */
export interface FeatureVector {
  names: readonly string[];
  values: Float32Array;
}

/** What the classifier says about one stretch of audio. */
export interface Prediction {
  emotion: string;
  confidence: number;
  /** Probability of every class the model knows, summing to 1. */
  scores: Record<string, number>;
  /** Dimensional estimates in [-1, 1]. */
  arousal: number;
  valence: number;
}

/** One published emotion event (snake_case keys: this is the wire format). */
export interface EmotionEvent {
  event_id: string;
  /**
   * One spoken utterance: its provisional `window` events and the final `segment` event share
   * it. Count utterances by it, and take the final event's reading.
   */
  utterance_id: string;
  /** `segment`: speech that ended; `window`: the last seconds of speech still going on. */
  kind?: 'segment' | 'window';
  /** true for the `segment` event that supersedes the utterance's `window` events. */
  final: boolean;
  /** The emotion again, under the key Home Assistant's MQTT event entity reads. */
  event_type: string;
  device_id: string;
  timestamp: string;
  start_s: number;
  end_s: number;
  duration_s: number;
  emotion: string;
  confidence: number;
  scores: Record<string, number>;
  arousal: number;
  valence: number;
  model: string;
}

/** A stream of audio chunks: a microphone, or a file replayed at real-time pace. */
export interface AudioSource {
  /** Human-readable description for logs ("file demo.wav", "portaudio 'USB Mic' #3"). */
  readonly description: string;
  /**
   * Begins delivering chunks to `onChunk`. Resolves once delivery has begun.
   * `onEnd` is called once when a finite source (a file) has delivered everything.
   * `onError` reports faults the source could not recover from by itself.
   */
  start(handlers: {
    onChunk: (chunk: AudioChunk) => void;
    onEnd?: () => void;
    onError?: (err: Error) => void;
    /** Damage the source repaired or skipped (a file's truncated data chunk, NaN samples), naming the file. */
    onWarning?: (message: string) => void;
  }): Promise<void>;
  /** Stops delivery and releases the device or file. Safe to call twice. */
  stop(): Promise<void>;
}

/** Turns 16 kHz mono samples into the model's feature vector. */
export interface FeatureExtractor {
  /** Names of the vector's entries, in order; fixed for a given extractor. */
  readonly names: readonly string[];
  extract(samples: Float32Array): FeatureVector;
  /**
   * A stream over kernels of this extractor's (where the set and backend can stream): the
   * features of one segment pushed as it arrives. It shares the kernels with extract(): use
   * one or the other at a time, or a second extractor.
   */
  stream?(): FeatureStream;
}

/**
 * One segment's audio pushed as it arrives; end() gives exactly what extract() gives for all
 * of it and starts the next segment. The work done per push is the frames whose inputs are
 * in; at end() only the last few frames and the functionals remain.
 */
export interface FeatureStream {
  readonly names: readonly string[];
  /** Samples pushed since the last end() or reset(). */
  readonly samples: number;
  /** 16 kHz mono, any length (0 too), NaN/Inf and huge values allowed. */
  push(samples: Float32Array): void;
  /** The features of what was pushed so far, as end() would give them; the stream goes on. */
  snapshot(): FeatureVector;
  end(): FeatureVector;
  /** Drops what was pushed since the last end(). */
  reset(): void;
  /** Bytes held: the backends' (fixed) and the segment's LLD rows (they grow, one row per 10 ms). */
  stateBytes(): { backend: number; columns: number };
}

/**
 * What a shipped model carries beside its ONNX graph (models/<name>.json):
 * enough to check that the features given to it are the ones it was trained on.
 */
export interface ModelMeta {
  name: string;
  /** Output classes, in the order of the ONNX output's last axis. */
  classes: string[];
  /** Feature names the ONNX input expects, in order. */
  featureNames: string[];
  /** Arousal and valence of each class in [-1, 1], weighted by the scores to give the event's values. */
  dimensions: Record<string, { arousal: number; valence: number }>;
  /** Free-form provenance: corpora, protocol, figures, command. */
  training: Record<string, unknown>;
  /**
   * Mean and standard deviation of each feature over the training rows (the graph's own
   * standardiser), which opt-in running adaptation maps heard speech onto. Older models have none.
   * With `featureNormalisation: 'device'`: the raw training rows' statistics, where a device's
   * own statistics start from before it has heard anything.
   */
  featureStatistics?: { mean: number[]; std: number[] };
  /**
   * 'device': the model was trained on each corpus standardised on its own statistics, so
   * it reads features standardised on the statistics of the speech the device has heard
   * (`model.adapt: running`), and is refused without it. Absent: raw features.
   */
  featureNormalisation?: 'device';
}

/** The classifier as the rest of the daemon sees it. */
export interface Classifier {
  readonly meta: ModelMeta;
  predict(features: FeatureVector): Promise<Prediction>;
  predictBatch(features: FeatureVector[]): Promise<Prediction[]>;
  dispose(): Promise<void>;
}

/** Speech over one interval of the stream (daemon/events/summary.ts computes it). */
export interface Summary {
  speech_s: number;
  utterances: number;
  /** Share of speech time per class (duration-weighted), every class of the model; null without speech. */
  shares: Record<string, number> | null;
  dominant: string | null;
  arousal_mean: number | null;
  arousal_std: number | null;
  valence_mean: number | null;
  valence_std: number | null;
  /** activity x arousal in [0, 1]; see README "Summaries". 0 without speech. */
  engagement: number;
}
