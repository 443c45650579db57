// Training of the frame CNN: AdamW on class-balanced cross-entropy, random crops and
// SpecAugment-style masks as augmentation, dropout on the pooled vector, and early
// stopping on speakers held out of the training fold (never the test speakers). The
// held-out speakers are scored on whole utterances, as test utterances are.
import { adamWMoments, adamWStep } from '../adamw.ts';
import { sampleWeights } from '../class-weights.ts';
import { createRng, shuffle, type Rng } from '../rng.ts';
import { innerSplit } from '../splits.ts';
import { initCnn, minFrames, predictSequence, standardiseFrames, type CnnNetwork, type ConvSpec, type PoolKind } from './cnn.ts';
import { backpropExample, clearGrads, paramPairs, zeroGrads } from './cnn-backprop.ts';

/** Utterances as time-major frame matrices (frames x columns), raw LLD values. */
export interface SequenceSet {
  columns: readonly string[];
  seqs: readonly Float32Array[];
  y: Int32Array;
  /** Speaker of each utterance: drives the early-stopping split. */
  speakers?: readonly string[];
}

export interface CnnOptions {
  convs?: readonly ConvSpec[];
  /** Statistics over time the head reads. */
  pool?: readonly PoolKind[];
  learningRate?: number;
  /** Decoupled weight decay (AdamW) on weights, not biases. */
  weightDecay?: number;
  /** Inverted dropout on the pooled vector. */
  dropout?: number;
  batchSize?: number;
  maxEpochs?: number;
  /** Epochs without a better validation loss before stopping. */
  patience?: number;
  balanced?: boolean;
  /** Share of training speakers held out for early stopping. */
  valFraction?: number;
  /** Longer utterances are cut to a random window of this many frames per epoch. */
  cropFrames?: number;
  /** Time masks per example, each up to timeMaskFrames long, set to the mean (0). */
  timeMasks?: number;
  timeMaskFrames?: number;
  /** Columns set to their mean (0) per example. */
  channelMasks?: number;
  /**
   * Validation and the returned network use an exponential moving average of the weights
   * over optimiser steps (0: the raw weights). Small corpora make single-step weights
   * noisy; the average scores steadier and lets early stopping pick a real optimum.
   */
  emaDecay?: number;
  /** After early stopping, train again on all training speakers for the best epoch count. */
  refit?: boolean;
}

export const CNN_DEFAULTS: Required<CnnOptions> = {
  // 32 channels and 2 s crops: a full EmoDB LOSO run in minutes on two shared cores.
  convs: [{ channels: 32, kernel: 5, stride: 2 }, { channels: 32, kernel: 5, stride: 2 }, { channels: 32, kernel: 3, stride: 1 }],
  pool: ['mean', 'std', 'max'], learningRate: 2e-3, weightDecay: 1e-2, dropout: 0.3, batchSize: 16, maxEpochs: 40, patience: 8,
  balanced: true, valFraction: 0.2, cropFrames: 200, timeMasks: 2, timeMaskFrames: 20, channelMasks: 2, emaDecay: 0.97, refit: false,
};

export interface CnnFit {
  network: CnnNetwork;
  info: Record<string, unknown>;
}

export function trainCnn(
  data: SequenceSet, classes: readonly string[], opts: CnnOptions = {}, seed = 1,
  onEpoch?: (epoch: number, valLoss: number) => void,
): CnnFit {
  const o = { ...CNN_DEFAULTS, ...opts };
  const rng = createRng(seed);
  const { train, val, valGroups } = innerSplit(data.y, data.speakers, o.valFraction, rng);
  const stats = frameStats(data);
  const fresh = (): CnnNetwork => {
    const net = initCnn(data.columns, classes, o.convs, rng, o.pool);
    net.mean.set(stats.mean); net.std.set(stats.std);
    return net;
  };
  const first = fitLoop(fresh(), data, train, val, classes.length, o, rng, o.maxEpochs, onEpoch);
  let net = first.net, refitRows = 0;
  if (o.refit && val.length > 0) {
    net = fitLoop(fresh(), data, Int32Array.from(data.y.keys()), new Int32Array(0), classes.length, o, rng, Math.max(1, first.bestEpoch)).net;
    refitRows = data.y.length;
  }
  return {
    network: net,
    info: {
      ...o, convs: o.convs.map((c) => ({ ...c })), pool: [...o.pool], epochsRun: first.epochsRun, bestEpoch: first.bestEpoch,
      bestValLoss: val.length ? first.bestLoss : null, innerTrainRows: train.length, innerValRows: val.length,
      innerValSpeakers: valGroups, refitRows, trainFrames: stats.frames,
    },
  };
}

/** Per-column mean and standard deviation over every frame of the set (finite values only). */
export function frameStats(data: SequenceSet): { mean: Float64Array; std: Float64Array; frames: number } {
  const c = data.columns.length, sum = new Float64Array(c), sq = new Float64Array(c), n = new Float64Array(c);
  let frames = 0;
  for (const s of data.seqs) {
    const t = s.length / c;
    frames += t;
    for (let f = 0; f < t; f++) {
      for (let j = 0; j < c; j++) {
        const v = s[f * c + j];
        if (!Number.isFinite(v)) continue;
        sum[j] += v; sq[j] += v * v; n[j]++;
      }
    }
  }
  const mean = new Float64Array(c), std = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    mean[j] = n[j] ? sum[j] / n[j] : 0;
    const v = n[j] ? sq[j] / n[j] - mean[j] * mean[j] : 0;
    // A constant column would divide by zero: leave it centred, unscaled.
    std[j] = v > 1e-12 ? Math.sqrt(v) : 1;
  }
  return { mean, std, frames };
}

