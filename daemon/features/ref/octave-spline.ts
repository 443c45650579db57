// Reference for wasm/assembly/octave-spline.ts: the pitch spectrum on the octave scale. A
// natural cubic spline through (x_k, y_k) (Numerical Recipes 3.3, eq. 3.3.7; the abscissae
// and the forward-elimination factors come precomputed in OctaveSpline), evaluated at the
// target points and multiplied by the auditory weight; negative values become 0
// (cSpecScale). y2 is scratch of n values.
import type { OctaveSpline } from '../egemaps/octave-grid.ts';
import type { Tolerance } from './tolerance.ts';

export const octaveSplineTolerance: Tolerance = { abs: 2e-5, rel: 2e-4 };

export function octaveSpline(y: Float32Array, t: OctaveSpline, out: Float32Array): void {
  const n = t.n, u = new Float64Array(n), y2 = new Float64Array(n);
  for (let i = 1; i < n - 1; i++) {
    const d = (y[i + 1] - y[i]) * t.invDx[i] - (y[i] - y[i - 1]) * t.invDx[i - 1];
    u[i] = (t.c6[i] * d - t.sig[i] * u[i - 1]) * t.pInv[i];
  }
  for (let k = n - 2; k >= 0; k--) y2[k] = t.q[k] * y2[k + 1] + u[k];
  for (let j = 0; j < n; j++) {
    const k = t.klo[j];
    const v = t.wa[j] * y[k] + t.wb[j] * y[k + 1] + t.ca[j] * y2[k] + t.cb[j] * y2[k + 1];
    out[j] = v > 0 ? v * t.audWeight[j] : 0;
  }
}
