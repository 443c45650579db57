// Leave one corpus out: train on every corpus but one, test on the one left out. Each
// corpus is another language, other speakers, another room and microphone, so this is what
// a device in a new home faces, and what in-corpus folds cannot show. For each held-out
// corpus the model is fitted over the classes both sides have, and again over the four
// classes all the shared corpora have (anger, happiness, neutral, sadness) unless that is
// the same set. Everything a model chooses (C, calibration, ...) is chosen inside the
// training corpora: the held-out corpus only ever gets predicted.
import { EmotiondError } from '../core/errors.ts';
import { calibrationFigures, type CalibrationFigures } from './calibration.ts';
import { fitRecipe } from './calibrated-model.ts';
import { roomProbability } from './room-gated.ts';
import type { Dataset } from './dataset.ts';
import { innerChoice } from './evaluate.ts';
import { takeRows, type Matrix } from './linalg.ts';
import { classMetrics, type ClassMetrics } from './metrics.ts';
import { corpusOfSpeaker, DEFAULT_SEED, type ModelOptions } from './models.ts';
import { argmaxRows, predictProba, type ModelKind, type TrainedModel } from './network.ts';
import type { ProgressFn } from './progress.ts';
import { trainingSet } from './training-set.ts';

/** The classes every shared corpus has: the table every LOCO run reports. */
export const CORE_CLASSES = ['anger', 'happiness', 'neutral', 'sadness'] as const;

export interface LocoFold extends ClassMetrics {
  /** The held-out corpus. */
  corpus: string;
  /** Classes fitted and scored: those the held-out corpus and the training corpora share. */
  classes: string[];
  trainRows: number;
  testRows: number;
  /** How often each class was predicted on the held-out rows. */
  predicted: Record<string, number>;
  calibration: CalibrationFigures;
  /** What inner selection chose (linear-cv, logreg c=cv), when it chose. */
  choice?: string;
  temperature?: number;
  /** Room-gated models: share of the held-out utterances the gate took for room audio (P(room) > 0.5). */
  roomShare?: number;
}

export interface LocoTable {
  folds: LocoFold[];
  /** Means over held-out corpora (each corpus one vote, whatever its size). */
  mean: { uar: number; wa: number; macroF1: number; ece: number; nll: number; brier: number };
  /**
   * Calibration of all held-out predictions pooled (null when the folds' class sets differ):
   * what a fleet of devices in rooms like these would see on average.
   */
  pooledCalibration: CalibrationFigures | null;
}

export interface LocoResult {
  /** Over the classes each held-out corpus shares with the rest. */
  shared: LocoTable;
  /** Over anger, happiness, neutral, sadness. */
  core4: LocoTable;
}

export interface LocoOptions extends ModelOptions {
  seed?: number;
  onProgress?: ProgressFn;
  /**
   * Replaces the held-out rows' features before prediction (degraded audio, causal running
   * normalisation): called with the held-out corpus and its row indices, returns their rows.
   */
  testRows?: (corpus: string, rows: readonly number[], model: TrainedModel) => Matrix;
  /** Replaces the training rows' features (e.g. each corpus normalised on its own). */
  trainRows?: (rows: Matrix, speakers: readonly string[]) => Matrix;
}

/** Corpus names in row order of first appearance. */
export function corporaOf(ds: Pick<Dataset, 'speakers'>): string[] {
  return [...new Set(ds.speakers.map(corpusOfSpeaker))];
}

/**
 * Checks that LOCO can run on these corpora before anything is fitted: at least two
 * corpora, each with two classes or more, each sharing at least two classes with the rest.
 */
export function checkLocoCorpora(classesByCorpus: ReadonlyMap<string, ReadonlySet<string>>): void {
  if (classesByCorpus.size < 2) throw new EmotiondError('USAGE', `leave-one-corpus-out needs at least 2 corpora, got ${classesByCorpus.size}`);
  for (const [name, own] of classesByCorpus) {
    if (own.size < 2) throw new EmotiondError('DATASET', `corpus '${name}' has only one class (${[...own].join('')}): nothing to tell apart`);
  }
  for (const [name, own] of classesByCorpus) {
    const rest = new Set([...classesByCorpus].filter(([n]) => n !== name).flatMap(([, c]) => [...c]));
    const shared = [...own].filter((c) => rest.has(c));
    if (shared.length < 2) {
      throw new EmotiondError('DATASET', `corpus '${name}' shares ${shared.length ? `only '${shared[0]}'` : 'no class'} with the other corpora (it has ${[...own].sort().join(', ')}): it cannot be held out`);
    }
  }
}

