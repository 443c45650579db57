// Reference for wasm/assembly/power-to-magnitude.ts: |X[k]| = sqrt(P[k]), the magnitude
// spectrum openSMILE's cFFTmagphase gives the eGeMAPS pitch and harmonics stages.
import type { Tolerance } from './tolerance.ts';

export const powerToMagnitudeTolerance: Tolerance = { abs: 1e-7, rel: 1e-6 };

export function powerToMagnitude(p: Float32Array, n: number, out: Float32Array): void {
  for (let k = 0; k < n; k++) out[k] = Math.sqrt(p[k]);
}
