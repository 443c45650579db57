// MFCC: L[j] = ln(max(E[j], floor)) over the mel bands, then the DCT-II
// c[i] = sum_j L[j] D[i][j] with the caller's matrix D (HTK: sqrt(2/N) cos(pi i (j+0.5)/N),
// row 0 gives c0). Rows are nBands long, row-major; logPtr is nBands of scratch.
// Reference: daemon/features/ref/mfcc.ts
import { hsum, logs, logv } from './fast-math.ts';

export function mfcc(
  melPtr: usize, nBands: i32, floor: f32, dctPtr: usize, nCeps: i32, logPtr: usize, outPtr: usize,
): void {
  let j = 0;
  if (ASC_FEATURE_SIMD) {
    const f = f32x4.splat(floor);
    for (; j + 4 <= nBands; j += 4) {
      const o = <usize>j << 2;
      v128.store(logPtr + o, logv(f32x4.max(v128.load(melPtr + o), f)));
    }
  }
  for (; j < nBands; j++) {
    const o = <usize>j << 2;
    store<f32>(logPtr + o, logs(max(load<f32>(melPtr + o), floor)));
  }
  for (let i = 0; i < nCeps; i++) {
    const row = dctPtr + (<usize>(i * nBands) << 2);
    let k = 0;
    let s: f32 = 0;
    if (ASC_FEATURE_SIMD) {
      let acc = f32x4.splat(0);
      for (; k + 4 <= nBands; k += 4) {
        const o = <usize>k << 2;
        acc = f32x4.add(acc, f32x4.mul(v128.load(logPtr + o), v128.load(row + o)));
      }
      s = hsum(acc);
    }
    for (; k < nBands; k++) s += load<f32>(logPtr + (<usize>k << 2)) * load<f32>(row + (<usize>k << 2));
    store<f32>(outPtr + (<usize>i << 2), s);
  }
}
