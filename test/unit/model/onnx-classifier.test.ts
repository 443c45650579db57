import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { loadClassifier } from '../../../daemon/model/onnx-classifier.ts';
import type { Classifier, FeatureVector, ModelMeta } from '../../../daemon/core/types.ts';
import { writeModelFiles } from '../../../daemon/train/export-onnx.ts';
import { matrix } from '../../../daemon/train/linalg.ts';
import { fitModel } from '../../../daemon/train/models.ts';
import { predictProba, type TrainedModel } from '../../../daemon/train/network.ts';
import { syntheticClasses } from '../train/synthetic.ts';

const dir = mkdtempSync(join(tmpdir(), 'emotiond-model-'));
const data = syntheticClasses({ classes: 4, dims: 10, speakers: 4, perClassPerSpeaker: 6, seed: 3 });
let model: TrainedModel;
let good: string;
let classifier: Classifier;

const row = (i: number): FeatureVector => ({
  names: data.featureNames,
  values: Float32Array.from(data.x.data.subarray(i * data.x.cols, (i + 1) * data.x.cols)),
});

/** Copies the good pair under a new stem, letting the caller break one part. */
function variant(stem: string, edit: { onnx?: Uint8Array | null; meta?: (m: ModelMeta) => unknown; metaText?: string | null }): string {
  const onnxPath = join(dir, `${stem}.onnx`);
  if (edit.onnx === undefined) copyFileSync(good, onnxPath);
  else if (edit.onnx !== null) writeFileSync(onnxPath, edit.onnx);
  const meta = JSON.parse(readFileSync(good.replace(/onnx$/, 'json'), 'utf8')) as ModelMeta;
  const text = edit.metaText !== undefined ? edit.metaText : JSON.stringify(edit.meta ? edit.meta(meta) : meta);
  if (text !== null) writeFileSync(join(dir, `${stem}.json`), text);
  return onnxPath;
}

async function rejects(path: string, pattern: RegExp): Promise<void> {
  let err: (Error & { code?: string }) | undefined;
  try {
    await (await loadClassifier(path)).dispose();
  } catch (e) {
    err = e as Error & { code?: string };
  }
  assert.ok(err, `${path} loaded`);
  assert.is(err.code, 'MODEL_INVALID', err.message);
  assert.match(err.message, pattern);
}

test.before(async () => {
  model = fitModel('ensemble', { ...data, seed: 1 }, { mlp: { hidden: [8], maxEpochs: 20 } });
  good = (await writeModelFiles(model, dir, 'good', { note: 'test' })).onnxPath;
  classifier = await loadClassifier(good);
});

test.after(async () => {
  await classifier.dispose();
  rmSync(dir, { recursive: true, force: true });
});

test('predict: scores for every class, argmax, confidence, the same probabilities as training', async () => {
  const want = predictProba(model, matrix(1, data.x.cols, Float64Array.from(row(5).values)));
  const p = await classifier.predict(row(5));
  assert.equal(Object.keys(p.scores), data.classes);
  data.classes.forEach((c, j) => assert.ok(Math.abs(p.scores[c] - want.data[j]) < 1e-5, c));
  const best = Object.entries(p.scores).sort((a, b) => b[1] - a[1])[0];
  assert.is(p.emotion, best[0]);
  assert.is(p.confidence, best[1]);
  assert.ok(Math.abs(Object.values(p.scores).reduce((a, b) => a + b, 0) - 1) < 1e-12);
});

test('arousal and valence are the score-weighted means of the class dimensions', async () => {
  const p = await classifier.predict(row(30));
  const dims = classifier.meta.dimensions;
  const a = data.classes.reduce((s, c) => s + p.scores[c] * dims[c].arousal, 0);
  const v = data.classes.reduce((s, c) => s + p.scores[c] * dims[c].valence, 0);
  assert.ok(Math.abs(p.arousal - a) < 1e-12 && Math.abs(p.valence - v) < 1e-12);
  assert.equal(dims.anger, { arousal: 0.8, valence: -0.6 });
});

test('predictBatch gives what predict gives, row for row; an empty batch gives []', async () => {
  const rows = [0, 17, 44, 90].map(row);
  const batch = await classifier.predictBatch(rows);
  for (const [i, r] of rows.entries()) {
    const single = await classifier.predict(r);
    for (const c of data.classes) assert.ok(Math.abs(batch[i].scores[c] - single.scores[c]) < 1e-6);
  }
  assert.equal(await classifier.predictBatch([]), []);
});

test('concurrent predictions on one session all complete', async () => {
  const out = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => classifier.predict(row(i))));
  assert.is(out.length, 6);
});

test('non-finite feature values are replaced by 0', async () => {
  const bad = row(3);
  bad.values[2] = NaN;
  bad.values[4] = Infinity;
  const zeroed = row(3);
  zeroed.values[2] = 0;
  zeroed.values[4] = 0;
  assert.equal((await classifier.predict(bad)).scores, (await classifier.predict(zeroed)).scores);
});

