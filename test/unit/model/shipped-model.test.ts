// The shipped model with the shipped extractor: loads, agrees on feature names, and
// labels EmoDB clips far above chance. The clips are in its training data, so this checks
// that deployment matches training (features, graph, class order), not how well it
// generalises: that is `emotiond eval`'s speaker-independent figure (models/README.md).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadClassifier } from '../../../daemon/model/onnx-classifier.ts';
import { createFeatureExtractor } from '../../../daemon/features/extractor.ts';
import { decodeAudioFile } from '../../../daemon/audio/decode.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const EMODB = join(ROOT, '../shared/datasets/emodb');
const withEmodb = existsSync(join(EMODB, 'labels.csv')) ? test : test.skip;
if (!existsSync(EMODB)) console.log('SKIP: ../shared/datasets/emodb is absent');

test('the shipped model loads and expects exactly the extractor\'s features', async () => {
  const classifier = await loadClassifier(join(ROOT, 'models/emotion.onnx'));
  const extractor = await createFeatureExtractor();
  assert.equal(classifier.meta.featureNames, [...extractor.names]);
  assert.ok(classifier.meta.classes.length >= 7);
  await classifier.dispose();
});

withEmodb('classifies 10 EmoDB clips per class far above chance', async () => {
  const rows = readFileSync(join(EMODB, 'labels.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const perClass = new Map<string, string[][]>();
  for (const r of rows) perClass.set(r[4], [...(perClass.get(r[4]) ?? []), r]);
  const picked = [...perClass.values()].flatMap((rs) => rs.filter((_, i) => i % 7 === 0).slice(0, 10));
  const classifier = await loadClassifier(join(ROOT, 'models/emotion.onnx'));
  const extractor = await createFeatureExtractor();
  const feats = await Promise.all(picked.map(async (r) => extractor.extract((await decodeAudioFile(join(EMODB, r[0]))).samples)));
  const preds = await classifier.predictBatch(feats);
  const correct = preds.filter((p, i) => p.emotion === picked[i][4]).length;
  const acc = correct / picked.length;
  console.log(`  shipped model on ${picked.length} EmoDB training clips: accuracy ${(acc * 100).toFixed(1)}%`);
  // Chance is 1/7 over EmoDB's classes (1/9 over the model's).
  assert.ok(acc > 0.6, `accuracy ${acc}`);
  await classifier.dispose();
});

test.run();
