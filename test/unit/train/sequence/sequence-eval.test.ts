// Cross-validation of the frame CNN end to end on a tiny on-disk corpus (tones whose
// pitch and loudness follow the emotion): frame cache, splits, fusion with logistic
// regression, and the refusal of rows that do not line up.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataset } from '../../../../daemon/train/dataset.ts';
import { resolveFeatureSource } from '../../../../daemon/train/feature-source.ts';
import type { FrameSource } from '../../../../daemon/train/sequence/frame-cache.ts';
import { evaluateSequenceModel } from '../../../../daemon/train/sequence/sequence-eval.ts';
import { decodeTiny, tinyExtractor, writeTinyCorpus } from '../tiny-corpus.ts';

const dir = mkdtempSync(join(tmpdir(), 'emotiond-seq-'));
writeTinyCorpus(join(dir, 'corpus'), { speakers: 4, perClass: 5, folds: 2 });
const corpora = [{ name: 'tiny', dir: join(dir, 'corpus') }];

/** 10 ms frames of 25 ms: log energy and zero-crossing rate (enough to tell the tones apart). */
function tinyFrames(): FrameSource & { calls: number } {
  const src = {
    columns: ['log_energy', 'zcr'], version: 'tiny-1', decode: decodeTiny, calls: 0,
    frames(x: Float32Array) {
      src.calls++;
      const t = Math.max(1, Math.floor((x.length - 400) / 160) + 1), out = new Float32Array(t * 2);
      for (let f = 0; f < t; f++) {
        let e = 0, z = 0;
        for (let i = f * 160; i < Math.min(x.length, f * 160 + 400); i++) {
          e += x[i] * x[i];
          if (i > f * 160 && (x[i] >= 0) !== (x[i - 1] >= 0)) z++;
        }
        out[f * 2] = 10 * Math.log10(e / 400 + 1e-10);
        out[f * 2 + 1] = z / 400;
      }
      return out;
    },
  };
  return src;
}

const cnn = { convs: [{ channels: 6, kernel: 3, stride: 2 }, { channels: 6, kernel: 3, stride: 1 }], maxEpochs: 40, patience: 10, batchSize: 4, learningRate: 1e-2, timeMasks: 0, channelMasks: 0 };

test('folds protocol: the CNN separates the tones; fusion figures come with the report', async () => {
  const frames = tinyFrames();
  const functionals = await loadDataset(corpora, await resolveFeatureSource({ extractor: tinyExtractor(), decode: decodeTiny, extractorVersion: 't' }), { useCache: false });
  const cacheDir = join(dir, 'cache');
  const r = await evaluateSequenceModel({ corpora, protocol: 'folds', cnn, frames, functionals, columns: frames.columns, cacheDir, seed: 3 });
  assert.is(r.model, 'cnn');
  assert.is(r.rows, 60);
  assert.is(r.folds.length, 2);
  assert.ok(r.uar >= 0.8, `UAR ${r.uar}`);
  assert.ok(r.fusion && r.fusion.logreg.uar > 0.5 && r.fusion.mean.uar > 0.5);
  assert.is(r.sequence.foldFits.length, 2);
  // Early stopping only ever held out training speakers.
  r.folds.forEach((f, i) => {
    for (const s of r.sequence.foldFits[i].innerValSpeakers as string[]) assert.not.ok(f.testSpeakers.includes(s));
  });
  // Second run: every file's frames come from the cache.
  assert.is(frames.calls, 60);
  assert.ok(readdirSync(cacheDir).some((f) => f.endsWith('.f32')));
  const again = tinyFrames();
  const r2 = await evaluateSequenceModel({ corpora, protocol: 'folds', cnn, frames: again, columns: again.columns, cacheDir, seed: 3, fusion: false });
  assert.is(again.calls, 0);
  assert.is(r2.uar, r.uar);
  assert.is(r2.fusion, undefined);
});

test('functional rows that do not line up with the sequences are refused', async () => {
  const frames = tinyFrames();
  const functionals = await loadDataset(corpora, await resolveFeatureSource({ extractor: tinyExtractor(), decode: decodeTiny, extractorVersion: 't' }), { useCache: false });
  functionals.paths.reverse();
  try {
    await evaluateSequenceModel({ corpora, protocol: 'loso', cnn, frames, functionals, columns: frames.columns, useCache: false });
    assert.unreachable('should refuse');
  } catch (err) {
    assert.match((err as Error).message, /do not line up/);
  }
});

test('loco protocol: one fold per corpus, trained on the others only; a corpus lacking a class is named', async () => {
  writeTinyCorpus(join(dir, 'other'), { speakers: 3, perClass: 4, folds: 1, seed: 7 });
  const two = [...corpora, { name: 'other', dir: join(dir, 'other') }];
  const frames = tinyFrames();
  const r = await evaluateSequenceModel({ corpora: two, protocol: 'loco', cnn, frames, columns: frames.columns, useCache: false, seed: 3, fusion: false });
  assert.is(r.protocol, 'loco');
  assert.equal(r.folds.map((f) => f.name), ['held out tiny', 'held out other']);
  assert.is(r.rows, 60 + 3 * 4 * 3);
  r.folds.forEach((f, i) => {
    const held = ['tiny', 'other'][i];
    assert.ok(f.testSpeakers.every((s) => s.startsWith(`${held}:`)));
    assert.is(f.trainRows + f.testRows, r.rows);
    // Early stopping held out speakers of the training corpus only.
    for (const s of r.sequence.foldFits[i].innerValSpeakers as string[]) assert.not.ok(s.startsWith(`${held}:`));
  });
  assert.ok(r.uar >= 0.7, `UAR ${r.uar}`);

  const labels = join(dir, 'other', 'labels.csv');
  const lines = readFileSync(labels, 'utf8').trim().split('\n');
  const dropped = lines[1].split(',')[3];
  writeFileSync(labels, lines.filter((l) => l.split(',')[3] !== dropped).join('\n') + '\n');
  try {
    await evaluateSequenceModel({ corpora: two, protocol: 'loco', cnn, frames, columns: frames.columns, useCache: false, fusion: false });
    assert.unreachable('should refuse');
  } catch (err) {
    assert.match((err as Error).message, new RegExp(`corpus 'other' has no ${dropped}`));
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
