// bench/webgpu.ts's inference part kept in step with the shipped model: it runs here on a
// few synthetic files, so a model retrained on another feature set or class count cannot
// leave the bench building vectors of the wrong length (as it did: "expects 3507 features,
// got 602"). Everything expected is read from the sidecar, models/emotion.json.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inferenceRows, modelVectors } from '../../../bench/webgpu-inference.ts';
import { createSetExtractor } from '../../../daemon/features/feature-sets.ts';
import { speechLike } from '../features/speech-like.ts';

const model = fileURLToPath(new URL('../../../models/emotion.onnx', import.meta.url));
const sidecar = JSON.parse(readFileSync(model.replace(/\.onnx$/, '.json'), 'utf8')) as { featureSet?: string; featureNames: string[]; classes: string[] };
const signals = [speechLike(0.8, 120, 1), speechLike(1.1, 200, 2), speechLike(0.6, 160, 3)];

test('the bench runs the shipped model on its own feature set (WASM EP)', async () => {
  const [row] = await inferenceRows(model, signals, ['wasm'], 0, 1);
  assert.is(row.actual, 'wasm');
  assert.is(row.featureSet, sidecar.featureSet ?? 'emotiond-v1');
  assert.is(row.features, sidecar.featureNames.length);
  assert.is(row.classes, sidecar.classes.length);
  assert.ok(row.batch1 > 0 && row.batch64 > 0);
});

test('the vectors follow the sidecar: another set gives that set, names that do not match are refused', async () => {
  const v1 = await createSetExtractor('emotiond-v1');
  const vs = await modelVectors({ name: 'old', featureSet: 'emotiond-v1', featureNames: [...v1.names] }, signals);
  assert.equal(vs.map((v) => v.values.length), [v1.names.length, v1.names.length, v1.names.length]);
  // A sidecar without featureSet predates set ids: emotiond-v1, as the daemon reads it.
  assert.is((await modelVectors({ name: 'older', featureNames: [...v1.names] }, signals.slice(0, 1)))[0].values.length, v1.names.length);
  try {
    await modelVectors({ name: 'odd', featureSet: 'emotiond-v1', featureNames: v1.names.slice(1) }, signals);
    assert.unreachable('should have failed');
  } catch (err) {
    assert.match(String(err), /model "odd": its 601 feature names are not those of emotiond-v1/);
  }
});

test.run();
