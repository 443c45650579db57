// What the speech detector asks of a voice activity model: a score in [0, 1] for each
// fixed-size frame. The segmenter never sees the scorer, so Silero and the energy
// detector drive the same state machine.

export type VadEngine = 'silero' | 'energy';

export interface FrameScorer {
  readonly engine: VadEngine;
  /** Samples per frame at SAMPLE_RATE; the detector cuts the stream into frames of this size. */
  readonly frameSamples: number;
  /** Speech likelihood of one frame, in [0, 1]; frames must come in stream order. */
  score(frame: Float32Array): number | Promise<number>;
  /** Forgets the stream so far, after a gap in the audio. */
  reset(): void;
  /** Releases what the scorer holds (an ONNX session). */
  dispose(): Promise<void>;
}
