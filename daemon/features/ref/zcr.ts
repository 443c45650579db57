// Reference for wasm/assembly/zcr.ts: zero-crossing rate, the share of adjacent pairs whose
// signs differ with 0 counted as positive: #{i : (x[i-1] >= 0) != (x[i] >= 0)} / (n - 1);
// 0 when n < 2. Exact: both count the same comparisons.
import type { Tolerance } from './tolerance.ts';

export const zcrTolerance: Tolerance = { abs: 1e-7, rel: 0 };

export function zeroCrossingRate(x: Float32Array, n: number): number {
  if (n < 2) return 0;
  let c = 0;
  for (let i = 1; i < n; i++) if (x[i] >= 0 !== x[i - 1] >= 0) c++;
  return c / (n - 1);
}