export async function leaveOneCorpusOut(ds: Dataset, kind: ModelKind, opts: LocoOptions = {}): Promise<LocoResult> {
  const corpora = corporaOf(ds);
  const corpusOfRow = ds.speakers.map(corpusOfSpeaker);
  const classesOf = new Map(corpora.map((c) => [c, new Set<string>()]));
  ds.y.forEach((y, i) => classesOf.get(corpusOfRow[i])!.add(ds.classes[y]));
  checkLocoCorpora(classesOf);
  const shared: Scored[] = [], core4: Scored[] = [];
  for (const [f, held] of corpora.entries()) {
    const rest = new Set(corpora.filter((c) => c !== held).flatMap((c) => [...classesOf.get(c)!]));
    const classes = [...classesOf.get(held)!].filter((c) => rest.has(c)).sort();
    const core = classes.filter((c) => (CORE_CLASSES as readonly string[]).includes(c));
    opts.onProgress?.({ stage: 'fold', message: `held out ${held}: fitting ${kind} on the other corpora over ${classes.join(', ')}`, done: f, total: corpora.length });
    await new Promise((r) => setTimeout(r, 0));
    const fold = fitAndScore(ds, kind, held, corpusOfRow, classes, opts);
    shared.push(fold);
    if (core.length === classes.length) core4.push(fold);
    else if (core.length >= 2) {
      opts.onProgress?.({ stage: 'fold', message: `held out ${held}: fitting again over ${core.join(', ')}` });
      await new Promise((r) => setTimeout(r, 0));
      core4.push(fitAndScore(ds, kind, held, corpusOfRow, core, opts));
    }
    opts.onProgress?.({ stage: 'fold', message: `held out ${held}: UAR ${(fold.fold.uar * 100).toFixed(1)}% over ${classes.length} classes, ${(core4[core4.length - 1].fold.uar * 100).toFixed(1)}% over the core 4`, done: f + 1, total: corpora.length });
  }
  return { shared: table(shared), core4: table(core4) };
}

/** A fold's figures with its held-out probabilities, for the pooled calibration. */
interface Scored { fold: LocoFold; p: Matrix; truth: number[] }

function fitAndScore(
  ds: Dataset, kind: ModelKind, held: string, corpusOfRow: readonly string[], classes: string[], opts: LocoOptions,
): Scored {
  const index = new Map(classes.map((c, i) => [c, i]));
  const keep = (i: number) => index.has(ds.classes[ds.y[i]]);
  const trainIdx = [...ds.y.keys()].filter((i) => corpusOfRow[i] !== held && keep(i));
  const testIdx = [...ds.y.keys()].filter((i) => corpusOfRow[i] === held && keep(i));
  const train = trainingSet(ds, Int32Array.from(trainIdx));
  const y = Int32Array.from(train.y, (c) => index.get(ds.classes[c])!);
  const x = opts.trainRows ? opts.trainRows(train.x, train.speakers) : train.x;
  const model = fitRecipe(kind, { x, y, classes, featureNames: ds.featureNames, speakers: train.speakers, copy: train.copy, seed: opts.seed ?? DEFAULT_SEED }, opts);
  const xt = opts.testRows ? opts.testRows(held, testIdx, model) : takeRows(ds.x, testIdx);
  const p = predictProba(model, xt);
  const truth = testIdx.map((i) => index.get(ds.classes[ds.y[i]])!);
  const pred = argmaxRows(p);
  const m = classMetrics(truth, pred, classes);
  const predicted = Object.fromEntries(classes.map((c) => [c, 0]));
  for (const j of pred) predicted[classes[j]]++;
  const choice = innerChoice(model.info);
  const cal = model.info.calibration as { temperature?: number } | undefined;
  const fold: LocoFold = {
    corpus: held, classes, trainRows: x.rows, testRows: testIdx.length, ...m, predicted,
    calibration: calibrationFigures(p, truth),
    ...(choice ? { choice } : {}),
    ...(cal?.temperature !== undefined ? { temperature: cal.temperature } : {}),
    ...(model.gate ? { roomShare: roomProbability(model, xt).filter((v) => v > 0.5).length / testIdx.length } : {}),
  };
  return { fold, p, truth };
}

function table(scored: Scored[]): LocoTable {
  const folds = scored.map((s) => s.fold);
  const sameClasses = folds.every((f) => f.classes.join() === folds[0]?.classes.join());
  let pooledCalibration: CalibrationFigures | null = null;
  if (sameClasses && scored.length) {
    const k = scored[0].p.cols, rows = scored.reduce((a, s) => a + s.p.rows, 0);
    const data = new Float64Array(rows * k);
    let o = 0;
    for (const s of scored) { data.set(s.p.data, o); o += s.p.data.length; }
    pooledCalibration = calibrationFigures({ rows, cols: k, data }, scored.flatMap((s) => s.truth));
  }
  const mean = (f: (x: LocoFold) => number) => folds.reduce((a, x) => a + f(x), 0) / Math.max(folds.length, 1);
  return {
    folds,
    mean: {
      uar: mean((x) => x.uar), wa: mean((x) => x.wa), macroF1: mean((x) => x.macroF1),
      ece: mean((x) => x.calibration.ece), nll: mean((x) => x.calibration.nll), brier: mean((x) => x.calibration.brier),
    },
    pooledCalibration,
  };
}
