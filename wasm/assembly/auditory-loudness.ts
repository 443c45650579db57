// eGeMAPS loudness: the mean over mel bands of the auditory spectrum,
//   L = (1/B) sum_b (max(E_b, floor) w_b)^c = (1/B) sum_b exp(c ln(max(E_b, floor) w_b)),
// w_b the equal-loudness weights, c = 0.33 (Hermansky, J. Acoust. Soc. Am. 87, 1990; openSMILE
// cPlp doAud=1 + cVectorOperation ll1). Weights are > 0, so the product is >= floor w_b > 0.
// Reference: daemon/features/ref/auditory-loudness.ts
import { expv, exps, hsum, logs, logv } from './fast-math.ts';

export function auditoryLoudness(melPtr: usize, nBands: i32, weightsPtr: usize, floor: f32, exponent: f32): f32 {
  if (nBands <= 0) return 0;
  let b = 0;
  let s: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    let acc = f32x4.splat(0);
    const f = f32x4.splat(floor), c = f32x4.splat(exponent);
    for (; b + 4 <= nBands; b += 4) {
      const o = <usize>b << 2;
      const v = f32x4.mul(f32x4.max(v128.load(melPtr + o), f), v128.load(weightsPtr + o));
      acc = f32x4.add(acc, expv(f32x4.mul(c, logv(v))));
    }
    s = hsum(acc);
  }
  for (; b < nBands; b++) {
    const o = <usize>b << 2;
    s += exps(exponent * logs(max(load<f32>(melPtr + o), floor) * load<f32>(weightsPtr + o)));
  }
  return s / <f32>nBands;
}
