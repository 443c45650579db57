// Reference for wasm/assembly/spectral-centroid.ts: centroid in Hz,
// binHz * sum_k k P[k] / sum_k P[k] over k < n (Peeters, "A large set of audio features for
// sound description", CUIDADO report, 2004, sec. 6.1.1). 0 when sum P < floor (silence).
import type { Tolerance } from './tolerance.ts';

export const spectralCentroidTolerance: Tolerance = { abs: 1e-3, rel: 2e-5 };

export function spectralCentroid(p: Float32Array, n: number, binHz: number, floor: number): number {
  let s = 0, ks = 0;
  for (let k = 0; k < n; k++) {
    s += p[k];
    ks += k * p[k];
  }
  return s < floor ? 0 : (binHz * ks) / s;
}
