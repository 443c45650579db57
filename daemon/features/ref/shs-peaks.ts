// Reference for wasm/assembly/shs-peaks.ts: greedy peak picking of the subharmonic-sum pitch
// spectrum (openSMILE cPitchShs, greedyPeakAlgo=1). The m highest local maxima
// s[i-1] < s[i] > s[i+1], i in 1..n-2, in descending order (of equal values the earlier
// first): bins into idx, values into val (0 past the count); returns the count and the
// mean of s[0..n-1] (voicing is 1 - mean/peak).
import type { Tolerance } from './tolerance.ts';

/** For the mean; bins and values must match exactly. */
export const shsPeaksTolerance: Tolerance = { abs: 1e-6, rel: 1e-5 };

export function shsPeaks(s: Float32Array, n: number, m: number, idx: Int32Array, val: Float32Array): { count: number; mean: number } {
  idx.fill(0, 0, m);
  val.fill(0, 0, m);
  if (n <= 0) return { count: 0, mean: 0 };
  let count = 0, sum = 0;
  for (let i = 0; i < n; i++) sum += s[i];
  for (let i = 1; i < n - 1; i++) {
    const y = s[i];
    if (!(s[i - 1] < y && y > s[i + 1])) continue;
    for (let j = 0; j < m; j++) {
      if (j >= count || val[j] < y) {
        for (let k = m - 1; k > j; k--) {
          idx[k] = idx[k - 1];
          val[k] = val[k - 1];
        }
        idx[j] = i;
        val[j] = y;
        if (count < m) count++;
        break;
      }
    }
  }
  return { count, mean: sum / n };
}
