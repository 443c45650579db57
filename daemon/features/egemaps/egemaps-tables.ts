// Tables the eGeMAPS kernels read, built once from EGEMAPS and shared by every backend:
// windows, the mel filterbank, equal-loudness weights, the MFCC DCT rows, the 11 kHz
// resampling matrix and the octave-scale spline geometry of the pitch spectrum.
import { EGEMAPS as E } from './egemaps-config.ts';
import { octaveSpline, type OctaveSpline } from './octave-grid.ts';

export interface EgemapsTables {
  readonly hamming: Float32Array;
  readonly gauss: Float32Array;
  /** Packed mel filterbank for melBands(): (firstBin, length, weightOffset) per band. */
  readonly melBands: Int32Array;
  readonly melWeights: Float32Array;
  /** Equal-loudness weight at each band's centre frequency. */
  readonly loudnessWeights: Float32Array;
  /** Rows c1..c4: sqrt(2/26) cos(pi i (j + 0.5)/26) (1 + 11 sin(pi i/22)). */
  readonly mfccDct: Float32Array;
  /** 220 x 320, row-major: the 20 ms frame at 11 kHz (see resampleMatrix). */
  readonly resample: Float32Array;
  readonly resampledLength: number;
  readonly spline: OctaveSpline;
}

/** Hamming 0.54 - 0.46 cos(2 pi i/(n-1)), openSMILE's smileDsp_winHam. */
export function hamming(n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (n - 1)));
}

/** Gaussian exp(-0.5 ((i - (n-1)/2) / (sigma (n-1)/2))^2), openSMILE's smileDsp_winGau. */
export function gauss(n: number, sigma: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => {
    const t = (i - (n - 1) / 2) / ((sigma * (n - 1)) / 2);
    return Math.exp(-0.5 * t * t);
  });
}

const mel = (f: number): number => (f > 0 ? 1127 * Math.log(1 + f / 700) : 0);
const hz = (m: number): number => 700 * (Math.exp(m / 1127) - 1);

/**
 * cMelspec's triangular bank: centres equally spaced in mel (1127 ln(1 + f/700)) from lo to
 * hi, nBands + 2 edges; only bins strictly between round(lo/df) and round(hi/df) count, and
 * each such bin splits its power between the falling side of one band and the rising side
 * of the next (HTK book 5.4).
 */
export function melFilterbank(nBands: number, fftSize: number, rate: number, lo: number, hi: number) {
  const df = rate / fftSize, bins = fftSize / 2 + 1;
  const step = (mel(hi) - mel(lo)) / (nBands + 1);
  const cf = Float64Array.from({ length: nBands + 2 }, (_, m) => mel(lo) + m * step);
  const w = Array.from({ length: nBands }, () => new Float64Array(bins));
  const nLo = Math.round(lo / df), nHi = Math.round(hi / df);
  for (let n = nLo + 1; n < Math.min(nHi, bins); n++) {
    const m = mel(n * df);
    let k = 0;
    while (k < nBands + 1 && cf[k + 1] < m) k++;
    const fall = (cf[k + 1] - m) / (cf[k + 1] - cf[k]);
    if (k - 1 >= 0) w[k - 1][n] = fall;
    if (k < nBands) w[k][n] = 1 - fall;
  }
  const bands = new Int32Array(3 * nBands), weights: number[] = [];
  for (let b = 0; b < nBands; b++) {
    let first = w[b].findIndex((v) => v !== 0), last = first;
    for (let n = first; n >= 0 && n < bins; n++) if (w[b][n] !== 0) last = n;
    if (first < 0) first = last = 0;
    bands.set([first, last - first + 1, weights.length], 3 * b);
    for (let n = first; n <= last; n++) weights.push(w[b][n]);
  }
  const centresHz = Float64Array.from({ length: nBands }, (_, b) => hz(cf[b + 1]));
  return { bands, weights: Float32Array.from(weights), centresHz };
}

/** Hermansky's equal-loudness curve scaled to a maximum of 1 (J. Acoust. Soc. Am. 87, 1990). */
export function equalLoudness(f: number): number {
  const w2 = (2 * Math.PI * f) ** 2, c = w2 + 6.3e6;
  return (1e32 * ((w2 + 56.8e6) * w2 * w2)) / (c * c * (w2 + 0.38e9) * (w2 * w2 * w2 * Math.sqrt(w2) + 1.7e31));
}

