// Feature rows of the dataset's files as a room would deliver them (degrade.ts), row for
// row aligned with the dataset, through the feature cache (keyed by the extractor version
// plus the degradation). Babble for a file is mixed from other speakers of its own corpus:
// in leave-one-corpus-out that is the held-out corpus, whose audio is only ever test audio.
import { relative } from 'node:path';
import { readCorpus, type Corpus, type CorpusSpec } from './corpus.ts';
import type { Dataset } from './dataset.ts';
import { BABBLE_TALKERS, degradeAudio, type Degradation } from './degrade.ts';
import { corpusFeatures, type CacheOptions, type FeatureSource } from './feature-cache.ts';
import { matrix, type Matrix } from './linalg.ts';
import { createRng } from './rng.ts';
import { seedFromKey } from './augment.ts';

/** Features of a corpus's files degraded by `d` (babble from other speakers of the same corpus). */
export function degradedSource(corpus: Corpus, src: FeatureSource, d: Degradation): FeatureSource {
  const talkersFor = async (path: string): Promise<Float32Array[]> => {
    const self = corpus.entries.find((e) => e.path === path);
    const others = corpus.entries.filter((e) => e.speaker !== self?.speaker);
    const rng = createRng(seedFromKey(`babble|${relative(corpus.dir, path)}`));
    const picks = Array.from({ length: Math.min(BABBLE_TALKERS, others.length) }, () => others[rng.int(others.length)]);
    return Promise.all(picks.map(async (e) => (await src.decode(e.path)).samples));
  };
  return {
    extractor: src.extractor,
    // The same key as a room augmentation with the same steps (augmentationId).
    version: `${src.version}+degrade:${d.id}`,
    decode: async (path) => degradeAudio(await src.decode(path), d, relative(corpus.dir, path), () => talkersFor(path)),
  };
}

export async function loadDegradedRows(
  ds: Pick<Dataset, 'x' | 'paths' | 'corpora'>, specs: readonly CorpusSpec[], src: FeatureSource, d: Degradation, opts: CacheOptions = {},
): Promise<Matrix> {
  const cols = ds.x.cols;
  const x = matrix(ds.x.rows, cols);
  const rowOf = new Map(ds.paths.map((p, r) => [p, r]));
  for (const spec of specs) {
    const corpus = await readCorpus(spec);
    const entries = corpus.entries;
    opts.onProgress?.({ stage: 'corpus', message: `${corpus.name}: degraded copy ${d.id}` });
    const features = await corpusFeatures(corpus, degradedSource(corpus, src, d), opts);
    const failed = new Set(features.failed.map((f) => f.index));
    entries.forEach((e, i) => {
      const r = rowOf.get(e.path);
      if (r === undefined) return;
      if (failed.has(i)) throw new Error(`${e.path}: degraded copy could not be featurised: ${features.failed.find((f) => f.index === i)?.error}`);
      for (let j = 0; j < cols; j++) {
        const v = features.rows[i * cols + j];
        x.data[r * cols + j] = Number.isFinite(v) ? v : 0;
      }
    });
  }
  return x;
}
