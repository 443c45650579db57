// Normalised spectral entropy of p[k] = P[k] / S over lo <= k < n:
// H = -sum p ln p / ln(n - lo) = (ln S - sum P ln P / S) / ln(n - lo), in [0, 1]
// (Misra et al., ICASSP 2004). ln P comes floored from log-power.ts. 0 in silence.
// Reference: daemon/features/ref/spectral-entropy.ts
import { hsum, logs } from './fast-math.ts';
import { sumOf } from './spectral-sum.ts';

export function spectralEntropy(powPtr: usize, logPtr: usize, lo: i32, n: i32, floor: f32): f32 {
  const count = n - lo;
  if (count < 2) return 0;
  const p = powPtr + (<usize>lo << 2);
  const l = logPtr + (<usize>lo << 2);
  const s = sumOf(p, count);
  if (s < floor) return 0;
  let i = 0;
  let t: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    let acc = f32x4.splat(0);
    for (; i + 4 <= count; i += 4) {
      const o = <usize>i << 2;
      acc = f32x4.add(acc, f32x4.mul(v128.load(p + o), v128.load(l + o)));
    }
    t = hsum(acc);
  }
  for (; i < count; i++) t += load<f32>(p + (<usize>i << 2)) * load<f32>(l + (<usize>i << 2));
  return (logs(s) - t / s) / logs(<f32>count);
}
