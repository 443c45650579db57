// Reference for wasm/assembly/spectral-flux.ts: sum_k (P[k]/S - Q[k]/R)^2 between the current
// power spectrum P and the previous Q, each normalised to unit sum so level changes do not
// count (Peeters 2004, sec. 6.1.6); a spectrum whose sum is below floor counts as zeros.
import type { Tolerance } from './tolerance.ts';

export const spectralFluxTolerance: Tolerance = { abs: 1e-6, rel: 1e-4 };

export function spectralFlux(cur: Float32Array, prev: Float32Array, n: number, floor: number): number {
  let s = 0, r = 0;
  for (let k = 0; k < n; k++) {
    s += cur[k];
    r += prev[k];
  }
  const a = s < floor ? 0 : 1 / s;
  const b = r < floor ? 0 : 1 / r;
  let f = 0;
  for (let k = 0; k < n; k++) f += (cur[k] * a - prev[k] * b) ** 2;
  return f;
}
