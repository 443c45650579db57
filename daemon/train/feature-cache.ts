// Featurising every file is the slow part of training and evaluation, so feature rows
// are cached on disk per corpus and extractor signature (hash of the feature names and
// a version string). Rows are keyed by file path: adding files or changing the label
// map extracts only what is missing. Bump the version whenever extraction or decoding
// changes numbers without changing names, or stale rows would be reused.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import process from 'node:process';
import { EmotiondError, errorMessage } from '../core/errors.ts';
import type { DecodedAudio, FeatureExtractor } from '../core/types.ts';
import type { Corpus } from './corpus.ts';
import { repoRoot } from './corpus.ts';
import type { ProgressFn } from './progress.ts';
import { trainingJobsOrDefault } from '../batch/jobs.ts';
import { extractInWorkers } from './parallel-extraction.ts';
import type { FeatureTaskInit } from './feature-task.ts';

export interface FeatureSource {
  extractor: FeatureExtractor;
  /** Changes whenever the numbers would change; part of the cache key. */
  version: string;
  decode: (path: string) => Promise<DecodedAudio>;
  /** Id of the feature set (daemon/features/feature-sets.ts) when it is one of the product's. */
  setId?: string;
  /** Present when worker threads can build this extractor and decoder (feature-task.ts). */
  inWorkers?: FeatureTaskInit;
}

export interface CorpusFeatures {
  names: string[];
  /** entries.length x names.length, in the corpus's entry order, as extracted (non-finite kept). */
  rows: Float32Array;
  fromCache: number;
  extracted: number;
  /** Files that could not be decoded or featurised (only with skipUnreadable); their rows are zeros. */
  failed: { index: number; path: string; error: string }[];
}

export interface CacheOptions {
  /** Default: <repo>/.cache/features (git-ignored). */
  cacheDir?: string;
  /** false: neither read nor write the cache. */
  useCache?: boolean;
  onProgress?: ProgressFn;
  /** Leave out files that fail to decode or featurise (listed in the result) instead of failing the run. */
  skipUnreadable?: boolean;
  /** Worker threads for the extraction (default: --jobs of train/eval, else the available parallelism). */
  jobs?: number;
}

const FORMAT = 1;
const SAVE_EVERY = 250;

export function defaultCacheDir(): string {
  return join(repoRoot(), '.cache', 'features');
}

/** Identifies an extractor's output: its feature names and version. */
export function extractorSignature(names: readonly string[], version: string): string {
  return createHash('sha256').update(JSON.stringify({ names, version })).digest('hex');
}

interface CacheHeader {
  format: number;
  corpus: string;
  dir: string;
  signature: string;
  version: string;
  featureCount: number;
  paths: string[];
}

