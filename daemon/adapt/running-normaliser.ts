// Unsupervised adaptation to the speech a device hears: a running mean and variance of the
// feature vectors classified so far, used to map each new vector into the distribution the
// model was trained on: x' = mu_train + sd_train * (x - mu_heard) / sd_heard. A device in a
// room with a louder microphone, or among speakers of a language the model never heard, then
// hands the model vectors that look like its training data. A model trained on every corpus
// standardised on its own statistics (featureNormalisation 'device') is given `target` mean 0
// and std 1 instead: the heard speech standardised on its own statistics. It is causal (a vector is mapped
// with the statistics of the ones before it), bounded (the statistics forget with a window
// of `window` vectors), and starts from the training statistics themselves (a prior worth
// `priorWeight` vectors), so the first utterances are classified as without adaptation.
// No labels are used. Figures with it are reported apart from the strict ones.

export interface RunningNormaliserState {
  /** Vectors seen, capped at the window. */
  count: number;
  mean: number[];
  variance: number[];
}

export interface RunningNormaliserOptions {
  /** Effective memory in vectors: older ones fade out exponentially. */
  window?: number;
  /** How many vectors' worth of weight the training statistics keep. */
  priorWeight?: number;
  /** The distribution vectors are mapped onto; default the prior (the training statistics). */
  target?: { mean: ArrayLike<number>; std: ArrayLike<number> };
}

export const ADAPT_DEFAULTS = { window: 300, priorWeight: 10 } as const;

/** Mean 0 and std 1 for every feature: the target of a model with featureNormalisation 'device'. */
export function standardTarget(dim: number): { mean: Float64Array; std: Float64Array } {
  return { mean: new Float64Array(dim), std: new Float64Array(dim).fill(1) };
}

export class RunningNormaliser {
  readonly window: number;
  readonly priorWeight: number;
  private readonly target: { mean: ArrayLike<number>; std: ArrayLike<number> };
  private readonly ownTarget: boolean;
  private count = 0;
  private readonly mean: Float64Array;
  private readonly variance: Float64Array;

  constructor(
    private readonly priorMean: ArrayLike<number>,
    private readonly priorStd: ArrayLike<number>,
    opts: RunningNormaliserOptions = {},
  ) {
    if (priorMean.length !== priorStd.length) throw new RangeError(`prior mean has ${priorMean.length} values, std ${priorStd.length}`);
    this.target = opts.target ?? { mean: priorMean, std: priorStd };
    this.ownTarget = opts.target !== undefined;
    if (this.target.mean.length !== priorMean.length || this.target.std.length !== priorMean.length) throw new RangeError(`target has ${this.target.mean.length} values, the prior ${priorMean.length}`);
    this.window = opts.window ?? ADAPT_DEFAULTS.window;
    this.priorWeight = opts.priorWeight ?? ADAPT_DEFAULTS.priorWeight;
    if (!(this.window >= 1) || !(this.priorWeight >= 0)) throw new RangeError('window must be >= 1 and priorWeight >= 0');
    this.mean = new Float64Array(priorMean.length);
    this.variance = new Float64Array(priorMean.length);
  }

  get dim(): number {
    return this.mean.length;
  }

  get seen(): number {
    return this.count;
  }

  /** `x` mapped with the statistics heard so far (not including x). */
  transform(x: ArrayLike<number>): Float32Array {
    this.check(x);
    const out = new Float32Array(x.length);
    const w = this.count / (this.count + this.priorWeight || 1);
    for (let j = 0; j < x.length; j++) {
      const ps = this.priorStd[j], pm = this.priorMean[j];
      const m = w * this.mean[j] + (1 - w) * pm;
      const v = w * this.variance[j] + (1 - w) * ps * ps;
      const sd = Math.sqrt(v);
      // A feature that has not varied yet is not divided by ~0: it keeps its value (mapped
      // onto the training statistics), or sits at the target's mean (another target).
      const tm = this.target.mean[j], ts = this.target.std[j];
      out[j] = sd > 1e-9 * Math.max(1, Math.abs(m)) ? tm + (ts * (x[j] - m)) / sd : this.ownTarget ? tm : x[j];
    }
    return out;
  }

  /** Adds `x` to the statistics (exponentially weighted once the window is full). */
  update(x: ArrayLike<number>): void {
    this.check(x);
    for (let j = 0; j < x.length; j++) if (!Number.isFinite(x[j])) return; // a broken vector teaches nothing
    this.count = Math.min(this.count + 1, this.window);
    const a = 1 / this.count;
    for (let j = 0; j < x.length; j++) {
      const d = x[j] - this.mean[j];
      this.mean[j] += a * d;
      this.variance[j] = (1 - a) * (this.variance[j] + a * d * d);
    }
  }

  reset(): void {
    this.count = 0;
    this.mean.fill(0);
    this.variance.fill(0);
  }

  state(): RunningNormaliserState {
    return { count: this.count, mean: Array.from(this.mean), variance: Array.from(this.variance) };
  }

  /** Restores a saved state; refuses one of another width or with broken numbers. */
  restore(s: RunningNormaliserState): void {
    if (s.mean?.length !== this.dim || s.variance?.length !== this.dim) throw new RangeError(`adaptation state has ${s.mean?.length} features, the model ${this.dim}`);
    if (!(Number.isInteger(s.count) && s.count >= 0) || [...s.mean, ...s.variance].some((v) => !Number.isFinite(v)) || s.variance.some((v) => v < 0)) {
      throw new RangeError('adaptation state holds invalid numbers');
    }
    this.count = Math.min(s.count, this.window);
    this.mean.set(s.mean);
    this.variance.set(s.variance);
  }

  private check(x: ArrayLike<number>): void {
    if (x.length !== this.dim) throw new RangeError(`expected ${this.dim} features, got ${x.length}`);
  }
}
