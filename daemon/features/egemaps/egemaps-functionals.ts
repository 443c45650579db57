// The 88 eGeMAPSv02 functionals from the LLD contours (openSMILE's eGeMAPSv02 functional
// components; Eyben et al. 2016, sec. 4):
//   - LLDs smoothed by sma3 / sma3nz (smoothing.ts);
//   - "_sma3nz" statistics count only the non-zero frames of their contour; spectral "V"
//     contours are the LLD where F0 > 0 (0 elsewhere), "UV" ones where F0 = 0, each smoothed
//     after that selection; formant frequency and bandwidth are zeroed where unvoiced before
//     smoothing, formant amplitudes keep their -201 there (and it counts, as in openSMILE);
//   - amean; stddevNorm = population std / mean (std when the mean is 0; 0 for a constant);
//     percentiles by linear interpolation at p (n - 1); pctlrange0-2 = |p80 - p20|;
//   - slopes and loudness peaks: peaks.ts; voiced / unvoiced segments: segments.ts;
//   - equivalentSoundLevel_dBp = 10 log10 of the mean over frames of the 20 ms mean square.
// With no frame to count a statistic is 0.
import { sortFloat64 } from '../sort-f64.ts';
import { EGEMAPS as E } from './egemaps-config.ts';
import type { EgemapsLld, EgemapsLldFrames } from './egemaps-llds.ts';
import { EGEMAPS_NAMES } from './egemaps-names.ts';
import { peakStats } from './peaks.ts';
import { segmentStats } from './segments.ts';
import { sma3, sma3Into, sma3nz, sma3nzInto } from './smoothing.ts';

const PERIOD = E.hop / E.sampleRate;

/** Values of x, or only its non-zero ones (a counted loop: filter's callback cost more than the statistics). */
function pick(x: Float64Array, nonZero: boolean): Float64Array {
  if (!nonZero) return x;
  let m = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) m++;
  if (m === x.length) return x;
  const out = new Float64Array(m);
  for (let i = 0, j = 0; i < x.length; i++) if (x[i] !== 0) out[j++] = x[i];
  return out;
}

// Scratch for the contours that only feed a mean and a deviation (gated, smoothed, picked):
// reused across calls instead of three new arrays per contour, which was most of the
// garbage of an utterance. Grown by doubling, never shrunk.
let gated = new Float64Array(1024), smoothed = new Float64Array(1024), picked = new Float64Array(1024);

function scratchFor(n: number): void {
  if (n <= gated.length) return;
  let c = gated.length;
  while (c < n) c *= 2;
  gated = new Float64Array(c);
  smoothed = new Float64Array(c);
  picked = new Float64Array(c);
}

/** Mean and stddevNorm of the non-zero values of sma3nz(x) (x not one of the scratch arrays). */
function nzStats(x: Float64Array): [number, number] {
  scratchFor(x.length);
  const y = sma3nzInto(x, smoothed), n = y.length;
  let m = 0;
  for (let i = 0; i < n; i++) if (y[i] !== 0) m++;
  if (m === n) return meanStd(y);
  for (let i = 0, j = 0; i < n; i++) if (y[i] !== 0) picked[j++] = y[i];
  return meanStd(picked.subarray(0, m));
}

function meanStd(v: Float64Array): [number, number] {
  const n = v.length;
  if (n === 0) return [0, 0];
  let s = 0;
  for (let i = 0; i < n; i++) s += v[i];
  const mean = s / n;
  let m2 = 0;
  for (let i = 0; i < n; i++) m2 += (v[i] - mean) ** 2;
  m2 /= n;
  const norm = m2 > 0 ? Math.sqrt(m2) / (mean !== 0 ? mean : 1) : 0;
  return [mean, norm];
}

function percentile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const x = p * (n - 1), i = Math.floor(x), f = x - i;
  return i + 1 < n ? sorted[i] + f * (sorted[i + 1] - sorted[i]) : sorted[i];
}

/** The ten prosodic functionals (F0, loudness). */
function prosodic(v: Float64Array): number[] {
  const [mean, norm] = meanStd(v);
  const sorted = Float64Array.from(v);
  sortFloat64(sorted);
  const p20 = percentile(sorted, 0.2), p50 = percentile(sorted, 0.5), p80 = percentile(sorted, 0.8);
  const pk = peakStats(v, v.length, PERIOD);
  return [mean, norm, p20, p50, p80, Math.abs(p80 - p20), pk.risingMean, pk.risingStd, pk.fallingMean, pk.fallingStd];
}

/** Keep the LLD where F0 is (voiced) or is not (!voiced) positive, 0 elsewhere (into the scratch). */
function gate(x: Float64Array, n: number, f0: Float64Array, voiced: boolean): Float64Array {
  scratchFor(n);
  const out = gated.subarray(0, n);
  for (let i = 0; i < n; i++) out[i] = f0[i] > 0 === voiced ? x[i] : 0;
  return out;
}

export function egemapsFunctionals(l: EgemapsLldFrames): Float32Array {
  const raw = l.raw, n = l.frames, out: number[] = [];
  const f0raw = raw['F0semitoneFrom27.5Hz'];
  const f0 = sma3nz(f0raw);
  const loud = sma3(raw.Loudness);
  out.push(...prosodic(pick(f0, true)), ...prosodic(loud));
  for (const name of ['spectralFlux', 'mfcc1', 'mfcc2', 'mfcc3', 'mfcc4'] as EgemapsLld[]) {
    scratchFor(raw[name].length);
    out.push(...meanStd(sma3Into(raw[name], smoothed)));
  }
  const nz = (x: Float64Array): number[] => nzStats(x);
  for (const name of ['jitterLocal', 'shimmerLocaldB', 'HNRdBACF', 'logRelF0-H1-H2', 'logRelF0-H1-A3'] as EgemapsLld[]) out.push(...nz(raw[name]));
  for (const i of [1, 2, 3]) {
    for (const kind of ['frequency', 'bandwidth', 'amplitudeLogRelF0']) out.push(...nz(raw[`F${i}${kind}` as EgemapsLld]));
  }
  const spectral = ['alphaRatio', 'hammarbergIndex', 'slope0-500', 'slope500-1500', 'spectralFlux'] as EgemapsLld[];
  for (const name of [...spectral, 'mfcc1', 'mfcc2', 'mfcc3', 'mfcc4'] as EgemapsLld[]) out.push(...nz(gate(raw[name], n, f0raw, true)));
  for (const name of spectral) out.push(nz(gate(raw[name], n, f0raw, false))[0]);
  const loudPeaks = peakStats(loud, loud.length, PERIOD);
  const v = segmentStats(n, (i) => f0[i] !== 0, PERIOD), u = segmentStats(n, (i) => f0[i] === 0, PERIOD);
  out.push(loudPeaks.peaksPerSecond, v.perSecond, v.meanLength, v.stdLength, u.meanLength, u.stdLength);
  let e = 0;
  for (let i = 0; i < l.energy.length; i++) e += l.energy[i];
  e = l.energy.length ? e / l.energy.length : 0;
  out.push(10 * Math.log10(Math.max(e, 1e-12)));
  if (out.length !== EGEMAPS_NAMES.length) throw new Error(`eGeMAPS: ${out.length} functionals, expected ${EGEMAPS_NAMES.length}`);
  return Float32Array.from(out, (x) => (Number.isFinite(x) ? x : 0));
}
