// Subharmonic summation (Hermes, J. Acoust. Soc. Am. 83, 1988; openSMILE cPitchShs):
//   S[j] = max(0, (a[j] + sum_{h=2..H} c^(h-1) a[j + s_h]) / H),  terms past the end omitted,
// with the H - 1 shifts s_h (octave-scale bins of log2 h) given as i32 at shiftsPtr.
// Reference: daemon/features/ref/subharmonic-sum.ts

export function subharmonicSum(aPtr: usize, n: i32, shiftsPtr: usize, nShifts: i32, compression: f32, outPtr: usize): void {
  memory.copy(outPtr, aPtr, <usize>max(n, 0) << 2);
  let scale = compression;
  for (let h = 0; h < nShifts; h++) {
    const s = load<i32>(shiftsPtr + (<usize>h << 2));
    const src = aPtr + (<usize>s << 2);
    const m = n - s;
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      const c = f32x4.splat(scale);
      for (; j + 4 <= m; j += 4) {
        const o = <usize>j << 2;
        v128.store(outPtr + o, f32x4.add(v128.load(outPtr + o), f32x4.mul(v128.load(src + o), c)));
      }
    }
    for (; j < m; j++) {
      const o = <usize>j << 2;
      store<f32>(outPtr + o, load<f32>(outPtr + o) + load<f32>(src + o) * scale);
    }
    scale *= compression;
  }
  const inv: f32 = 1 / <f32>(nShifts + 1);
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const iv = f32x4.splat(inv), z = f32x4.splat(0);
    for (; j + 4 <= n; j += 4) {
      const o = <usize>j << 2;
      v128.store(outPtr + o, f32x4.max(f32x4.mul(v128.load(outPtr + o), iv), z));
    }
  }
  for (; j < n; j++) {
    const o = <usize>j << 2;
    store<f32>(outPtr + o, max(load<f32>(outPtr + o) * inv, 0));
  }
}
