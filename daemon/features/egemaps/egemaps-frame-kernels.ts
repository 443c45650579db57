// What the streaming eGeMAPS LLD pipeline needs from a backend, frame by frame.
// Implementations: egemaps-wasm-frame-kernels.ts (the AssemblyScript kernels, SIMD or scalar
// build; one WASM call per frame and stage) and egemaps-ref-frame-kernels.ts (the TypeScript
// references). (egemaps-kernels.ts is the older whole-signal interface, kept for backends
// written against it.) The
// sequential decisions (Viterbi, period matching, harmonics, formant selection) stay in
// TypeScript (egemaps-stream.ts) and call these for the arithmetic.
//
// The signal arrives in pieces (append) and is kept in a sliding window: the pipeline says
// how far back it will still read (release), so memory does not grow with the input.
// Frame indices are absolute: frame i starts at sample 160 i of the whole signal.
//
// A backend that computes the 20 ms spectral LLDs elsewhere (on a GPU, for all frames at
// once) implements prepare() to do so for a whole signal and answers shortLlds() from that
// table, delegating the rest; prepare() is called for batch extraction only, so shortLlds()
// must also work for frames it has not seen (streams).
import type { FeatureBackend } from '../frame-kernels.ts';
import type { PitchCandidates } from './pitch-candidates.ts';

/**
 * The 20 ms frame's values, in this order: mean square of the raw frame (equivalent sound
 * level), loudness, alpha ratio, Hammarberg index, slope 0-500 Hz, slope 500-1500 Hz,
 * spectral flux, MFCC 1-4.
 */
export const SHORT_LLDS = [
  'energy', 'Loudness', 'alphaRatio', 'hammarbergIndex', 'slope0-500', 'slope500-1500', 'spectralFlux',
  'mfcc1', 'mfcc2', 'mfcc3', 'mfcc4',
] as const;

/** 60 ms frames kept for the harmonics, which run once the Viterbi smoother has decided F0. */
export const LONG_SLOTS = 64;

export interface EgemapsFrameKernels {
  readonly backend: FeatureBackend;
  /** Forgets the signal and per-signal state (the flux's previous spectrum, the formant roots). */
  reset(): void;
  /** Batch extraction only: the whole signal, before any frame of it is asked for. */
  prepare?(samples: Float32Array): void;
  /** Appends samples to the signal (NaN/Inf -> 0, clamped to +-1e6). */
  append(samples: Float32Array): void;
  /** Samples before this absolute index will not be read again. */
  release(before: number): void;
  /** Samples kept (a view from absolute index start, zeros past the end: re-read after append). */
  window(): { x: Float32Array; start: number };

  /** 20 ms Hamming frame i -> SHORT_LLDS.length values into out. Frames come in increasing order. */
  shortLlds(index: number, out: Float64Array): void;
  /** Formant frequencies and bandwidths (nFormants each, 0 when absent) of 20 ms frame i, frames in order. */
  formants(index: number, freqs: Float64Array, bandwidths: Float64Array): void;
  /** 60 ms Gaussian frame i: F0 candidates into out; magnitudes kept in slot; returns the windowed RMS. */
  longFrame(index: number, slot: number, out: PitchCandidates): number;
  /** Magnitudes of the 60 ms frame stored in slot, 513 bins (a view). */
  longMagnitude(slot: number): Float32Array;
  /** Circular autocorrelation (1024 points) of the windowed 60 ms frame i at a lag. */
  longAcf(index: number, lag: number): number;
  /** out[t - t0] = Pearson correlation of x[a, a+t) and x[a+t, a+2t), a absolute. */
  xcorrScan(a: number, t0: number, t1: number, out: Float64Array): void;
  /** Bytes the backend holds (linear memory for WASM); constant once streaming. */
  memoryBytes(): number;
  /** Saves the signal and per-signal state; the function returned puts it back (stream snapshots). */
  checkpoint(): () => void;
}

export { SIGNAL_TAIL } from './egemaps-kernels.ts';
/** Samples a window holds at most besides the tail (what a stream keeps plus one chunk). */
export const SIGNAL_CAPACITY = 1 << 15;
/** The stream appends at most this many samples at a time. */
export const APPEND_CHUNK = 1 << 13;
