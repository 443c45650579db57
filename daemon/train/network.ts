// One representation for every model this package trains: a standardiser, then one
// or more feed-forward networks whose softmax outputs are averaged. Logistic regression
// is a one-layer network, the MLP adds ReLU layers, an ensemble lists several members.
// Keeping them alike makes prediction and ONNX export a single code path each.
import { matmulBias, matrix, softmaxRows, type Matrix } from './linalg.ts';
import { applyStandardiser, type Standardiser } from './standardise.ts';

export type ModelKind = 'logreg' | 'mlp' | 'ensemble';

export interface DenseLayer {
  inDim: number;
  outDim: number;
  /** inDim x outDim, row-major: the layout of ONNX Gemm's B with transB = 0. */
  weights: Float64Array;
  bias: Float64Array;
  /** ReLU after this layer; the last layer of a member never has one (softmax follows). */
  relu: boolean;
}

export interface Network {
  /** What trained it, for provenance ('logreg', 'mlp'). */
  kind: 'logreg' | 'mlp';
  layers: DenseLayer[];
}

export interface TrainedModel {
  kind: ModelKind;
  classes: string[];
  featureNames: string[];
  scaler: Standardiser;
  members: Network[];
  /** Settings and fit diagnostics, copied into the model's provenance. */
  info: Record<string, unknown>;
}

export function reluInPlace(m: Matrix): Matrix {
  const d = m.data;
  for (let i = 0; i < d.length; i++) if (d[i] < 0) d[i] = 0;
  return m;
}

/** Logits of one member for already standardised rows. */
export function networkLogits(net: Network, z: Matrix): Matrix {
  let h = z;
  for (const layer of net.layers) {
    h = matmulBias(h, layer.weights, layer.outDim, layer.bias);
    if (layer.relu) reluInPlace(h);
  }
  return h;
}

/** Class probabilities (rows x classes) for raw, unstandardised feature rows. */
export function predictProba(model: TrainedModel, x: Matrix): Matrix {
  const z = applyStandardiser(x, model.scaler);
  const out = matrix(x.rows, model.classes.length);
  for (const net of model.members) {
    const p = softmaxRows(networkLogits(net, z));
    for (let i = 0; i < out.data.length; i++) out.data[i] += p.data[i];
  }
  const k = model.members.length;
  for (let i = 0; i < out.data.length; i++) out.data[i] /= k;
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
