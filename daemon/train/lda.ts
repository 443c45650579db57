// Linear discriminant analysis as a classifier: Gaussian classes sharing one covariance,
// shrunk toward a multiple of the identity. With hundreds to thousands of correlated
// features and a few hundred rows the pooled covariance is singular; shrinkage (Ledoit & Wolf, "A
// well-conditioned estimator for large-dimensional covariance matrices", J. Multivariate
// Analysis 88, 2004, or a fixed amount) makes it invertible and is what lets LDA beat
// logistic regression on these corpora. Its posterior is a softmax of linear scores, so
// the result is a one-layer network like logistic regression: one Gemm in ONNX.
import { addAtG, matrix, type Matrix } from './linalg.ts';
import { cholesky, choleskySolveRows } from './cholesky.ts';
import { gram, reduceByGram } from './gram-reduce.ts';
import { selectShrinkage } from './lda-select.ts';
import type { Network } from './network.ts';

export interface LdaOptions {
  /**
   * Weight of the scaled identity in [0, 1]; 'auto' for the Ledoit-Wolf estimate; 'cv' to
   * choose from a grid by cross-validation over the training speakers (lda-select.ts).
   */
  shrinkage?: number | 'auto' | 'cv';
}

// Chosen inside each training set by speaker-grouped CV: the best fixed value differs
// between corpora and with augmentation (0.5 on EmoDB alone, 0.15-0.3 with speed copies;
// Ledoit-Wolf picks far less, 0.01-0.1, and does 1-3 points worse there).
export const LDA_DEFAULTS = { shrinkage: 'cv' } as const;

export interface LdaFit {
  network: Network;
  info: { shrinkage: number; requested: number | 'auto' | 'cv'; jitter: number; innerUar?: Record<string, number>; reduced?: boolean };
}

/** Class means (k x d) and per-class counts. */
export function classMeans(z: Matrix, y: Int32Array, k: number): { means: Matrix; counts: Float64Array } {
  const d = z.cols, means = matrix(k, d), counts = new Float64Array(k);
  for (let i = 0; i < z.rows; i++) {
    counts[y[i]]++;
    const o = i * d, c = y[i] * d;
    for (let j = 0; j < d; j++) means.data[c + j] += z.data[o + j];
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) means.data[c * d + j] /= Math.max(counts[c], 1);
  return { means, counts };
}

export function residuals(z: Matrix, y: Int32Array, means: Matrix): Matrix {
  const n = z.rows, d = z.cols, r = matrix(n, d);
  for (let i = 0; i < n; i++) {
    const o = i * d, c = y[i] * d;
    for (let j = 0; j < d; j++) r.data[o + j] = z.data[o + j] - means.data[c + j];
  }
  return r;
}

export function residualScatter(r: Matrix): Matrix {
  const d = r.cols, cov = matrix(d, d);
  addAtG(r, r, cov.data);
  for (let p = 0; p < d * d; p++) cov.data[p] /= Math.max(r.rows, 1);
  return cov;
}

/** tr S / dim; `dim` is the ambient dimension when S is expressed in a basis of the rows' span. */
function meanDiagonal(cov: Matrix, dim = cov.cols): number {
  let trace = 0;
  for (let p = 0; p < cov.cols; p++) trace += cov.data[p * cov.cols + p];
  return trace / dim;
}

/**
 * (1 - s) S + s (tr S / dim) I, in place. `dim` (default: S's own size) is the dimension of
 * the space the identity lives in: with S written in coordinates of the rows' span, the
 * target must still be the full space's mean variance for the result to be exact.
 */
export function shrinkInPlace(cov: Matrix, s: number, dim = cov.cols): void {
  const d = cov.cols, mu = meanDiagonal(cov, dim);
  for (let p = 0; p < d * d; p++) cov.data[p] *= 1 - s;
  for (let p = 0; p < d; p++) cov.data[p * d + p] += s * mu;
}

