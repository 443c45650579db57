// Linear support vector machines, one-vs-rest, with the squared hinge loss (the L2-SVM
// of scikit-learn's LinearSVC): C * sum_i w_i max(0, 1 - t_ic f_c(x_i))^2 + |W|^2 / 2 per
// class, all classes minimised together by L-BFGS (the loss is smooth enough for it).
// Scores become probabilities through a softmax with one temperature, fitted to the
// training rows, and folded into the weights so export stays one Gemm.
import { sampleWeights } from './class-weights.ts';
import { gram, reduceByGram } from './gram-reduce.ts';
import { minimiseLbfgs } from './lbfgs.ts';
import { addAtG, matmulBias, matrix, type Matrix } from './linalg.ts';
import type { DenseLayer } from './network.ts';

export interface SvmOptions {
  /** scikit-learn's C, per row (the loss is summed, not averaged, as in LinearSVC). */
  c?: number;
  balanced?: boolean;
  maxIterations?: number;
}

export const SVM_DEFAULTS = { c: 0.001, balanced: true, maxIterations: 500 } as const;

export interface SvmFit {
  layer: DenseLayer;
  info: { c: number; balanced: boolean; iterations: number; converged: boolean; reason: string; temperature: number };
}

export function trainLinearSvm(x: Matrix, y: Int32Array, nClasses: number, opts: SvmOptions = {}): SvmFit {
  const c = opts.c ?? SVM_DEFAULTS.c, balanced = opts.balanced ?? SVM_DEFAULTS.balanced;
  const d = x.cols, k = nClasses;
  // More features than rows: the same optimum in the rows' span (gram-reduce.ts), cheaper.
  const reduced = d > x.rows ? reduceByGram(x, gram(x)) : null;
  const z = reduced ? reduced.features : x;
  const n = z.rows, nW = z.cols * k;
  const w = sampleWeights(y, k, balanced);
  const resid = matrix(n, k);
  const objective = (theta: Float64Array, g: Float64Array): number => {
    const W = theta.subarray(0, nW), b = theta.subarray(nW);
    const f = matmulBias(z, W, k, b);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) {
        const t = y[i] === j ? 1 : -1, m = 1 - t * f.data[i * k + j];
        if (m > 0) {
          loss += c * w[i] * m * m;
          resid.data[i * k + j] = -2 * c * w[i] * t * m;
        } else resid.data[i * k + j] = 0;
      }
    }
    g.fill(0);
    const gW = g.subarray(0, nW), gb = g.subarray(nW);
    addAtG(z, resid, gW);
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) gb[j] += resid.data[i * k + j];
    let reg = 0;
    for (let i = 0; i < nW; i++) {
      reg += W[i] * W[i];
      gW[i] += W[i];
    }
    return loss + 0.5 * reg;
  };
  const res = minimiseLbfgs(objective, new Float64Array(nW + k), { maxIterations: opts.maxIterations ?? SVM_DEFAULTS.maxIterations });
  const bias = res.x.slice(nW);
  const weights = reduced ? reduced.toPrimal(res.x.slice(0, nW), k) : res.x.slice(0, nW);
  const temperature = fitTemperature(matmulBias(x, weights, k, bias), y, w);
  for (let i = 0; i < weights.length; i++) weights[i] *= temperature;
  for (let j = 0; j < k; j++) bias[j] *= temperature;
  return {
    layer: { inDim: d, outDim: k, weights, bias, relu: false },
    info: { c, balanced, iterations: res.iterations, converged: res.converged, reason: res.reason, temperature },
  };
}

/**
 * The scale s minimising the weighted cross-entropy of softmax(s * scores): SVM scores
 * have no probabilistic scale of their own, and an ensemble averages probabilities.
 * Golden-section search on log s in [1e-2, 1e2].
 */
export function fitTemperature(scores: Matrix, y: Int32Array, w: Float64Array): number {
  const k = scores.cols;
  const loss = (logS: number): number => {
    const s = Math.exp(logS);
    let total = 0;
    for (let i = 0; i < scores.rows; i++) {
      let m = -Infinity;
      for (let j = 0; j < k; j++) m = Math.max(m, s * scores.data[i * k + j]);
      let sum = 0;
      for (let j = 0; j < k; j++) sum += Math.exp(s * scores.data[i * k + j] - m);
      total += w[i] * (m + Math.log(sum) - s * scores.data[i * k + y[i]]);
    }
    return total;
  };
  let a = Math.log(1e-2), b = Math.log(1e2);
  const phi = (Math.sqrt(5) - 1) / 2;
  let x1 = b - phi * (b - a), x2 = a + phi * (b - a), f1 = loss(x1), f2 = loss(x2);
  for (let it = 0; it < 60; it++) {
    if (f1 < f2) { b = x2; x2 = x1; f2 = f1; x1 = b - phi * (b - a); f1 = loss(x1); }
    else { a = x1; x1 = x2; f1 = f2; x2 = a + phi * (b - a); f2 = loss(x2); }
  }
  return Math.exp((a + b) / 2);
}
