// A small multilayer perceptron: ReLU hidden layers, softmax output, AdamW, dropout,
// and early stopping on speakers held out of the training set. Holding out speakers
// (not random rows) matters: rows of one speaker are far more alike than rows of two,
// so a random split would stop training late and overfit to speaker identity.
import { adamWMoments, adamWStep, type AdamWParam } from './adamw.ts';
import { sampleWeights } from './class-weights.ts';
import { addAtG, gWt, matmulBias, softmaxRows, takeRows, type Matrix } from './linalg.ts';
import type { DenseLayer, Network } from './network.ts';
import { networkLogits } from './network.ts';
import { createRng, shuffle, type Rng } from './rng.ts';
import { innerSplit } from './splits.ts';

export interface MlpOptions {
  hidden?: readonly number[];
  learningRate?: number;
  /** Decoupled weight decay (AdamW), applied to weights, not biases. */
  weightDecay?: number;
  /** Dropout probability on hidden activations. */
  dropout?: number;
  batchSize?: number;
  maxEpochs?: number;
  /** Epochs without a better validation loss before stopping. */
  patience?: number;
  balanced?: boolean;
  /** Share of training speakers held out for early stopping. */
  valFraction?: number;
  /** After early stopping, retrain on all rows for the best epoch count. */
  refit?: boolean;
}

export const MLP_DEFAULTS = {
  hidden: [128], learningRate: 1e-3, weightDecay: 1e-2, dropout: 0.3, batchSize: 32,
  maxEpochs: 200, patience: 20, balanced: true, valFraction: 0.2, refit: true,
} as const;

export interface MlpFit {
  network: Network;
  info: Record<string, unknown>;
}

/**
 * Fits on standardised rows. `groups` (one speaker id per row) drives the inner
 * validation split; without it, or with a single speaker, rows are split at random.
 */
export function trainMlp(
  z: Matrix, y: Int32Array, nClasses: number, opts: MlpOptions = {},
  ctx: { seed: number; groups?: readonly string[] } = { seed: 1 },
): MlpFit {
  const o = { ...MLP_DEFAULTS, ...opts };
  const rng = createRng(ctx.seed);
  const { train, val, valGroups } = innerSplit(y, ctx.groups, o.valFraction, rng);
  const dims = [z.cols, ...o.hidden, nClasses];
  const held = {
    x: takeRows(z, train), y: Int32Array.from(train, (i) => y[i]),
    xVal: takeRows(z, val), yVal: Int32Array.from(val, (i) => y[i]),
  };
  const first = fitLoop(initLayers(dims, rng), held.x, held.y, nClasses, o, rng, o.maxEpochs, { x: held.xVal, y: held.yVal });
  let layers = first.layers, refitRows = 0;
  if (o.refit && val.length > 0) {
    // The held-out speakers told us how long to train; now train that long on all of
    // them, since 20% fewer speakers costs more than the stopping point is worth.
    layers = fitLoop(initLayers(dims, rng), z, y, nClasses, o, rng, Math.max(1, first.bestEpoch), null).layers;
    refitRows = z.rows;
  }
  return {
    network: { kind: 'mlp', layers },
    info: {
      ...o, hidden: [...o.hidden], epochsRun: first.epochsRun, bestEpoch: first.bestEpoch,
      bestValLoss: val.length ? first.bestLoss : null, innerTrainRows: train.length, innerValRows: val.length,
      innerValSpeakers: valGroups, refitRows,
    },
  };
}

function initLayers(dims: number[], rng: Rng): DenseLayer[] {
  const layers: DenseLayer[] = [];
  for (let l = 0; l + 1 < dims.length; l++) {
    const inDim = dims[l], outDim = dims[l + 1], last = l + 2 === dims.length;
    // He init for ReLU layers, Glorot for the softmax layer.
    const scale = last ? Math.sqrt(2 / (inDim + outDim)) : Math.sqrt(2 / inDim);
    const weights = new Float64Array(inDim * outDim);
    for (let i = 0; i < weights.length; i++) weights[i] = rng.normal() * scale;
    layers.push({ inDim, outDim, weights, bias: new Float64Array(outDim), relu: !last });
  }
  return layers;
}

