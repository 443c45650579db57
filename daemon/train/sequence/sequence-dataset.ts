// Frame sequences of one or more corpora, with labels, speakers (prefixed by corpus, as
// dataset.ts does, so the same splits apply), folds and paths in corpus-entry order.
// Each utterance keeps the model's columns only and is trimmed to its speech: the daemon
// hands the model VAD segments, which carry ~0.1 s of context, not the seconds of
// silence some corpus files (RAVDESS) start and end with.
import { EmotiondError } from '../../core/errors.ts';
import { readCorpus, type CorpusSpec } from '../corpus.ts';
import type { LabelMap } from '../labels.ts';
import type { ProgressFn } from '../progress.ts';
import { corpusFrames, productFrameSource, type FrameCacheOptions, type FrameSource } from './frame-cache.ts';

/**
 * LLD columns the CNN reads: every column of the pipeline except rms (log_energy carries
 * it) and f0_hz (f0_semitone carries it on the scale pitch is heard on).
 */
export const SEQUENCE_COLUMNS = [
  'loudness', 'log_energy', 'zcr',
  'mfcc0', 'mfcc1', 'mfcc2', 'mfcc3', 'mfcc4', 'mfcc5', 'mfcc6', 'mfcc7', 'mfcc8', 'mfcc9', 'mfcc10', 'mfcc11', 'mfcc12', 'mfcc13',
  'spectral_centroid', 'spectral_rolloff85', 'spectral_flatness', 'spectral_entropy', 'spectral_slope', 'spectral_flux',
  'f0_semitone', 'voicing', 'voiced', 'hnr_db',
] as const;

/** Frames quieter than the loudest by more than this are silence at the ends. */
export const TRIM_DB = 40;
/** Frames kept on each side of the speech (the VAD's padding_s of 0.1 s). */
export const TRIM_MARGIN = 10;

export interface SequenceDataset {
  columns: string[];
  seqs: Float32Array[];
  y: Int32Array;
  classes: string[];
  speakers: string[];
  folds: (number | null)[];
  paths: string[];
  corpora: { name: string; dir: string; rows: number; dropped: number; labelMap: LabelMap; classCounts: Record<string, number> }[];
  /** Frames before and after trimming, over all utterances. */
  frames: { raw: number; kept: number };
}

export interface SequenceDatasetOptions extends FrameCacheOptions {
  source?: FrameSource;
  columns?: readonly string[];
  /** false: keep whole files. */
  trim?: boolean;
  onProgress?: ProgressFn;
}

/** The first to the last frame within TRIM_DB of the loudest (log energy), plus a margin. */
export function speechSpan(logEnergy: (f: number) => number, frames: number): [number, number] {
  let max = -Infinity;
  for (let f = 0; f < frames; f++) max = Math.max(max, logEnergy(f));
  let a = 0, b = frames - 1;
  while (a < b && logEnergy(a) < max - TRIM_DB) a++;
  while (b > a && logEnergy(b) < max - TRIM_DB) b--;
  return [Math.max(0, a - TRIM_MARGIN), Math.min(frames, b + 1 + TRIM_MARGIN)];
}

export async function loadSequenceDataset(specs: readonly CorpusSpec[], opts: SequenceDatasetOptions = {}): Promise<SequenceDataset> {
  if (specs.length === 0) throw new EmotiondError('USAGE', 'no corpora given');
  const src = opts.source ?? await productFrameSource();
  const columns = [...(opts.columns ?? SEQUENCE_COLUMNS)];
  const pick = columns.map((c) => src.columns.indexOf(c));
  const missing = columns.filter((_, i) => pick[i] < 0);
  if (missing.length) throw new EmotiondError('FEATURES', `frame source lacks column(s) ${missing.join(', ')}`);
  const energyCol = src.columns.indexOf('log_energy');
  const trim = (opts.trim ?? true) && energyCol >= 0;
  const all = src.columns.length, c = columns.length;
  const parts = [];
  for (const spec of specs) {
    const corpus = await readCorpus(spec);
    opts.onProgress?.({ stage: 'corpus', message: `${corpus.name}: ${corpus.entries.length} files (${corpus.dropped} dropped by the label map)` });
    parts.push({ corpus, frames: await corpusFrames(corpus, src, opts) });
  }
  const classes = [...new Set(parts.flatMap((p) => p.corpus.entries.map((e) => e.emotion)))].sort();
  const seqs: Float32Array[] = [], y: number[] = [], speakers: string[] = [], folds: (number | null)[] = [], paths: string[] = [];
  let raw = 0, kept = 0;
  for (const { corpus, frames } of parts) {
    corpus.entries.forEach((e, i) => {
      const full = frames[i], t = full.length / all;
      const [a, b] = trim ? speechSpan((f) => full[f * all + energyCol], t) : [0, t];
      const out = new Float32Array((b - a) * c);
      for (let f = a; f < b; f++) for (let j = 0; j < c; j++) out[(f - a) * c + j] = full[f * all + pick[j]];
      raw += t; kept += b - a;
      seqs.push(out); y.push(classes.indexOf(e.emotion));
      speakers.push(`${corpus.name}:${e.speaker}`); folds.push(e.fold); paths.push(e.path);
    });
  }
  const corpora = parts.map(({ corpus }) => {
    const classCounts: Record<string, number> = {};
    for (const e of corpus.entries) classCounts[e.emotion] = (classCounts[e.emotion] ?? 0) + 1;
    return { name: corpus.name, dir: corpus.dir, rows: corpus.entries.length, dropped: corpus.dropped, labelMap: corpus.labelMap, classCounts };
  });
  return { columns, seqs, y: Int32Array.from(y), classes, speakers, folds, paths, corpora, frames: { raw, kept } };
}
