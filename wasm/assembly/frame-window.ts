// One analysis frame: copy n samples, remove their mean (Kaldi's remove_dc_offset),
// pre-emphasise e[i] = r[i] - k*r[i-1] with e[0] = (1-k)*r[0] (HTK/Kaldi convention), apply
// the window (Hamming 0.54 - 0.46 cos(2 pi i/(n-1)), table from the caller) and zero-pad
// to fftSize. rawOut keeps the mean-removed frame for energy and zero-crossing rate.
// The mean is summed in f64 so that it rounds to the same f32 as the reference and a
// constant offset cancels exactly.
// Reference: daemon/features/ref/frame-window.ts

export function frameWindow(
  sigPtr: usize, n: i32, winPtr: usize, k: f32, fftSize: i32, rawOut: usize, winOut: usize,
): void {
  if (n <= 0) { memory.fill(winOut, 0, <usize>fftSize << 2); return; }
  let i = 0;
  let sum: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    let acc = f64x2.splat(0);
    for (; i + 4 <= n; i += 4) {
      const v = v128.load(sigPtr + (<usize>i << 2));
      acc = f64x2.add(acc, f64x2.promote_low_f32x4(v));
      acc = f64x2.add(acc, f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)));
    }
    sum = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  }
  for (; i < n; i++) sum += <f64>load<f32>(sigPtr + (<usize>i << 2));
  const mean = <f32>(sum / <f64>n);
  i = 0;
  if (ASC_FEATURE_SIMD) {
    const mv = f32x4.splat(mean);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(rawOut + o, f32x4.sub(v128.load(sigPtr + o), mv));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(rawOut + o, load<f32>(sigPtr + o) - mean);
  }
  store<f32>(winOut, (load<f32>(rawOut) - k * load<f32>(rawOut)) * load<f32>(winPtr));
  i = 1;
  if (ASC_FEATURE_SIMD) {
    const kv = f32x4.splat(k);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const e = f32x4.sub(v128.load(rawOut + o), f32x4.mul(kv, v128.load(rawOut + o - 4)));
      v128.store(winOut + o, f32x4.mul(e, v128.load(winPtr + o)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(winOut + o, (load<f32>(rawOut + o) - k * load<f32>(rawOut + o - 4)) * load<f32>(winPtr + o));
  }
  if (fftSize > n) memory.fill(winOut + (<usize>n << 2), 0, <usize>(fftSize - n) << 2);
}
