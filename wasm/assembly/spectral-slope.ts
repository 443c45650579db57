// Spectral slope in dB/kHz: least-squares slope of 10 log10 P[k] against f = k binHz/1000
// for lo <= k < n: sum (k - kbar) y / (binHz/1000 * sum (k - kbar)^2), k centred so the
// f32 sums do not cancel. ln P comes floored from log-power.ts. 0 when sum P < floor.
// Reference: daemon/features/ref/spectral-slope.ts
import { hsum } from './fast-math.ts';
import { sumOf } from './spectral-sum.ts';

export function spectralSlope(powPtr: usize, logPtr: usize, lo: i32, n: i32, binHz: f32, floor: f32): f32 {
  const count = n - lo;
  if (count < 2) return 0;
  if (sumOf(powPtr + (<usize>lo << 2), count) < floor) return 0;
  const l = logPtr + (<usize>lo << 2);
  const kbar = <f32>(count - 1) * 0.5;
  let i = 0;
  let sxy: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    let acc = f32x4.splat(0);
    let kv = f32x4.sub(f32x4(0, 1, 2, 3), f32x4.splat(kbar));
    const four = f32x4.splat(4);
    for (; i + 4 <= count; i += 4) {
      acc = f32x4.add(acc, f32x4.mul(kv, v128.load(l + (<usize>i << 2))));
      kv = f32x4.add(kv, four);
    }
    sxy = hsum(acc);
  }
  for (; i < count; i++) sxy += (<f32>i - kbar) * load<f32>(l + (<usize>i << 2));
  // sum (k - kbar)^2 over 0..count-1 = count (count^2 - 1) / 12
  const sxx = <f64>count * (<f64>count * <f64>count - 1) / 12;
  const dbPerNeper = 10 / Math.LN10;
  return <f32>(dbPerNeper * <f64>sxy / (sxx * <f64>binHz / 1000));
}
