// One analysis frame without other processing (openSMILE's cFramer + cWindower in eGeMAPS:
// no DC removal, no pre-emphasis): out[i] = x[i] w[i] for i < n, zero-padded to fftSize.
// Reference: daemon/features/ref/apply-window.ts

export function applyWindow(sigPtr: usize, n: i32, winPtr: usize, fftSize: i32, outPtr: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(outPtr + o, f32x4.mul(v128.load(sigPtr + o), v128.load(winPtr + o)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(outPtr + o, load<f32>(sigPtr + o) * load<f32>(winPtr + o));
  }
  if (fftSize > n) memory.fill(outPtr + (<usize>max(n, 0) << 2), 0, <usize>(fftSize - max(n, 0)) << 2);
}