/** A random crop of one utterance, standardised, with time and column masks applied. */
export function augmentedExample(net: CnnNetwork, seq: Float32Array, o: Required<CnnOptions>, rng: Rng): { z: Float64Array; t: number } {
  const c = net.columns.length, total = seq.length / c;
  let t = Math.min(total, o.cropFrames);
  const start = total > t ? rng.int(total - t + 1) : 0;
  const z = standardiseFrames(net, seq.subarray(start * c, (start + t) * c), t);
  for (let m = 0; m < o.timeMasks; m++) {
    const w = rng.int(Math.min(o.timeMaskFrames, Math.floor(t / 4)) + 1), s = rng.int(t - w + 1);
    z.fill(0, s * c, (s + w) * c);
  }
  for (let m = 0; m < o.channelMasks; m++) {
    const j = rng.int(c);
    for (let f = 0; f < t; f++) z[f * c + j] = 0;
  }
  const need = minFrames(net.convs);
  if (t < need) {
    const p = new Float64Array(need * c);
    p.set(z);
    return { z: p, t: need };
  }
  return { z, t };
}

function fitLoop(
  net: CnnNetwork, data: SequenceSet, train: Int32Array, val: Int32Array, k: number, o: Required<CnnOptions>, rng: Rng,
  maxEpochs: number, onEpoch?: (epoch: number, valLoss: number) => void,
): { net: CnnNetwork; epochsRun: number; bestEpoch: number; bestLoss: number } {
  const yTrain = Int32Array.from(train, (i) => data.y[i]);
  const w = sampleWeights(yTrain, k, o.balanced);
  const yVal = Int32Array.from(val, (i) => data.y[i]);
  const wVal = sampleWeights(yVal, k, o.balanced);
  const grads = zeroGrads(net);
  const pairs = paramPairs(net, grads);
  const moments = adamWMoments(pairs);
  const order = Int32Array.from(train.keys());
  const ema = o.emaDecay > 0 ? snapshot(pairs) : null;
  let step = 0, epoch = 0;
  let best = { loss: Infinity, epoch: maxEpochs, snap: snapshot(pairs) };
  for (; epoch < maxEpochs; epoch++) {
    shuffle(order, rng);
    for (let s = 0; s < order.length; s += o.batchSize) {
      const batch = order.subarray(s, Math.min(s + o.batchSize, order.length));
      let wsum = 0;
      for (const q of batch) wsum += w[q];
      clearGrads(grads);
      for (const q of batch) {
        const ex = augmentedExample(net, data.seqs[train[q]], o, rng);
        backpropExample(net, grads, ex.z, ex.t, yTrain[q], w[q] / wsum, { dropout: o.dropout, rng });
      }
      step++;
      adamWStep(pairs, moments, step, o.learningRate, o.weightDecay);
      if (ema) {
        // Bias-corrected like Adam's moments, so early averages are not pulled towards 0.
        const d = Math.min(o.emaDecay, (1 + step) / (10 + step));
        pairs.forEach((q, k) => { const a = ema[k]; for (let i = 0; i < a.length; i++) a[i] = d * a[i] + (1 - d) * q.p[i]; });
      }
    }
    if (val.length === 0) continue;
    const raw = ema ? swap(pairs, ema) : null;
    const loss = weightedLoss(net, data, val, yVal, wVal);
    if (raw) pairs.forEach((q, k) => q.p.set(raw[k]));
    onEpoch?.(epoch + 1, loss);
    if (loss < best.loss - 1e-6) best = { loss, epoch: epoch + 1, snap: ema ? ema.map((a) => a.slice()) : snapshot(pairs) };
    else if (epoch + 1 - best.epoch >= o.patience) { epoch++; break; }
  }
  if (val.length === 0) {
    if (ema) pairs.forEach((q, k) => q.p.set(ema[k]));
    return { net, epochsRun: epoch, bestEpoch: epoch, bestLoss: NaN };
  }
  pairs.forEach((q, i) => q.p.set(best.snap[i]));
  return { net, epochsRun: epoch, bestEpoch: best.epoch, bestLoss: best.loss };
}

function weightedLoss(net: CnnNetwork, data: SequenceSet, rows: Int32Array, y: Int32Array, w: Float64Array): number {
  const c = net.columns.length;
  let s = 0, ws = 0;
  rows.forEach((r, i) => {
    const seq = data.seqs[r];
    const p = predictSequence(net, seq, seq.length / c);
    s -= w[i] * Math.log(Math.max(p[y[i]], 1e-300));
    ws += w[i];
  });
  return s / ws;
}

/** Puts `values` into the parameters; returns what they held. */
function swap(pairs: { p: Float64Array }[], values: Float64Array[]): Float64Array[] {
  const held = snapshot(pairs);
  pairs.forEach((q, k) => q.p.set(values[k]));
  return held;
}

function snapshot(pairs: { p: Float64Array }[]): Float64Array[] {
  return pairs.map((q) => q.p.slice());
}
