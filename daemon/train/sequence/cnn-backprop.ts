// One training example through the CNN and back: loss and gradients for every weight.
// Gradients accumulate into a CnnGrads (a batch sums its examples, scaled by their loss
// weights), so the optimiser sees exactly the gradient of the weighted batch loss.
import type { Rng } from '../rng.ts';
import { convOutFrames, convReluBackward, convReluForward, padFrames } from './conv1d.ts';
import { headLogits, poolOverTime, softmax, type CnnNetwork } from './cnn.ts';

export interface CnnGrads {
  convW: Float64Array[];
  convB: Float64Array[];
  headW: Float64Array;
  headB: Float64Array;
}

export function zeroGrads(net: CnnNetwork): CnnGrads {
  return {
    convW: net.convs.map((L) => new Float64Array(L.weights.length)),
    convB: net.convs.map((L) => new Float64Array(L.outCh)),
    headW: new Float64Array(net.head.weights.length),
    headB: new Float64Array(net.head.outDim),
  };
}

export function clearGrads(g: CnnGrads): void {
  g.convW.forEach((a) => a.fill(0));
  g.convB.forEach((a) => a.fill(0));
  g.headW.fill(0);
  g.headB.fill(0);
}

/** Each parameter array beside its gradient, in one fixed order (for the optimiser and checks). */
export function paramPairs(net: CnnNetwork, g: CnnGrads): { p: Float64Array; g: Float64Array; decay: boolean }[] {
  return [
    ...net.convs.flatMap((L, i) => [
      { p: L.weights, g: g.convW[i], decay: true },
      { p: L.bias, g: g.convB[i], decay: false },
    ]),
    { p: net.head.weights, g: g.headW, decay: true },
    { p: net.head.bias, g: g.headB, decay: false },
  ];
}

/**
 * Forward and backward of one standardised example `z` (t x columns) with target class
 * `target`, loss scaled by `weight`. `dropout` (inverted, on the pooled vector) needs an
 * rng. Returns the unscaled cross-entropy; also the input gradient when asked (checks).
 */
export function backpropExample(
  net: CnnNetwork, grads: CnnGrads, z: Float64Array, t: number, target: number, weight: number,
  opts: { dropout?: number; rng?: Rng; inputGrad?: boolean } = {},
): { loss: number; probs: Float64Array; inputGrad?: Float64Array } {
  const pads: Float64Array[] = [], outs: Float64Array[] = [], lens: number[] = [t];
  let h = z, frames = t;
  for (const L of net.convs) {
    const xpad = padFrames(h, frames, L.inCh, L.pad), tOut = convOutFrames(L, frames);
    h = convReluForward(L, xpad, tOut);
    pads.push(xpad); outs.push(h); lens.push(tOut);
    frames = tOut;
  }
  const ch = net.convs.length ? net.convs[net.convs.length - 1].outCh : net.columns.length;
  const { pooled, mean, std, argmax } = poolOverTime(h, frames, ch, net.pool);
  const p = opts.dropout ?? 0;
  const keep = new Float64Array(pooled.length).fill(1);
  if (p > 0) {
    for (let i = 0; i < keep.length; i++) keep[i] = opts.rng!.next() < 1 - p ? 1 / (1 - p) : 0;
    for (let i = 0; i < keep.length; i++) pooled[i] *= keep[i];
  }
  const probs = softmax(headLogits(net.head, pooled));
  const loss = -Math.log(Math.max(probs[target], 1e-300));
  // d(weight * CE)/d logits = weight * (p - onehot).
  const gz = probs.map((v, j) => weight * (v - (j === target ? 1 : 0)));
  const K = net.head.outDim, D = net.head.inDim, gPool = new Float64Array(D);
  for (let j = 0; j < K; j++) grads.headB[j] += gz[j];
  for (let i = 0; i < D; i++) {
    const x = pooled[i];
    let s = 0;
    for (let j = 0; j < K; j++) {
      grads.headW[i * K + j] += x * gz[j];
      s += net.head.weights[i * K + j] * gz[j];
    }
    gPool[i] = s * keep[i];
  }
  // Pooling backward: the mean spreads evenly over frames, the max goes to its frame, the
  // standard deviation sends (h_t - mean) / (T std) to each frame.
  let g: Float64Array = new Float64Array(frames * ch);
  net.pool.forEach((kind, b) => {
    const at = b * ch;
    if (kind === 'mean') {
      for (let tt = 0; tt < frames; tt++) for (let o = 0; o < ch; o++) g[tt * ch + o] += gPool[at + o] / frames;
    } else if (kind === 'max') {
      for (let o = 0; o < ch; o++) g[argmax[o] * ch + o] += gPool[at + o];
    } else {
      for (let tt = 0; tt < frames; tt++) {
        for (let o = 0; o < ch; o++) g[tt * ch + o] += (gPool[at + o] * (h[tt * ch + o] - mean[o])) / (frames * std[o]);
      }
    }
  });
  let inputGrad: Float64Array | undefined;
  for (let l = net.convs.length - 1; l >= 0; l--) {
    const wantInput = l > 0 || !!opts.inputGrad;
    const gin = convReluBackward(net.convs[l], pads[l], outs[l], g, lens[l + 1], lens[l], grads.convW[l], grads.convB[l], wantInput);
    if (l === 0) inputGrad = gin ?? undefined;
    else g = gin!;
  }
  return { loss, probs, ...(inputGrad ? { inputGrad } : {}) };
}
