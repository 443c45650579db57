// The Gaussian (RBF) kernel k(a, b) = exp(-gamma |a - b|^2), computed as ONNX will
// compute it: |a|^2 - 2 a.b + |b|^2, so training and the exported graph agree.
import { matrix, type Matrix } from './linalg.ts';

export function rowSquaredNorms(x: Matrix): Float64Array {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let s = 0;
    for (let j = 0, o = i * x.cols; j < x.cols; j++) s += x.data[o + j] * x.data[o + j];
    out[i] = s;
  }
  return out;
}

/** n x m matrix of k(a_i, c_j); `cNorms` may be passed when the centres are reused. */
export function rbfGram(a: Matrix, c: Matrix, gamma: number, cNorms = rowSquaredNorms(c)): Matrix {
  if (a.cols !== c.cols) throw new RangeError(`rbfGram: ${a.cols} vs ${c.cols} columns`);
  const n = a.rows, m = c.rows, d = a.cols;
  const out = matrix(n, m), A = a.data, C = c.data, O = out.data;
  const aNorms = rowSquaredNorms(a);
  for (let i = 0; i < n; i++) {
    const ai = i * d, oi = i * m;
    for (let j = 0; j < m; j++) {
      const cj = j * d;
      let s = 0;
      for (let p = 0; p < d; p++) s += A[ai + p] * C[cj + p];
      // Rounding can make a tiny distance negative; a distance is never below 0.
      O[oi + j] = Math.exp(-gamma * Math.max(0, aNorms[i] - 2 * s + cNorms[j]));
    }
  }
  return out;
}

/** Median of the pairwise squared distances of (up to 400 of) the rows: the usual RBF width scale. */
export function medianSquaredDistance(x: Matrix): number {
  const step = Math.max(1, Math.floor(x.rows / 400));
  const d: number[] = [];
  for (let i = 0; i < x.rows; i += step) {
    for (let j = i + step; j < x.rows; j += step) {
      let s = 0;
      for (let p = 0; p < x.cols; p++) {
        const v = x.data[i * x.cols + p] - x.data[j * x.cols + p];
        s += v * v;
      }
      d.push(s);
    }
  }
  if (d.length === 0) return 1;
  d.sort((u, v) => u - v);
  return d[d.length >> 1] || 1;
}
