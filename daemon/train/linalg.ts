// Dense row-major float64 matrices and the three products training needs.
// Loops run i -> p -> j so the innermost loop walks both operands contiguously,
// which is what keeps plain JS within a few x of BLAS at these sizes (N ~ 2000, D ~ 500).

export interface Matrix {
  rows: number;
  cols: number;
  /** Row-major, rows * cols entries. */
  data: Float64Array;
}

export function matrix(rows: number, cols: number, data?: Float64Array): Matrix {
  if (data && data.length !== rows * cols) {
    throw new RangeError(`matrix ${rows}x${cols} needs ${rows * cols} values, got ${data.length}`);
  }
  return { rows, cols, data: data ?? new Float64Array(rows * cols) };
}

/** Rows `idx` of `m`, copied, in the given order. */
export function takeRows(m: Matrix, idx: ArrayLike<number>): Matrix {
  const out = matrix(idx.length, m.cols);
  for (let r = 0; r < idx.length; r++) {
    out.data.set(m.data.subarray(idx[r] * m.cols, (idx[r] + 1) * m.cols), r * m.cols);
  }
  return out;
}

/** out = A (n x k) * W (k x m) + bias (m), W row-major as ONNX Gemm's B. */
export function matmulBias(a: Matrix, w: Float64Array, m: number, bias?: Float64Array): Matrix {
  const n = a.rows, k = a.cols;
  if (w.length !== k * m) throw new RangeError(`weights ${w.length} != ${k}x${m}`);
  const out = matrix(n, m);
  const A = a.data, O = out.data;
  for (let i = 0; i < n; i++) {
    const o = i * m;
    if (bias) for (let j = 0; j < m; j++) O[o + j] = bias[j];
    const ai = i * k;
    for (let p = 0; p < k; p++) {
      const v = A[ai + p];
      // ReLU activations are often exactly zero: skipping them is free speed.
      if (v === 0) continue;
      const wp = p * m;
      for (let j = 0; j < m; j++) O[o + j] += v * w[wp + j];
    }
  }
  return out;
}

/** gradW (k x m) += A^T (k x n) * G (n x m). */
export function addAtG(a: Matrix, g: Matrix, gradW: Float64Array): void {
  const n = a.rows, k = a.cols, m = g.cols;
  const A = a.data, G = g.data;
  for (let i = 0; i < n; i++) {
    const ai = i * k, gi = i * m;
    for (let p = 0; p < k; p++) {
      const v = A[ai + p];
      if (v === 0) continue;
      const wp = p * m;
      for (let j = 0; j < m; j++) gradW[wp + j] += v * G[gi + j];
    }
  }
}

/** out (n x k) = G (n x m) * W^T, W being k x m. */
export function gWt(g: Matrix, w: Float64Array, k: number): Matrix {
  const n = g.rows, m = g.cols;
  const out = matrix(n, k);
  const G = g.data, O = out.data;
  for (let i = 0; i < n; i++) {
    const gi = i * m, oi = i * k;
    for (let p = 0; p < k; p++) {
      const wp = p * m;
      let s = 0;
      for (let j = 0; j < m; j++) s += G[gi + j] * w[wp + j];
      O[oi + p] = s;
    }
  }
  return out;
}

/** Row-wise softmax in place, shifted by the row max so exp never overflows. */
export function softmaxRows(m: Matrix): Matrix {
  const { rows, cols, data } = m;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let max = -Infinity;
    for (let j = 0; j < cols; j++) if (data[o + j] > max) max = data[o + j];
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(data[o + j] - max);
      data[o + j] = e;
      sum += e;
    }
    for (let j = 0; j < cols; j++) data[o + j] /= sum;
  }
  return m;
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