/** Shrunk pooled within-class covariance of standardised rows, and the shrinkage used. */
export function pooledCovariance(z: Matrix, y: Int32Array, means: Matrix, shrinkage: number | 'auto', dim = z.cols): { cov: Matrix; shrinkage: number } {
  const r = residuals(z, y, means);
  const cov = residualScatter(r);
  // Ledoit-Wolf's estimate depends on the ambient dimension; it is computed in the space given.
  const s = shrinkage === 'auto' ? ledoitWolf(r, cov, meanDiagonal(cov)) : Math.min(1, Math.max(0, shrinkage));
  shrinkInPlace(cov, s, dim);
  return { cov, shrinkage: s };
}

/** Ledoit-Wolf shrinkage toward mu I for centred rows r with empirical covariance s. */
function ledoitWolf(r: Matrix, s: Matrix, mu: number): number {
  const n = r.rows, d = r.cols;
  let frob = 0, delta = 0;
  for (let p = 0; p < d; p++) {
    for (let q = 0; q < d; q++) {
      const v = s.data[p * d + q];
      frob += v * v;
      const e = v - (p === q ? mu : 0);
      delta += e * e;
    }
  }
  let fourth = 0;
  for (let i = 0; i < n; i++) {
    let sq = 0;
    for (let j = 0; j < d; j++) sq += r.data[i * d + j] ** 2;
    fourth += sq * sq;
  }
  // beta: the variance of the empirical covariance's entries, (sum |r_i|^4 / n - |S|^2) / n.
  const beta = Math.max(0, (fourth / n - frob) / n);
  return delta > 0 ? Math.min(beta, delta) / delta : 1;
}

/**
 * Fits on standardised rows with equal class priors (UAR treats classes alike); `groups`
 * (speaker per row) drive the inner CV of shrinkage 'cv'.
 */
export function trainLda(z: Matrix, y: Int32Array, nClasses: number, opts: LdaOptions = {}, groups?: readonly string[]): LdaFit {
  const requested = opts.shrinkage ?? LDA_DEFAULTS.shrinkage;
  const k = nClasses;
  // More features than rows (the ~3000 extended functionals): the class means and the
  // within-class scatter lie in the rows' span, and off it the shrunk covariance is the
  // scaled identity, so Sigma^-1 mu_c lies in the span too. Fitting on the rows'
  // coordinates in an orthonormal basis of that span (gram-reduce.ts) gives the same
  // weights at O(n^3) instead of O(d^3). Ledoit-Wolf is left in the full space.
  const reduced = z.cols > z.rows && requested !== 'auto' ? reduceByGram(z, gram(z)) : null;
  const dim = z.cols;
  const zr = reduced ? reduced.features : z;
  const d = zr.cols;
  const choice = requested === 'cv' ? selectShrinkage(zr, y, k, groups, dim) : null;
  const { means, counts } = classMeans(zr, y, k);
  const { cov, shrinkage } = pooledCovariance(zr, y, means, choice ? choice.shrinkage : requested as number | 'auto', dim);
  const { l, jitter } = cholesky(cov);
  const w = choleskySolveRows(l, means); // row c: Sigma^-1 mu_c
  const weights = new Float64Array(d * k), bias = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let q = 0;
    for (let j = 0; j < d; j++) {
      weights[j * k + c] = w.data[c * d + j];
      q += w.data[c * d + j] * means.data[c * d + j];
    }
    // A class absent from these rows must never win: a very low score, not NaN.
    bias[c] = counts[c] > 0 ? -0.5 * q : -1e4;
    if (counts[c] === 0) for (let j = 0; j < d; j++) weights[j * k + c] = 0;
  }
  return {
    network: { kind: 'lda', layers: [{ inDim: dim, outDim: k, weights: reduced ? reduced.toPrimal(weights, k) : weights, bias, relu: false }] },
    info: { shrinkage, requested, jitter, ...(choice ? { innerUar: choice.scores } : {}), ...(reduced ? { reduced: true } : {}) },
  };
}
