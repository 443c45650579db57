// Speaker-independent cross-validation of the frame CNN with the same splits, metrics and
// report as the functional families (evaluate.ts). Each fold fits the frame statistics,
// the network and its early stopping on the training speakers only. Beside the CNN's own
// figures the report scores late fusion: the mean of the CNN's probabilities and those of
// a logistic regression on the utterance functionals fitted on the same training rows.
import { calibrationFigures } from '../calibration.ts';
import { EmotiondError } from '../../core/errors.ts';
import type { CorpusSpec } from '../corpus.ts';
import { loadDataset, type Dataset } from '../dataset.ts';
import { makeSplits, type EvalProtocol, type EvalReport, type FoldResult } from '../evaluate.ts';
import { resolveFeatureSource } from '../feature-source.ts';
import { takeRows } from '../linalg.ts';
import { classMetrics, groupAccuracy, meanStd } from '../metrics.ts';
import { corpusSplits } from '../splits.ts';
import { fitModel } from '../models.ts';
import { predictProba } from '../network.ts';
import type { ProgressFn } from '../progress.ts';
import { predictSequence } from './cnn.ts';
import type { FrameCacheOptions } from './frame-cache.ts';
import { loadSequenceDataset, type SequenceDataset, type SequenceDatasetOptions } from './sequence-dataset.ts';
import { trainCnn, type CnnOptions } from './train-cnn.ts';

export interface FusionFigures {
  uar: number;
  wa: number;
  macroF1: number;
  perClassRecall: Record<string, number>;
  foldUar: { mean: number; std: number };
}

export interface SequenceEvalReport extends Omit<EvalReport, 'model' | 'protocol'> {
  protocol: EvalProtocol;
  model: 'cnn';
  /** Frame columns, trimming, network settings and per-fold training diagnostics. */
  sequence: { columns: string[]; frames: SequenceDataset['frames']; cnn: CnnOptions; foldFits: Record<string, unknown>[] };
  /** Logistic regression on the functionals alone, and its probabilities averaged with the CNN's. */
  fusion?: { logreg: FusionFigures; mean: FusionFigures; functionals: { count: number } };
}

export interface SequenceEvalOptions extends FrameCacheOptions {
  corpora: CorpusSpec[];
  /** loco: one fold per corpus; every corpus must have every class (e.g. `--labels core4`). */
  protocol: EvalProtocol;
  seed?: number;
  cnn?: CnnOptions;
  /** Also fit logistic regression on the functionals per fold and score the fused probabilities (default true). */
  fusion?: boolean;
  onProgress?: ProgressFn;
  /** Injected data (tests): frame source and functional rows. */
  frames?: SequenceDatasetOptions['source'];
  /** Frame columns the CNN reads (default SEQUENCE_COLUMNS). */
  columns?: readonly string[];
  functionals?: Dataset;
}

