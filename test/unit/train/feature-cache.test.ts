import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCorpus } from '../../../daemon/train/corpus.ts';
import { loadDataset } from '../../../daemon/train/dataset.ts';
import { corpusFeatures, extractorSignature } from '../../../daemon/train/feature-cache.ts';
import { decodeTiny, tinyExtractor, writeTinyCorpus } from './tiny-corpus.ts';

const root = mkdtempSync(join(tmpdir(), 'emotiond-cache-'));
const corpusDir = join(root, 'tiny');
const cacheDir = join(root, 'cache');
writeTinyCorpus(corpusDir, { speakers: 2, perClass: 3 });
test.after(() => rmSync(root, { recursive: true, force: true }));

test('first run extracts every file, second run reads the same rows from the cache', async () => {
  const corpus = await readCorpus({ name: 'tiny', dir: corpusDir });
  const ex = tinyExtractor();
  const progress: string[] = [];
  const first = await corpusFeatures(corpus, { extractor: ex, version: 'v1', decode: decodeTiny }, { cacheDir, onProgress: (p) => progress.push(p.message) });
  assert.is(first.extracted, 18);
  assert.is(ex.calls, 18);
  assert.is(progress.at(-1), 'tiny: features 18/18 files (0 cached)');
  assert.ok(readdirSync(cacheDir).some((f) => f.endsWith('.f32')));
  const second = await corpusFeatures(corpus, { extractor: ex, version: 'v1', decode: decodeTiny }, { cacheDir });
  assert.is(second.extracted, 0);
  assert.is(second.fromCache, 18);
  assert.is(ex.calls, 18);
  assert.equal([...second.rows], [...first.rows]);
});

test('a new version or new feature names miss the cache; useCache=false neither reads nor writes', async () => {
  const corpus = await readCorpus({ name: 'tiny', dir: corpusDir });
  const ex = tinyExtractor();
  await corpusFeatures(corpus, { extractor: ex, version: 'v2', decode: decodeTiny }, { cacheDir });
  assert.is(ex.calls, 18);
  const other = join(root, 'unused-cache');
  await corpusFeatures(corpus, { extractor: ex, version: 'v1', decode: decodeTiny }, { cacheDir: other, useCache: false });
  assert.is(ex.calls, 36);
  assert.not.ok(existsSync(other));
  assert.is.not(extractorSignature(['a', 'b'], 'v1'), extractorSignature(['a', 'c'], 'v1'));
  assert.is.not(extractorSignature(['a'], 'v1'), extractorSignature(['a'], 'v2'));
});

test('files added to labels.csv are the only ones extracted', async () => {
  const ex = tinyExtractor();
  writeFileSync(join(corpusDir, 'spk1', 'extra.f32'), new Uint8Array(new Float32Array(800).fill(0.1).buffer));
  appendFileSync(join(corpusDir, 'labels.csv'), 'spk1/extra.f32,01,f,neutral,0.05,2\n');
  const corpus = await readCorpus({ name: 'tiny', dir: corpusDir });
  const res = await corpusFeatures(corpus, { extractor: ex, version: 'v1', decode: decodeTiny }, { cacheDir });
  assert.is(res.extracted, 1);
  assert.is(res.fromCache, 18);
});

test('a file that cannot be decoded is named in the error; files done before it stay cached', async () => {
  const corpus = await readCorpus({ name: 'tiny', dir: corpusDir });
  corpus.entries[5] = { ...corpus.entries[5], path: join(corpusDir, 'missing.f32'), relPath: 'missing.f32' };
  const ex = tinyExtractor();
  const fresh = join(root, 'cache-fail');
  let err: (Error & { code?: string }) | undefined;
  try {
    await corpusFeatures(corpus, { extractor: ex, version: 'v1', decode: decodeTiny }, { cacheDir: fresh });
  } catch (e) { err = e as Error & { code?: string }; }
  assert.is(err?.code, 'AUDIO_IO');
  assert.match(err!.message, /missing\.f32/);
  const again = await corpusFeatures(corpus, { extractor: ex, version: 'v1', decode: decodeTiny }, { cacheDir: fresh, skipUnreadable: true });
  assert.is(again.fromCache, 5);
  assert.equal(again.failed.map((f) => f.path), ['missing.f32']);
  assert.match(again.failed[0].error, /missing\.f32/);
});

test('skipUnreadable leaves the file out of the dataset and says so', async () => {
  appendFileSync(join(corpusDir, 'labels.csv'), 'spk0/gone.f32,00,m,anger,1.0,1\n');
  const src = { extractor: tinyExtractor(), version: 'v1', decode: decodeTiny };
  const ds = await loadDataset([{ name: 'tiny', dir: corpusDir }], src, { cacheDir, skipUnreadable: true });
  assert.equal(ds.skipped.map((s) => `${s.corpus}/${s.path}`), ['tiny/spk0/gone.f32']);
  assert.not.ok(ds.paths.some((p) => p.endsWith('gone.f32')));
  assert.is(ds.y.length, ds.corpora[0].rows);
});

test('the dataset prefixes speakers by corpus, sorts classes, and zeroes non-finite values', async () => {
  // A silent file makes log(peak / rms) NaN.
  writeFileSync(join(corpusDir, 'spk0', 'silent.f32'), new Uint8Array(new Float32Array(800).buffer));
  appendFileSync(join(corpusDir, 'labels.csv'), 'spk0/silent.f32,00,m,sadness,0.05,1\n');
  const ds = await loadDataset([{ name: 'tiny', dir: corpusDir }], { extractor: tinyExtractor(), version: 'v1', decode: decodeTiny }, { cacheDir, skipUnreadable: true });
  assert.equal(ds.classes, ['anger', 'neutral', 'sadness']);
  assert.equal([...new Set(ds.speakers)].sort(), ['tiny:00', 'tiny:01']);
  assert.ok(ds.nonFinite >= 1);
  assert.ok(ds.x.data.every(Number.isFinite));
  assert.equal(ds.corpora[0].classCounts, { anger: 6, neutral: 7, sadness: 7 });
});

test.run();
