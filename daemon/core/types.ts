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
}

/** A stretch of speech cut by the VAD. */
export interface SpeechSegment {
  samples: Float32Array;
  startS: number;
  endS: number;
  /** Wall-clock time (ms since epoch) when the VAD closed the segment. */
  closedAtMs: number;
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
