// models/emotion.onnx on onnxruntime-web's WebGPU EP against its WASM EP, on the feature
// vectors of real clips (EmoDB, when ../shared/datasets is present) and synthetic speech:
// probabilities within 1e-4, one row at a time and in batches of 64.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeAudioFile } from '../../../daemon/audio/decode.ts';
import type { Classifier, FeatureVector } from '../../../daemon/core/types.ts';
import { createSetExtractor, resolveFeatureSetId } from '../../../daemon/features/feature-sets.ts';
import { loadClassifier } from '../../../daemon/model/onnx-classifier.ts';
import { runtimeForEp } from '../../../daemon/model/webgpu-env.ts';
import { speechLike } from '../features/speech-like.ts';
import { hasGpu } from './webgpu-gpu.ts';

const model = fileURLToPath(new URL('../../../models/emotion.onnx', import.meta.url));
const emodb = fileURLToPath(new URL('../../../../shared/datasets/emodb/wav/', import.meta.url));

async function classifier(ep: 'wasm' | 'webgpu'): Promise<Classifier> {
  const r = await runtimeForEp(ep);
  assert.is(r.ep, ep, r.note);
  return loadClassifier(model, { runtime: r.runtime, executionProviders: r.executionProviders });
}

async function vectors(): Promise<FeatureVector[]> {
  // The feature set the model's sidecar names (models before set ids: emotiond-v1).
  const set = JSON.parse(readFileSync(model.replace(/\.onnx$/, '.json'), 'utf8')).featureSet ?? 'emotiond-v1';
  const e = await createSetExtractor(resolveFeatureSetId(set));
  const xs = Array.from({ length: 16 }, (_, i) => speechLike(0.5 + (i % 5) * 0.4, 100 + 13 * i, i + 1));
  if (existsSync(emodb)) {
    const files = readdirSync(emodb).filter((f) => f.endsWith('.wav')).sort().filter((_, i) => i % 11 === 0).slice(0, 48);
    for (const f of files) xs.push((await decodeAudioFile(emodb + f)).samples);
  } else {
    console.log('EmoDB absent (../shared/datasets): synthetic speech only');
    for (let i = 16; i < 64; i++) xs.push(speechLike(1 + (i % 3) * 0.5, 90 + 7 * i, i + 1));
  }
  return xs.map((x) => e.extract(x));
}

const maxDiff = (a: { scores: Record<string, number> }[], b: { scores: Record<string, number> }[]): number =>
  Math.max(...a.flatMap((p, i) => Object.keys(p.scores).map((k) => Math.abs(p.scores[k] - b[i].scores[k]))));

(hasGpu ? test : test.skip)('WebGPU EP matches the WASM EP within 1e-4 at batch 1 and 64', async () => {
  const [gpu, cpu] = [await classifier('webgpu'), await classifier('wasm')];
  const fv = await vectors();
  assert.is(fv.length, 64);
  const ones = [await Promise.all(fv.slice(0, 8).map((v) => gpu.predict(v))), await Promise.all(fv.slice(0, 8).map((v) => cpu.predict(v)))];
  const batch = [await gpu.predictBatch(fv), await cpu.predictBatch(fv)];
  const d1 = maxDiff(ones[0], ones[1]), d64 = maxDiff(batch[0], batch[1]);
  console.log(`max |p_webgpu - p_wasm|: batch 1 ${d1.toExponential(1)}, batch 64 ${d64.toExponential(1)}`);
  assert.ok(d1 <= 1e-4 && d64 <= 1e-4, `${d1} ${d64}`);
  assert.equal(batch[0].map((p) => p.emotion), batch[1].map((p) => p.emotion));
  await Promise.all([gpu.dispose(), cpu.dispose()]);
});
if (!hasGpu) console.log('skipped the WebGPU EP parity test: no WebGPU adapter');

test.run();
