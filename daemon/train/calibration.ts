// How far a model's probabilities can be taken at their word, and temperature scaling to
// make them so. A classifier trained to separate four corpora's speakers says 0.99 to
// nearly everything; on a voice it never heard it is right far less often than that. The
// figures here (ECE, NLL, Brier) are what `eval` reports beside UAR for every protocol.
// Temperature scaling divides every logit by one T > 0 fitted on held-out predictions:
// it never changes which class wins, only how sure the model says it is, and it folds
// into the last linear layer of the graph (calibrated-model.ts), so nothing changes at run time.
import type { Matrix } from './linalg.ts';

/** Equal-width confidence bins of the expected calibration error (Guo et al., 2017). */
export const ECE_BINS = 15;

export interface CalibrationFigures {
  /** Expected calibration error over ECE_BINS bins of the top probability, 0..1. */
  ece: number;
  /** Mean negative log-likelihood of the true class (natural log). */
  nll: number;
  /** Mean multi-class Brier score: sum over classes of (p - onehot)^2, 0..2. */
  brier: number;
  /** Mean top probability beside the accuracy, to show which way any gap goes. */
  meanConfidence: number;
  accuracy: number;
}

const P_FLOOR = 1e-12;

/** Figures for probability rows `p` (rows x classes) against class indices `y`. */
export function calibrationFigures(p: Matrix, y: ArrayLike<number>, bins = ECE_BINS): CalibrationFigures {
  const n = p.rows, k = p.cols;
  if (y.length !== n) throw new RangeError(`${y.length} labels for ${n} probability rows`);
  if (n === 0) return { ece: NaN, nll: NaN, brier: NaN, meanConfidence: NaN, accuracy: NaN };
  const binCount = new Float64Array(bins), binConf = new Float64Array(bins), binCorrect = new Float64Array(bins);
  let nll = 0, brier = 0, conf = 0, correct = 0;
  for (let i = 0; i < n; i++) {
    const o = i * k;
    let best = 0;
    for (let j = 1; j < k; j++) if (p.data[o + j] > p.data[o + best]) best = j;
    const top = p.data[o + best];
    const b = Math.min(bins - 1, Math.floor(top * bins));
    binCount[b]++;
    binConf[b] += top;
    const hit = best === y[i] ? 1 : 0;
    binCorrect[b] += hit;
    correct += hit;
    conf += top;
    nll -= Math.log(Math.max(p.data[o + y[i]], P_FLOOR));
    for (let j = 0; j < k; j++) {
      const t = p.data[o + j] - (j === y[i] ? 1 : 0);
      brier += t * t;
    }
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (binCount[b] > 0) ece += Math.abs(binCorrect[b] - binConf[b]) / n;
  return { ece, nll: nll / n, brier: brier / n, meanConfidence: conf / n, accuracy: correct / n };
}

/** Softmax of the average of members' softmax(logits / t): what a scaled model outputs. */
export function scaledProbabilities(memberLogits: readonly Matrix[], t: number): Matrix {
  const { rows, cols } = memberLogits[0];
  const out = { rows, cols, data: new Float64Array(rows * cols) };
  const row = new Float64Array(cols);
  for (const logits of memberLogits) {
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      let max = -Infinity;
      for (let j = 0; j < cols; j++) { row[j] = logits.data[o + j] / t; if (row[j] > max) max = row[j]; }
      let sum = 0;
      for (let j = 0; j < cols; j++) { row[j] = Math.exp(row[j] - max); sum += row[j]; }
      for (let j = 0; j < cols; j++) out.data[o + j] += row[j] / sum / memberLogits.length;
    }
  }
  return out;
}

/** Search range of log T: T from 0.05 (sharpen) to 50 (flatten almost to uniform). */
const LOG_T_RANGE = [Math.log(0.05), Math.log(50)] as const;

/**
 * The temperature that minimises the NLL of held-out predictions (logits of each member,
 * rows aligned with `y`). NLL is unimodal in log T for one member, so a golden-section
 * search finds it without gradients; deterministic, 60 steps narrow the range to 1e-12.
 */
export function fitTemperature(memberLogits: readonly Matrix[], y: ArrayLike<number>): number {
  if (memberLogits.length === 0 || memberLogits[0].rows === 0) return 1;
  const nll = (logT: number): number => calibrationFigures(scaledProbabilities(memberLogits, Math.exp(logT)), y, 1).nll;
  const phi = (Math.sqrt(5) - 1) / 2;
  let [a, b] = LOG_T_RANGE;
  let c = b - phi * (b - a), d = a + phi * (b - a);
  let fc = nll(c), fd = nll(d);
  for (let it = 0; it < 60; it++) {
    if (fc <= fd) { b = d; d = c; fd = fc; c = b - phi * (b - a); fc = nll(c); }
    else { a = c; c = d; fc = fd; d = a + phi * (b - a); fd = nll(d); }
  }
  return Math.exp((a + b) / 2);
}
