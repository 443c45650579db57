// eGeMAPS spectral flux between two power spectra (openSMILE cSpectral flux on magnitudes):
//   flux = sqrt( (1/n) sum_{k<n} (sqrt P[k] - sqrt Q[k])^2 )
// Reference: daemon/features/ref/magnitude-flux.ts
import { hsum } from './fast-math.ts';

export function magnitudeFlux(powPtr: usize, prevPtr: usize, n: i32): f32 {
  if (n <= 0) return 0;
  let k = 0;
  let s: f32 = 0;
  if (ASC_FEATURE_SIMD) {
    let acc = f32x4.splat(0);
    for (; k + 4 <= n; k += 4) {
      const o = <usize>k << 2;
      const d = f32x4.sub(f32x4.sqrt(v128.load(powPtr + o)), f32x4.sqrt(v128.load(prevPtr + o)));
      acc = f32x4.add(acc, f32x4.mul(d, d));
    }
    s = hsum(acc);
  }
  for (; k < n; k++) {
    const o = <usize>k << 2;
    const d = Mathf.sqrt(load<f32>(powPtr + o)) - Mathf.sqrt(load<f32>(prevPtr + o));
    s += d * d;
  }
  return Mathf.sqrt(s / <f32>n);
}
