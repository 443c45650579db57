// Mean square (1/n) sum x[i]^2 of a frame; RMS and log energy in dB are derived from it by
// the caller (daemon/features/lld-registry.ts). 0 for an empty frame.
// Reference: daemon/features/ref/energy.ts
import { hsum } from './fast-math.ts';

export function meanSquare(ptr: usize, n: i32): f32 {
  if (n <= 0) return 0;
  let i = 0;
  let s: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    let a0 = f32x4.splat(0), a1 = f32x4.splat(0);
    for (; i + 8 <= n; i += 8) {
      const v0 = v128.load(ptr + (<usize>i << 2));
      const v1 = v128.load(ptr + (<usize>i << 2) + 16);
      a0 = f32x4.add(a0, f32x4.mul(v0, v0));
      a1 = f32x4.add(a1, f32x4.mul(v1, v1));
    }
    for (; i + 4 <= n; i += 4) {
      const v = v128.load(ptr + (<usize>i << 2));
      a0 = f32x4.add(a0, f32x4.mul(v, v));
    }
    s = hsum(f32x4.add(a0, a1));
  }
  for (; i < n; i++) {
    const x = load<f32>(ptr + (<usize>i << 2));
    s += x * x;
  }
  return s / <f32>n;
}
