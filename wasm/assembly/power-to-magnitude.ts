// Magnitude spectrum from a power spectrum, |X[k]| = sqrt(P[k]) (openSMILE's cFFTmagphase
// output, which the pitch and harmonics stages of eGeMAPS read).
// Reference: daemon/features/ref/power-to-magnitude.ts

export function powerToMagnitude(powPtr: usize, n: i32, outPtr: usize): void {
  let k = 0;
  if (ASC_FEATURE_SIMD) {
    for (; k + 4 <= n; k += 4) {
      const o = <usize>k << 2;
      v128.store(outPtr + o, f32x4.sqrt(v128.load(powPtr + o)));
    }
  }
  for (; k < n; k++) store<f32>(outPtr + (<usize>k << 2), Mathf.sqrt(load<f32>(powPtr + (<usize>k << 2))));
}
