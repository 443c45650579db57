// Harmonic LLDs of one voiced 60 ms frame (openSMILE cHarmonics as eGeMAPS configures it),
// on the Gaussian-windowed magnitude spectrum M (bins of df = 15.625 Hz):
//   HNR      10 log10(r(T) / (r(0) - r(T))), r the frame's circular autocorrelation, T the
//            autocorrelation peak nearest to floor(fs/F0) (clamped to +-110 dB), 0 unvoiced
//   harmonic i (i = 0 is F0): the spectral peak nearest to (i+1) F0 within +-F0/2, its level
//            parabolically interpolated, in dB relative to the F0 peak's bin level
//   H1-H2    level(2 F0) - level(3 F0) ("H1" counts from H0 = F0, as openSMILE names them)
//   H1-A3    level(2 F0) - level of the strongest harmonic within 0.8-1.2 F3
//   Fk amplitude  level of the strongest harmonic within 0.8-1.2 Fk, relative to F0
// Levels: 20 log10, floored at -200; a missing harmonic -201; unvoiced frames give HNR,
// H1-H2, H1-A3 = 0 and formant amplitudes -201 (cHarmonics' logRelValueFloorUnvoiced).
import { EGEMAPS as E } from './egemaps-config.ts';
import { parabolaPeak } from './pitch-candidates.ts';

const N_HARMONICS = 100;
// Per-call scratch, reused: harmonics() runs for every voiced frame.
const bin = new Int32Array(N_HARMONICS), freq = new Float64Array(N_HARMONICS);
const dup = new Uint8Array(N_HARMONICS), peakMag = new Float64Array(N_HARMONICS);
const interp = new Float64Array(N_HARMONICS);
// acfCache[lag] holds this frame's value when acfStamp[lag] is the frame's acfGen.
const acfCache = new Float64Array(1024), acfStamp = new Int32Array(1024), vertex = new Float64Array(2);
let acfGen = 0;

export interface HarmonicsOut {
  hnr: number;
  h1h2: number;
  h1a3: number;
  /** F1..F3 amplitude relative to F0, dB. */
  readonly formantAmp: Float64Array;
}

function isPeak(x: (i: number) => number, n: number, i: number): boolean {
  if (i >= n || i < 0) return false;
  if (i + 1 < n) return i > 0 ? x(i) > x(i - 1) && x(i) > x(i + 1) : x(0) > x(1);
  return i > 0 && x(i) > x(i - 1);
}

/** isPeak on an array (the harmonic search runs it a few hundred times per voiced frame). */
function isPeakAt(x: Float32Array, n: number, i: number): boolean {
  if (i >= n || i < 0) return false;
  if (i + 1 < n) return i > 0 ? x[i] > x[i - 1] && x[i] > x[i + 1] : x[0] > x[1];
  return i > 0 && x[i] > x[i - 1];
}

/**
 * Bin whose frequency is nearest to f, looking at bins from `from` up: the first bin above f
 * and the one before it; 0 when no bin lies above f (cHarmonics::freqToBin, which scans; the
 * scan starts here at the bin below f, which gives the same first bin above f).
 */
function freqToBin(f: number, from: number, n: number, df: number): number {
  for (let b = Math.max(from, Math.floor(f / df)); b < n; b++) {
    if (b * df > f) return b * df - f > f - (b - 1) * df ? b - 1 : b;
  }
  return 0;
}

/** Autocorrelation peak nearest to lag t (cHarmonics::getClosestPeak), acf evaluated lazily. */
function closestPeak(acf: (lag: number) => number, n: number, t: number): number {
  if (isPeak(acf, n, t)) return t;
  for (let o = 1; t - o > 0 || t + o < n - 1; o++) {
    if (t - o > 0 && isPeak(acf, n, t - o)) return t - o;
    if (t + o < n - 1 && isPeak(acf, n, t + o)) return t + o;
  }
  const a0 = acf(0), an = acf(n - 1), at0 = acf(t);
  if (a0 > at0 && an <= at0) return 0;
  if (a0 <= at0 && an > at0) return n - 1;
  if (a0 > at0 && an > at0) return t < n / 2 ? 0 : n - 1;
  return t;
}

/**
 * mag: n magnitude bins; acf(lag): |circular autocorrelation| of the windowed frame;
 * formants: F1..F5 in Hz (0 when absent).
 */
