// Classification figures as speech emotion papers report them. UAR (mean per-class
// recall) comes first because the corpora are unbalanced and accuracy (WA) would
// reward always guessing the big classes.

export interface ClassMetrics {
  /** Unweighted average recall over the classes present in the truth. */
  uar: number;
  /** Weighted accuracy: correct / all. */
  wa: number;
  /** Mean F1 over the classes present in the truth. */
  macroF1: number;
  perClassRecall: Record<string, number>;
  perClassPrecision: Record<string, number>;
  perClassF1: Record<string, number>;
  support: Record<string, number>;
  /** confusion[true][predicted], counts, in class order. */
  confusion: number[][];
}

export function confusionMatrix(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, nClasses: number): number[][] {
  if (yTrue.length !== yPred.length) throw new RangeError(`${yTrue.length} labels but ${yPred.length} predictions`);
  const m = Array.from({ length: nClasses }, () => new Array<number>(nClasses).fill(0));
  for (let i = 0; i < yTrue.length; i++) m[yTrue[i]][yPred[i]]++;
  return m;
}

/**
 * Figures from a confusion matrix. Classes absent from the truth (possible in one
 * fold) are left out of UAR and macro-F1 rather than counted as 0 recall; their
 * per-class entries are NaN.
 */
export function metricsFromConfusion(confusion: number[][], classes: readonly string[]): ClassMetrics {
  const k = classes.length;
  if (confusion.length !== k || confusion.some((r) => r.length !== k)) {
    throw new RangeError(`confusion matrix must be ${k}x${k}`);
  }
  const rowSum = confusion.map((r) => r.reduce((a, b) => a + b, 0));
  const colSum = classes.map((_, j) => confusion.reduce((a, r) => a + r[j], 0));
  const total = rowSum.reduce((a, b) => a + b, 0);
  let correct = 0, recallSum = 0, f1Sum = 0, present = 0;
  const perClassRecall: Record<string, number> = {}, perClassPrecision: Record<string, number> = {};
  const perClassF1: Record<string, number> = {}, support: Record<string, number> = {};
  classes.forEach((c, i) => {
    const tp = confusion[i][i];
    correct += tp;
    support[c] = rowSum[i];
    const recall = rowSum[i] > 0 ? tp / rowSum[i] : NaN;
    const precision = colSum[i] > 0 ? tp / colSum[i] : rowSum[i] > 0 ? 0 : NaN;
    const f1 = rowSum[i] > 0 ? (recall + precision > 0 ? (2 * recall * precision) / (recall + precision) : 0) : NaN;
    perClassRecall[c] = recall;
    perClassPrecision[c] = precision;
    perClassF1[c] = f1;
    if (rowSum[i] > 0) {
      present++;
      recallSum += recall;
      f1Sum += f1;
    }
  });
  return {
    uar: present ? recallSum / present : NaN,
    wa: total ? correct / total : NaN,
    macroF1: present ? f1Sum / present : NaN,
    perClassRecall, perClassPrecision, perClassF1, support, confusion,
  };
}

export function classMetrics(
  yTrue: ArrayLike<number>, yPred: ArrayLike<number>, classes: readonly string[],
): ClassMetrics {
  return metricsFromConfusion(confusionMatrix(yTrue, yPred, classes.length), classes);
}

/** Accuracy per group (speaker), keys sorted. */
export function groupAccuracy(
  yTrue: ArrayLike<number>, yPred: ArrayLike<number>, groups: readonly string[],
): Record<string, { rows: number; accuracy: number }> {
  const acc = new Map<string, { rows: number; correct: number }>();
  for (let i = 0; i < yTrue.length; i++) {
    const a = acc.get(groups[i]) ?? { rows: 0, correct: 0 };
    a.rows++;
    if (yTrue[i] === yPred[i]) a.correct++;
    acc.set(groups[i], a);
  }
  const out: Record<string, { rows: number; accuracy: number }> = {};
  for (const g of [...acc.keys()].sort()) {
    const a = acc.get(g)!;
    out[g] = { rows: a.rows, accuracy: a.correct / a.rows };
  }
  return out;
}

export function meanStd(values: readonly number[]): { mean: number; std: number } {
  const v = values.filter(Number.isFinite);
  if (v.length === 0) return { mean: NaN, std: NaN };
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
  return { mean, std };
}
