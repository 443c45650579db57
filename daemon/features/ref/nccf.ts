// Reference for wasm/assembly/nccf.ts: normalised cross-correlation (Talkin, "A robust
// algorithm for pitch tracking (RAPT)", 1995, eq. 2) of the window x[at, at+n) with its
// copies lagged by t, minLag <= t <= maxLag:
//   r(t) = sum_{i<n} x[at+i] x[at+i+t] / sqrt(e0 e_t),  e_t = sum_{i<n} x[at+i+t]^2,
// written to out[t - minLag]; 0 where e0 e_t = 0; clamped to [-1, 1]. Returns e0.
import type { Tolerance } from './tolerance.ts';

export const nccfTolerance: Tolerance = { abs: 2e-5, rel: 0 };

export function nccf(x: Float32Array, at: number, n: number, minLag: number, maxLag: number, out: Float32Array): number {
  let e0 = 0;
  for (let i = 0; i < n; i++) e0 += x[at + i] * x[at + i];
  for (let t = minLag; t <= maxLag; t++) {
    let dot = 0, et = 0;
    for (let i = 0; i < n; i++) {
      dot += x[at + i] * x[at + i + t];
      et += x[at + i + t] * x[at + i + t];
    }
    const d = e0 * et;
    out[t - minLag] = d > 0 ? Math.min(Math.max(dot / Math.sqrt(d), -1), 1) : 0;
  }
  return e0;
}
