// Spectral flux: sum_k (P[k]/S - Q[k]/R)^2 between the current power spectrum P and the
// previous one Q, each normalised to unit sum (S, R) so loudness changes do not count;
// a spectrum whose sum is below floor counts as all zeros (Peeters 2004, sec. 6.1.6).
// Reference: daemon/features/ref/spectral-flux.ts
import { hsum } from './fast-math.ts';
import { sumOf } from './spectral-sum.ts';

export function spectralFlux(curPtr: usize, prevPtr: usize, n: i32, floor: f32): f32 {
  const s = sumOf(curPtr, n), r = sumOf(prevPtr, n);
  const a: f32 = s < floor ? 0 : 1 / s;
  const b: f32 = r < floor ? 0 : 1 / r;
  let i = 0;
  let f: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    const av = f32x4.splat(a), bv = f32x4.splat(b);
    let acc = f32x4.splat(0);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const d = f32x4.sub(f32x4.mul(v128.load(curPtr + o), av), f32x4.mul(v128.load(prevPtr + o), bv));
      acc = f32x4.add(acc, f32x4.mul(d, d));
    }
    f = hsum(acc);
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const d = load<f32>(curPtr + o) * a - load<f32>(prevPtr + o) * b;
    f += d * d;
  }
  return f;
}
