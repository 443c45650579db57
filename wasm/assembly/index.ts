// Entry point of the feature kernels; asc builds it twice (wasm/build.mjs): with SIMD and,
// for comparison, without (ASC_FEATURE_SIMD false removes every vector branch).
// Imported then re-exported: asc resolves `.ts` specifiers in imports but not in `export from`.
import { arenaAlloc, arenaMark, arenaReset } from './arena.ts';
import { sanitize } from './sanitize.ts';
import { dcBlock } from './dc-block.ts';
import { decimate2 } from './decimate.ts';
import { frameWindow } from './frame-window.ts';
import { rfftInit, rfftTableBytes } from './rfft-tables.ts';
import { rfftPower } from './rfft.ts';
import { logPower } from './log-power.ts';
import { melBands } from './mel-filterbank.ts';
import { mfcc } from './mfcc.ts';
import { meanSquare } from './energy.ts';
import { loudness } from './loudness.ts';
import { zeroCrossingRate } from './zcr.ts';
import { spectralCentroid } from './spectral-centroid.ts';
import { spectralRolloff } from './spectral-rolloff.ts';
import { spectralFlatness } from './spectral-flatness.ts';
import { spectralEntropy } from './spectral-entropy.ts';
import { spectralSlope } from './spectral-slope.ts';
import { spectralFlux } from './spectral-flux.ts';
import { nccf } from './nccf.ts';
import { pitchFrame } from './pitch.ts';
import { applyWindow } from './apply-window.ts';
import { auditoryLoudness } from './auditory-loudness.ts';
import { bandRatios } from './band-ratios.ts';
import { bandSlope } from './band-slope.ts';
import { magnitudeFlux } from './magnitude-flux.ts';
import { powerToMagnitude } from './power-to-magnitude.ts';
import { dot } from './dot.ts';
import { matVec } from './mat-vec.ts';
import { resampleBins, resampleBinsWorkBytes, resampleSpectrum } from './resample-bins.ts';
import { centeredXcorr } from './centered-xcorr.ts';
import { specEnhance } from './spec-enhance.ts';
import { octaveSpline } from './octave-spline.ts';
import { subharmonicSum } from './subharmonic-sum.ts';
import { shsPeaks } from './shs-peaks.ts';
import { lpcRoots } from './lpc-roots.ts';
import { xcorrScan } from './xcorr-scan.ts';
import { egemapsFormantRoots, egemapsLong, egemapsShort } from './egemaps-frames.ts';

export {
  arenaAlloc,
  arenaMark,
  arenaReset,
  sanitize,
  dcBlock,
  decimate2,
  frameWindow,
  rfftInit,
  rfftTableBytes,
  rfftPower,
  logPower,
  melBands,
  mfcc,
  meanSquare,
  loudness,
  zeroCrossingRate,
  spectralCentroid,
  spectralRolloff,
  spectralFlatness,
  spectralEntropy,
  spectralSlope,
  spectralFlux,
  nccf,
  pitchFrame,
  applyWindow,
  auditoryLoudness,
  bandRatios,
  bandSlope,
  magnitudeFlux,
  powerToMagnitude,
  dot,
  matVec,
  centeredXcorr,
  specEnhance,
  octaveSpline,
  subharmonicSum,
  shsPeaks,
  lpcRoots,
  xcorrScan,
  resampleBins,
  resampleBinsWorkBytes,
  resampleSpectrum,
  egemapsShort,
  egemapsFormantRoots,
  egemapsLong,
};

/** 1 when built with SIMD, 0 for the scalar build: lets the loader check what it loaded. */
export function simdEnabled(): i32 {
  return ASC_FEATURE_SIMD ? 1 : 0;
}
