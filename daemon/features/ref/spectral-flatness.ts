// Reference for wasm/assembly/spectral-flatness.ts: geometric over arithmetic mean of P[k],
// lo <= k < n: exp(mean ln P) / mean P (Wiener entropy; Peeters 2004, sec. 6.1.4), with
// ln P taken floored from log-power. 0 when sum P < floor.
import type { Tolerance } from './tolerance.ts';

export const spectralFlatnessTolerance: Tolerance = { abs: 1e-6, rel: 1e-4 };

export function spectralFlatness(p: Float32Array, logP: Float32Array, lo: number, n: number, floor: number): number {
  const count = n - lo;
  if (count <= 0) return 0;
  let s = 0, l = 0;
  for (let k = lo; k < n; k++) {
    s += p[k];
    l += logP[k];
  }
  return s < floor ? 0 : Math.exp(l / count) / (s / count);
}
