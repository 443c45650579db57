// y = M x for a row-major rows x cols matrix (the 16 -> 11 kHz resampling of a frame, 220 x
// 320, the largest product per frame). Four rows at a time share each load of x; leftover
// rows one at a time. (Eight sums in flight spill registers in V8 and run slower.)
// Reference: daemon/features/ref/mat-vec.ts
import { dot } from './dot.ts';
import { hsum } from './fast-math.ts';

export function matVec(mPtr: usize, rows: i32, cols: i32, xPtr: usize, outPtr: usize): void {
  let r = 0;
  if (ASC_FEATURE_SIMD) {
    const rowBytes = <usize>cols << 2;
    for (; r + 4 <= rows; r += 4) {
      const m0 = mPtr + <usize>r * rowBytes, m1 = m0 + rowBytes, m2 = m1 + rowBytes, m3 = m2 + rowBytes;
      let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
      let j = 0;
      for (; j + 4 <= cols; j += 4) {
        const o = <usize>j << 2, x = v128.load(xPtr + o);
        a0 = f32x4.add(a0, f32x4.mul(v128.load(m0 + o), x));
        a1 = f32x4.add(a1, f32x4.mul(v128.load(m1 + o), x));
        a2 = f32x4.add(a2, f32x4.mul(v128.load(m2 + o), x));
        a3 = f32x4.add(a3, f32x4.mul(v128.load(m3 + o), x));
      }
      let s0 = hsum(a0), s1 = hsum(a1), s2 = hsum(a2), s3 = hsum(a3);
      for (; j < cols; j++) {
        const o = <usize>j << 2, x = load<f32>(xPtr + o);
        s0 += load<f32>(m0 + o) * x;
        s1 += load<f32>(m1 + o) * x;
        s2 += load<f32>(m2 + o) * x;
        s3 += load<f32>(m3 + o) * x;
      }
      store<f32>(outPtr + (<usize>r << 2), s0);
      store<f32>(outPtr + (<usize>(r + 1) << 2), s1);
      store<f32>(outPtr + (<usize>(r + 2) << 2), s2);
      store<f32>(outPtr + (<usize>(r + 3) << 2), s3);
    }
  }
  for (; r < rows; r++) {
    store<f32>(outPtr + (<usize>r << 2), dot(mPtr + (<usize>(r * cols) << 2), xPtr, cols));
  }
}
