// Gradient boosted trees for multiclass softmax (second-order, as in XGBoost: Chen &
// Guestrin, KDD 2016), on features binned into quantiles (as in LightGBM): each split
// search sums gradients into per-bin histograms instead of sorting rows. One tree per
// class per round, grown level by level to a fixed depth; row and column subsampling
// are seeded. Splits fall on observed float32 values, so export is exact (tree-ensemble.ts).
import { sampleWeights } from './class-weights.ts';
import type { Matrix } from './linalg.ts';
import { createRng, shuffle } from './rng.ts';
import type { TreeEnsemble } from './tree-ensemble.ts';
import { leafIndex } from './tree-ensemble.ts';

export interface GbtOptions {
  rounds?: number;
  depth?: number;
  learningRate?: number;
  /** L2 penalty on leaf values (XGBoost's lambda). */
  lambda?: number;
  /** Smallest hessian sum a child may have. */
  minChildWeight?: number;
  /** Share of rows each tree sees. */
  subsample?: number;
  /** Share of features each tree may split on. */
  colsample?: number;
  bins?: number;
  balanced?: boolean;
}

export const GBT_DEFAULTS = {
  rounds: 200, depth: 4, learningRate: 0.1, lambda: 1, minChildWeight: 1,
  subsample: 0.8, colsample: 0.3, bins: 64, balanced: true,
} as const;

export interface GbtFit {
  trees: TreeEnsemble;
  info: Record<string, unknown>;
}

/** Per feature: ascending float32 cut values (split candidates) and each row's bin. */
function binFeatures(x: Matrix, maxBins: number): { cuts: Float32Array[]; bins: Uint8Array } {
  const { rows: n, cols: d } = x;
  const bins = new Uint8Array(n * d); // feature-major: bins[f * n + i]
  const cuts: Float32Array[] = [];
  const col = new Float32Array(n);
  for (let f = 0; f < d; f++) {
    for (let i = 0; i < n; i++) col[i] = x.data[i * d + f];
    const sorted = Float32Array.from(col).sort();
    const c: number[] = [];
    for (let b = 1; b < maxBins; b++) {
      const v = sorted[Math.min(n - 1, Math.floor((b * n) / maxBins))];
      // Cut below v: the largest value strictly below it keeps "x <= cut" on observed data.
      let j = Math.floor((b * n) / maxBins);
      while (j > 0 && sorted[j - 1] === v) j--;
      if (j === 0) continue;
      const cut = sorted[j - 1];
      if (c.length === 0 || cut > c[c.length - 1]) c.push(cut);
    }
    const cf = Float32Array.from(c);
    cuts.push(cf);
    for (let i = 0; i < n; i++) {
      // First cut >= value; values above every cut land in the last bin.
      let lo = 0, hi = cf.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cf[mid] < col[i]) lo = mid + 1;
        else hi = mid;
      }
      bins[f * n + i] = lo;
    }
  }
  return { cuts, bins };
}

