// What the LLD pipeline needs from a backend, one frame at a time. Two implementations:
// wasm-kernels.ts (the AssemblyScript kernels, SIMD or scalar build) and ref-kernels.ts
// (the plain TypeScript references). Shared per-frame work is split into stages, each
// computed once per frame and read by every LLD that declares it:
//   frame    -> mean-removed frame + pre-emphasised Hamming-windowed frame
//   spectrum -> power spectrum and its log (previous frame's kept for flux)
//   mel      -> mel band energies
//   pitch    -> F0 / voicing / HNR (from the signal, independent of the others)

import type { StreamedSignal } from './stream-signal.ts';

export type FeatureBackend = 'wasm' | 'wasm-scalar' | 'ref';

export type Stage = 'frame' | 'spectrum' | 'mel' | 'pitch';

/** Stages in the order they must run, each with the stages it reads. */
export const STAGE_ORDER: readonly Stage[] = ['frame', 'spectrum', 'mel', 'pitch'];
export const STAGE_DEPENDS: Readonly<Record<Stage, readonly Stage[]>> = {
  frame: [],
  spectrum: ['frame'],
  mel: ['spectrum'],
  pitch: [],
};

export interface FrameKernels {
  readonly backend: FeatureBackend;
  /** Takes a signal (NaN/Inf -> 0, clamped), prepares it for pitch; returns the frame count. */
  load(samples: Float32Array): number;
  /** Stages for frame `index`; frames must be visited in order 0, 1, 2... */
  frame(index: number): void;
  spectrum(): void;
  mel(): void;
  pitch(index: number): void;
  // After 'frame':
  meanSquare(): number;
  zeroCrossingRate(): number;
  // After 'spectrum':
  spectralCentroid(): number;
  spectralRolloff(): number;
  spectralFlatness(): number;
  spectralEntropy(): number;
  spectralSlope(): number;
  /** 0 on the first frame of a signal. */
  spectralFlux(): number;
  // After 'mel':
  loudness(): number;
  /** Writes c0..c13 (ANALYSIS.mfccCount + 1 values) to out. */
  mfcc(out: Float32Array): void;
  /**
   * Writes the ANALYSIS.melBands mel band energies (power, before any log) to out. Optional so
   * that backends written before it still type-check; sets that need it say so when absent.
   */
  melEnergies?(out: Float32Array): void;
  /**
   * After 'spectrum': writes the frame's power spectrum (bins 0..fftSize/2, as the spectral
   * LLDs read it) to out. Optional like melEnergies; sets that need it say so when absent.
   */
  powerSpectrum?(out: Float32Array): void;
  // After 'pitch':
  /** Writes [f0 Hz (0 unvoiced), peak correlation, voiced 0/1, HNR dB (0 unvoiced)]. */
  pitchResult(out: Float32Array): void;
}

/**
 * A backend that can also take its signal as it arrives (lld-stream.ts): openStream()
 * replaces load(), and frame(i) / pitch(i) then read the stream's sliding buffers, at the
 * positions load() would have put the whole signal at. load() ends the stream (one or the
 * other at a time). The per-signal state of the stages (the previous spectrum, for the flux)
 * can be saved and restored, so that a snapshot can run the last frames and take them back.
 */
export interface StreamingFrameKernels extends FrameKernels {
  openStream(): StreamedSignal;
  saveFrameState(): FrameState;
  restoreFrameState(state: FrameState): void;
  /** Bytes the backend holds (linear memory for WASM); constant once streaming. */
  memoryBytes(): number;
}

/** What saveFrameState() keeps: the spectrum the next frame's flux compares with. */
export interface FrameState {
  readonly spectra: number;
  readonly pow: Float32Array;
}

export const isStreaming = (k: FrameKernels): k is StreamingFrameKernels =>
  typeof (k as Partial<StreamingFrameKernels>).openStream === 'function';
