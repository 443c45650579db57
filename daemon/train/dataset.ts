// The feature matrix of one or more corpora with everything evaluation needs beside
// it: labels, speakers (prefixed by corpus, so ids never collide), folds, paths.
import type { Matrix } from './linalg.ts';
import { matrix } from './linalg.ts';
import { readCorpus, type CorpusSpec } from './corpus.ts';
import { corpusFeatures, type CacheOptions, type FeatureSource } from './feature-cache.ts';
import type { LabelMap } from './labels.ts';
import { EmotiondError } from '../core/errors.ts';
import type { Augmentation } from './augment.ts';
import { loadAugmentedRows, type AugmentedRows } from './augmented-features.ts';

export interface Dataset {
  featureNames: string[];
  /** Raw features; non-finite values already replaced by 0, as the classifier does at run time. */
  x: Matrix;
  y: Int32Array;
  /** Sorted union of the corpora's mapped labels. */
  classes: string[];
  /** `<corpus>:<speaker>` per row. */
  speakers: string[];
  folds: (number | null)[];
  paths: string[];
  corpora: { name: string; dir: string; rows: number; dropped: number; labelMap: LabelMap; classCounts: Record<string, number> }[];
  /** Non-finite feature values replaced by 0. */
  nonFinite: number;
  /** Files left out because they could not be read (only with skipUnreadable). */
  skipped: { corpus: string; path: string; error: string }[];
  /** Augmented copies of every row, for training folds only (see augmented-features.ts). */
  augmented: AugmentedRows[];
}

export interface DatasetOptions extends CacheOptions {
  /** Also featurise these augmented copies of every file. */
  augment?: readonly Augmentation[];
}

export async function loadDataset(specs: readonly CorpusSpec[], src: FeatureSource, opts: DatasetOptions = {}): Promise<Dataset> {
  if (specs.length === 0) throw new EmotiondError('USAGE', 'no corpora given');
  const names = new Set(specs.map((s) => s.name));
  if (names.size !== specs.length) throw new EmotiondError('USAGE', 'corpus names must be distinct');
  const parts = [];
  const skipped: Dataset['skipped'] = [];
  for (const spec of specs) {
    const corpus = await readCorpus(spec);
    opts.onProgress?.({ stage: 'corpus', message: `${corpus.name}: ${corpus.entries.length} files (${corpus.dropped} dropped by the label map)` });
    const features = await corpusFeatures(corpus, src, opts);
    const failed = new Set(features.failed.map((f) => f.index));
    skipped.push(...features.failed.map((f) => ({ corpus: corpus.name, path: f.path, error: f.error })));
    const keep = [...corpus.entries.keys()].filter((i) => !failed.has(i));
    parts.push({ corpus, features, keep });
  }
  const featureNames = parts[0].features.names;
  const d = featureNames.length;
  const rows = parts.reduce((a, p) => a + p.keep.length, 0);
  if (rows === 0) throw new EmotiondError('DATASET', 'no readable files in the given corpora');
  const classes = [...new Set(parts.flatMap((p) => p.keep.map((i) => p.corpus.entries[i].emotion)))].sort();
  const x = matrix(rows, d);
  const y = new Int32Array(rows);
  const speakers: string[] = [], folds: (number | null)[] = [], paths: string[] = [];
  let r = 0, nonFinite = 0;
  for (const { corpus, features, keep } of parts) {
    for (const i of keep) {
      const e = corpus.entries[i];
      for (let j = 0; j < d; j++) {
        const v = features.rows[i * d + j];
        if (Number.isFinite(v)) x.data[r * d + j] = v;
        else nonFinite++;
      }
      y[r] = classes.indexOf(e.emotion);
      speakers.push(`${corpus.name}:${e.speaker}`);
      folds.push(e.fold);
      paths.push(e.path);
      r++;
    }
  }
  const corpora = parts.map(({ corpus, keep }) => {
    const counts: Record<string, number> = {};
    for (const c of classes) {
      const n = keep.filter((i) => corpus.entries[i].emotion === c).length;
      if (n) counts[c] = n;
    }
    return { name: corpus.name, dir: corpus.dir, rows: keep.length, dropped: corpus.dropped, labelMap: corpus.labelMap, classCounts: counts };
  });
  const augmented = opts.augment?.length ? await loadAugmentedRows({ x, paths, corpora }, specs, src, opts.augment, opts) : [];
  return { featureNames, x, y, classes, speakers, folds, paths, nonFinite, skipped, corpora, augmented };
}
