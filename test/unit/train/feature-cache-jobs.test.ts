// The extraction step of train and eval on worker threads: with the product's extractor
// (emotiond-extended-v2, WASM) and decoder, 2 workers give the rows one thread gives, bit
// for bit and in the corpus's order; a file that cannot be decoded is named.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import wavefile from 'wavefile';
import { readCorpus } from '../../../daemon/train/corpus.ts';
import { corpusFeatures } from '../../../daemon/train/feature-cache.ts';
import { resolveFeatureSource } from '../../../daemon/train/feature-source.ts';
import { speechLike } from '../features/speech-like.ts';

const root = mkdtempSync(join(tmpdir(), 'emotiond-jobs-'));
test.after(() => rmSync(root, { recursive: true, force: true }));

function writeCorpus(dir: string, broken = false): void {
  mkdirSync(join(dir, 'spk1'), { recursive: true });
  const lines = ['path,speaker,gender,emotion,duration_s,fold'];
  ['anger', 'neutral', 'sadness', 'anger', 'neutral'].forEach((emotion, i) => {
    const w = new wavefile.WaveFile();
    w.fromScratch(1, 16000, '16', Int16Array.from(speechLike(0.6 + 0.2 * i, 120 + 30 * i, i + 1), (v) => Math.round(Math.max(-1, Math.min(1, v)) * 32767)));
    const rel = `spk1/f${i}.wav`;
    writeFileSync(join(dir, rel), broken && i === 2 ? 'RIFF\x10\x00\x00\x00WAVEjunk' : w.toBuffer());
    lines.push(`${rel},01,f,${emotion},1.0,1`);
  });
  writeFileSync(join(dir, 'labels.csv'), lines.join('\n') + '\n');
}

test('2 workers give the rows of one thread, bit for bit', async () => {
  writeCorpus(join(root, 'ok'));
  const corpus = await readCorpus({ name: 'ok', dir: join(root, 'ok') });
  const src = await resolveFeatureSource({ featureSet: 'extended2' });
  assert.ok(src.inWorkers, 'the product source can run in workers');
  const one = await corpusFeatures(corpus, src, { useCache: false, jobs: 1 });
  const two = await corpusFeatures(corpus, src, { useCache: false, jobs: 2 });
  assert.is(two.extracted, 5);
  assert.is(one.rows.length, 5 * one.names.length);
  assert.equal(new Uint8Array(two.rows.buffer), new Uint8Array(one.rows.buffer));
});

test('a file that cannot be decoded is named; with skipUnreadable the others are kept', async () => {
  writeCorpus(join(root, 'bad'), true);
  const corpus = await readCorpus({ name: 'bad', dir: join(root, 'bad') });
  const src = await resolveFeatureSource({ featureSet: 'extended2' });
  try {
    await corpusFeatures(corpus, src, { useCache: false, jobs: 2 });
    assert.unreachable('should have failed');
  } catch (err) {
    assert.match(String(err), /spk1\/f2\.wav/);
  }
  const kept = await corpusFeatures(corpus, src, { useCache: false, jobs: 2, skipUnreadable: true });
  assert.equal(kept.failed.map((f) => f.path), ['spk1/f2.wav']);
  assert.is(kept.extracted, 4);
});

test.run();