export function trainGbt(x: Matrix, y: Int32Array, nClasses: number, opts: GbtOptions = {}, seed = 1): GbtFit {
  const o = { ...GBT_DEFAULTS, ...opts };
  const { rows: n, cols: d } = x;
  const k = nClasses, depth = o.depth, internal = (1 << depth) - 1, leaves = 1 << depth;
  const rng = createRng(seed);
  const { cuts, bins } = binFeatures(x, Math.min(o.bins, 255));
  const w = sampleWeights(y, k, o.balanced);
  const F = new Float64Array(n * k);
  const rounds = o.rounds, total = rounds * k;
  const trees: TreeEnsemble = {
    depth, classes: k, treeClass: new Int32Array(total), feature: new Int32Array(total * internal),
    threshold: new Float32Array(total * internal).fill(Infinity), leaf: new Float32Array(total * leaves), base: new Float32Array(k),
  };
  const g = new Float64Array(n), h = new Float64Array(n), p = new Float64Array(k);
  const grad = new Float64Array(n * k), hess = new Float64Array(n * k);
  const features = Int32Array.from({ length: d }, (_, i) => i);
  const nCols = Math.max(1, Math.round(o.colsample * d)), nRows = Math.max(2, Math.round(o.subsample * n));
  const rowOrder = Int32Array.from({ length: n }, (_, i) => i);
  const node = new Int32Array(n);
  const maxBins = 256;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) {
      let m = -Infinity, s = 0;
      for (let c = 0; c < k; c++) m = Math.max(m, F[i * k + c]);
      for (let c = 0; c < k; c++) { p[c] = Math.exp(F[i * k + c] - m); s += p[c]; }
      for (let c = 0; c < k; c++) {
        const pc = p[c] / s;
        grad[i * k + c] = w[i] * (pc - (y[i] === c ? 1 : 0));
        hess[i * k + c] = w[i] * Math.max(pc * (1 - pc), 1e-6);
      }
    }
    for (let c = 0; c < k; c++) {
      const t = r * k + c;
      trees.treeClass[t] = c;
      shuffle(rowOrder, rng);
      shuffle(features, rng);
      const cols = features.slice(0, nCols);
      const inSample = new Uint8Array(n);
      for (let q = 0; q < nRows; q++) inSample[rowOrder[q]] = 1;
      for (let i = 0; i < n; i++) { g[i] = grad[i * k + c]; h[i] = hess[i * k + c]; node[i] = 0; }
      for (let level = 0; level < depth; level++) {
        const first = (1 << level) - 1, count = 1 << level;
        const hg = new Float64Array(count * nCols * maxBins), hh = new Float64Array(count * nCols * maxBins);
        const G = new Float64Array(count), H = new Float64Array(count);
        for (let i = 0; i < n; i++) {
          if (!inSample[i]) continue;
          G[node[i] - first] += g[i];
          H[node[i] - first] += h[i];
        }
        for (let ci = 0; ci < nCols; ci++) {
          const f = cols[ci], fb = f * n;
          for (let i = 0; i < n; i++) {
            if (!inSample[i]) continue;
            const at = ((node[i] - first) * nCols + ci) * maxBins + bins[fb + i];
            hg[at] += g[i];
            hh[at] += h[i];
          }
        }
        for (let q = 0; q < count; q++) {
          const parent = (G[q] * G[q]) / (H[q] + o.lambda);
          let best = 1e-12, bestF = -1, bestCut = 0;
          for (let ci = 0; ci < nCols; ci++) {
            const f = cols[ci], nc = cuts[f].length;
            let gl = 0, hl = 0;
            const off = (q * nCols + ci) * maxBins;
            for (let b = 0; b < nc; b++) {
              gl += hg[off + b];
              hl += hh[off + b];
              const gr = G[q] - gl, hr = H[q] - hl;
              if (hl < o.minChildWeight || hr < o.minChildWeight) continue;
              const gain = (gl * gl) / (hl + o.lambda) + (gr * gr) / (hr + o.lambda) - parent;
              if (gain > best) { best = gain; bestF = f; bestCut = b; }
            }
          }
          const at = t * internal + first + q;
          if (bestF >= 0) {
            trees.feature[at] = bestF;
            trees.threshold[at] = cuts[bestF][bestCut];
          }
        }
        // Route every row (sampled or not) to its child through the stored split.
        for (let i = 0; i < n; i++) {
          const at = t * internal + node[i];
          node[i] = Math.fround(x.data[i * d + trees.feature[at]]) <= trees.threshold[at] ? 2 * node[i] + 1 : 2 * node[i] + 2;
        }
      }
      const LG = new Float64Array(leaves), LH = new Float64Array(leaves);
      for (let i = 0; i < n; i++) {
        if (!inSample[i]) continue;
        LG[node[i] - internal] += g[i];
        LH[node[i] - internal] += h[i];
      }
      for (let l = 0; l < leaves; l++) {
        trees.leaf[t * leaves + l] = Math.fround(LH[l] > 0 ? (-o.learningRate * LG[l]) / (LH[l] + o.lambda) : 0);
      }
      for (let i = 0; i < n; i++) F[i * k + c] += trees.leaf[t * leaves + leafIndex(trees, t, x.data, i * d)];
    }
  }
  return { trees, info: { ...o, trees: total, rows: n, features: d } };
}
