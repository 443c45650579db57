// sum_{i<n} x[i] y[i] of two runs of f32 (lag products of autocorrelations).
// Reference: daemon/features/ref/dot.ts
import { hsum } from './fast-math.ts';

export function dot(xPtr: usize, yPtr: usize, n: i32): f32 {
  let i = 0;
  let s: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    let a0 = f32x4.splat(0), a1 = f32x4.splat(0);
    for (; i + 8 <= n; i += 8) {
      const o = <usize>i << 2;
      a0 = f32x4.add(a0, f32x4.mul(v128.load(xPtr + o), v128.load(yPtr + o)));
      a1 = f32x4.add(a1, f32x4.mul(v128.load(xPtr + o + 16), v128.load(yPtr + o + 16)));
    }
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      a0 = f32x4.add(a0, f32x4.mul(v128.load(xPtr + o), v128.load(yPtr + o)));
    }
    s = hsum(f32x4.add(a0, a1));
  }
  for (; i < n; i++) s += load<f32>(xPtr + (<usize>i << 2)) * load<f32>(yPtr + (<usize>i << 2));
  return s;
}
