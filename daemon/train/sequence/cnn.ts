// The frame-sequence classifier: per-column standardisation, a stack of 1-D convolutions
// with ReLU over time, mean and max pooling over all remaining frames (so any length
// works, and an utterance is scored whole), then one dense softmax layer. This file holds
// the network and its inference; cnn-backprop.ts the training pass.
import type { Rng } from '../rng.ts';
import { convOutFrames, convReluForward, padFrames, type ConvLayer } from './conv1d.ts';

export interface DenseHead {
  inDim: number;
  outDim: number;
  /** inDim x outDim row-major: ONNX Gemm's B with transB = 0. */
  weights: Float64Array;
  bias: Float64Array;
}

/** Statistics over time of the last convolution's channels, concatenated in this order. */
export type PoolKind = 'mean' | 'std' | 'max';
/** Added to the variance before its square root: keeps a constant channel's gradient finite. */
export const STD_EPS = 1e-5;

export interface CnnNetwork {
  kind: 'cnn';
  /** Frame columns the input carries, in order (LLD names). */
  columns: string[];
  classes: string[];
  /** Per-column standardisation fitted on training frames. */
  mean: Float64Array;
  std: Float64Array;
  convs: ConvLayer[];
  pool: PoolKind[];
  /** Reads the pooled statistics, `pool.length` blocks of the last conv's channels. */
  head: DenseHead;
}

export interface ConvSpec {
  channels: number;
  kernel: number;
  stride: number;
}

/** Frames below which the last convolution would have no output. */
export function minFrames(convs: readonly Pick<ConvLayer, 'kernel' | 'stride' | 'pad'>[]): number {
  for (let t = 1; t < 10000; t++) {
    let n = t;
    for (const L of convs) n = n >= 1 ? convOutFrames(L, n) : 0;
    if (n >= 1) return t;
  }
  throw new RangeError('convolution stack accepts no input length');
}

/** He-initialised convolutions ('same' padding of kernel / 2) and a Glorot head. */
export function initCnn(
  columns: readonly string[], classes: readonly string[], specs: readonly ConvSpec[], rng: Rng,
  pool: readonly PoolKind[] = ['mean', 'max'],
): CnnNetwork {
  const convs: ConvLayer[] = [];
  let inCh = columns.length;
  for (const s of specs) {
    const span = s.kernel * inCh, scale = Math.sqrt(2 / span);
    const weights = new Float64Array(s.channels * span);
    for (let i = 0; i < weights.length; i++) weights[i] = rng.normal() * scale;
    convs.push({ inCh, outCh: s.channels, kernel: s.kernel, stride: s.stride, pad: s.kernel >> 1, weights, bias: new Float64Array(s.channels) });
    inCh = s.channels;
  }
  const inDim = pool.length * inCh, outDim = classes.length, scale = Math.sqrt(2 / (inDim + outDim));
  const hw = new Float64Array(inDim * outDim);
  for (let i = 0; i < hw.length; i++) hw[i] = rng.normal() * scale;
  return {
    kind: 'cnn', columns: [...columns], classes: [...classes],
    mean: new Float64Array(columns.length), std: new Float64Array(columns.length).fill(1),
    convs, pool: [...pool], head: { inDim, outDim, weights: hw, bias: new Float64Array(outDim) },
  };
}

/** (x - mean) / std of time-major frames, into a new float64 buffer. */
export function standardiseFrames(net: Pick<CnnNetwork, 'mean' | 'std'>, frames: ArrayLike<number>, t: number): Float64Array {
  const c = net.mean.length, out = new Float64Array(t * c);
  for (let f = 0; f < t; f++) {
    for (let j = 0; j < c; j++) {
      const v = frames[f * c + j];
      // The daemon replaces non-finite features by 0 before the model; so does training.
      out[f * c + j] = ((Number.isFinite(v) ? v : 0) - net.mean[j]) / net.std[j];
    }
  }
  return out;
}

export interface Pooled {
  pooled: Float64Array;
  /** Per channel: mean, standard deviation (with STD_EPS) and the frame of the maximum. */
  mean: Float64Array;
  std: Float64Array;
  argmax: Int32Array;
}

/** The `kinds` statistics over time of tOut x ch activations, each a block of ch values. */
export function poolOverTime(h: Float64Array, tOut: number, ch: number, kinds: readonly PoolKind[]): Pooled {
  const mean = new Float64Array(ch), std = new Float64Array(ch), max = new Float64Array(ch).fill(-Infinity), argmax = new Int32Array(ch);
  for (let t = 0; t < tOut; t++) {
    for (let o = 0; o < ch; o++) {
      const v = h[t * ch + o];
      mean[o] += v;
      if (v > max[o]) { max[o] = v; argmax[o] = t; }
    }
  }
  for (let o = 0; o < ch; o++) mean[o] /= tOut;
  if (kinds.includes('std')) {
    // Two passes: the mean first, so the variance does not lose digits to cancellation.
    for (let t = 0; t < tOut; t++) for (let o = 0; o < ch; o++) { const d = h[t * ch + o] - mean[o]; std[o] += d * d; }
    for (let o = 0; o < ch; o++) std[o] = Math.sqrt(std[o] / tOut + STD_EPS);
  }
  const pooled = new Float64Array(kinds.length * ch);
  kinds.forEach((k, b) => pooled.set(k === 'mean' ? mean : k === 'std' ? std : max, b * ch));
  return { pooled, mean, std, argmax };
}

export function headLogits(head: DenseHead, v: Float64Array): Float64Array {
  const out = Float64Array.from(head.bias);
  for (let i = 0; i < head.inDim; i++) {
    const x = v[i];
    if (x === 0) continue;
    for (let j = 0; j < head.outDim; j++) out[j] += x * head.weights[i * head.outDim + j];
  }
  return out;
}

export function softmax(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  const out = new Float64Array(z.length);
  let s = 0;
  for (let j = 0; j < z.length; j++) { out[j] = Math.exp(z[j] - max); s += out[j]; }
  for (let j = 0; j < z.length; j++) out[j] /= s;
  return out;
}

/** Conv stack on already standardised frames; returns the last activations and their length. */
export function convStack(net: CnnNetwork, z: Float64Array, t: number): { h: Float64Array; frames: number } {
  let h = z, frames = t;
  for (const L of net.convs) {
    const tOut = convOutFrames(L, frames);
    h = convReluForward(L, padFrames(h, frames, L.inCh, L.pad), tOut);
    frames = tOut;
  }
  return { h, frames };
}

/**
 * Class probabilities of one utterance: `frames` time-major (t x columns), raw LLD
 * values. Inputs shorter than minFrames are padded with frames at the training mean
 * (0 after standardisation), which is what the ONNX graph expects to be given.
 */
export function predictSequence(net: CnnNetwork, frames: ArrayLike<number>, t: number): Float64Array {
  const c = net.columns.length, need = minFrames(net.convs);
  let z = standardiseFrames(net, frames, t);
  if (t < need) { const p = new Float64Array(need * c); p.set(z); z = p; t = need; }
  const { h, frames: tOut } = convStack(net, z, t);
  const last = net.convs.length ? net.convs[net.convs.length - 1].outCh : c;
  return softmax(headLogits(net.head, poolOverTime(h, tOut, last, net.pool).pooled));
}
