// Reference for wasm/assembly/lpc-roots.ts: the roots of the LPC prediction-error polynomial
// z^p A(z) of an autocorrelation r[0..p] (Levinson-Durbin, then Aberth-Ehrlich; both in
// egemaps/), warm-started from the roots already in `roots` when any is non-zero. Returns the
// iterations used, or -1 when r[0] is not positive (roots untouched). Both sides run in f64
// with the same operations, so they agree to a few ulps; the tolerance is on root positions.
import { levinson } from '../egemaps/levinson.ts';
import { polyRoots, startPoints } from '../egemaps/poly-roots.ts';
import type { Tolerance } from './tolerance.ts';

export const lpcRootsTolerance: Tolerance = { abs: 1e-9, rel: 1e-9 };

const MAX_P = 32;
const c = new Float64Array(MAX_P + 1), start = new Float64Array(2 * MAX_P);
const predictors = new Map<number, Float64Array>();

export function lpcRoots(r: ArrayLike<number>, p: number, roots: Float64Array, maxIter = 100): number {
  if (p <= 0 || p > MAX_P) return -1;
  let a = predictors.get(p);
  if (!a) predictors.set(p, (a = new Float64Array(p)));
  if (!levinson(r, p, a)) return -1;
  c[p] = 1;
  for (let i = 1; i <= p; i++) c[p - i] = -a[i - 1];
  let warm = false;
  for (let i = 0; i < 2 * p && !warm; i++) warm = roots[i] !== 0;
  start.set(roots.subarray(0, 2 * p));
  return polyRoots(c, p, roots, maxIter, warm ? start : undefined, startPoints(p));
}
