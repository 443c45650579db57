// Speaker-independent cross-validation. Every fold fits its own standardiser, feature
// filter and model on its training rows (and their augmented copies) only; the test
// speakers' audio never shapes anything but the predictions scored. Figures are pooled
// over all folds (one confusion matrix), with per-fold figures beside them for spread.
// Speaker adaptation (per-speaker normalisation, test speakers included) is an explicit
// option whose reports say so.
import { EmotiondError } from '../core/errors.ts';
import type { CorpusSpec } from './corpus.ts';
import type { Augmentation } from './augment.ts';
import { loadDataset, type Dataset } from './dataset.ts';
import type { CacheOptions } from './feature-cache.ts';
import { resolveFeatureSource, type FeatureSourceOptions } from './feature-source.ts';
import { calibrationFigures, type CalibrationFigures } from './calibration.ts';
import { fitRecipe } from './calibrated-model.ts';
import { strictInput } from './corpus-normalised.ts';
import { matrix, takeRows } from './linalg.ts';
import { classMetrics, groupAccuracy, meanStd, type ClassMetrics } from './metrics.ts';
import { corpusOfSpeaker, DEFAULT_MEMBERS, DEFAULT_SEED, scalingFor, transformFor, type ModelOptions } from './models.ts';
import { argmaxRows, predictProba, type ModelKind } from './network.ts';
import type { ProgressFn } from './progress.ts';
import { speakerAdapted } from './speaker-norm.ts';
import { foldSplits, losoSplits, type Split } from './splits.ts';
import { trainingSet } from './training-set.ts';

export type Protocol = 'loso' | 'folds';
/** Every protocol `eval` runs: the in-corpus ones and leave-one-corpus-out (loco.ts). */
export type EvalProtocol = Protocol | 'loco';

export interface FoldResult {
  name: string;
  testSpeakers: string[];
  trainRows: number;
  testRows: number;
  uar: number;
  wa: number;
  /** What the fold's inner CV chose, for models that choose ('linear-cv'), e.g. `lda shrinkage=0.7`. */
  choice?: string;
}

export interface EvalReport extends ClassMetrics {
  protocol: Protocol;
  model: ModelKind;
  seed: number;
  /** Augmented copies added to every training fold (ids such as `speed:0.9`). */
  augment: string[];
  /** True when every speaker was normalised with its own statistics: not speaker-independent. */
  speakerAdaptation: boolean;
  /** Ensemble members, feature filter: what beside the kind shaped the model. */
  options: { members?: string[]; select?: number; transform?: string; scaling?: string; balance?: string; innerGroups?: string; calibrate?: string; normalise?: string; rooms?: string };
  classes: string[];
  corpora: Dataset['corpora'];
  rows: number;
  featureCount: number;
  nonFiniteReplaced: number;
  /** Files left out as unreadable (only with skipUnreadable). */
  skipped: Dataset['skipped'];
  perSpeakerAccuracy: Record<string, { rows: number; accuracy: number }>;
  /** Pooled figures per corpus, when several are evaluated together. */
  perCorpus: Record<string, { rows: number; uar: number; wa: number; macroF1: number }>;
  /** ECE, NLL and Brier score of the pooled held-out probabilities. */
  calibration: CalibrationFigures;
  folds: FoldResult[];
  foldUar: { mean: number; std: number };
  foldWa: { mean: number; std: number };
  seconds: number;
}

export interface CrossValidateOptions extends ModelOptions {
  /** Corpora whose rows join every training fold and are never tested (e.g. the other languages). */
  trainOnly?: readonly string[];
  seed?: number;
  /** Normalise each speaker with its own statistics first (reported as speaker-adapted). */
  speakerAdaptation?: boolean;
  onProgress?: ProgressFn;
}

