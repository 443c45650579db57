// The eGeMAPSv02 frame-level descriptors: names, and what an extraction hands to the
// functionals.

/** LLD names as openSMILE writes them in its LLD output, without the _sma3 / _sma3nz suffix. */
export const EGEMAPS_LLDS = [
  'Loudness', 'alphaRatio', 'hammarbergIndex', 'slope0-500', 'slope500-1500', 'spectralFlux',
  'mfcc1', 'mfcc2', 'mfcc3', 'mfcc4', 'F0semitoneFrom27.5Hz', 'jitterLocal', 'shimmerLocaldB',
  'HNRdBACF', 'logRelF0-H1-H2', 'logRelF0-H1-A3', 'F1frequency', 'F1bandwidth',
  'F1amplitudeLogRelF0', 'F2frequency', 'F2bandwidth', 'F2amplitudeLogRelF0', 'F3frequency',
  'F3bandwidth', 'F3amplitudeLogRelF0',
] as const;

export type EgemapsLld = (typeof EGEMAPS_LLDS)[number];

/** The first ten are smoothed with sma3, the rest with sma3nz. */
export const SMA3_LLDS = 10;

export interface EgemapsLldFrames {
  /** 10 ms frames of the 60 ms analysis (pitch and everything joined with it). */
  readonly frames: number;
  /** 20 ms frames (>= frames): the first ten LLDs and `energy` have this many values. */
  readonly shortFrames: number;
  /** Raw (unsmoothed) contours by name. */
  readonly raw: Record<EgemapsLld, Float64Array>;
  /** F0 in Hz after smoothing and the energy gate (0 unvoiced). */
  readonly f0Hz: Float64Array;
  /** Mean square of each 20 ms frame (equivalent sound level). */
  readonly energy: Float64Array;
  /**
   * Formant frequencies F1..F3 per frame, 0 on unvoiced frames (their formants are not
   * computed: no eGeMAPS value reads them).
   */
  readonly formantsAll: Float64Array;
}
