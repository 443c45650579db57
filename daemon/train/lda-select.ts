// Chooses LDA's shrinkage by cross-validation inside the training rows, grouped by
// speaker: the amount that generalises to unseen voices depends on the corpus and on
// augmentation (copies of a voice look like more data than they are), and picking it on
// the evaluation folds themselves would flatter the figures. Each candidate costs one
// Cholesky factorisation per inner fold.
import { cholesky, choleskySolveRows } from './cholesky.ts';
import { classMeans, shrinkInPlace } from './lda.ts';
import { addAtG, matmulBias, matrix, takeRows, type Matrix } from './linalg.ts';
import { classMetrics } from './metrics.ts';

export const SHRINKAGE_GRID = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7] as const;
/** Used when there are too few speakers to cross-validate. */
const FALLBACK = 0.3;

export interface ShrinkageChoice {
  shrinkage: number;
  /** Inner-CV UAR per grid value. */
  scores: Record<string, number>;
}

/**
 * Leave-one-speaker-out inside the training rows. The within-class scatter without
 * speaker s is downdated from the whole set's second moments (G - G_s, class sums minus
 * s's), so all inner folds together cost about two scatter computations, not one each.
 * `dim`: the ambient dimension when z holds coordinates in a basis of the rows' span.
 */
export function selectShrinkage(z: Matrix, y: Int32Array, k: number, groups: readonly string[] | undefined, dim = z.cols): ShrinkageChoice {
  const ids = groups ? [...new Set(groups)].sort() : [];
  if (!groups || ids.length < 3) return { shrinkage: FALLBACK, scores: {} };
  const n = z.rows, d = z.cols;
  const G = new Float64Array(d * d);
  addAtG(z, z, G);
  const { means: mAll, counts: cAll } = classMeans(z, y, k);
  const truth: number[] = [];
  const preds: number[][] = SHRINKAGE_GRID.map(() => []);
  for (const id of ids) {
    const held = [...y.keys()].filter((i) => groups[i] === id);
    const zs = takeRows(z, held), ys = Int32Array.from(held, (i) => y[i]);
    const Gs = new Float64Array(d * d);
    addAtG(zs, zs, Gs);
    const { means: ms, counts: cs } = classMeans(zs, ys, k);
    // Class sums and counts of the remaining rows, then their scatter about their class means.
    const counts = cAll.map((c, j) => c - cs[j]);
    const means = matrix(k, d);
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < d; j++) {
        const sum = mAll.data[c * d + j] * cAll[c] - ms.data[c * d + j] * cs[c];
        means.data[c * d + j] = counts[c] > 0 ? sum / counts[c] : 0;
      }
    }
    const rest = n - held.length;
    const scatter = matrix(d, d);
    for (let p = 0; p < d * d; p++) scatter.data[p] = G[p] - Gs[p];
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue;
      for (let p = 0; p < d; p++) {
        const v = counts[c] * means.data[c * d + p];
        for (let q = 0; q < d; q++) scatter.data[p * d + q] -= v * means.data[c * d + q];
      }
    }
    for (let p = 0; p < d * d; p++) scatter.data[p] /= rest;
    truth.push(...ys);
    SHRINKAGE_GRID.forEach((s, g) => {
      preds[g].push(...predictShrunk(scatter, s, dim, means, counts, zs));
    });
  }
  const classes = Array.from({ length: k }, (_, c) => String(c));
  const scores: Record<string, number> = {};
  let best: number = FALLBACK, bestUar = -1;
  SHRINKAGE_GRID.forEach((s, g) => {
    const uar = classMetrics(truth, preds[g], classes).uar;
    scores[String(s)] = uar;
    // Ties go to the larger shrinkage: the simpler model.
    if (uar >= bestUar) { bestUar = uar; best = s; }
  });
  return { shrinkage: best, scores };
}

/**
 * The classes shrinkage LDA with amount s predicts for `rows`, from a within-class scatter
 * (left as it is) and the class means and counts it came from; absent classes never win.
 */
export function predictShrunk(scatter: Matrix, s: number, dim: number, means: Matrix, counts: Float64Array, rows: Matrix): number[] {
  const d = scatter.cols, k = means.rows;
  const cov = matrix(d, d, scatter.data.slice());
  shrinkInPlace(cov, s, dim);
  const w = choleskySolveRows(cholesky(cov).l, means);
  const weights = new Float64Array(d * k), bias = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let q = 0;
    for (let j = 0; j < d; j++) { weights[j * k + c] = w.data[c * d + j]; q += w.data[c * d + j] * means.data[c * d + j]; }
    bias[c] = counts[c] > 0 ? -0.5 * q : -Infinity;
  }
  const scores = matmulBias(rows, weights, k, bias);
  const out: number[] = [];
  for (let i = 0; i < rows.rows; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (scores.data[i * k + c] > scores.data[i * k + best]) best = c;
    out.push(best);
  }
  return out;
}
