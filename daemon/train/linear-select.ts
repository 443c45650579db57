// 'linear-cv': logistic regression or shrinkage LDA, whichever of the two families (with
// its own hyper-parameter) scores the higher UAR in speaker-grouped cross-validation over
// the training rows. Both are one linear layer over the standardised features; which of
// them generalises better to unseen voices depends on the corpus, so the choice is part
// of training, made on the same inner folds as logistic regression's C (logreg-select.ts)
// and never on the speakers a model is evaluated on.
import { gram, reduceByGram } from './gram-reduce.ts';
import { classMeans, residualScatter, residuals, trainLda } from './lda.ts';
import { predictShrunk, SHRINKAGE_GRID } from './lda-select.ts';
import { takeRows, type Matrix } from './linalg.ts';
import { LOGREG_DEFAULTS, trainLogReg, type LogRegOptions } from './logreg.ts';
import { innerFolds, LOGREG_C_GRID, selectC } from './logreg-select.ts';
import { classMetrics } from './metrics.ts';
import type { Network } from './network.ts';

export interface LinearCvFit {
  network: Network;
  info: {
    family: 'logreg' | 'lda';
    /** Inner-CV UAR of every candidate, e.g. `logreg c=0.01`, `lda shrinkage=0.5`. */
    innerUar: Record<string, number>;
    fit: unknown;
  };
}

/**
 * Inner-CV UAR of shrinkage LDA for each value of `grid`, on `folds` (row indices held out
 * together). `zr` may be the rows' coordinates in a basis of their span; `dim` is then
 * the number of features (see shrinkInPlace).
 */
export function ldaInnerScores(
  zr: Matrix, y: Int32Array, k: number, folds: number[][], dim: number, grid: readonly number[] = SHRINKAGE_GRID,
): number[] {
  const truth: number[] = [];
  const preds: number[][] = grid.map(() => []);
  for (const held of folds) {
    const heldSet = new Set(held);
    const fit = [...y.keys()].filter((i) => !heldSet.has(i));
    const zf = takeRows(zr, fit), yf = Int32Array.from(fit, (i) => y[i]);
    const zh = takeRows(zr, held);
    const { means, counts } = classMeans(zf, yf, k);
    // The scatter does not depend on the shrinkage: computed once per fold.
    const scatter = residualScatter(residuals(zf, yf, means));
    truth.push(...held.map((i) => y[i]));
    grid.forEach((s, g) => {
      preds[g].push(...predictShrunk(scatter, s, dim, means, counts, zh));
    });
  }
  const classes = Array.from({ length: k }, (_, c) => String(c));
  return preds.map((p) => classMetrics(truth, p, classes).uar);
}

/**
 * Fits on standardised rows; `groups` (speaker per row) define the inner folds. With fewer
 * than 3 speakers there is nothing to cross-validate over and logistic regression (with
 * its fallback C) is used.
 */
export function trainLinearCv(z: Matrix, y: Int32Array, k: number, opts: LogRegOptions = {}, groups?: readonly string[]): LinearCvFit {
  const balanced = opts.balanced ?? LOGREG_DEFAULTS.balanced;
  const maxIterations = opts.maxIterations ?? LOGREG_DEFAULTS.maxIterations;
  if (!groups || new Set(groups).size < 3) {
    const fit = trainLogReg(z, y, k, { ...opts, c: 'cv' }, groups);
    return { network: fit.network, info: { family: 'logreg', innerUar: {}, fit: fit.info } };
  }
  const g = gram(z);
  const c = selectC(z, g, y, k, groups, balanced, maxIterations, undefined, opts.innerFolds)!;
  const zr = z.cols > z.rows ? reduceByGram(z, g).features : z;
  const lda = ldaInnerScores(zr, y, k, innerFolds(groups, opts.innerFolds), z.cols);
  const innerUar: Record<string, number> = {};
  // Ties go to the earlier candidate: logistic regression (the family shipped before), then
  // the smaller C or shrinkage.
  let best: { family: 'logreg' | 'lda'; value: number } = { family: 'logreg', value: c.c }, bestUar = -1;
  for (const cv of LOGREG_C_GRID) {
    const uar = c.scores[String(cv)];
    innerUar[`logreg c=${cv}`] = uar;
    if (uar > bestUar) { bestUar = uar; best = { family: 'logreg', value: cv }; }
  }
  SHRINKAGE_GRID.forEach((s, i) => {
    const uar = Math.round(lda[i] * 1e4) / 1e4;
    innerUar[`lda shrinkage=${s}`] = uar;
    if (uar > bestUar) { bestUar = uar; best = { family: 'lda', value: s }; }
  });
  if (best.family === 'logreg') {
    const fit = trainLogReg(z, y, k, { ...opts, c: best.value });
    return { network: fit.network, info: { family: 'logreg', innerUar, fit: fit.info } };
  }
  const fit = trainLda(z, y, k, { shrinkage: best.value });
  return { network: fit.network, info: { family: 'lda', innerUar, fit: fit.info } };
}
