// The eGeMAPS per-frame pipelines, one call per 10 ms frame instead of one per kernel (a JS
// to WASM call costs about as much as a short kernel). Each is the kernels below in the
// order egemaps/egemaps-ref-kernels.ts calls their references, which is what
// test/kernels/egemaps-frames.test.ts holds them to. Buffers, tables and constants come in
// a context block the caller lays out (slot numbers: egemaps/egemaps-wasm-kernels.ts CTX):
// i32 addresses and counts, f32 constants, 4 bytes each.
import { applyWindow } from './apply-window.ts';
import { auditoryLoudness } from './auditory-loudness.ts';
import { bandRatios } from './band-ratios.ts';
import { bandSlope } from './band-slope.ts';
import { dot } from './dot.ts';
import { meanSquare } from './energy.ts';
import { lpcRoots } from './lpc-roots.ts';
import { magnitudeFlux } from './magnitude-flux.ts';
import { melBands } from './mel-filterbank.ts';
import { mfcc } from './mfcc.ts';
import { octaveSpline } from './octave-spline.ts';
import { powerToMagnitude } from './power-to-magnitude.ts';
import { resampleBins, resampleSpectrum } from './resample-bins.ts';
import { rfftPower } from './rfft.ts';
import { shsPeaks } from './shs-peaks.ts';
import { specEnhance } from './spec-enhance.ts';
import { subharmonicSum } from './subharmonic-sum.ts';

// @ts-ignore: decorator
@inline function p(c: usize, slot: i32): usize { return <usize>load<i32>(c + (<usize>slot << 2)); }
// @ts-ignore: decorator
@inline function n(c: usize, slot: i32): i32 { return load<i32>(c + (<usize>slot << 2)); }
// @ts-ignore: decorator
@inline function f(c: usize, slot: i32): f32 { return load<f32>(c + (<usize>slot << 2)); }
// @ts-ignore: decorator
@inline function o64(out: usize, i: i32, v: f64): void { store<f64>(out + (<usize>i << 3), v); }

// Context slots (keep in step with CTX in egemaps-wasm-kernels.ts).
// @ts-ignore: decorator
@inline const HAMMING = 0, FFT512 = 1, FFT_WORK = 2, SHORT_WIN = 3, POW = 4, PREV = 5, MEL_BANDS = 6,
  MEL_WEIGHTS = 7, MEL = 8, LOUD_W = 9, DCT = 10, MEL_LOG = 11, CEPS = 12, PAIR = 13, RESAMPLE = 14,
  RESAMPLED = 15, ACF = 16, GAUSS = 17, FFT1024 = 18, LONG_WIN = 19, LONG_POW = 20, WORK = 21, SPLINE = 22,
  KLO = 23, SPLINE_WORK = 24, OCTAVE = 25, SHIFTS = 26, SHS = 27, PEAK_IDX = 28, PEAK_VAL = 29, PEAK_MEAN = 30,
  RS_WORK = 31, RS_BINS = 51,
  N_MEL = 32, LOUD_FLOOR = 33, LOUD_EXP = 34, MFCC_FLOOR = 35, N_MFCC = 36, SHORT_DF = 37, SPEC_FLOOR = 38,
  FLUX_BINS = 39, SLOPE_MID = 40, SLOPE_HI = 41, RS_ROWS = 42, LPC_ORDER = 43, N_SHIFTS = 44, SHS_COMPRESSION = 45,
  N_CANDIDATES = 46, SHORT_LEN = 47, SHORT_FFT = 48, LONG_LEN = 49, LONG_FFT = 50;

/**
 * 20 ms frame at framePtr -> out (f64 x 11): mean square, loudness, alpha ratio, Hammarberg
 * index, slope 0-500 Hz, slope 500-1500 Hz, flux (0 unless hasPrev), MFCC 1-4. Leaves the
 * windowed frame in SHORT_WIN for egemapsFormantRoots, and copies the frame's complex FFT
 * points (fft floats) to zSave unless it is 0; swaps POW and PREV.
 */