/** AdamW epochs over (x, y); with `val`, keeps the weights of the best validation loss and stops after `patience`. */
function fitLoop(
  layers: DenseLayer[], x: Matrix, y: Int32Array, nClasses: number, o: Required<MlpOptions>, rng: Rng,
  maxEpochs: number, val: { x: Matrix; y: Int32Array } | null,
): { layers: DenseLayer[]; epochsRun: number; bestEpoch: number; bestLoss: number } {
  const net: Network = { kind: 'mlp', layers };
  const w = sampleWeights(y, nClasses, o.balanced);
  const wVal = val ? sampleWeights(val.y, nClasses, o.balanced) : null;
  const grads = layers.map((L) => ({ gW: new Float64Array(L.weights.length), gb: new Float64Array(L.outDim) }));
  const params: AdamWParam[] = layers.flatMap((L, l) => [
    { p: L.weights, g: grads[l].gW, decay: true },
    { p: L.bias, g: grads[l].gb, decay: false },
  ]);
  const moments = adamWMoments(params);
  let step = 0;
  let best = { loss: Infinity, epoch: maxEpochs, layers: snapshot(layers) };
  const order = Int32Array.from(y.keys());
  let epoch = 0;
  for (; epoch < maxEpochs; epoch++) {
    shuffle(order, rng);
    for (let s = 0; s < order.length; s += o.batchSize) {
      const idx = order.subarray(s, Math.min(s + o.batchSize, order.length));
      backprop(layers, grads, takeRows(x, idx), idx, y, w, o.dropout, rng);
      step++;
      adamWStep(params, moments, step, o.learningRate, o.weightDecay);
    }
    if (!val || val.y.length === 0) continue;
    const loss = crossEntropy(softmaxRows(networkLogits(net, val.x)), val.y, wVal!);
    if (loss < best.loss - 1e-6) best = { loss, epoch: epoch + 1, layers: snapshot(layers) };
    else if (epoch + 1 - best.epoch >= o.patience) { epoch++; break; }
  }
  if (!val || val.y.length === 0) return { layers, epochsRun: epoch, bestEpoch: epoch, bestLoss: NaN };
  restore(layers, best.layers);
  return { layers, epochsRun: epoch, bestEpoch: best.epoch, bestLoss: best.loss };
}

type LayerGrads = { gW: Float64Array; gb: Float64Array };

/** Forward with dropout and backward for one batch; leaves gradients in `grads`. */
function backprop(
  layers: DenseLayer[], grads: LayerGrads[], x: Matrix, idx: Int32Array,
  y: Int32Array, w: Float64Array, dropout: number, rng: Rng,
): void {
  const acts: Matrix[] = [x];
  let h = x;
  for (const L of layers) {
    h = matmulBias(h, L.weights, L.outDim, L.bias);
    if (L.relu) {
      const keep = 1 - dropout, d = h.data;
      // Inverted dropout: scale at train time so inference needs no change (nor does ONNX).
      for (let i = 0; i < d.length; i++) d[i] = d[i] > 0 && (dropout === 0 || rng.next() < keep) ? d[i] / keep : 0;
    }
    acts.push(h);
  }
  const p = softmaxRows(acts[acts.length - 1]);
  const k = p.cols;
  let wsum = 0;
  for (let r = 0; r < idx.length; r++) wsum += w[idx[r]];
  const g = p; // reuse: gradient of the weighted mean loss w.r.t. the logits
  for (let r = 0; r < idx.length; r++) {
    const wi = w[idx[r]] / wsum, t = y[idx[r]];
    for (let j = 0; j < k; j++) g.data[r * k + j] = wi * (g.data[r * k + j] - (j === t ? 1 : 0));
  }
  let G = g;
  for (let l = layers.length - 1; l >= 0; l--) {
    const L = layers[l], gr = grads[l];
    gr.gW.fill(0);
    addAtG(acts[l], G, gr.gW);
    gr.gb.fill(0);
    for (let r = 0; r < G.rows; r++) for (let j = 0; j < G.cols; j++) gr.gb[j] += G.data[r * G.cols + j];
    if (l === 0) break;
    const prev = gWt(G, L.weights, L.inDim), a = acts[l].data, scale = 1 / (1 - dropout);
    // A stored activation of 0 was cut by ReLU or dropout; a live one passed with `scale`.
    for (let i = 0; i < prev.data.length; i++) prev.data[i] = a[i] > 0 ? prev.data[i] * scale : 0;
    G = prev;
  }
}

function crossEntropy(p: Matrix, y: Int32Array, w: Float64Array): number {
  let s = 0, ws = 0;
  for (let i = 0; i < y.length; i++) {
    s -= w[i] * Math.log(Math.max(p.data[i * p.cols + y[i]], 1e-300));
    ws += w[i];
  }
  return s / ws;
}

function snapshot(layers: DenseLayer[]): { w: Float64Array; b: Float64Array }[] {
  return layers.map((L) => ({ w: L.weights.slice(), b: L.bias.slice() }));
}

function restore(layers: DenseLayer[], snap: { w: Float64Array; b: Float64Array }[]): void {
  layers.forEach((L, i) => { L.weights.set(snap[i].w); L.bias.set(snap[i].b); });
}

