// Analysis constants of the eGeMAPSv02 set, as openSMILE 3.0.2's eGeMAPSv02.conf (with the
// GeMAPSv01b_core includes it pulls in) sets them. Sources: Eyben et al., "The Geneva
// Minimalistic Acoustic Parameter Set (GeMAPS) for Voice Research and Affective Computing",
// IEEE Trans. Affective Computing 7(2), 2016, sec. 3 and 4; the config's component options.
import { SAMPLE_RATE } from '../../core/types.ts';

export const EGEMAPS = {
  sampleRate: SAMPLE_RATE,
  hop: 160, // 10 ms
  /** 20 ms Hamming frames (the config's "frame25"): spectral, MFCC, loudness, formants. */
  shortFrame: 320,
  shortFft: 512,
  /** 60 ms Gaussian frames (sigma 0.4): pitch, harmonics, jitter window. */
  longFrame: 960,
  longFft: 1024,
  gaussSigma: 0.4,
  // Loudness: 26 mel bands 20-8000 Hz on the power spectrum, Hermansky's equal-loudness
  // curve, power law 0.33, mean over bands (cMelspec + cPlp doAud + cVectorOperation ll1).
  melBands: 26,
  melLowHz: 20,
  melHighHz: 8000,
  loudnessFloor: 9.3e-10,
  loudnessExponent: 0.33,
  /** MFCC 1-4: the same bands scaled to 16-bit units, ln floored at 1, DCT, lifter 22. */
  mfccCount: 4,
  mfccScale: 32767 * 32767,
  mfccLifter: 22,
  /** Log-spectrum floor of cSpectral: (1e-7)^2 in power, -140 dB. */
  specFloor: 1e-14,
  /** Spectral flux and the band measures look at bins below 5 kHz. */
  fluxBins: 160,
  // Pitch: subharmonic summation (Hermes 1988) on a 513-point octave-scale spectrum from 25 Hz.
  shsMinHz: 25,
  shsHarmonics: 15,
  shsCompression: 0.85,
  shsCandidates: 6,
  f0MinHz: 55,
  f0MaxHz: 1000,
  voicingCutoff: 0.7,
  /** Frames whose Gaussian-windowed RMS is at or below this are unvoiced. */
  voicedRmsMin: 0.001,
  viterbiBuffer: 40,
  // Formants: the 20 ms spectrum resampled to 11 kHz, LPC order 11, roots 50-5450 Hz.
  formantRate: 11000,
  lpcOrder: 11,
  formantMinHz: 50,
  formantMaxHz: 5450,
  nFormants: 5,
  // Jitter/shimmer: period search +-10% around 1/F0, periods kept above cross-correlation 0.5.
  jitterSearch: 0.1,
  jitterMinCc: 0.5,
  jitterMinPeriods: 2,
  /** cHarmonics' floor for relative levels of unvoiced frames and missing harmonics. */
  logRelFloor: -201,
} as const;

/**
 * Frames for n samples: frame i covers [160 i, 160 i + 960) (zero past the end, by at most one
 * hop), so openSMILE's count floor((n - 800)/160) + 1; one frame for 0 < n < 800, none for 0.
 */
export function egemapsFrameCount(n: number): number {
  if (n <= 0) return 0;
  if (n < 800) return 1;
  return Math.floor((n - 800) / EGEMAPS.hop) + 1;
}

/** 20 ms frames for n samples: full frames only, as openSMILE's 20 ms framer emits them. */
export function egemapsShortFrameCount(n: number): number {
  if (n <= 0) return 0;
  if (n < EGEMAPS.shortFrame) return 1;
  return Math.floor((n - EGEMAPS.shortFrame) / EGEMAPS.hop) + 1;
}
