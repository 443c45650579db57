// F0 candidates of one frame from its subharmonic-sum spectrum S (cPitchShs + cPitchBase,
// greedyPeakAlgo=1): the 6 highest local maxima of S, each refined by a parabola through its
// neighbours on the log2 f axis; voicing 1 - mean(S)/peak (0 when the peak is below the
// mean); candidates outside 55-1000 Hz dropped; the best-scoring one moved first.
import { shsPeaks } from '../ref/shs-peaks.ts';
import { EGEMAPS as E } from './egemaps-config.ts';

export interface PitchCandidates {
  /** Number of valid candidates (<= 6); the arrays hold 6 entries, 0 past n. */
  n: number;
  readonly f0: Float64Array;
  readonly voicing: Float64Array;
  readonly score: Float64Array;
}

export const newCandidates = (): PitchCandidates => ({
  n: 0, f0: new Float64Array(E.shsCandidates), voicing: new Float64Array(E.shsCandidates), score: new Float64Array(E.shsCandidates),
});

/**
 * Vertex (x, y) of the parabola through three points into out[0], out[1]
 * (openSMILE's smileMath_quadFrom3pts); when there is none, the highest point (the first
 * one when none is strictly highest).
 */
export function parabolaPeak(x1: number, y1: number, x2: number, y2: number, x3: number, y3: number, out: Float64Array): void {
  const den = x1 * x1 * x2 + x2 * x2 * x3 + x3 * x3 * x1 - x3 * x3 * x2 - x2 * x2 * x1 - x1 * x1 * x3;
  if (den !== 0) {
    const a = (y1 * x2 + y2 * x3 + y3 * x1 - y3 * x2 - y2 * x1 - y1 * x3) / den;
    const b = (x1 * x1 * y2 + x2 * x2 * y3 + x3 * x3 * y1 - x3 * x3 * y2 - x2 * x2 * y1 - x1 * x1 * y3) / den;
    const c = (x1 * x1 * x2 * y3 + x2 * x2 * x3 * y1 + x3 * x3 * x1 * y2 - x3 * x3 * x2 * y1 - x2 * x2 * x1 * y3 - x1 * x1 * x3 * y2) / den;
    if (a !== 0) {
      const x = -b / (2 * a);
      out[0] = x;
      out[1] = c - a * x * x;
      return;
    }
  }
  const second = y2 > y1 && y2 > y3, third = !second && y3 > y1 && y3 > y2;
  out[0] = second ? x2 : third ? x3 : x1;
  out[1] = second ? y2 : third ? y3 : y1;
}

const idx = new Int32Array(E.shsCandidates), val = new Float32Array(E.shsCandidates), v = new Float64Array(2);

/** Candidates of the pitch spectrum s (n points), peaks picked by the reference kernel. */
export function pitchCandidates(s: Float32Array, n: number, fminT: number, fstepT: number, out: PitchCandidates): void {
  const { count, mean } = shsPeaks(s, n, E.shsCandidates, idx, val);
  candidatesFromPeaks(s, idx, count, mean, fminT, fstepT, out);
}

/**
 * Candidates from the picked peaks (bins idx[0..count), highest first) of s and its mean:
 * each peak refined by a parabola on the log2 f axis, kept within 55-1000 Hz.
 */
export function candidatesFromPeaks(
  s: Float32Array, peaks: Int32Array, count: number, mean: number, fminT: number, fstepT: number, out: PitchCandidates,
): void {
  const m = E.shsCandidates;
  const f0s = out.f0, vs = out.voicing, sc = out.score;
  f0s.fill(0);
  vs.fill(0);
  sc.fill(0);
  let k = 0;
  for (let c = 0; c < count; c++) {
    const i = peaks[c], xi = fminT + i * fstepT;
    parabolaPeak(xi - fstepT, s[i - 1], xi, s[i], xi + fstepT, s[i + 1], v);
    const x = v[0], y = v[1];
    const f0 = 2 ** x;
    if (f0 > E.f0MaxHz || f0 < E.f0MinHz) continue;
    f0s[k] = f0;
    sc[k] = y;
    vs[k] = y > 0 && y > mean ? 1 - mean / y : 0;
    k++;
  }
  out.n = k;
  let best = 0;
  for (let c = 1; c < m; c++) if (sc[c] > sc[best]) best = c;
  if (best > 0) {
    swap(f0s, best);
    swap(vs, best);
    swap(sc, best);
  }
}

function swap(a: Float64Array, i: number): void {
  const t = a[0];
  a[0] = a[i];
  a[i] = t;
}
