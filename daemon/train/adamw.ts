// One AdamW update (Loshchilov & Hutter: Adam's moments, decoupled weight decay), shared by
// every network this project trains so that the optimiser is written, and fixed, once.

export interface AdamWParam {
  /** The parameters, updated in place. */
  readonly p: Float64Array;
  /** Their gradient for this step. */
  readonly g: Float64Array;
  /** Decoupled weight decay applies (weights); false for biases. */
  readonly decay: boolean;
}

export interface AdamWMoments {
  readonly m: Float64Array[];
  readonly v: Float64Array[];
}

const B1 = 0.9, B2 = 0.999, EPS = 1e-8;

/** First and second moments, zero, one pair of arrays per parameter tensor. */
export function adamWMoments(params: readonly AdamWParam[]): AdamWMoments {
  return { m: params.map((q) => new Float64Array(q.p.length)), v: params.map((q) => new Float64Array(q.p.length)) };
}

/** Applies step number `step` (1-based: the bias corrections depend on it). */
export function adamWStep(
  params: readonly AdamWParam[], moments: AdamWMoments, step: number, learningRate: number, weightDecay: number,
): void {
  const c1 = 1 - Math.pow(B1, step), c2 = 1 - Math.pow(B2, step);
  params.forEach(({ p, g, decay }, k) => {
    const m = moments.m[k], v = moments.v[k], wd = decay ? weightDecay : 0;
    for (let i = 0; i < p.length; i++) {
      m[i] = B1 * m[i] + (1 - B1) * g[i];
      v[i] = B2 * v[i] + (1 - B2) * g[i] * g[i];
      p[i] -= learningRate * ((m[i] / c1) / (Math.sqrt(v[i] / c2) + EPS) + wd * p[i]);
    }
  });
}
