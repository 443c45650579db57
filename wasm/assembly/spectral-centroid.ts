// Spectral centroid in Hz: binHz * sum_k k P[k] / sum_k P[k] over k < n (Peeters, "A large
// set of audio features", CUIDADO report 2004, sec. 6.1). 0 when sum P < floor (silence).
// Reference: daemon/features/ref/spectral-centroid.ts
import { hsum } from './fast-math.ts';

export function spectralCentroid(powPtr: usize, n: i32, binHz: f32, floor: f32): f32 {
  let i = 0;
  let s: f32 = 0, ks: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    let acc = f32x4.splat(0), kacc = f32x4.splat(0);
    let kv = f32x4(0, 1, 2, 3);
    const four = f32x4.splat(4);
    for (; i + 4 <= n; i += 4) {
      const v = v128.load(powPtr + (<usize>i << 2));
      acc = f32x4.add(acc, v);
      kacc = f32x4.add(kacc, f32x4.mul(v, kv));
      kv = f32x4.add(kv, four);
    }
    s = hsum(acc);
    ks = hsum(kacc);
  }
  for (; i < n; i++) {
    const v = load<f32>(powPtr + (<usize>i << 2));
    s += v;
    ks += v * <f32>i;
  }
  return s < floor ? 0 : binHz * ks / s;
}
