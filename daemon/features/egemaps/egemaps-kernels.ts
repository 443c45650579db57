// What the eGeMAPS LLD pipeline needs from a backend, frame by frame. Implementations:
// egemaps-wasm-kernels.ts (the AssemblyScript kernels, SIMD or scalar build) and
// egemaps-ref-kernels.ts (the TypeScript references). The sequential decisions (pitch
// candidates, Viterbi, period matching, harmonics, LPC roots) stay in TypeScript and call
// these for the arithmetic.
import type { FeatureBackend } from '../frame-kernels.ts';

export interface EgemapsKernels {
  readonly backend: FeatureBackend;
  /** Takes a signal (NaN/Inf -> 0, clamped to +-1e6); returns the frame count. */
  load(samples: Float32Array): number;
  /** The loaded signal with a zero tail, for the period matching (a view: re-read after load). */
  signal(): Float32Array;

  /** 20 ms Hamming frame i -> 512-point power spectrum (the previous one kept for flux). */
  shortFrame(index: number): void;
  /** Mean square of the raw 20 ms frame (for the equivalent sound level). */
  shortMeanSquare(): number;
  loudness(): number;
  /** MFCC 1-4 into out. */
  mfcc(out: Float64Array): void;
  /** [alpha ratio, Hammarberg index] dB into out. */
  bandRatios(out: Float64Array): void;
  /** dB/Hz slope over bins lo..hi. */
  bandSlope(lo: number, hi: number): number;
  /** Spectral flux against the previous 20 ms frame; 0 on frame 0. */
  flux(): number;
  /** Autocorrelation r[0..11] of the frame resampled to 11 kHz into out. */
  resampledAcf(out: Float64Array): void;

  /** 60 ms Gaussian frame i -> magnitude spectrum and windowed RMS. */
  longFrame(index: number): void;
  longRms(): number;
  /** Magnitudes of the 60 ms frame, 513 bins (a view). */
  longMagnitude(): Float32Array;
  /** Subharmonic-sum pitch spectrum of the 60 ms frame, 513 points (a view). */
  shsSpectrum(): Float32Array;
  /** Circular autocorrelation of the windowed 60 ms frame (1024 points) at a lag. */
  longAcf(lag: number): number;
  /** Pearson correlation of signal[a, a+n) and signal[b, b+n). */
  xcorr(a: number, b: number, n: number): number;
}

/** Zeros kept after the signal: the last 60 ms frame and the period matching read past it. */
export const SIGNAL_TAIL = 4096;