export async function evaluateSequenceModel(opts: SequenceEvalOptions): Promise<SequenceEvalReport> {
  const t0 = Date.now();
  const seed = opts.seed ?? 1;
  const sd = await loadSequenceDataset(opts.corpora, { ...opts, source: opts.frames, columns: opts.columns });
  const fusion = opts.fusion ?? true;
  let fx: Dataset | undefined;
  if (fusion) {
    fx = opts.functionals ?? await loadDataset(opts.corpora, await resolveFeatureSource({}), opts);
    if (fx.paths.length !== sd.paths.length || fx.paths.some((p, i) => p !== sd.paths[i]) || fx.classes.join() !== sd.classes.join()) {
      throw new EmotiondError('DATASET', 'functional rows do not line up with the frame sequences (unreadable files left out?)');
    }
  }
  const splits = opts.protocol === 'loco' ? locoSplits(sd) : makeSplits(sd, opts.protocol);
  const k = sd.classes.length, n = sd.y.length, c = sd.columns.length;
  const pCnn = new Float64Array(n * k), pLr = new Float64Array(n * k);
  const scored = new Uint8Array(n);
  const folds: FoldResult[] = [], foldFits: Record<string, unknown>[] = [];
  const foldMetrics: { lr: number[]; mean: number[] } = { lr: [], mean: [] };
  for (const [f, split] of splits.entries()) {
    opts.onProgress?.({ stage: 'fold', message: `${split.name}: fitting cnn on ${split.train.length} utterances`, done: f, total: splits.length });
    await new Promise((r) => setTimeout(r, 0));
    const train = {
      columns: sd.columns, seqs: Array.from(split.train, (i) => sd.seqs[i]),
      y: Int32Array.from(split.train, (i) => sd.y[i]), speakers: Array.from(split.train, (i) => sd.speakers[i]),
    };
    const fit = trainCnn(train, sd.classes, opts.cnn, seed);
    foldFits.push({ fold: split.name, epochsRun: fit.info.epochsRun, bestEpoch: fit.info.bestEpoch, bestValLoss: fit.info.bestValLoss, innerValSpeakers: fit.info.innerValSpeakers });
    for (const i of split.test) {
      pCnn.set(predictSequence(fit.network, sd.seqs[i], sd.seqs[i].length / c), i * k);
      scored[i] = 1;
    }
    const yTest = Array.from(split.test, (i) => sd.y[i]);
    const m = classMetrics(yTest, argmax(pCnn, split.test, k), sd.classes);
    if (fx) {
      const lr = fitModel('logreg', {
        x: takeRows(fx.x, split.train), y: train.y, classes: fx.classes, featureNames: fx.featureNames, speakers: train.speakers, seed,
      });
      const p = predictProba(lr, takeRows(fx.x, split.test));
      split.test.forEach((row, q) => pLr.set(p.data.subarray(q * k, (q + 1) * k), row * k));
      foldMetrics.lr.push(classMetrics(yTest, argmax(pLr, split.test, k), sd.classes).uar);
      foldMetrics.mean.push(classMetrics(yTest, argmax(meanOf(pCnn, pLr), split.test, k), sd.classes).uar);
    }
    folds.push({ name: split.name, testSpeakers: split.testSpeakers, trainRows: split.train.length, testRows: split.test.length, uar: m.uar, wa: m.wa });
    const extra = fx ? ` | logreg ${pct(foldMetrics.lr[f])} | mean ${pct(foldMetrics.mean[f])}` : '';
    opts.onProgress?.({ stage: 'fold', message: `${split.name}: UAR ${pct(m.uar)}% WA ${pct(m.wa)}% (epochs ${fit.info.epochsRun}, best ${fit.info.bestEpoch})${extra}`, done: f + 1, total: splits.length });
  }
  const rows = Int32Array.from([...scored.keys()].filter((i) => scored[i]));
  const truth = Array.from(rows, (i) => sd.y[i]);
  const pred = argmax(pCnn, rows, k);
  const pooled = classMetrics(truth, pred, sd.classes);
  const perCorpus: EvalReport['perCorpus'] = {};
  if (sd.corpora.length > 1) {
    for (const corpus of sd.corpora) {
      const idx = [...rows.keys()].filter((q) => sd.speakers[rows[q]].startsWith(`${corpus.name}:`));
      const mm = classMetrics(idx.map((q) => truth[q]), idx.map((q) => pred[q]), sd.classes);
      perCorpus[corpus.name] = { rows: idx.length, uar: mm.uar, wa: mm.wa, macroF1: mm.macroF1 };
    }
  }
  const figures = (p: Float64Array, perFold: number[]): FusionFigures => {
    const mm = classMetrics(truth, argmax(p, rows, k), sd.classes);
    return { uar: mm.uar, wa: mm.wa, macroF1: mm.macroF1, perClassRecall: mm.perClassRecall, foldUar: meanStd(perFold) };
  };
  return {
    protocol: opts.protocol, model: 'cnn', seed, augment: [], speakerAdaptation: false, options: {},
    classes: [...sd.classes], corpora: sd.corpora,
    rows: rows.length, featureCount: c, nonFiniteReplaced: 0, skipped: [],
    ...pooled,
    calibration: calibrationFigures(takeRows({ rows: n, cols: k, data: pCnn }, rows), truth),
    perSpeakerAccuracy: groupAccuracy(truth, pred, Array.from(rows, (i) => sd.speakers[i])),
    perCorpus, folds,
    foldUar: meanStd(folds.map((x) => x.uar)), foldWa: meanStd(folds.map((x) => x.wa)),
    seconds: (Date.now() - t0) / 1000,
    sequence: { columns: sd.columns, frames: sd.frames, cnn: opts.cnn ?? {}, foldFits },
    ...(fx ? { fusion: { logreg: figures(pLr, foldMetrics.lr), mean: figures(meanOf(pCnn, pLr), foldMetrics.mean), functionals: { count: fx.featureNames.length } } } : {}),
  };
}

const pct = (v: number): string => (v * 100).toFixed(1);

/**
 * One fold per corpus. The frame family has one output layer for all folds, so unlike the
 * functional LOCO (which refits over the classes both sides share) it needs every corpus
 * to have every class; a corpus lacking one is named rather than scored on a class it
 * cannot have.
 */
function locoSplits(sd: SequenceDataset) {
  for (const c of sd.corpora) {
    const missing = sd.classes.filter((k) => !c.classCounts[k]);
    if (missing.length) {
      throw new EmotiondError('DATASET', `corpus '${c.name}' has no ${missing.join(', ')}: --model cnn --protocol loco needs every corpus to have every class (try --labels core4)`);
    }
  }
  try {
    return corpusSplits(sd.speakers);
  } catch (err) {
    throw new EmotiondError('USAGE', `protocol 'loco': ${(err as Error).message}`, { cause: err });
  }
}

function meanOf(a: Float64Array, b: Float64Array): Float64Array {
  return a.map((v, i) => (v + b[i]) / 2);
}

function argmax(p: Float64Array, rows: ArrayLike<number>, k: number): Int32Array {
  return Int32Array.from(rows, (r) => {
    let best = 0;
    for (let j = 1; j < k; j++) if (p[r * k + j] > p[r * k + best]) best = j;
    return best;
  });
}