export function makeSplits(ds: Pick<Dataset, 'speakers' | 'folds'>, protocol: Protocol): Split[] {
  try {
    return protocol === 'loso' ? losoSplits(ds.speakers) : foldSplits(ds.folds, ds.speakers);
  } catch (err) {
    throw new EmotiondError('USAGE', `protocol '${protocol}': ${(err as Error).message}`, { cause: err });
  }
}

export async function crossValidate(
  data: Dataset, protocol: Protocol, kind: ModelKind, opts: CrossValidateOptions = {},
): Promise<EvalReport> {
  const t0 = Date.now();
  const ds = opts.speakerAdaptation ? speakerAdapted(data) : data;
  const seed = opts.seed ?? DEFAULT_SEED;
  const splits = withTrainingOnly(ds, protocol, opts.trainOnly ?? []);
  const pred = new Int32Array(ds.y.length).fill(-1);
  const k = ds.classes.length;
  const probs = matrix(ds.y.length, k);
  const folds: FoldResult[] = [];
  for (const [f, split] of splits.entries()) {
    const train = trainingSet(ds, split.train);
    opts.onProgress?.({ stage: 'fold', message: `${split.name}: fitting ${kind} on ${train.y.length} rows`, done: f, total: splits.length });
    // Yield so progress output (and signals) get through between long synchronous fits.
    await new Promise((r) => setTimeout(r, 0));
    const model = fitRecipe(kind, { ...train, classes: ds.classes, featureNames: ds.featureNames, seed }, opts);
    const proba = predictProba(model, strictInput(model, takeRows(ds.x, split.test)));
    const p = argmaxRows(proba);
    split.test.forEach((row, i) => {
      pred[row] = p[i];
      probs.data.set(proba.data.subarray(i * k, (i + 1) * k), row * k);
    });
    const m = classMetrics(Array.from(split.test, (i) => ds.y[i]), p, ds.classes);
    const choice = innerChoice(model.info);
    folds.push({ name: split.name, testSpeakers: split.testSpeakers, trainRows: split.train.length, testRows: split.test.length, uar: m.uar, wa: m.wa, ...(choice ? { choice } : {}) });
    opts.onProgress?.({ stage: 'fold', message: `${split.name}: UAR ${(m.uar * 100).toFixed(1)}% WA ${(m.wa * 100).toFixed(1)}%`, done: f + 1, total: splits.length });
  }
  const scored = [...pred.keys()].filter((i) => pred[i] >= 0);
  const tested = ds.corpora.filter((c) => !(opts.trainOnly ?? []).includes(c.name));
  const pooled = classMetrics(scored.map((i) => ds.y[i]), scored.map((i) => pred[i]), ds.classes);
  const calibration = calibrationFigures(takeRows(probs, scored), scored.map((i) => ds.y[i]));
  const perCorpus: EvalReport['perCorpus'] = {};
  if (tested.length > 1) {
    for (const c of tested) {
      const rows = scored.filter((i) => ds.speakers[i].startsWith(`${c.name}:`));
      const m = classMetrics(rows.map((i) => ds.y[i]), rows.map((i) => pred[i]), ds.classes);
      perCorpus[c.name] = { rows: rows.length, uar: m.uar, wa: m.wa, macroF1: m.macroF1 };
    }
  }
  return {
    protocol, model: kind, seed, augment: ds.augmented.map((a) => a.id), speakerAdaptation: !!opts.speakerAdaptation,
    options: {
      ...(kind === 'ensemble' ? { members: [...(opts.members ?? DEFAULT_MEMBERS)] } : {}),
      ...(opts.select !== undefined ? { select: opts.select } : {}),
      ...(transformFor(kind, opts) !== 'none' ? { transform: transformFor(kind, opts) } : {}),
      ...(scalingFor(kind, opts) !== 'total' ? { scaling: scalingFor(kind, opts) } : {}),
      ...recipeOptions(opts),
    },
    classes: [...ds.classes], corpora: ds.corpora,
    rows: scored.length, featureCount: ds.featureNames.length, nonFiniteReplaced: ds.nonFinite, skipped: ds.skipped,
    ...pooled,
    calibration,
    perSpeakerAccuracy: groupAccuracy(scored.map((i) => ds.y[i]), scored.map((i) => pred[i]), scored.map((i) => ds.speakers[i])),
    perCorpus, folds,
    foldUar: meanStd(folds.map((f) => f.uar)),
    foldWa: meanStd(folds.map((f) => f.wa)),
    seconds: (Date.now() - t0) / 1000,
  };
}

