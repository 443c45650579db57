// Per-frame descriptors of every file of a corpus, cached on disk beside the functional
// cache (.cache/frames, git-ignored): the LLD matrix of daemon/features (100 frames/s),
// stored time-major so one utterance is one contiguous run of frames x columns. The key
// hashes the column names and the feature code (sourceVersion), so an edit to the feature
// kernels re-extracts instead of reusing stale frames.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import process from 'node:process';
import type { DecodedAudio } from '../../core/types.ts';
import { repoRoot, type Corpus } from '../corpus.ts';
import type { ProgressFn } from '../progress.ts';

/** Turns audio into time-major frames (frames x columns). */
export interface FrameSource {
  columns: readonly string[];
  /** Part of the cache key: changes whenever the numbers would. */
  version: string;
  decode(path: string): Promise<DecodedAudio>;
  frames(samples: Float32Array): Float32Array;
}

export interface FrameCacheOptions {
  /** Default: <repo>/.cache/frames. */
  cacheDir?: string;
  useCache?: boolean;
  onProgress?: ProgressFn;
}

const FORMAT = 1;

/** The product's LLD pipeline (WASM SIMD kernels) and audio decoder as a FrameSource. */
export async function productFrameSource(): Promise<FrameSource> {
  const [{ createKernels }, { computeLlds, lldColumns }, { DEFAULT_LLDS }, { decodeAudioFile }, { sourceVersion }] = await Promise.all([
    import('../../features/extractor.ts'), import('../../features/lld-pipeline.ts'), import('../../features/lld-registry.ts'),
    import('../../audio/decode.ts'), import('../feature-source.ts'),
  ]);
  const kernels = await createKernels('wasm');
  const columns = lldColumns(DEFAULT_LLDS);
  return {
    columns,
    version: await sourceVersion(),
    decode: decodeAudioFile,
    frames(samples) {
      const m = computeLlds(kernels, samples, DEFAULT_LLDS);
      const c = m.names.length, t = m.frames, out = new Float32Array(t * c);
      // The pipeline is column-major (functionals read contours); the CNN reads frames.
      for (let j = 0; j < c; j++) for (let f = 0; f < t; f++) out[f * c + j] = m.data[j * t + f];
      return out;
    },
  };
}

interface Header {
  format: number;
  corpus: string;
  signature: string;
  columns: string[];
  paths: string[];
  /** Frames of each path, in order; offsets follow by summing. */
  frames: number[];
}

/** Frames of every entry of `corpus` (time-major, src.columns wide), in entry order. */
export async function corpusFrames(corpus: Corpus, src: FrameSource, opts: FrameCacheOptions = {}): Promise<Float32Array[]> {
  const c = src.columns.length;
  const signature = createHash('sha256').update(JSON.stringify({ columns: src.columns, version: src.version })).digest('hex');
  const key = createHash('sha256').update(`${signature}\n${corpus.dir}`).digest('hex').slice(0, 16);
  const base = join(opts.cacheDir ?? join(repoRoot(), '.cache', 'frames'), `${corpus.name}-${key}`);
  const useCache = opts.useCache ?? true;
  const cached = useCache ? await readFrames(base, signature, c) : new Map<string, Float32Array>();
  const out: Float32Array[] = new Array(corpus.entries.length);
  const todo: number[] = [];
  corpus.entries.forEach((e, i) => {
    const hit = cached.get(e.relPath);
    if (hit) out[i] = hit;
    else todo.push(i);
  });
  for (let n = 0; n < todo.length; n++) {
    const e = corpus.entries[todo[n]];
    out[todo[n]] = src.frames((await src.decode(e.path)).samples);
    cached.set(e.relPath, out[todo[n]]);
    const done = n + 1;
    if (done === todo.length || done % 50 === 0) {
      opts.onProgress?.({ stage: 'features', message: `${corpus.name}: frames ${done}/${todo.length} files (${corpus.entries.length - todo.length} cached)`, done, total: todo.length });
    }
  }
  if (useCache && todo.length) await writeFrames(base, { format: FORMAT, corpus: corpus.name, signature, columns: [...src.columns], paths: [], frames: [] }, cached, c);
  return out;
}

async function readFrames(base: string, signature: string, c: number): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  let header: Header, bytes: Uint8Array;
  try {
    header = JSON.parse(await readFile(`${base}.json`, 'utf8')) as Header;
    bytes = await readFile(`${base}.f32`);
  } catch {
    return out;
  }
  const total = header.frames?.reduce((a, b) => a + b, 0) ?? -1;
  if (header.format !== FORMAT || header.signature !== signature || header.columns.length !== c
    || header.paths.length !== header.frames.length || bytes.byteLength !== total * c * 4) return out;
  const all = new Float32Array(new Uint8Array(bytes).buffer);
  let at = 0;
  header.paths.forEach((p, i) => {
    const n = header.frames[i] * c;
    out.set(p, all.subarray(at, at + n));
    at += n;
  });
  return out;
}

async function writeFrames(base: string, header: Header, rows: Map<string, Float32Array>, c: number): Promise<void> {
  const paths = [...rows.keys()].sort();
  const frames = paths.map((p) => rows.get(p)!.length / c);
  const all = new Float32Array(frames.reduce((a, b) => a + b, 0) * c);
  let at = 0;
  for (const p of paths) { all.set(rows.get(p)!, at); at += rows.get(p)!.length; }
  await mkdir(join(base, '..'), { recursive: true });
  // Write then rename: a crash never leaves a header that disagrees with its data.
  const tmp = `${base}.${process.pid}.tmp`;
  await writeFile(`${tmp}.f32`, new Uint8Array(all.buffer));
  await writeFile(`${tmp}.json`, JSON.stringify({ ...header, paths, frames }));
  await rename(`${tmp}.f32`, `${base}.f32`);
  await rename(`${tmp}.json`, `${base}.json`);
}
