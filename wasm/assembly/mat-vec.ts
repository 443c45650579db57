// y = M x for a row-major rows x cols matrix (the 16 -> 11 kHz resampling of a frame).
// Reference: daemon/features/ref/mat-vec.ts
import { dot } from './dot.ts';

export function matVec(mPtr: usize, rows: i32, cols: i32, xPtr: usize, outPtr: usize): void {
  for (let r = 0; r < rows; r++) {
    store<f32>(outPtr + (<usize>r << 2), dot(mPtr + (<usize>(r * cols) << 2), xPtr, cols));
  }
}
