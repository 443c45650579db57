// Reference for wasm/assembly/magnitude-flux.ts: eGeMAPS spectral flux (cSpectral flux=1 on
// the magnitude spectrum, no normalisation), from two power spectra:
//   flux = sqrt( (1/n) sum_{k<n} (sqrt P[k] - sqrt Q[k])^2 ),
// Q the previous frame's; n = 160 bins (0..5 kHz at 31.25 Hz).
import type { Tolerance } from './tolerance.ts';

export const magnitudeFluxTolerance: Tolerance = { abs: 1e-6, rel: 1e-4 };

export function magnitudeFlux(p: Float32Array, q: Float32Array, n: number): number {
  if (n <= 0) return 0;
  let s = 0;
  for (let k = 0; k < n; k++) s += (Math.sqrt(p[k]) - Math.sqrt(q[k])) ** 2;
  return Math.sqrt(s / n);
}