test('feature names must match the model: count and order, with a clear message', async () => {
  const r = row(0);
  try {
    await classifier.predict({ names: r.names.slice(1), values: r.values.slice(1) });
    assert.unreachable();
  } catch (e) {
    assert.is((e as { code?: string }).code, 'FEATURES');
    assert.match((e as Error).message, /expects 10 features, got 9/);
  }
  const swapped = [...r.names];
  [swapped[3], swapped[4]] = [swapped[4], swapped[3]];
  try {
    await classifier.predictBatch([r, { names: swapped, values: r.values }]);
    assert.unreachable();
  } catch (e) {
    assert.match((e as Error).message, /feature 3 is "f4", expected "f3" \(batch row 1\)/);
  }
});

test('missing files', async () => {
  await rejects(join(dir, 'nothing.onnx'), /nothing\.onnx: ONNX model file not found/);
  await rejects(variant('nometa', { metaText: null }), /nometa\.json: model metadata \(sidecar JSON\) not found/);
  await rejects(join(dir, 'good.json'), /expected a path ending in \.onnx/);
});

test('corrupt ONNX bytes', async () => {
  await rejects(variant('corrupt', { onnx: new Uint8Array([8, 7, 0xff, 1, 2, 3, 4, 5]) }), /corrupt\.onnx: not a loadable ONNX model/);
  await rejects(variant('truncated', { onnx: readFileSync(good).subarray(0, 200) }), /truncated\.onnx: not a loadable ONNX model/);
});

test('sidecar JSON that is not JSON, or fails validation', async () => {
  await rejects(variant('syntax', { metaText: '{"name": ' }), /syntax\.json: not valid JSON/);
  await rejects(variant('nodims', { meta: (m) => ({ ...m, dimensions: { ...m.dimensions, anger: undefined } }) }), /nodims\.json: .*"dimensions" has no entry for class "anger"/);
  await rejects(variant('range', { meta: (m) => ({ ...m, dimensions: { ...m.dimensions, sadness: { arousal: 2, valence: 0 } } }) }), /"dimensions\.sadness\.arousal" must be a number in \[-1, 1\]/);
  await rejects(variant('dup', { meta: (m) => ({ ...m, classes: ['anger', 'anger', 'neutral', 'sadness'] }) }), /"classes" lists "anger" twice/);
  await rejects(variant('array', { metaText: '[]' }), /array\.json: invalid model metadata: not a JSON object/);
});

test('class count or feature count not matching the graph', async () => {
  await rejects(variant('classes', { meta: (m) => ({ ...m, classes: m.classes.slice(0, 3) }) }), /classes\.onnx: output "probabilities" has 4 classes but .*classes\.json lists 3 classes/);
  // Without the training statistics, which would be refused first for their own length (below).
  await rejects(variant('features', { meta: (m) => ({ ...m, featureNames: [...m.featureNames, 'extra'], featureStatistics: undefined }) }), /features\.onnx: input "features" takes 10 features but .*features\.json lists 11 featureNames/);
  await rejects(variant('stats', { meta: (m) => ({ ...m, featureNames: [...m.featureNames, 'extra'] }) }), /stats\.json: .*"featureStatistics" must hold "mean" and "std" \(positive\), one finite number per feature/);
  await rejects(variant('norm', { meta: (m) => ({ ...m, featureNormalisation: 'speaker' }) }), /norm\.json: .*"featureNormalisation" must be "device" when present/);
  await rejects(variant('normstats', { meta: (m) => ({ ...m, featureNormalisation: 'device', featureStatistics: undefined }) }), /normstats\.json: .*"featureNormalisation": "device" needs "featureStatistics"/);
});

test('a graph that outputs logits, not probabilities, is refused', async () => {
  const { onnx } = onnxProto;
  const w = new Float32Array(10 * 4).fill(0.5);
  const bytes = onnx.ModelProto.encode(onnx.ModelProto.create({
    irVersion: 7, opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'logits',
      node: [{ opType: 'MatMul', input: ['features', 'W'], output: ['probabilities'] }],
      initializer: [{ name: 'W', dims: [10, 4], dataType: 1, rawData: new Uint8Array(w.buffer) }],
      input: [{ name: 'features', type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'N' }, { dimValue: 10 }] } } } }],
      output: [{ name: 'probabilities', type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'N' }, { dimParam: 'C' }] } } } }],
    },
  })).finish();
  // Zero input gives all-zero logits: a row summing to 0, not 1.
  await rejects(variant('logits', { onnx: bytes }), /logits\.onnx: output "probabilities" is not a probability distribution/);
});

test('a disposed classifier refuses work; dispose twice is fine', async () => {
  const c = await loadClassifier(good);
  await c.dispose();
  await c.dispose();
  try {
    await c.predict(row(0));
    assert.unreachable();
  } catch (e) {
    assert.match((e as Error).message, /disposed/);
  }
});

test.run();
