// Shared set-up of the leave-one-corpus-out variant scripts: the five shared corpora on the
// four classes they all have, one fold per held-out corpus, and logistic regression fitted
// as the shipped recipe fits it (class-balanced rows, standardised on the training rows).
// These scripts measure ideas the model card reports as tried; none of them ships.
import { loadDataset, type Dataset } from '../../daemon/train/dataset.ts';
import { resolveFeatureSource } from '../../daemon/train/feature-source.ts';
import { sharedCorpora } from '../../daemon/train/corpus.ts';
import type { LabelMap } from '../../daemon/train/labels.ts';
import { LABEL_PRESETS } from '../../daemon/train/labels.ts';
import { applyStandardiser, fitStandardiser } from '../../daemon/train/standardise.ts';
import { fitLogRegCore } from '../../daemon/train/logreg.ts';
import { gram, reduceByGram } from '../../daemon/train/gram-reduce.ts';
import { matmulBias, softmaxRows, takeRows, type Matrix } from '../../daemon/train/linalg.ts';
import { classMetrics } from '../../daemon/train/metrics.ts';

export interface Core4 {
  ds: Dataset;
  /** Corpus of every row. */
  corpus: string[];
  corpora: string[];
  k: number;
}

/** The shared corpora on the core four classes, with cached features of one set. */
export async function loadCore4(featureSet = 'egemaps', labelMap: LabelMap = LABEL_PRESETS.core4): Promise<Core4> {
  const specs = sharedCorpora().map((c) => ({ ...c, labelMap }));
  const ds = await loadDataset(specs, await resolveFeatureSource({ featureSet }), {});
  const corpus = ds.speakers.map((s) => s.slice(0, s.indexOf(':')));
  return { ds, corpus, corpora: [...new Set(corpus)], k: ds.classes.length };
}

export interface HeldOut { held: string; train: number[]; test: number[] }

export function heldOutFolds(d: Core4): HeldOut[] {
  return d.corpora.map((held) => ({
    held,
    train: [...d.ds.y.keys()].filter((i) => d.corpus[i] !== held),
    test: [...d.ds.y.keys()].filter((i) => d.corpus[i] === held),
  }));
}

/** Training and test rows standardised with the training rows' statistics (strict). */
export function standardised(x: Matrix, f: HeldOut): { ztr: Matrix; zte: Matrix } {
  const s = fitStandardiser(takeRows(x, f.train));
  return { ztr: applyStandardiser(takeRows(x, f.train), s), zte: applyStandardiser(takeRows(x, f.test), s) };
}

/**
 * Fits logistic regression (in the dual of the Gram matrix when features outnumber rows) and
 * returns test probabilities; rows weighted per class as scikit-learn's "balanced" unless `w` is given.
 */
export function logregProba(ztr: Matrix, y: Int32Array, k: number, zte: Matrix, c: number, w: true | Float64Array = true): Matrix {
  if (ztr.cols > ztr.rows) {
    const red = reduceByGram(ztr, gram(ztr));
    const f = fitLogRegCore(red.features, y, k, c, w, 300);
    return softmaxRows(matmulBias(zte, red.toPrimal(f.weights, k), k, f.bias));
  }
  const f = fitLogRegCore(ztr, y, k, c, w, 300);
  return softmaxRows(matmulBias(zte, f.weights, k, f.bias));
}

export function argmaxOf(score: (i: number, j: number) => number, rows: number, k: number): number[] {
  return Array.from({ length: rows }, (_, i) => {
    let best = 0;
    for (let j = 1; j < k; j++) if (score(i, j) > score(i, best)) best = j;
    return best;
  });
}

/** UAR of predictions for a fold's test rows. */
export function foldUar(d: Core4, f: HeldOut, pred: readonly number[]): number {
  return classMetrics(f.test.map((i) => d.ds.y[i]), pred, d.ds.classes).uar;
}

/** One line: UAR per held-out corpus and their mean, in %. */
export function resultLine(label: string, corpora: readonly string[], uars: readonly number[]): string {
  const mean = uars.reduce((a, b) => a + b, 0) / uars.length;
  return `${label}: ${uars.map((u, i) => `${corpora[i]} ${(u * 100).toFixed(1)}`).join('  ')}  mean ${(mean * 100).toFixed(1)}`;
}
