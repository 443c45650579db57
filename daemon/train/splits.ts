// Train/test splits that keep speakers apart. A speaker in both halves inflates every
// figure (the model learns the voice, not the emotion), so each split is checked.
import type { Rng } from './rng.ts';
import { shuffle } from './rng.ts';

export interface Split {
  name: string;
  train: Int32Array;
  test: Int32Array;
  testSpeakers: string[];
}

/** Leave one speaker out: one split per distinct speaker, in sorted order. */
export function losoSplits(speakers: readonly string[]): Split[] {
  const ids = [...new Set(speakers)].sort();
  if (ids.length < 2) throw new RangeError(`leave-one-speaker-out needs at least 2 speakers, got ${ids.length}`);
  return ids.map((s) => makeSplit(`speaker ${s}`, speakers, (i) => speakers[i] === s));
}

/** One split per value of the fold column; rows without a fold cannot be placed. */
export function foldSplits(folds: readonly (number | null)[], speakers: readonly string[]): Split[] {
  const missing = folds.findIndex((f) => f === null);
  if (missing >= 0) throw new RangeError(`row ${missing} (speaker ${speakers[missing]}) has no fold`);
  const ids = [...new Set(folds as number[])].sort((a, b) => a - b);
  if (ids.length < 2) throw new RangeError(`fold protocol needs at least 2 folds, got ${ids.length}`);
  return ids.map((f) => makeSplit(`fold ${f}`, speakers, (i) => folds[i] === f));
}

/** The corpus of a pooled speaker id (`emodb:03` -> `emodb`); ids without a prefix are their own corpus. */
export function corpusOfSpeaker(speaker: string): string {
  const i = speaker.indexOf(':');
  return i < 0 ? speaker : speaker.slice(0, i);
}

/**
 * Leave one corpus out: one split per corpus, speakers being `corpus:speaker`. No speaker
 * can be on both sides, since a corpus prefix is part of every speaker id.
 */
export function corpusSplits(speakers: readonly string[]): Split[] {
  const corpus = speakers.map(corpusOfSpeaker);
  const names = [...new Set(corpus)];
  if (names.length < 2) throw new RangeError(`leave-one-corpus-out needs at least 2 corpora, got ${names.length}`);
  return names.map((c) => makeSplit(`held out ${c}`, speakers, (i) => corpus[i] === c));
}

function makeSplit(name: string, speakers: readonly string[], isTest: (i: number) => boolean): Split {
  const train: number[] = [], test: number[] = [];
  for (let i = 0; i < speakers.length; i++) (isTest(i) ? test : train).push(i);
  const testSpeakers = [...new Set(test.map((i) => speakers[i]))].sort();
  const leak = train.find((i) => testSpeakers.includes(speakers[i]));
  if (leak !== undefined) throw new RangeError(`${name}: speaker ${speakers[leak]} is in both training and test rows`);
  return { name, train: Int32Array.from(train), test: Int32Array.from(test), testSpeakers };
}

/**
 * Splits training rows into fit and validation parts for early stopping: by speaker
 * when there are at least two, else by row, stratified by class.
 */
export function innerSplit(
  y: Int32Array, groups: readonly string[] | undefined, valFraction: number, rng: Rng,
): { train: Int32Array; val: Int32Array; valGroups: string[] } {
  const n = y.length;
  const ids = groups ? [...new Set(groups)].sort() : [];
  if (groups && ids.length >= 2) {
    shuffle(ids, rng);
    const k = Math.min(ids.length - 1, Math.max(1, Math.round(valFraction * ids.length)));
    const valGroups = ids.slice(0, k).sort();
    const held = new Set(valGroups);
    const train: number[] = [], val: number[] = [];
    for (let i = 0; i < n; i++) (held.has(groups[i]) ? val : train).push(i);
    return { train: Int32Array.from(train), val: Int32Array.from(val), valGroups };
  }
  if (n < 10 || valFraction <= 0) return { train: Int32Array.from(y.keys()), val: new Int32Array(0), valGroups: [] };
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const rows = byClass.get(y[i]);
    if (rows) rows.push(i);
    else byClass.set(y[i], [i]);
  }
  const train: number[] = [], val: number[] = [];
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = byClass.get(c)!;
    shuffle(rows, rng);
    const k = Math.min(rows.length - 1, Math.round(valFraction * rows.length));
    val.push(...rows.slice(0, k));
    train.push(...rows.slice(k));
  }
  return { train: Int32Array.from(train.sort((a, b) => a - b)), val: Int32Array.from(val.sort((a, b) => a - b)), valGroups: [] };
}
