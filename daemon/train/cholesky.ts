// Cholesky factorisation and triangular solves, for the Nystrom kernel map: with
// K_mm = L L^T, the map phi(x) = L^{-1} k(landmarks, x) gives phi(a).phi(b) equal to the
// Nystrom kernel estimate, and on the landmarks themselves phi is just the rows of L.
import { matrix, type Matrix } from './linalg.ts';

/**
 * Lower-triangular L with L L^T = A + jitter I (A symmetric, m x m). The jitter starts at
 * `relJitter` times the mean diagonal and grows tenfold until A is numerically positive
 * definite: an RBF Gram matrix of near-duplicate rows is singular in float64.
 */
export function cholesky(a: Matrix, relJitter = 1e-8): { l: Matrix; jitter: number } {
  const m = a.rows;
  if (a.cols !== m) throw new RangeError(`cholesky needs a square matrix, got ${a.rows}x${a.cols}`);
  let meanDiag = 0;
  for (let i = 0; i < m; i++) meanDiag += a.data[i * m + i];
  meanDiag = Math.max(meanDiag / Math.max(m, 1), 1e-300);
  for (let jitter = relJitter * meanDiag, tries = 0; tries < 12; tries++, jitter *= 10) {
    const l = tryCholesky(a, jitter);
    if (l) return { l, jitter };
  }
  throw new RangeError('cholesky: matrix is not positive definite even with jitter');
}

function tryCholesky(a: Matrix, jitter: number): Matrix | null {
  const m = a.rows, A = a.data;
  const l = matrix(m, m), L = l.data;
  for (let j = 0; j < m; j++) {
    const jr = j * m;
    let d = A[jr + j] + jitter;
    for (let p = 0; p < j; p++) d -= L[jr + p] * L[jr + p];
    if (!(d > 0)) return null;
    const ljj = Math.sqrt(d);
    L[jr + j] = ljj;
    for (let i = j + 1; i < m; i++) {
      const ir = i * m;
      let s = A[ir + j];
      for (let p = 0; p < j; p++) s -= L[ir + p] * L[jr + p];
      L[ir + j] = s / ljj;
    }
  }
  return l;
}

/**
 * Solves L Y^T = B^T for every row of B (n x m), i.e. returns rows y_i = L^{-1} b_i:
 * the Nystrom features of rows whose kernel values against the landmarks are B.
 */
export function solveLowerRows(l: Matrix, b: Matrix): Matrix {
  const m = l.rows;
  if (b.cols !== m) throw new RangeError(`solveLowerRows: ${b.cols} columns, factor ${m}`);
  const out = matrix(b.rows, m), L = l.data;
  for (let r = 0; r < b.rows; r++) {
    const o = r * m;
    for (let i = 0; i < m; i++) {
      let s = b.data[o + i];
      const ir = i * m;
      for (let p = 0; p < i; p++) s -= L[ir + p] * out.data[o + p];
      out.data[o + i] = s / L[ir + i];
    }
  }
  return out;
}

/** L^{-T} (m x m, upper triangular), so phi(x) = k(x) L^{-T} is one matrix product (ONNX Gemm). */
export function inverseTransposeLower(l: Matrix): Matrix {
  const m = l.rows;
  const eye = matrix(m, m);
  for (let i = 0; i < m; i++) eye.data[i * m + i] = 1;
  // Row i of solveLowerRows(L, I) is L^{-1} e_i, i.e. column i of L^{-1} = row i of L^{-T}.
  return solveLowerRows(l, eye);
}

/** Solves L^T x = b for every row b of B: the back-substitution half of a Cholesky solve. */
export function solveUpperRows(l: Matrix, b: Matrix): Matrix {
  const m = l.rows;
  if (b.cols !== m) throw new RangeError(`solveUpperRows: ${b.cols} columns, factor ${m}`);
  const out = matrix(b.rows, m), L = l.data;
  for (let r = 0; r < b.rows; r++) {
    const o = r * m;
    for (let i = m - 1; i >= 0; i--) {
      let s = b.data[o + i];
      for (let p = i + 1; p < m; p++) s -= L[p * m + i] * out.data[o + p];
      out.data[o + i] = s / L[i * m + i];
    }
  }
  return out;
}

/** Rows x_i with A x_i = b_i, given A's factor L (A = L L^T). */
export function choleskySolveRows(l: Matrix, b: Matrix): Matrix {
  return solveUpperRows(l, solveLowerRows(l, b));
}
