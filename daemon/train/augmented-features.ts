// Feature rows of augmented copies of a dataset's files, one matrix per augmentation,
// row for row aligned with the dataset. They go through the same feature cache as the
// originals, keyed by the extractor version plus the augmentation, so a second run (or
// the other protocol) extracts nothing. Cross-validation adds the copies of a fold's
// training rows to its training set only: test rows are always the untouched originals.
import { relative } from 'node:path';
import { augmentAudio, augmentationId, type Augmentation } from './augment.ts';
import { readCorpus, type CorpusSpec } from './corpus.ts';
import { corpusFeatures, type CacheOptions, type FeatureSource } from './feature-cache.ts';
import { degradedSource } from './degraded-features.ts';
import { matrix, type Matrix } from './linalg.ts';

export interface AugmentedRows {
  /** `speed:0.9` etc. */
  id: string;
  /** Same rows and columns as the dataset's x; non-finite values replaced by 0. */
  x: Matrix;
  /** Files whose augmented copy could not be featurised (only with skipUnreadable): their rows repeat the original. */
  failed: number;
}

interface RowSource {
  x: Matrix;
  paths: readonly string[];
  corpora: readonly { name: string; rows: number }[];
}

export async function loadAugmentedRows(
  ds: RowSource, specs: readonly CorpusSpec[], src: FeatureSource, augs: readonly Augmentation[], opts: CacheOptions = {},
): Promise<AugmentedRows[]> {
  const out: AugmentedRows[] = [];
  const d = ds.x.cols;
  for (const aug of augs) {
    const id = augmentationId(aug);
    const x = matrix(ds.x.rows, d);
    let row = 0, failed = 0;
    for (const [c, spec] of specs.entries()) {
      const corpus = await readCorpus(spec);
      const augSrc: FeatureSource = aug.kind === 'room' ? degradedSource(corpus, src, aug.degradation) : {
        extractor: src.extractor,
        version: `${src.version}+${id}`,
        // Seeded by the path inside the corpus, so the copy does not depend on where the corpus lives.
        decode: async (path) => augmentAudio(await src.decode(path), aug, relative(corpus.dir, path)),
      };
      opts.onProgress?.({ stage: 'corpus', message: `${corpus.name}: augmented copy ${id}` });
      const features = await corpusFeatures(corpus, augSrc, opts);
      const failedIdx = new Set(features.failed.map((f) => f.index));
      const byPath = new Map(corpus.entries.map((e, i) => [e.path, i]));
      const rows = ds.corpora[c].rows;
      for (let r = row; r < row + rows; r++) {
        const i = byPath.get(ds.paths[r]);
        if (i === undefined || failedIdx.has(i)) {
          x.data.set(ds.x.data.subarray(r * d, (r + 1) * d), r * d);
          failed++;
          continue;
        }
        for (let j = 0; j < d; j++) {
          const v = features.rows[i * d + j];
          x.data[r * d + j] = Number.isFinite(v) ? v : 0;
        }
      }
      row += rows;
    }
    out.push({ id, x, failed });
  }
  return out;
}
