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
import { createSetExtractor, resolveFeatureSetId } from '../../../daemon/features/feature-sets.ts';
import { decodeAudioFile } from '../../../daemon/audio/decode.ts';
import { loadModelStages } from '../../../daemon/app/model-stages.ts';
import { degradeAudio, parseDegradation } from '../../../daemon/train/degrade.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const EMODB = join(ROOT, '../shared/datasets/emodb');
const withEmodb = existsSync(join(EMODB, 'labels.csv')) ? test : test.skip;

/** The extractor of the set the sidecar names (older models name none: emotiond-v1). */
async function modelsExtractor(sidecar: object) {
  const meta = sidecar as { featureSet?: unknown };
  return createSetExtractor(resolveFeatureSetId(typeof meta.featureSet === 'string' ? meta.featureSet : 'emotiond-v1'));
}
if (!existsSync(EMODB)) console.log('SKIP: ../shared/datasets/emodb is absent');

test('the shipped model loads and expects exactly the extractor\'s features', async () => {
  const classifier = await loadClassifier(join(ROOT, 'models/emotion.onnx'));
  const extractor = await modelsExtractor(classifier.meta);
  assert.equal(classifier.meta.featureNames, [...extractor.names]);
  // The shipped label set: the four classes all five training corpora have.
  assert.equal(classifier.meta.classes, ['anger', 'happiness', 'neutral', 'sadness']);
  await classifier.dispose();
});

test('the daemon builds the extractor the sidecar names', async () => {
  const path = join(ROOT, 'models/emotion.onnx');
  const meta = JSON.parse(readFileSync(join(ROOT, 'models/emotion.json'), 'utf8'));
  assert.is(meta.featureSet, 'egemaps-v02');
  const stages = await loadModelStages({ model: { path } } as Parameters<typeof loadModelStages>[0], { backend: 'wasm', ep: 'wasm' });
  assert.equal([...stages.extractor.names], meta.featureNames);
  await stages.classifier.dispose();
  await stages.extractor.dispose();
});

test('the shipped model is room-gated: a studio and two room models mixed by a gate, room copies named in the sidecar', async () => {
  const meta = JSON.parse(readFileSync(join(ROOT, 'models/emotion.json'), 'utf8'));
  assert.is(meta.training.members.length, 3);
  assert.equal(meta.training.gate.layers, [[meta.featureNames.length, 3]]);
  assert.equal(meta.training.augment, ['degrade:reverb:0.4+noise:15', 'noise:25']);
  assert.is(meta.training.fit.rooms.method, 'gated');
  // The gate told the training rows' room copies from the recordings.
  assert.ok(meta.training.fit.rooms.gate.trainingAccuracy > 0.95);
});

test('confidence spreads: the calibrated model does not say 1.00 to everything', async () => {
  const meta = JSON.parse(readFileSync(join(ROOT, 'models/emotion.json'), 'utf8'));
  const t = meta.training.fit.calibration.temperature;
  assert.ok(t > 1, `temperature ${t}: the raw model was overconfident on held-out corpora`);
  assert.ok(meta.training.fit.calibration.after.ece < meta.training.fit.calibration.before.ece);
});

withEmodb('classifies 10 EmoDB clips per class far above chance', async () => {
  const rows = readFileSync(join(EMODB, 'labels.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const perClass = new Map<string, string[][]>();
  for (const r of rows) perClass.set(r[4], [...(perClass.get(r[4]) ?? []), r]);
  const picked = ['anger', 'happiness', 'neutral', 'sadness'].flatMap((c) => perClass.get(c)!.filter((_, i) => i % 7 === 0).slice(0, 10));
  const classifier = await loadClassifier(join(ROOT, 'models/emotion.onnx'));
  const extractor = await modelsExtractor(classifier.meta);
  const feats = await Promise.all(picked.map(async (r) => extractor.extract((await decodeAudioFile(join(EMODB, r[0]))).samples)));
  const preds = await classifier.predictBatch(feats);
  const correct = preds.filter((p, i) => p.emotion === picked[i][4]).length;
  const acc = correct / picked.length;
  console.log(`  shipped model on ${picked.length} EmoDB training clips: accuracy ${(acc * 100).toFixed(1)}%`);
  // Chance is 1/4 over the model's classes.
  assert.ok(acc > 0.6, `accuracy ${acc}`);
  await classifier.dispose();
});

withEmodb('in a noisy, reverberant room it does not call everything anger', async () => {
  // The model before room gating called 334 of 339 held-out EmoDB clips anger in this room.
  const rows = readFileSync(join(EMODB, 'labels.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const picked = ['anger', 'happiness', 'neutral', 'sadness'].flatMap((c) => rows.filter((r) => r[4] === c).filter((_, i) => i % 9 === 4).slice(0, 5));
  const room = parseDegradation('noise:10,reverb:0.5');
  const classifier = await loadClassifier(join(ROOT, 'models/emotion.onnx'));
  const extractor = await modelsExtractor(classifier.meta);
  const feats = [];
  for (const r of picked) {
    const others = picked.filter((o) => o[1] !== r[1]).slice(0, 4);
    const audio = await degradeAudio(await decodeAudioFile(join(EMODB, r[0])), room, r[0], async () => Promise.all(others.map(async (o) => (await decodeAudioFile(join(EMODB, o[0]))).samples)));
    feats.push(await extractor.extract(audio.samples));
  }
  const preds = await classifier.predictBatch(feats);
  const anger = preds.filter((p) => p.emotion === 'anger').length;
  const acc = preds.filter((p, i) => p.emotion === picked[i][4]).length / picked.length;
  console.log(`  ${picked.length} EmoDB clips at RT60 0.5 s and 10 dB SNR: ${anger} called anger, accuracy ${(acc * 100).toFixed(1)}%`);
  assert.ok(anger <= picked.length / 2, `${anger} of ${picked.length} called anger`);
  assert.ok(acc > 0.4, `accuracy ${acc}`);
  await classifier.dispose();
});

test.run();
