// Reference for wasm/assembly/spectral-entropy.ts: normalised entropy of p = P/S over
// lo <= k < n, H = -sum p ln p / ln(n - lo) = (ln S - sum P ln P / S) / ln(n - lo), in [0, 1]
// (Misra et al., "Spectral entropy based feature for robust ASR", ICASSP 2004), with ln P
// taken floored from log-power. 0 when sum P < floor or fewer than 2 bins.
import type { Tolerance } from './tolerance.ts';

export const spectralEntropyTolerance: Tolerance = { abs: 1e-4, rel: 1e-4 };

export function spectralEntropy(p: Float32Array, logP: Float32Array, lo: number, n: number, floor: number): number {
  const count = n - lo;
  if (count < 2) return 0;
  let s = 0, t = 0;
  for (let k = lo; k < n; k++) {
    s += p[k];
    t += p[k] * logP[k];
  }
  return s < floor ? 0 : (Math.log(s) - t / s) / Math.log(count);
}
