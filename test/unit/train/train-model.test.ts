// End to end: labels.csv -> features (cached) -> model -> ONNX + JSON -> loadClassifier.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadClassifier } from '../../../daemon/model/onnx-classifier.ts';
import { evaluateModel, formatReport, trainModel, type TrainProgress } from '../../../daemon/train/index.ts';
import { decodeTiny, tinyExtractor, writeTinyCorpus } from './tiny-corpus.ts';

const root = mkdtempSync(join(tmpdir(), 'emotiond-train-'));
writeTinyCorpus(join(root, 'a'), { speakers: 4, perClass: 5, folds: 2, seed: 1 });
writeTinyCorpus(join(root, 'b'), { speakers: 3, perClass: 5, folds: 3, seed: 2 });
const corpora = [{ name: 'tinya', dir: join(root, 'a') }, { name: 'tinyb', dir: join(root, 'b') }];
const common = { extractor: tinyExtractor(), extractorVersion: 't1', decode: decodeTiny, cacheDir: join(root, 'cache') };
const mlp = { mlp: { hidden: [8], maxEpochs: 60, patience: 10 } };
test.after(() => rmSync(root, { recursive: true, force: true }));

test('trainModel writes an ONNX + JSON pair that loadClassifier serves, with provenance', async () => {
  const progress: TrainProgress[] = [];
  const res = await trainModel({
    ...common, ...mlp, corpora, out: join(root, 'models'), model: 'ensemble', seed: 5,
    evaluate: 'loso', command: 'emotiond train --model ensemble', onProgress: (p) => progress.push(p),
  });
  assert.is(res.onnxPath, join(root, 'models', 'tinya-tinyb-ensemble.onnx'));
  assert.ok(existsSync(res.metaPath));
  const meta = JSON.parse(readFileSync(res.metaPath, 'utf8'));
  assert.equal(meta.classes, ['anger', 'neutral', 'sadness']);
  assert.equal(meta.featureNames, common.extractor.names);
  assert.equal(meta.dimensions.sadness, { arousal: -0.6, valence: -0.7 });
  assert.is(meta.training.seed, 5);
  assert.is(meta.training.rows, 105);
  assert.equal(meta.training.corpora.map((c: { name: string }) => c.name), ['tinya', 'tinyb']);
  assert.is(meta.training.features.set, 'injected');
  assert.is(meta.training.trainedAt, undefined, 'no time stamp: retraining gives the same bytes');
  assert.is(meta.training.evaluation.protocol, 'loso');
  assert.ok(meta.training.evaluation.uar > 0.8, `cv UAR ${meta.training.evaluation.uar}`);
  assert.equal([...new Set(progress.map((p) => p.stage))], ['corpus', 'features', 'fold', 'fit', 'export']);

  const classifier = await loadClassifier(res.onnxPath);
  try {
    const ex = tinyExtractor();
    for (const [file, want] of [['spk0/anger-0.f32', 'anger'], ['spk2/sadness-1.f32', 'sadness'], ['spk3/neutral-4.f32', 'neutral']]) {
      const p = await classifier.predict(ex.extract((await decodeTiny(join(root, 'a', file))).samples));
      assert.is(p.emotion, want, file);
    }
  } finally {
    await classifier.dispose();
  }
});

test('evaluateModel: LOSO over both corpora keeps speakers apart and reports everything', async () => {
  const r = await evaluateModel({ ...common, corpora, protocol: 'loso', model: 'logreg' });
  assert.is(r.folds.length, 7);
  for (const f of r.folds) assert.is(f.testSpeakers.length, 1);
  assert.is(r.rows, 105);
  assert.ok(r.uar > 0.8 && r.wa > 0.8, `UAR ${r.uar}`);
  assert.equal(Object.keys(r.perCorpus), ['tinya', 'tinyb']);
  assert.equal(Object.keys(r.perSpeakerAccuracy).length, 7);
  assert.is(r.confusion.flat().reduce((a, b) => a + b, 0), 105);
  const table = formatReport(r);
  assert.match(table, /logreg \| loso \| tinya \(60\), tinyb \(45\)/);
  assert.match(table, /UAR \d+\.\d%/);
  assert.match(table, /confusion \(rows: true, columns: predicted\)/);
  assert.ok(JSON.parse(JSON.stringify(r)).uar > 0.8);
});

test('evaluateModel with the fold column; same seed, same figures', async () => {
  const opts = { ...common, ...mlp, corpora: [corpora[0]], protocol: 'folds' as const, model: 'mlp' as const, seed: 3 };
  const a = await evaluateModel(opts);
  const b = await evaluateModel(opts);
  assert.equal(a.folds.map((f) => f.name), ['fold 1', 'fold 2']);
  assert.equal(a.folds[0].testSpeakers, ['tinya:00', 'tinya:02']);
  assert.equal(a.confusion, b.confusion);
  assert.is(a.uar, b.uar);
});

test('training twice with the same seed writes byte-identical model files (the default model, C chosen by inner CV)', async () => {
  const run = (out: string) => trainModel({ ...common, corpora, out: join(root, out), name: 'same', model: 'logreg', seed: 2, command: 'emotiond train' });
  const [a, b] = [await run('det-a'), await run('det-b')];
  assert.ok(readFileSync(a.onnxPath).equals(readFileSync(b.onnxPath)), 'onnx differs');
  assert.ok(readFileSync(a.metaPath).equals(readFileSync(b.metaPath)), 'json differs');
  const fit = JSON.parse(readFileSync(a.metaPath, 'utf8')).training.fit.logreg;
  assert.is(fit.requested, 'cv');
  assert.ok(Object.keys(fit.innerUar).length > 1, 'inner CV ran over the training speakers');
});

test('the fold protocol refuses a corpus without folds, naming the protocol', async () => {
  const nf = join(root, 'nf');
  writeTinyCorpus(nf, { speakers: 2, perClass: 2 });
  const csv = readFileSync(join(nf, 'labels.csv'), 'utf8').split('\n').map((l) => l.replace(/,[^,]*$/, '')).join('\n');
  writeFileSync(join(nf, 'labels.csv'), csv);
  let err: (Error & { code?: string }) | undefined;
  try {
    await evaluateModel({ ...common, corpora: [corpora[0], { name: 'nf', dir: nf }], protocol: 'folds', model: 'logreg' });
  } catch (e) { err = e as Error & { code?: string }; }
  assert.is(err?.code, 'USAGE');
  assert.match(err!.message, /protocol 'folds': row 60 \(speaker nf:00\) has no fold/);
});

test.run();
