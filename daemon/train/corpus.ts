// Reads a corpus folder's labels.csv (path, speaker, emotion, ..., optional fold) into
// rows with absolute paths and mapped labels. Works for the shared corpora and for any
// folder laid out the same way.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmotiondError, errorMessage } from '../core/errors.ts';
import { parseCsvRecords } from './csv.ts';
import { EMOTIONS, mapLabel, resolveLabelMap, type LabelMap, type LabelPreset } from './labels.ts';

export interface CorpusSpec {
  /** Short id used in speaker ids, cache keys and reports ('emodb'). */
  name: string;
  /** Folder holding labels.csv; relative paths resolve against the repository root. */
  dir: string;
  labelMap?: LabelMap | LabelPreset;
}

export interface CorpusEntry {
  /** Absolute path of the audio file. */
  path: string;
  /** As written in labels.csv, relative to the corpus folder. */
  relPath: string;
  speaker: string;
  /** After the label map. */
  emotion: string;
  /** As written in labels.csv. */
  sourceEmotion: string;
  fold: number | null;
}

export interface Corpus {
  name: string;
  dir: string;
  labelsFile: string;
  entries: CorpusEntry[];
  /** Rows the label map dropped. */
  dropped: number;
  labelMap: LabelMap;
}

export const REQUIRED_COLUMNS = ['path', 'speaker', 'emotion'] as const;

/** The repository root (two levels above this file), which relative corpus dirs hang off. */
export function repoRoot(): string {
  return fileURLToPath(new URL('../../', import.meta.url));
}

/** Where the shared corpora live, relative to the repository root. */
export const SHARED_DATASETS_DIR = '../shared/datasets';

/** The five shared corpora (five languages) with their default (shared-vocabulary) labels. */
export function sharedCorpora(): CorpusSpec[] {
  return [
    { name: 'emodb', dir: `${SHARED_DATASETS_DIR}/emodb` },
    { name: 'ravdess', dir: `${SHARED_DATASETS_DIR}/ravdess` },
    { name: 'nemo', dir: `${SHARED_DATASETS_DIR}/nemo` },
    { name: 'emovo', dir: `${SHARED_DATASETS_DIR}/emovo` },
    { name: 'ko', dir: `${SHARED_DATASETS_DIR}/emotiontts_ko` },
  ];
}

export function resolveCorpusDir(dir: string): string {
  return isAbsolute(dir) ? dir : resolve(repoRoot(), dir);
}

export async function readCorpus(spec: CorpusSpec): Promise<Corpus> {
  if (!/^[A-Za-z0-9_.-]+$/.test(spec.name)) {
    throw new EmotiondError('DATASET', `corpus name '${spec.name}' must be letters, digits, '_', '.' or '-'`);
  }
  const dir = resolveCorpusDir(spec.dir);
  const labelsFile = join(dir, 'labels.csv');
  let text: string;
  try {
    text = await readFile(labelsFile, 'utf8');
  } catch (err) {
    throw new EmotiondError('DATASET', `corpus '${spec.name}': cannot read ${labelsFile}: ${errorMessage(err)}`, { cause: err });
  }
  return parseCorpusLabels(text, { ...spec, dir }, labelsFile);
}

/** The parsing half of readCorpus, for text already in hand. */
export function parseCorpusLabels(text: string, spec: CorpusSpec, labelsFile: string): Corpus {
  const labelMap = resolveLabelMap(spec.labelMap);
  const { header, records } = parseCsvRecords(text, labelsFile);
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new EmotiondError('DATASET', `corpus '${spec.name}': ${labelsFile}: missing column(s) ${missing.join(', ')} (header: ${header.join(',')})`);
  }
  const hasFold = header.includes('fold');
  const seen = new Set<string>();
  const entries: CorpusEntry[] = [];
  let dropped = 0;
  records.forEach((r, n) => {
    const where = `${labelsFile}: data row ${n + 1}`;
    const relPath = r.path.trim(), speaker = r.speaker.trim(), sourceEmotion = r.emotion.trim().toLowerCase();
    for (const [col, v] of [['path', relPath], ['speaker', speaker], ['emotion', sourceEmotion]]) {
      if (!v) throw new EmotiondError('DATASET', `${where}: empty ${col}`);
    }
    if (isAbsolute(relPath) || relPath.split(/[\\/]/).includes('..')) {
      throw new EmotiondError('DATASET', `${where}: path '${relPath}' must stay inside the corpus folder`);
    }
    if (seen.has(relPath)) throw new EmotiondError('DATASET', `${where}: duplicate path '${relPath}'`);
    seen.add(relPath);
    let fold: number | null = null;
    if (hasFold && r.fold.trim() !== '') {
      fold = Number(r.fold);
      if (!Number.isInteger(fold)) throw new EmotiondError('DATASET', `${where}: fold '${r.fold}' is not an integer`);
    }
    const emotion = mapLabel(sourceEmotion, labelMap);
    if (emotion !== null && !(EMOTIONS as readonly string[]).includes(emotion)) {
      throw new EmotiondError('DATASET', `corpus '${spec.name}': ${where}: unknown emotion '${sourceEmotion}' (known: ${EMOTIONS.join(', ')})`);
    }
    if (emotion === null) {
      dropped++;
      return;
    }
    entries.push({ path: join(spec.dir, relPath), relPath, speaker, emotion, sourceEmotion, fold });
  });
  if (entries.length === 0) throw new EmotiondError('DATASET', `corpus '${spec.name}': ${labelsFile}: no rows left after the label map`);
  return { name: spec.name, dir: spec.dir, labelsFile, entries, dropped, labelMap };
}
