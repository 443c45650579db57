// Corpus-adversarial training (DANN, Ganin et al. 2016): one ReLU hidden layer feeds the
// emotion softmax and, through a gradient-reversal layer, a small corpus classifier, so
// the hidden layer is pushed to carry emotion but not which training corpus a row is
// from. lambda 0 is the plain network. The reversal strength ramps up as in the paper:
// lambda * (2 / (1 + exp(-10 p)) - 1), p the share of training done. Losses are
// class-balanced (emotion) and corpus-balanced (corpus); Adam with decoupled weight decay.
// Usage: npx tsx scripts/loco-variants/corpus-adversarial.ts [lambdas, default 0,0.1,0.3,1] [seeds, default 3]
import type { Matrix } from '../../daemon/train/linalg.ts';
import { createRng, shuffle, type Rng } from '../../daemon/train/rng.ts';
import { argmaxOf, foldUar, heldOutFolds, loadCore4, resultLine, standardised } from './common.ts';

const HIDDEN = 64, ADV_HIDDEN = 32, EPOCHS = 30, BATCH = 32, LR = 1e-3, DECAY = 1e-2, DROPOUT = 0.3;

class Param {
  readonly m: Float64Array; readonly v: Float64Array; readonly g: Float64Array;
  constructor(readonly w: Float64Array, readonly decay: boolean) {
    this.m = new Float64Array(w.length); this.v = new Float64Array(w.length); this.g = new Float64Array(w.length);
  }
  static init(n: number, fanIn: number, fanOut: number, rng: Rng, decay = true): Param {
    const a = Math.sqrt(6 / (fanIn + fanOut));
    return new Param(Float64Array.from({ length: n }, () => (rng.next() * 2 - 1) * a), decay);
  }
  step(t: number): void {
    const c1 = 1 - 0.9 ** t, c2 = 1 - 0.999 ** t;
    for (let i = 0; i < this.w.length; i++) {
      this.m[i] = 0.9 * this.m[i] + 0.1 * this.g[i];
      this.v[i] = 0.999 * this.v[i] + 0.001 * this.g[i] * this.g[i];
      if (this.decay) this.w[i] -= LR * DECAY * this.w[i];
      this.w[i] -= LR * (this.m[i] / c1) / (Math.sqrt(this.v[i] / c2) + 1e-8);
    }
    this.g.fill(0);
  }
}

/** Dense layer forward: out[o] = b[o] + sum_i x[i] W[i][o], optionally ReLU. */
function dense(x: Float64Array, w: Param, b: Param, out: Float64Array, relu: boolean): void {
  const n = out.length;
  for (let o = 0; o < n; o++) {
    let a = b.w[o];
    for (let i = 0; i < x.length; i++) a += x[i] * w.w[i * n + o];
    out[o] = relu && a < 0 ? 0 : a;
  }
}

/** Softmax cross-entropy gradient (times weight) into the layer's gradients; returns the input gradient. */
function softmaxBackward(x: Float64Array, logits: Float64Array, target: number, weight: number, w: Param, b: Param, dx: Float64Array): void {
  const n = logits.length, max = Math.max(...logits);
  let sum = 0;
  for (let o = 0; o < n; o++) sum += Math.exp(logits[o] - max);
  for (let o = 0; o < n; o++) {
    const d = (Math.exp(logits[o] - max) / sum - (o === target ? 1 : 0)) * weight;
    b.g[o] += d;
    for (let i = 0; i < x.length; i++) { w.g[i * n + o] += d * x[i]; dx[i] += d * w.w[i * n + o]; }
  }
}