/** The family and hyper-parameter a 'linear-cv' member chose, from the model's fit info. */
export function innerChoice(info: Record<string, unknown>): string | undefined {
  const lc = info['linear-cv'] as { family: string; fit: { c?: number; shrinkage?: number } } | undefined;
  const lr = info.logreg as { c: number; requested?: unknown } | undefined;
  if (!lc) return lr?.requested === 'cv' ? `logreg c=${lr.c}` : undefined;
  return lc.family === 'lda' ? `lda shrinkage=${lc.fit.shrinkage}` : `logreg c=${lc.fit.c}`;
}

export interface EvaluateModelOptions extends FeatureSourceOptions, CacheOptions, ModelOptions {
  corpora: CorpusSpec[];
  /** Added to every training fold, never tested (their speakers are never test speakers). */
  trainOnly?: CorpusSpec[];
  protocol: Protocol;
  model: ModelKind;
  seed?: number;
  onProgress?: ProgressFn;
  /** Augmented copies of the training folds' files. */
  augment?: readonly Augmentation[];
  speakerAdaptation?: boolean;
}

/** Featurises (or reads cached features of) the corpora, then cross-validates. */
export async function evaluateModel(opts: EvaluateModelOptions): Promise<EvalReport> {
  const src = await resolveFeatureSource(opts);
  const extra = opts.trainOnly ?? [];
  const ds = await loadDataset([...opts.corpora, ...extra], src, opts);
  return crossValidate(ds, opts.protocol, opts.model, { ...opts, trainOnly: extra.map((c) => c.name) });
}

/** The recipe options that were asked for (balance, inner grouping, calibration), for reports. */
export function recipeOptions(opts: ModelOptions): { balance?: string; innerGroups?: string; calibrate?: string; normalise?: string; rooms?: string } {
  return {
    ...(opts.balance && opts.balance !== 'class' ? { balance: opts.balance } : {}),
    ...(opts.innerGroups ? { innerGroups: opts.innerGroups } : {}),
    ...(opts.calibrate && opts.calibrate !== 'none' ? { calibrate: opts.calibrate } : {}),
    ...(opts.normalise && opts.normalise !== 'none' ? { normalise: opts.normalise } : {}),
    ...(opts.rooms && opts.rooms !== 'none' ? { rooms: opts.rooms } : {}),
  };
}

/**
 * The protocol's splits over the rows of the tested corpora, with every row of the
 * training-only corpora added to each split's training part.
 */
export function withTrainingOnly(ds: Pick<Dataset, 'speakers' | 'folds'>, protocol: Protocol, trainOnly: readonly string[]): Split[] {
  if (trainOnly.length === 0) return makeSplits(ds, protocol);
  const extra = new Set(trainOnly);
  const tested: number[] = [], always: number[] = [];
  ds.speakers.forEach((s, i) => (extra.has(corpusOfSpeaker(s)) ? always : tested).push(i));
  if (tested.length === 0) throw new EmotiondError('USAGE', 'every corpus is training-only: nothing to test');
  const inner = makeSplits({ speakers: tested.map((i) => ds.speakers[i]), folds: tested.map((i) => ds.folds[i]) }, protocol);
  return inner.map((sp) => ({
    ...sp,
    train: Int32Array.from([...Array.from(sp.train, (q) => tested[q]), ...always]).sort(),
    test: Int32Array.from(sp.test, (q) => tested[q]),
  }));
}
