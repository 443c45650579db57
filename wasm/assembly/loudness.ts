// Loudness approximation: sum over bands of E[b]^0.3, Stevens' power law applied to band
// intensities as in openSMILE's loudness (Eyben et al., GeMAPS, 2016, sec. 3.1.2, which
// uses exponent 0.3 on an auditory spectrum; here the mel band powers). E <= 0 adds 0.
// Reference: daemon/features/ref/loudness.ts
import { expv, exps, hsum, logs, logv } from './fast-math.ts';

export function loudness(melPtr: usize, n: i32, exponent: f32): f32 {
  let i = 0;
  let s: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    const e = f32x4.splat(exponent);
    const tiny = f32x4.splat(1e-30);
    const zero = f32x4.splat(0);
    let acc = f32x4.splat(0);
    for (; i + 4 <= n; i += 4) {
      const v = v128.load(melPtr + (<usize>i << 2));
      const p = expv(f32x4.mul(e, logv(f32x4.max(v, tiny))));
      acc = f32x4.add(acc, v128.and(p, f32x4.gt(v, zero)));
    }
    s = hsum(acc);
  }
  for (; i < n; i++) {
    const v = load<f32>(melPtr + (<usize>i << 2));
    if (v > 0) s += exps(exponent * logs(max(v, <f32>1e-30)));
  }
  return s;
}
