// Low-pass FIR and keep every second sample: out[m] = sum_t h[t] * x[2m + t], t < nTaps.
// Output m is centred on input 2m + (nTaps-1)/2; the caller offsets inPtr to align it.
// The pitch search runs at half rate on this signal (4x fewer multiply-adds: half the
// lags, half the window). Taps come from daemon/features/ref/decimate.ts.
// Reference: daemon/features/ref/decimate.ts
import { hsum } from './fast-math.ts';

export function decimate2(inPtr: usize, nOut: i32, tapsPtr: usize, nTaps: i32, outPtr: usize): void {
  for (let m = 0; m < nOut; m++) {
    const x = inPtr + (<usize>m << 3);
    let t = 0;
    let s: f32 = 0;
    if (ASC_FEATURE_SIMD) {
      let acc = f32x4.splat(0);
      for (; t + 4 <= nTaps; t += 4) {
        const o = <usize>t << 2;
        acc = f32x4.add(acc, f32x4.mul(v128.load(x + o), v128.load(tapsPtr + o)));
      }
      s = hsum(acc);
    }
    for (; t < nTaps; t++) {
      const o = <usize>t << 2;
      s += load<f32>(x + o) * load<f32>(tapsPtr + o);
    }
    store<f32>(outPtr + (<usize>m << 2), s);
  }
}
