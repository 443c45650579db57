// Exact dimension reduction for L2-penalised linear models with more features than rows.
// With Z Z^T = L L^T (Cholesky of the n x n Gram matrix), the rows of L are coordinates of
// Z's rows in an n-dimensional basis of their span: any weights W (d x k) that matter act
// as W' = L^{-1} Z W there, with the same logits (Z W = L W') and the same penalty
// (|W|^2 = |W'|^2 for W in the row space, where the optimum lies). Training on L costs
// n/d of training on Z; the weights map back with W = Z^T L^{-T} W'. With ~3000
// functionals and a few hundred to two thousand utterances this is what keeps a full
// cross-validation (with its inner C search) within minutes on two cores.
import { cholesky, solveUpperRows } from './cholesky.ts';
import { matrix, takeRows, type Matrix } from './linalg.ts';

/** Z Z^T (n x n). */
export function gram(z: Matrix): Matrix {
  const n = z.rows, d = z.cols, g = matrix(n, n), Z = z.data;
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    for (let j = 0; j <= i; j++) {
      const oj = j * d;
      // Four partial sums: independent chains the CPU can overlap.
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, p = 0;
      for (; p + 3 < d; p += 4) {
        s0 += Z[oi + p] * Z[oj + p];
        s1 += Z[oi + p + 1] * Z[oj + p + 1];
        s2 += Z[oi + p + 2] * Z[oj + p + 2];
        s3 += Z[oi + p + 3] * Z[oj + p + 3];
      }
      for (; p < d; p++) s0 += Z[oi + p] * Z[oj + p];
      const s = s0 + s1 + s2 + s3;
      g.data[i * n + j] = s;
      g.data[j * n + i] = s;
    }
  }
  return g;
}

/** The rows/columns `idx` of a square matrix. */
export function subSquare(g: Matrix, idx: ArrayLike<number>): Matrix {
  const m = idx.length, n = g.cols, out = matrix(m, m);
  for (let a = 0; a < m; a++) {
    const o = idx[a] * n;
    for (let b = 0; b < m; b++) out.data[a * m + b] = g.data[o + idx[b]];
  }
  return out;
}

export interface Reduced {
  /** n x n: the rows of L. */
  features: Matrix;
  /** Weights on Z's columns (d x k, row-major) from weights on L's columns (n x k). */
  toPrimal(w: Float64Array, k: number): Float64Array;
}

/** Reduces Z given its Gram matrix (computed once and shared by inner folds). */
export function reduceByGram(z: Matrix, g: Matrix): Reduced {
  const n = z.rows, d = z.cols;
  // Standardised columns have zero mean, so Z Z^T is singular by one: relative jitter 1e-7
  // of the mean diagonal keeps the factor well defined without visibly changing the fit.
  const { l } = cholesky(g, 1e-7);
  return {
    features: l,
    toPrimal(w, k) {
      // A = L^{-T} W' (n x k): solveUpperRows works on rows, so transpose in and out.
      const wt = matrix(k, n);
      for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) wt.data[j * n + i] = w[i * k + j];
      const at = solveUpperRows(l, wt); // k x n, row j = column j of A
      const out = new Float64Array(d * k);
      const Z = z.data;
      for (let i = 0; i < n; i++) {
        const oi = i * d;
        for (let j = 0; j < k; j++) {
          const a = at.data[j * n + i];
          if (a === 0) continue;
          for (let p = 0; p < d; p++) out[p * k + j] += Z[oi + p] * a;
        }
      }
      return out;
    },
  };
}

export { takeRows };
