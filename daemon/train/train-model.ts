// Trains the shipped model on every row of the given corpora and writes
// <out>/<name>.onnx + <name>.json. Optionally cross-validates first, so the figures a
// model is published with are in its own provenance rather than in someone's notes.
import type { ModelMeta } from '../core/types.ts';
import type { Augmentation } from './augment.ts';
import type { CorpusSpec } from './corpus.ts';
import { loadDataset, type Dataset } from './dataset.ts';
import type { Dimensions } from './dimensions.ts';
import { crossValidate, type EvalReport, type Protocol } from './evaluate.ts';
import { writeModelFiles } from './export-onnx.ts';
import { extractorSignature, type CacheOptions } from './feature-cache.ts';
import { resolveFeatureSource, type FeatureSourceOptions } from './feature-source.ts';
import { DEFAULT_SEED, scalingFor, transformFor, type ModelOptions } from './models.ts';
import { fitRecipe } from './calibrated-model.ts';
import type { ModelKind, TrainedModel } from './network.ts';
import type { ProgressFn } from './progress.ts';
import { trainingSet } from './training-set.ts';

export interface TrainModelOptions extends FeatureSourceOptions, CacheOptions, ModelOptions {
  corpora: CorpusSpec[];
  /** Output folder. */
  out: string;
  model: ModelKind;
  seed?: number;
  onProgress?: ProgressFn;
  /** File stem; default `<corpus>-<corpus>-<model>`. */
  name?: string;
  /** Cross-validate with this protocol first and record the figures in the metadata. */
  evaluate?: Protocol;
  /** Arousal/valence for classes outside the built-in table, or to replace its values. */
  dimensions?: Readonly<Record<string, Dimensions>>;
  /** Recorded in the provenance, e.g. the command line used. */
  command?: string;
  /** Augmented copies of every file, added to the training rows (and to each CV training fold). */
  augment?: readonly Augmentation[];
}

export interface TrainModelResult {
  onnxPath: string;
  metaPath: string;
  meta: ModelMeta;
  report?: EvalReport;
}

/** Fits one model on every row of a dataset (and its augmented copies). */
export function fitOnDataset(ds: Dataset, kind: ModelKind, opts: ModelOptions & { seed?: number } = {}): TrainedModel {
  const all = trainingSet(ds, Int32Array.from(ds.y.keys()));
  return fitRecipe(kind, { ...all, classes: ds.classes, featureNames: ds.featureNames, seed: opts.seed ?? DEFAULT_SEED }, opts);
}

export async function trainModel(opts: TrainModelOptions): Promise<TrainModelResult> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const src = await resolveFeatureSource(opts);
  const ds = await loadDataset(opts.corpora, src, opts);
  let report: EvalReport | undefined;
  if (opts.evaluate) report = await crossValidate(ds, opts.evaluate, opts.model, { ...opts, seed });
  opts.onProgress?.({ stage: 'fit', message: `fitting ${opts.model} on ${ds.y.length * (1 + ds.augmented.length)} rows, ${ds.featureNames.length} features, ${ds.classes.length} classes` });
  await new Promise((r) => setTimeout(r, 0));
  const model = fitOnDataset(ds, opts.model, { ...opts, seed });
  const name = opts.name ?? `${opts.corpora.map((c) => c.name).join('-')}-${opts.model}`;
  const training: Record<string, unknown> = {
    tool: 'emotiond train',
    ...(opts.command ? { command: opts.command } : {}),
    seed,
    corpora: ds.corpora.map((c, i) => ({
      name: c.name, dir: opts.corpora[i].dir, rows: c.rows, droppedByLabelMap: c.dropped,
      labelMap: c.labelMap, classCounts: c.classCounts,
    })),
    rows: ds.y.length,
    ...(ds.augmented.length ? { augment: ds.augmented.map((a) => a.id), trainingRows: ds.y.length * (1 + ds.augmented.length) } : {}),
    ...(opts.members && opts.model === 'ensemble' ? { members: [...opts.members] } : {}),
    ...(opts.select !== undefined ? { select: opts.select } : {}),
    ...(transformFor(opts.model, opts) !== 'none' ? { transform: transformFor(opts.model, opts) } : {}),
    ...(scalingFor(opts.model, opts) !== 'total' ? { scaling: scalingFor(opts.model, opts) } : {}),
    // No time stamp and no source hash: two runs on the same data give the same bytes.
    features: { set: src.setId ?? 'injected', count: ds.featureNames.length, namesSignature: extractorSignature(ds.featureNames, '') },
    nonFiniteReplaced: ds.nonFinite,
    ...(ds.skipped.length ? { skippedUnreadable: ds.skipped.map((s) => `${s.corpus}/${s.path}: ${s.error}`) } : {}),
    ...(report ? { evaluation: summarise(report) } : {}),
  };
  opts.onProgress?.({ stage: 'export', message: `writing ${name}.onnx and ${name}.json to ${opts.out}` });
  const files = await writeModelFiles(model, opts.out, name, training, opts.dimensions, src.setId);
  return { ...files, report };
}

const r4 = (v: number): number | null => (Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : null);

function summarise(r: EvalReport): Record<string, unknown> {
  return {
    protocol: r.protocol, rows: r.rows, uar: r4(r.uar), wa: r4(r.wa), macroF1: r4(r.macroF1),
    foldUar: { mean: r4(r.foldUar.mean), std: r4(r.foldUar.std) },
    augment: r.augment,
    perClassRecall: Object.fromEntries(Object.entries(r.perClassRecall).map(([k, v]) => [k, r4(v)])),
    perCorpus: r.perCorpus,
    note: 'speaker-independent cross-validation, standardisation fitted per training fold, no speaker adaptation',
  };
}