export function egemapsShort(c: usize, framePtr: usize, hasPrev: i32, out: usize, zSave: usize): void {
  const len = n(c, SHORT_LEN), fft = n(c, SHORT_FFT), bins = fft / 2 + 1, nMel = n(c, N_MEL);
  const prevPtr = p(c, POW), powPtr = p(c, PREV);
  store<i32>(c + (<usize>POW << 2), <i32>powPtr);
  store<i32>(c + (<usize>PREV << 2), <i32>prevPtr);
  applyWindow(framePtr, len, p(c, HAMMING), fft, p(c, SHORT_WIN));
  rfftPower(p(c, SHORT_WIN), fft, p(c, FFT512), p(c, FFT_WORK), powPtr);
  // The complex FFT points (the split only reads them) for egemapsFormantRoots, if asked.
  if (zSave) memory.copy(zSave, p(c, FFT_WORK), <usize>fft << 2);
  melBands(powPtr, p(c, MEL_BANDS), nMel, p(c, MEL_WEIGHTS), p(c, MEL));
  const df = f(c, SHORT_DF), floor = f(c, SPEC_FLOOR);
  o64(out, 0, meanSquare(framePtr, len));
  o64(out, 1, auditoryLoudness(p(c, MEL), nMel, p(c, LOUD_W), f(c, LOUD_FLOOR), f(c, LOUD_EXP)));
  bandRatios(powPtr, bins, df, floor, p(c, PAIR));
  o64(out, 2, load<f32>(p(c, PAIR)));
  o64(out, 3, load<f32>(p(c, PAIR) + 4));
  o64(out, 4, bandSlope(powPtr, 0, n(c, SLOPE_MID), df, floor));
  o64(out, 5, bandSlope(powPtr, n(c, SLOPE_MID), n(c, SLOPE_HI), df, floor));
  o64(out, 6, hasPrev ? magnitudeFlux(powPtr, prevPtr, n(c, FLUX_BINS)) : 0);
  const nc = n(c, N_MFCC), ceps = p(c, CEPS);
  mfcc(p(c, MEL), nMel, f(c, MFCC_FLOOR), p(c, DCT), nc, p(c, MEL_LOG), ceps);
  for (let i = 0; i < nc; i++) o64(out, 7 + i, load<f32>(ceps + (<usize>i << 2)));
}

/**
 * The windowed 20 ms frame in SHORT_WIN resampled to 11 kHz (from its spectrum:
 * resample-bins.ts, tables at RESAMPLE), its autocorrelation r[0..p]
 * (f64 into ACF) and the roots of its LPC polynomial (rootsPtr, f64 pairs, warm-started from
 * what it holds). With zPtr non-zero the resampling starts from the frame's complex FFT points
 * that egemapsShort saved there (the same values, without the FFT). Returns lpcRoots' result
 * (-1: silent frame, no roots).
 */
export function egemapsFormantRoots(c: usize, rootsPtr: usize, startPtr: usize, zPtr: usize): i32 {
  const rows = n(c, RS_ROWS), r = p(c, RESAMPLED), acf = p(c, ACF), order = n(c, LPC_ORDER);
  if (zPtr) resampleSpectrum(zPtr, p(c, FFT512), n(c, RS_BINS), p(c, RESAMPLE), rows, p(c, RS_WORK), r);
  else resampleBins(p(c, SHORT_WIN), p(c, FFT512), n(c, RS_BINS), p(c, RESAMPLE), rows, p(c, RS_WORK), r);
  for (let k = 0; k <= order; k++) store<f64>(acf + (<usize>k << 3), <f64>dot(r, r + (<usize>k << 2), rows - k));
  return lpcRoots(acf, order, rootsPtr, 100, startPtr);
}

/**
 * 60 ms frame at framePtr: Gaussian window (LONG_WIN), magnitude spectrum into magPtr,
 * subharmonic-sum pitch spectrum (SHS) and its peaks (PEAK_IDX, PEAK_VAL, PEAK_MEAN).
 * Returns the peak count; out (f64) gets the windowed RMS.
 */
export function egemapsLong(c: usize, framePtr: usize, magPtr: usize, out: usize): i32 {
  const len = n(c, LONG_LEN), fft = n(c, LONG_FFT), bins = fft / 2 + 1, win = p(c, LONG_WIN);
  applyWindow(framePtr, len, p(c, GAUSS), fft, win);
  o64(out, 0, Math.sqrt(<f64>meanSquare(win, len)));
  rfftPower(win, fft, p(c, FFT1024), p(c, FFT_WORK), p(c, LONG_POW));
  powerToMagnitude(p(c, LONG_POW), bins, magPtr);
  const work = p(c, WORK);
  memory.copy(work, magPtr, <usize>bins << 2);
  specEnhance(work, bins);
  octaveSpline(work, bins, p(c, SPLINE), p(c, KLO), p(c, SPLINE_WORK), p(c, OCTAVE));
  subharmonicSum(p(c, OCTAVE), bins, p(c, SHIFTS), n(c, N_SHIFTS), f(c, SHS_COMPRESSION), p(c, SHS));
  return shsPeaks(p(c, SHS), bins, n(c, N_CANDIDATES), p(c, PEAK_IDX), p(c, PEAK_VAL), p(c, PEAK_MEAN));
}
