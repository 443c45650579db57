// 1-D convolution over time-major frames ([T][C], channels contiguous), forward and
// backward. With that layout and the weights stored as [out][tap][in], the receptive
// field of output frame t is one contiguous run of the zero-padded input, so each output
// value is a single dot product and each gradient a single axpy over contiguous memory:
// the shape plain JavaScript runs fastest, with no im2col copy.

export interface ConvLayer {
  inCh: number;
  outCh: number;
  kernel: number;
  stride: number;
  /** Zero frames added before and after the input (ONNX Conv pads [pad, pad]). */
  pad: number;
  /** outCh x (kernel * inCh): weights[o][k][c] multiplies input frame t*stride+k-pad, channel c. */
  weights: Float64Array;
  bias: Float64Array;
}

/** Output frames for `frames` input frames, as ONNX Conv computes them. */
export function convOutFrames(L: Pick<ConvLayer, 'kernel' | 'stride' | 'pad'>, frames: number): number {
  return Math.floor((frames + 2 * L.pad - L.kernel) / L.stride) + 1;
}

/** The input copied into a zero-padded buffer of (frames + 2 pad) x inCh. */
export function padFrames(x: Float64Array, frames: number, ch: number, pad: number): Float64Array {
  if (pad === 0) return x.length === frames * ch ? x : x.subarray(0, frames * ch);
  const out = new Float64Array((frames + 2 * pad) * ch);
  out.set(x.subarray(0, frames * ch), pad * ch);
  return out;
}

/** ReLU(conv(x)) for a padded input; returns tOut x outCh. */
export function convReluForward(L: ConvLayer, xpad: Float64Array, tOut: number): Float64Array {
  const { outCh, kernel, inCh, stride, weights: W, bias } = L;
  const span = kernel * inCh, out = new Float64Array(tOut * outCh);
  for (let t = 0; t < tOut; t++) {
    const base = t * stride * inCh, ot = t * outCh;
    for (let o = 0; o < outCh; o++) {
      const wo = o * span;
      // Four partial sums: one running sum would wait on each add's latency.
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, j = 0;
      for (; j + 3 < span; j += 4) {
        s0 += W[wo + j] * xpad[base + j];
        s1 += W[wo + j + 1] * xpad[base + j + 1];
        s2 += W[wo + j + 2] * xpad[base + j + 2];
        s3 += W[wo + j + 3] * xpad[base + j + 3];
      }
      for (; j < span; j++) s0 += W[wo + j] * xpad[base + j];
      const s = bias[o] + (s0 + s1) + (s2 + s3);
      out[ot + o] = s > 0 ? s : 0;
    }
  }
  return out;
}

/**
 * Backward of ReLU(conv): `g` is the loss gradient w.r.t. the ReLU outputs `out`;
 * accumulates into gW and gb and returns the gradient w.r.t. the unpadded input
 * (or null when `wantInput` is false, as for the first layer).
 */
export function convReluBackward(
  L: ConvLayer, xpad: Float64Array, out: Float64Array, g: Float64Array, tOut: number, tIn: number,
  gW: Float64Array, gb: Float64Array, wantInput: boolean,
): Float64Array | null {
  const { outCh, kernel, inCh, stride, pad, weights: W } = L;
  const span = kernel * inCh;
  const gpad = wantInput ? new Float64Array(xpad.length) : null;
  for (let t = 0; t < tOut; t++) {
    const base = t * stride * inCh, ot = t * outCh;
    for (let o = 0; o < outCh; o++) {
      // A unit cut by ReLU passes no gradient.
      if (out[ot + o] <= 0) continue;
      const go = g[ot + o];
      if (go === 0) continue;
      const wo = o * span;
      gb[o] += go;
      if (gpad) {
        for (let j = 0; j < span; j++) {
          gW[wo + j] += go * xpad[base + j];
          gpad[base + j] += go * W[wo + j];
        }
      } else {
        for (let j = 0; j < span; j++) gW[wo + j] += go * xpad[base + j];
      }
    }
  }
  if (!gpad) return null;
  return pad === 0 ? gpad : gpad.slice(pad * inCh, (pad + tIn) * inCh);
}