export function harmonics(
  f0: number, mag: Float32Array, n: number, acf: (lag: number) => number, formants: ArrayLike<number>, out: HarmonicsOut,
): void {
  const df = E.sampleRate / E.longFft;
  if (!(f0 > 0)) {
    out.hnr = out.h1h2 = out.h1a3 = 0;
    out.formantAmp.fill(E.logRelFloor);
    return;
  }
  // HNR from the autocorrelation at the pitch period.
  if (++acfGen === 0x7fffffff) {
    acfGen = 1;
    acfStamp.fill(0);
  }
  acfFn = acf;
  const lag = Math.floor((2 * (n - 1) * df) / f0);
  const t = lag > 0 ? closestPeak(acfAt, n, lag) : 0;
  if (t <= 0) out.hnr = 0;
  else {
    const d = acfAt(0) - acfAt(t);
    const ratio = d === 0 ? 1e11 : acfAt(t) / d;
    out.hnr = 10 * Math.log10(Math.min(Math.max(ratio, 1e-9), 1e11));
  }
  acfFn = noAcf;
  // Harmonic peaks, up to the first one past the last bin: every later one is there too
  // (bin 0, nothing found), so they are duplicates and never the strongest.
  let last = freqToBin(0.5 * f0, 1, n, df);
  const first = freqToBin(0.5 * f0, last, n, df);
  count = N_HARMONICS;
  // Past H2 a harmonic is read only by strongest(), within 1.2 F1..F3: one whose search range
  // starts above that (its peak lies at or above bin lo >= (i + 0.5) F0/df - 1, its vertex
  // within a bin of it; 3 bins of margin) has no peak (frequency and magnitude 0), so
  // strongest() never picks it and level() never reads it; the same holds for every later
  // one, so the search stops there (count = i: the harmonics read are all below it, and
  // count >= 3 keeps H1, H2 readable).
  const reach = 1.2 * Math.max(formants[0], formants[1], formants[2]) + 3 * df;
  for (let i = 0; i < N_HARMONICS; i++) {
    if (i >= 3 && (i + 0.5) * f0 > reach) {
      count = i;
      break;
    }
    const cand = freqToBin((i + 1) * f0, last, n, df);
    freq[i] = peakMag[i] = interp[i] = 0;
    let p = -1;
    if (isPeakAt(mag, n, cand)) p = cand;
    else {
      let l = cand - 1, rr = cand + 1;
      const lo = freqToBin((i + 0.5) * f0, last, n, df), hi = freqToBin((i + 1.5) * f0, cand, n, df);
      while ((l >= lo || rr <= hi) && p === -1) {
        if (rr <= hi) {
          if (isPeakAt(mag, n, rr)) p = rr;
          rr++;
        }
        if (p === -1 && l >= lo) {
          if (isPeakAt(mag, n, l)) p = l;
          l--;
        }
      }
    }
    if (p >= first && p < n - 1) {
      bin[i] = p;
      peakMag[i] = mag[p];
      parabolaPeak((p - 1) * df, mag[p - 1], p * df, mag[p], (p + 1) * df, mag[p + 1], vertex);
      freq[i] = vertex[0];
      interp[i] = vertex[1];
    } else bin[i] = cand;
    last = cand;
    if (cand === 0) {
      count = i + 1;
      break;
    }
  }
  const ref = peakMag[0];
  useRel = ref !== 0;
  lref = useRel ? Math.log10(ref) : 0;
  // A harmonic on the same bin as the one before is a duplicate: dropped (level -201).
  dup[0] = 0;
  for (let i = 1; i < count; i++) {
    dup[i] = bin[i] === bin[i - 1] ? 1 : 0;
    if (dup[i]) {
      bin[i] = 0;
      freq[i] = peakMag[i] = interp[i] = 0;
    }
  }
  out.h1h2 = clampRel(level(1) - level(2));
  const a3 = strongest(formants[2]);
  out.h1a3 = clampRel(a3 >= 0 ? level(1) - level(a3) : level(1) - 201);
  for (let k = 0; k < 3; k++) {
    const h = k === 2 ? a3 : strongest(formants[k]);
    out.formantAmp[k] = h >= 0 ? level(h) : 0;
  }
}

// State of the current harmonics() call, read by the functions below (module functions rather
// than closures: this runs for every voiced frame).
let acfFn: (lag: number) => number = () => 0;
const noAcf = acfFn;
let count = N_HARMONICS, useRel = false, lref = 0;

/** |acf(lag)|, each lag evaluated once per frame. */
function acfAt(lag: number): number {
  if (acfStamp[lag] === acfGen) return acfCache[lag];
  acfStamp[lag] = acfGen;
  return (acfCache[lag] = Math.abs(acfFn(lag)));
}

/** Level of harmonic i in dB relative to the F0 peak; -201 for a duplicate or missing one. */
function level(i: number): number {
  if (i === 0) return 0;
  if (i >= count || dup[i] || !useRel) return -201;
  return interp[i] > 0 ? Math.max(20 * (Math.log10(interp[i]) - lref), -200) : -200;
}

/** The strongest harmonic within 0.8-1.2 fc, or -1. */
function strongest(fc: number): number {
  let best = -1, max = 0;
  for (let h = 0; h < count; h++) {
    if (freq[h] >= 0.8 * fc && freq[h] <= 1.2 * fc && peakMag[h] > max) {
      best = h;
      max = peakMag[h];
    }
  }
  return best;
}

const clampRel = (v: number): number => Math.min(Math.max(v, -201), 201);