function trainAndPredict(ztr: Matrix, y: number[], corpus: number[], nCorpora: number, zte: Matrix, k: number, lambda: number, seed: number): number[] {
  const rng = createRng(seed), dim = ztr.cols, n = ztr.rows;
  const w1 = Param.init(dim * HIDDEN, dim, HIDDEN, rng), b1 = new Param(new Float64Array(HIDDEN), false);
  const w2 = Param.init(HIDDEN * k, HIDDEN, k, rng), b2 = new Param(new Float64Array(k), false);
  const w3 = Param.init(HIDDEN * ADV_HIDDEN, HIDDEN, ADV_HIDDEN, rng), b3 = new Param(new Float64Array(ADV_HIDDEN), false);
  const w4 = Param.init(ADV_HIDDEN * nCorpora, ADV_HIDDEN, nCorpora, rng), b4 = new Param(new Float64Array(nCorpora), false);
  const params = [w1, b1, w2, b2, w3, b3, w4, b4];
  const balance = (labels: number[], m: number) => {
    const cnt = new Array(m).fill(0);
    for (const v of labels) cnt[v]++;
    return cnt.map((c) => n / (m * c));
  };
  const classWeight = balance(y, k), corpusWeight = balance(corpus, nCorpora);
  const h = new Float64Array(HIDDEN), hd = new Float64Array(HIDDEN), dh = new Float64Array(HIDDEN);
  const a = new Float64Array(ADV_HIDDEN), da = new Float64Array(ADV_HIDDEN), logits = new Float64Array(k), adv = new Float64Array(nCorpora);
  const order = [...Array(n).keys()], steps = EPOCHS * Math.ceil(n / BATCH);
  let t = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    shuffle(order, rng);
    for (let start = 0; start < n; start += BATCH) {
      const batch = order.slice(start, start + BATCH);
      const reverse = lambda * (2 / (1 + Math.exp(-10 * t / steps)) - 1);
      for (const r of batch) {
        const x = ztr.data.subarray(r * dim, (r + 1) * dim);
        dense(x, w1, b1, h, true);
        for (let j = 0; j < HIDDEN; j++) hd[j] = rng.next() < DROPOUT ? 0 : h[j] / (1 - DROPOUT);
        dense(hd, w2, b2, logits, false);
        dh.fill(0);
        softmaxBackward(hd, logits, y[r], classWeight[y[r]] / batch.length, w2, b2, dh);
        for (let j = 0; j < HIDDEN; j++) if (hd[j] === 0) dh[j] = 0; else dh[j] /= 1 - DROPOUT;
        if (lambda > 0) {
          dense(h, w3, b3, a, true);
          dense(a, w4, b4, adv, false);
          da.fill(0);
          softmaxBackward(a, adv, corpus[r], corpusWeight[corpus[r]] / batch.length, w4, b4, da);
          for (let u = 0; u < ADV_HIDDEN; u++) {
            if (a[u] <= 0) continue;
            b3.g[u] += da[u];
            // The corpus head learns to tell corpora apart; the hidden layer gets the reversed gradient.
            for (let j = 0; j < HIDDEN; j++) { w3.g[j * ADV_HIDDEN + u] += da[u] * h[j]; dh[j] -= reverse * da[u] * w3.w[j * ADV_HIDDEN + u]; }
          }
        }
        for (let j = 0; j < HIDDEN; j++) {
          if (h[j] <= 0) continue;
          b1.g[j] += dh[j];
          for (let i = 0; i < dim; i++) w1.g[i * HIDDEN + j] += dh[j] * x[i];
        }
      }
      t++;
      for (const p of params) p.step(t);
    }
  }
  const scores = new Float64Array(zte.rows * k);
  for (let i = 0; i < zte.rows; i++) {
    dense(zte.data.subarray(i * dim, (i + 1) * dim), w1, b1, h, true);
    dense(h, w2, b2, logits, false);
    scores.set(logits, i * k);
  }
  return argmaxOf((i, j) => scores[i * k + j], zte.rows, k);
}

const d = await loadCore4();
const lambdas = (process.argv[2] ?? '0,0.1,0.3,1').split(',').map(Number), seeds = Number(process.argv[3] ?? 3);
for (const lambda of lambdas) {
  const uars = heldOutFolds(d).map((f) => {
    const { ztr, zte } = standardised(d.ds.x, f);
    const names = d.corpora.filter((c) => c !== f.held);
    const y = f.train.map((i) => d.ds.y[i]), corpus = f.train.map((i) => names.indexOf(d.corpus[i]));
    let sum = 0;
    for (let s = 1; s <= seeds; s++) sum += foldUar(d, f, trainAndPredict(ztr, y, corpus, names.length, zte, d.k, lambda, s));
    return sum / seeds;
  });
  console.log(resultLine(`lambda ${lambda}, mean of ${seeds} seeds`, d.corpora, uars));
}
