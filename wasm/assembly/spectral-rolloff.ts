// Spectral roll-off: binHz * the first k at which sum_{j<=k} P[j] >= fraction * sum P
// (Peeters 2004, sec. 6.1.2; fraction 0.85 here). 0 when sum P < floor (silence).
// The running sum is sequential; only the total is vectorised.
// Reference: daemon/features/ref/spectral-rolloff.ts
import { sumOf } from './spectral-sum.ts';

export function spectralRolloff(powPtr: usize, n: i32, binHz: f32, fraction: f32, floor: f32): f32 {
  const total = sumOf(powPtr, n);
  if (total < floor) return 0;
  const target = fraction * total;
  let c: f32 = 0;
  for (let k = 0; k < n; k++) {
    c += load<f32>(powPtr + (<usize>k << 2));
    if (c >= target) return binHz * <f32>k;
  }
  return binHz * <f32>(n - 1);
}
