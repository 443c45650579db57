// Every analysis constant in one place, shared by the WASM and reference backends.
// Sources: frame/hop/window as HTK, Kaldi and openSMILE's eGeMAPS use for spectral
// features (25 ms / 10 ms, Hamming); 26 mel bands 20-8000 Hz as openSMILE's MFCC configs;
// F0 search 55-600 Hz (eGeMAPS searches 55-1000 Hz; speech rarely passes 600 Hz).
import { SAMPLE_RATE } from '../core/types.ts';

export const ANALYSIS = {
  sampleRate: SAMPLE_RATE,
  frameLength: 400, // 25 ms
  hop: 160, // 10 ms: 100 frames a second
  fftSize: 512, // bins of 31.25 Hz
  preEmphasis: 0.97,
  /** Samples are clamped to +-limit (squares must stay finite in f32). */
  sampleLimit: 1e6,
  /** Zeros kept before and after the signal so frames and pitch windows never leave it. */
  padding: 1024,
  /** ln floor for power-spectrum bins (-120 dB re a unit bin). */
  powerFloor: 1e-12,
  /** A frame whose power spectrum sums below this is silent: spectral shape features 0. */
  silentPowerSum: 1e-9,
  /**
   * Spectral flux below this is 0. Flux compares spectra normalised to unit sum, so two
   * equal spectra differ only by f32 rounding (each bin ~6e-8 relative: a flux of ~1e-14),
   * and how much rounding is left depends on the backend (a GPU compiler may fuse
   * p * a - q * b into one fma and keep the rounding of q * b). Without this floor the
   * frames of a steady signal are 0 on WASM and rounding noise on such a GPU, and maxpos
   * picks another frame. The smallest flux of a real frame pair (EmoDB, 147103 pairs) is 2.7e-5.
   */
  fluxResolution: 1e-10,
  /** Flatness, entropy and slope skip bin 0, which is ~0 after mean removal. */
  spectralLowBin: 1,
  rolloffFraction: 0.85,
  melBands: 26,
  melMinHz: 20,
  melMaxHz: 8000,
  /** ln floor for mel band energies. */
  melFloor: 1e-10,
  /** MFCC 1..13; c0 is kept as its own column. */
  mfccCount: 13,
  loudnessExponent: 0.3,
  /** Mean-square floor for log energy: silence is -100 dB. */
  energyFloor: 1e-10,
  dcBlockPole: 0.995,
  decimatorTaps: 31,
  decimatorCutoffHz: 2000,
  f0MinHz: 55,
  f0MaxHz: 600,
  /**
   * The coarse pitch search runs on the signal decimated by this power of two (4: 4 kHz,
   * low-passed at 1 kHz, plenty for F0 <= 600 Hz) at a 16th of the full-rate cost.
   */
  pitchDecimation: 4,
  /** Correlation window, 20 ms, plus up to 1/f0Min of lags beyond it. */
  pitchWindowS: 0.02,
  voicingThreshold: 0.7,
  octaveCost: 0.05,
  /** Mean square of the half-rate window below which a frame is unvoiced (-90 dB). */
  pitchSilenceMs: 1e-9,
} as const;

/** Frames for n samples: 0 for no samples, one zero-padded frame for fewer than a frame. */
export function frameCount(n: number): number {
  if (n <= 0) return 0;
  if (n <= ANALYSIS.frameLength) return 1;
  return 1 + Math.floor((n - ANALYSIS.frameLength) / ANALYSIS.hop);
}

/** Window, lag range and offset of the coarse pitch search, in decimated samples. */
export const PITCH_GEOMETRY = (() => {
  const factor = ANALYSIS.pitchDecimation;
  const fs = ANALYSIS.sampleRate / factor;
  const win = Math.round(ANALYSIS.pitchWindowS * fs);
  const minLag = Math.floor(fs / ANALYSIS.f0MaxHz);
  const maxLag = Math.ceil(fs / ANALYSIS.f0MinHz);
  // The window and its furthest lag are centred on the frame centre.
  const back = (win + maxLag + 1) >> 1;
  return { factor, win, minLag, maxLag, back } as const;
})();
