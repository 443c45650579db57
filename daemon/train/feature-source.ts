// Where training gets its features from: an injected extractor and decoder (tests,
// experiments) or the product's own, loaded on demand so that training code does not
// pull the audio stack into processes that never featurise.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { DecodedAudio, FeatureExtractor } from '../core/types.ts';
import { repoRoot } from './corpus.ts';
import type { FeatureSource } from './feature-cache.ts';
import type { FeatureTaskInit } from './feature-task.ts';

export interface FeatureSourceOptions {
  extractor?: FeatureExtractor;
  /** Feature set of the product's extractor when none is injected (default: DEFAULT_FEATURE_SET). */
  featureSet?: string;
  /** Cache-key version; default: the extractor's own `version` if it has one, else a hash of the feature and audio sources. */
  extractorVersion?: string;
  decode?: (path: string) => Promise<DecodedAudio>;
}

export async function resolveFeatureSource(opts: FeatureSourceOptions = {}): Promise<FeatureSource> {
  let extractor = opts.extractor;
  let setId = extractor ? (extractor as { setId?: string }).setId : undefined;
  if (!extractor) {
    const sets = await import('../features/feature-sets.ts');
    setId = sets.resolveFeatureSetId(opts.featureSet ?? sets.DEFAULT_FEATURE_SET);
    extractor = await sets.createSetExtractor(setId as Parameters<typeof sets.createSetExtractor>[0]);
  }
  let decode = opts.decode;
  if (!decode) {
    const mod = await import('../audio/decode.ts');
    decode = mod.decodeAudioFile;
  }
  const own = (extractor as { version?: unknown }).version;
  const version = opts.extractorVersion ?? (typeof own === 'string' ? own : opts.extractor ? 'injected' : await sourceVersion());
  // Only the product's own extractor and decoder can be rebuilt in a worker thread.
  const inWorkers = !opts.extractor && !opts.decode && setId ? { setId: setId as FeatureTaskInit['setId'] } : undefined;
  return { extractor, decode, version, ...(setId ? { setId } : {}), ...(inWorkers ? { inWorkers } : {}) };
}

// Training featurises on the CPU backends only: the WebGPU kernels and their documentation
// never produce its numbers, so edits there must not invalidate cached features.
const TRAINING_NEVER_RUNS = /^webgpu\/|\.md$/;

/**
 * A hash of the code that produces the numbers (daemon/features, daemon/audio and the
 * WASM kernels' sources in wasm/assembly): any edit there invalidates cached features,
 * which is safer than trusting someone to bump a version string.
 */
export async function sourceVersion(): Promise<string> {
  const h = createHash('sha256');
  for (const sub of ['daemon/features', 'daemon/audio', 'wasm/assembly']) {
    const dir = join(repoRoot(), sub);
    let files: string[] = [];
    try {
      files = (await readdir(dir, { recursive: true })).map(String).filter((f) => /\.(ts|wasm|json)$/.test(f) && !TRAINING_NEVER_RUNS.test(f)).sort();
    } catch {
      continue;
    }
    for (const f of files) h.update(`${sub}/${f}\n`).update(await readFile(join(dir, f)));
  }
  return `src-${h.digest('hex').slice(0, 16)}`;
}
