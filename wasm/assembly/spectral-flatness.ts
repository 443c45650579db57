// Spectral flatness (Wiener entropy): geometric over arithmetic mean of P[k] for
// lo <= k < n, exp(mean ln P) / mean P (Peeters 2004, sec. 6.1.4). ln P comes floored from
// log-power.ts. Bin 0 is left out by the caller (it is ~0 after mean removal). 0 in silence.
// Reference: daemon/features/ref/spectral-flatness.ts
import { sumOf } from './spectral-sum.ts';

export function spectralFlatness(powPtr: usize, logPtr: usize, lo: i32, n: i32, floor: f32): f32 {
  const count = n - lo;
  if (count <= 0) return 0;
  const s = sumOf(powPtr + (<usize>lo << 2), count);
  if (s < floor) return 0;
  const l = sumOf(logPtr + (<usize>lo << 2), count);
  return Mathf.exp(l / <f32>count) / (s / <f32>count);
}