export async function corpusFeatures(corpus: Corpus, src: FeatureSource, opts: CacheOptions = {}): Promise<CorpusFeatures> {
  const names = [...src.extractor.names];
  const d = names.length;
  const signature = extractorSignature(names, src.version);
  const key = createHash('sha256').update(`${signature}\n${corpus.dir}`).digest('hex').slice(0, 16);
  const base = join(opts.cacheDir ?? defaultCacheDir(), `${corpus.name}-${key}`);
  const useCache = opts.useCache ?? true;
  const cached = useCache ? await readCache(base, signature, d) : new Map<string, Float32Array>();
  const rows = new Float32Array(corpus.entries.length * d);
  const todo: number[] = [];
  corpus.entries.forEach((e, i) => {
    const row = cached.get(e.relPath);
    if (row) rows.set(row, i * d);
    else todo.push(i);
  });
  const failed: { index: number; path: string; error: string }[] = [];
  const report = (done: number) => opts.onProgress?.({
    stage: 'features',
    message: `${corpus.name}: features ${done}/${todo.length} files (${corpus.entries.length - todo.length} cached${failed.length ? `, ${failed.length} unreadable` : ''})`,
    done, total: todo.length,
  });
  if (todo.length) report(0);
  const fresh: number[] = [];
  const save = async () => {
    if (!useCache || fresh.length === 0) return;
    for (const i of fresh) cached.set(corpus.entries[i].relPath, rows.slice(i * d, (i + 1) * d));
    fresh.length = 0;
    await writeCache(base, { format: FORMAT, corpus: corpus.name, dir: corpus.dir, signature, version: src.version, featureCount: d, paths: [] }, cached);
  };
  let extracted = 0;
  const onRow = async (i: number, values: Float32Array): Promise<void> => {
    if (values.length !== d) {
      throw new EmotiondError('FEATURES', `${corpus.entries[i].path}: extractor gave ${values.length} values, its names list ${d}`);
    }
    rows.set(values, i * d);
    fresh.push(i);
    extracted++;
    if (extracted % SAVE_EVERY === 0) await save(); // an interrupted run keeps its work
    report(extracted);
  };
  const jobs = Math.min(opts.jobs ?? trainingJobsOrDefault(), todo.length);
  if (src.inWorkers && jobs > 1) {
    try {
      await extractInWorkers(corpus, todo, src.inWorkers, jobs, onRow, (i, message) => {
        if (!opts.skipUnreadable) throw new EmotiondError('FEATURES', message);
        failed.push({ index: i, path: corpus.entries[i].relPath, error: message });
      });
    } finally {
      await save();
    }
    return { names, rows, fromCache: corpus.entries.length - todo.length, extracted, failed };
  }
  try {
    // Decode the next file while this one is featurised: reading overlaps computing.
    let next = todo.length ? decodeEntry(corpus, todo[0], src) : null;
    for (let t = 0; t < todo.length; t++) {
      const i = todo[t];
      const current = next!;
      next = t + 1 < todo.length ? decodeEntry(corpus, todo[t + 1], src) : null;
      next?.catch(() => undefined); // reported when awaited, not as an unhandled rejection
      try {
        const fv = src.extractor.extract((await current).samples);
        if (fv.values.length !== d) {
          throw new EmotiondError('FEATURES', `${corpus.entries[i].path}: extractor gave ${fv.values.length} values, its names list ${d}`);
        }
        rows.set(fv.values, i * d);
      } catch (err) {
        if (!opts.skipUnreadable) throw err;
        failed.push({ index: i, path: corpus.entries[i].relPath, error: errorMessage(err) });
        continue;
      }
      fresh.push(i);
      extracted++;
      if (extracted % SAVE_EVERY === 0) await save(); // an interrupted run keeps its work
      report(extracted);
    }
  } finally {
    // Also on failure: the files done so far need not be featurised again.
    await save();
  }
  return { names, rows, fromCache: corpus.entries.length - todo.length, extracted, failed };
}

async function decodeEntry(corpus: Corpus, i: number, src: FeatureSource): Promise<DecodedAudio> {
  const path = corpus.entries[i].path;
  try {
    return await src.decode(path);
  } catch (err) {
    if (err instanceof EmotiondError) throw err;
    throw new EmotiondError('AUDIO_IO', `${path}: ${errorMessage(err)}`, { cause: err });
  }
}

async function readCache(base: string, signature: string, d: number): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  let header: CacheHeader, bytes: Uint8Array;
  try {
    header = JSON.parse(await readFile(`${base}.json`, 'utf8')) as CacheHeader;
    bytes = await readFile(`${base}.f32`);
  } catch {
    return out; // no cache yet (or unreadable): extract everything
  }
  if (header.format !== FORMAT || header.signature !== signature || header.featureCount !== d
    || bytes.byteLength !== header.paths.length * d * 4) {
    return out;
  }
  // Copy into an aligned buffer: a Buffer from readFile may sit at an odd offset.
  const all = new Float32Array(new Uint8Array(bytes).buffer);
  header.paths.forEach((p, r) => out.set(p, all.slice(r * d, (r + 1) * d)));
  return out;
}

async function writeCache(base: string, header: CacheHeader, rows: Map<string, Float32Array>): Promise<void> {
  const paths = [...rows.keys()].sort();
  const d = header.featureCount;
  const all = new Float32Array(paths.length * d);
  paths.forEach((p, r) => all.set(rows.get(p)!, r * d));
  await mkdir(join(base, '..'), { recursive: true });
  // Write then rename, so a crash never leaves a header that disagrees with its data.
  const tmp = `${base}.${process.pid}.tmp`;
  await writeFile(`${tmp}.f32`, new Uint8Array(all.buffer));
  await writeFile(`${tmp}.json`, JSON.stringify({ ...header, paths }));
  await rename(`${tmp}.f32`, `${base}.f32`);
  await rename(`${tmp}.json`, `${base}.json`);
}
