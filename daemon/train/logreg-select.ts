// Chooses logistic regression's C by cross-validation inside the training rows, grouped by
// speaker (a speaker's rows are held out together), scored by pooled UAR. Picking C on the
// evaluation folds themselves would flatter the figures; inside the training fold it is
// part of training. Every inner fit works in the span of its rows (gram-reduce.ts), from
// one Gram matrix of the whole training set: an inner fit needs the Gram entries of its own
// rows, and its held-out scores are G[held, fit] L^{-T} W'.
import { cholesky, solveUpperRows } from './cholesky.ts';
import { subSquare } from './gram-reduce.ts';
import { matrix, type Matrix } from './linalg.ts';
import { fitLogRegCore } from './logreg.ts';
import { classMetrics } from './metrics.ts';

export const LOGREG_C_GRID = [0.003, 0.01, 0.03] as const;
/** Inner folds: groups of speakers (dealt round-robin), at most this many. */
export const MAX_INNER_FOLDS = 3;
/**
 * Iterations of each inner fit. At 100 the penalised loss is within 0.1% of its optimum on
 * these corpora (the full fit converges in 300-500): enough to rank C values, at a fifth of
 * the cost, which is what keeps a whole cross-validation within minutes.
 */
export const INNER_ITERATIONS = 100;

export interface CChoice {
  c: number;
  scores: Record<string, number>;
}

/** Speaker-grouped inner folds: each speaker's rows in one fold, speakers dealt round-robin in sorted order. */
export function innerFolds(groups: readonly string[], maxFolds = MAX_INNER_FOLDS): number[][] {
  const ids = [...new Set(groups)].sort();
  const nFolds = Math.min(maxFolds, ids.length);
  const foldOf = new Map(ids.map((s, i) => [s, i % nFolds]));
  const folds: number[][] = Array.from({ length: nFolds }, () => []);
  groups.forEach((s, i) => folds[foldOf.get(s)!].push(i));
  return folds;
}

/** null when there are fewer than 3 speakers (nothing to cross-validate over). */
export function selectC(
  z: Matrix, g: Matrix, y: Int32Array, k: number, groups: readonly string[] | undefined,
  balanced: boolean | Float64Array, maxIterations: number, grid: readonly number[] = LOGREG_C_GRID,
  maxFolds = MAX_INNER_FOLDS,
): CChoice | null {
  if (!groups || new Set(groups).size < 3) return null;
  const n = z.rows;
  const folds = innerFolds(groups, maxFolds);
  const truth: number[] = [];
  const preds: number[][] = grid.map(() => []);
  for (const held of folds) {
    const heldSet = new Set(held);
    const fit = [...Array(n).keys()].filter((i) => !heldSet.has(i));
    const { l } = cholesky(subSquare(g, fit), 1e-7);
    const yf = Int32Array.from(fit, (i) => y[i]);
    const wf = typeof balanced === 'boolean' ? balanced : Float64Array.from(fit, (i) => balanced[i]);
    // G[held, fit]
    const cross = matrix(held.length, fit.length);
    held.forEach((h, a) => fit.forEach((f, b) => { cross.data[a * fit.length + b] = g.data[h * n + f]; }));
    truth.push(...held.map((i) => y[i]));
    let start: Float64Array | undefined;
    // Small C first: its solution is a good start for the next, weaker penalty.
    grid.forEach((c, gi) => {
      const r = fitLogRegCore(l, yf, k, c, wf, Math.min(maxIterations, INNER_ITERATIONS), start);
      start = new Float64Array([...r.weights, ...r.bias]);
      const m = fit.length;
      const wt = matrix(k, m);
      for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) wt.data[j * m + i] = r.weights[i * k + j];
      const at = solveUpperRows(l, wt); // row j: column j of L^{-T} W'
      for (let a = 0; a < held.length; a++) {
        let best = 0, bestScore = -Infinity;
        for (let j = 0; j < k; j++) {
          let s = r.bias[j];
          for (let b = 0; b < m; b++) s += cross.data[a * m + b] * at.data[j * m + b];
          if (s > bestScore) { bestScore = s; best = j; }
        }
        preds[gi].push(best);
      }
    });
  }
  const classes = Array.from({ length: k }, (_, c) => String(c));
  const scores: Record<string, number> = {};
  let best = grid[0], bestUar = -1;
  grid.forEach((c, gi) => {
    const uar = classMetrics(truth, preds[gi], classes).uar;
    scores[String(c)] = Math.round(uar * 1e4) / 1e4;
    // Ties go to the smaller C: the stronger penalty.
    if (uar > bestUar) { bestUar = uar; best = c; }
  });
  return { c: best, scores };
}