/**
 * cSpecResample from 16 to 11 kHz of the 512-point FFT frame: the real inverse DFT of bins
 * 0..109 (below min(K, I)/2 with K = 512 inputs, I = 220 outputs) evaluated on the 11 kHz
 * grid, period 352 = 512 * 11/16, divided by K/2 (the DC term is thus weighted twice as
 * much as the others, as openSMILE does). cTransformFFT centres the 320 samples in the 512
 * (zeroPadSymmetric, offset 96), so the 220 outputs cover buffer positions 0..320: 6 ms of
 * padding and the frame's first 14 ms. Folded with the forward DFT into one matrix:
 * y[i] = sum_j x[j] (1 + sum_{k=1..109} cos(2 pi k ((j + 96)/512 - i/352))) / 256.
 */
export function resampleMatrix(): { matrix: Float32Array; rows: number } {
  const rows = Math.round(E.shortFrame * (E.formantRate / E.sampleRate));
  const kMax = Math.min(E.shortFft, rows) & ~1, period = (E.shortFft * E.formantRate) / E.sampleRate;
  const pad = (E.shortFft - E.shortFrame) >> 1;
  // The cosine sum is a Dirichlet kernel: 1 + sum_{k=1..K} cos(k t) = 1/2 + sin((K + 1/2) t) / (2 sin(t/2)).
  const m = new Float32Array(rows * E.shortFrame), K = kMax / 2 - 1;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < E.shortFrame; j++) {
      const t = 2 * Math.PI * ((j + pad) / E.shortFft - i / period), h = Math.sin(t / 2);
      const s = Math.abs(h) < 1e-12 ? K + 1 : 0.5 + Math.sin((K + 0.5) * t) / (2 * h);
      m[i * E.shortFrame + j] = s / (E.shortFft / 2);
    }
  }
  return { matrix: m, rows };
}

/** Phases of the 11 kHz grid per FFT period (352 = 11 x 32) and the lanes they are padded to. */
export const RESAMPLE_PHASES = 11, RESAMPLE_LANES = 12, RESAMPLE_PERIODS = 32;

/**
 * Tables of the spectral route to the same resampling (wasm/assembly/resample-bins.ts):
 * G[k][i1] = exp(2 pi i (k i1/352 - 96 k/512))/256 for the K = 110 bins (re block, then im
 * block, K x 12 each, lane 11 zero), then cos and sin of 2 pi k2 i2/32 (i2 < 20 rows of 32).
 */
export function resampleBinTables(): { table: Float32Array; bins: number } {
  const rows = Math.round(E.shortFrame * (E.formantRate / E.sampleRate));
  const bins = (Math.min(E.shortFft, rows) & ~1) / 2, period = (E.shortFft * E.formantRate) / E.sampleRate;
  const pad = (E.shortFft - E.shortFrame) >> 1, L = RESAMPLE_LANES, P = RESAMPLE_PERIODS;
  const outRows = Math.ceil(rows / RESAMPLE_PHASES);
  const t = new Float32Array(2 * bins * L + 2 * outRows * P);
  for (let k = 0; k < bins; k++) {
    for (let i1 = 0; i1 < RESAMPLE_PHASES; i1++) {
      const a = 2 * Math.PI * ((k * i1) / period - (k * pad) / E.shortFft);
      t[k * L + i1] = Math.cos(a) / (E.shortFft / 2);
      t[bins * L + k * L + i1] = Math.sin(a) / (E.shortFft / 2);
    }
  }
  const o = 2 * bins * L;
  for (let i2 = 0; i2 < outRows; i2++) {
    for (let k2 = 0; k2 < P; k2++) {
      const a = (2 * Math.PI * k2 * i2) / P;
      t[o + i2 * P + k2] = Math.cos(a);
      t[o + outRows * P + i2 * P + k2] = Math.sin(a);
    }
  }
  return { table: t, bins };
}

let cached: EgemapsTables | null = null;

export function egemapsTables(): EgemapsTables {
  if (cached) return cached;
  const fb = melFilterbank(E.melBands, E.shortFft, E.sampleRate, E.melLowHz, E.melHighHz);
  const dct = new Float32Array(E.mfccCount * E.melBands);
  for (let i = 1; i <= E.mfccCount; i++) {
    const lift = 1 + (E.mfccLifter / 2) * Math.sin((Math.PI * i) / E.mfccLifter);
    for (let j = 0; j < E.melBands; j++) {
      dct[(i - 1) * E.melBands + j] = Math.sqrt(2 / E.melBands) * Math.cos((Math.PI * i * (j + 0.5)) / E.melBands) * lift;
    }
  }
  const rs = resampleMatrix();
  cached = {
    hamming: hamming(E.shortFrame),
    gauss: gauss(E.longFrame, E.gaussSigma),
    melBands: fb.bands,
    melWeights: fb.weights,
    loudnessWeights: Float32Array.from(fb.centresHz, equalLoudness),
    mfccDct: dct,
    resample: rs.matrix,
    resampledLength: rs.rows,
    spline: octaveSpline(E.longFft / 2 + 1, E.sampleRate / E.longFft, E.shsMinHz),
  };
  return cached;
}
