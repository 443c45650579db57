// One representation for every model this package trains: a standardiser, then one
// or more members whose softmax outputs are averaged. A member is a chain of layers:
// dense (Gemm, optional ReLU), column selection (Gather), an RBF kernel against stored
// centres, a per-feature piecewise-linear map (rank-Gauss), or a boosted tree ensemble.
// Logistic regression and LDA are one dense layer (after the map, where one is fitted), the
// MLP adds ReLU layers, the kernel SVM is rbf + dense, an ensemble lists several members.
// Keeping them alike makes prediction and ONNX export a single code path each.
import { matmulBias, matrix, softmaxRows, type Matrix } from './linalg.ts';
import { piecewiseForward } from './rank-gauss.ts';
import { rbfGram, rowSquaredNorms } from './rbf-kernel.ts';
import { applyStandardiser, type Standardiser } from './standardise.ts';
import { treeScores, type TreeEnsemble } from './tree-ensemble.ts';

export type MemberKind = 'logreg' | 'mlp' | 'lda' | 'svm' | 'rbf-svm' | 'gbt' | 'linear-cv';
export type ModelKind = MemberKind | 'ensemble';
export const MEMBER_KINDS: readonly MemberKind[] = ['logreg', 'mlp', 'lda', 'svm', 'rbf-svm', 'gbt', 'linear-cv'];
export const MODEL_KINDS: readonly ModelKind[] = [...MEMBER_KINDS, 'ensemble'];

export interface DenseLayer {
  type?: 'dense';
  inDim: number;
  outDim: number;
  /** inDim x outDim, row-major: the layout of ONNX Gemm's B with transB = 0. */
  weights: Float64Array;
  bias: Float64Array;
  /** ReLU after this layer; the last layer of a member never has one (softmax follows). */
  relu: boolean;
}

/** Keeps the columns `indices` (ascending), e.g. the features a univariate filter chose. */
export interface SelectLayer {
  type: 'select';
  inDim: number;
  outDim: number;
  indices: Int32Array;
}

/** exp(-gamma |x - c_j|^2) for each of `outDim` centres (row-major, outDim x inDim). */
export interface RbfLayer {
  type: 'rbf';
  inDim: number;
  outDim: number;
  centres: Float64Array;
  gamma: number;
}

/**
 * A monotone piecewise-linear map of every feature on its own (rank-gauss.ts): output j is
 * base[j] + sum over s of slopes[j, s] * min(max(x_j - starts[j, s], 0), widths[j, s]),
 * with `segments` segments per feature (row-major, inDim x segments; unused ones have
 * width and slope 0).
 */
export interface PiecewiseLayer {
  type: 'piecewise';
  inDim: number;
  outDim: number;
  segments: number;
  starts: Float64Array;
  widths: Float64Array;
  slopes: Float64Array;
  base: Float64Array;
}

/** Summed leaf values of boosted trees: one score per class. */
export interface TreesLayer {
  type: 'trees';
  inDim: number;
  outDim: number;
  trees: TreeEnsemble;
}

export type Layer = DenseLayer | SelectLayer | RbfLayer | TreesLayer | PiecewiseLayer;

export interface Network {
  /** What trained it, for provenance. */
  kind: MemberKind;
  layers: Layer[];
  /**
   * 'raw': the member reads the features as given, not standardised. Trees do: a threshold
   * on a raw float32 value splits identically in TypeScript and in the ONNX graph. So do
   * members behind a rank-Gauss map, whose knots are raw float32 values for the same reason.
   */
  input?: 'standardised' | 'raw';
}

import type { InputNormalisation } from './corpus-normalised.ts';

export interface TrainedModel {
  kind: ModelKind;
  classes: string[];
  featureNames: string[];
  scaler: Standardiser;
  members: Network[];
  /** Settings and fit diagnostics, copied into the model's provenance. */
  info: Record<string, unknown>;
  /** Set when trained on corpora each standardised on its own (corpus-normalised.ts). */
  inputNormalisation?: InputNormalisation;
  /**
   * Mixes the members per row instead of averaging them: its softmax (one output per
   * member, reading the standardised features) weighs each member's probabilities
   * (room-gated.ts).
   */
  gate?: Network;
}

export function reluInPlace(m: Matrix): Matrix {
  const d = m.data;
  for (let i = 0; i < d.length; i++) if (d[i] < 0) d[i] = 0;
  return m;
}

export function selectColumns(x: Matrix, indices: ArrayLike<number>): Matrix {
  const k = indices.length, out = matrix(x.rows, k);
  for (let i = 0; i < x.rows; i++) {
    const o = i * x.cols;
    for (let j = 0; j < k; j++) out.data[i * k + j] = x.data[o + indices[j]];
  }
  return out;
}

/** Output of one layer. */
export function layerForward(layer: Layer, h: Matrix): Matrix {
  switch (layer.type) {
    case 'select':
      return selectColumns(h, layer.indices);
    case 'rbf': {
      const c = matrix(layer.outDim, layer.inDim, layer.centres);
      return rbfGram(h, c, layer.gamma, rowSquaredNorms(c));
    }
    case 'trees':
      return treeScores(layer.trees, h);
    case 'piecewise':
      return piecewiseForward(layer, h);
    default: {
      const out = matmulBias(h, layer.weights, layer.outDim, layer.bias);
      return layer.relu ? reluInPlace(out) : out;
    }
  }
}

/** Logits of one member for its input rows (standardised, or raw for `input: 'raw'`). */
export function networkLogits(net: Network, z: Matrix): Matrix {
  let h = z;
  for (const layer of net.layers) h = layerForward(layer, h);
  return h;
}

/** Class probabilities (rows x classes) for raw, unstandardised feature rows. */
export function predictProba(model: TrainedModel, x: Matrix): Matrix {
  const z = model.members.some((m) => m.input !== 'raw') ? applyStandardiser(x, model.scaler) : x;
  const out = matrix(x.rows, model.classes.length);
  const m = model.members.length, c = out.cols;
  const weights = model.gate ? softmaxRows(networkLogits(model.gate, z)) : null;
  model.members.forEach((net, q) => {
    const p = softmaxRows(networkLogits(net, net.input === 'raw' ? x : z));
    for (let i = 0; i < out.data.length; i++) out.data[i] += p.data[i] * (weights ? weights.data[Math.floor(i / c) * m + q] : 1 / m);
  });
  return out;
}

/** Index of the largest probability in each row. */
export function argmaxRows(p: Matrix): Int32Array {
  const out = new Int32Array(p.rows);
  for (let i = 0; i < p.rows; i++) {
    let best = 0;
    for (let j = 1; j < p.cols; j++) if (p.data[i * p.cols + j] > p.data[i * p.cols + best]) best = j;
    out[i] = best;
  }
  return out;
}
