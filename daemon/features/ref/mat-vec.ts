// Reference for wasm/assembly/mat-vec.ts: y = M x for a row-major rows x cols matrix (the
// 16 -> 11 kHz resampling of a frame, egemaps-tables.ts resampleMatrix).
import type { Tolerance } from './tolerance.ts';

export const matVecTolerance: Tolerance = { abs: 2e-6, rel: 1e-4 };

export function matVec(m: Float32Array, rows: number, cols: number, x: Float32Array, out: Float32Array): void {
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += m[i * cols + j] * x[j];
    out[i] = s;
  }
}
