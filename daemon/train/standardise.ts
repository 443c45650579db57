// z-scoring fitted on training rows only: fitting it on test rows too would leak
// the test speakers' statistics into the model (see the evaluation protocol).
import { matrix, type Matrix } from './linalg.ts';

export interface Standardiser {
  mean: Float64Array;
  std: Float64Array;
}

/** Population mean and std per column; a constant column gets std 1 so it maps to 0, not NaN. */
export function fitStandardiser(x: Matrix): Standardiser {
  const { rows, cols, data } = x;
  const mean = new Float64Array(cols);
  const std = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) mean[j] += data[o + j];
  }
  for (let j = 0; j < cols; j++) mean[j] /= Math.max(rows, 1);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      const d = data[o + j] - mean[j];
      std[j] += d * d;
    }
  }
  for (let j = 0; j < cols; j++) {
    const s = Math.sqrt(std[j] / Math.max(rows, 1));
    // Relative threshold: features range from 1e-6 (jitter) to 1e4 (Hz); a spread
    // below float32 resolution of the mean is rounding noise, not signal.
    std[j] = s > 1e-7 * Math.max(1, Math.abs(mean[j])) ? s : 1;
  }
  return { mean, std };
}

export function applyStandardiser(x: Matrix, s: Standardiser): Matrix {
  const { rows, cols, data } = x;
  if (s.mean.length !== cols) throw new RangeError(`standardiser has ${s.mean.length} columns, data ${cols}`);
  const out = matrix(rows, cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) out.data[o + j] = (data[o + j] - s.mean[j]) / s.std[j];
  }
  return out;
}
