// `emotiond train --model cnn` writes a graph onnxruntime-web loads and a sidecar naming the
// frame columns, and the file scores what the trained network scores.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { OUTPUT_NAME } from '../../../../daemon/train/export-onnx.ts';
import { FRAMES_INPUT } from '../../../../daemon/train/sequence/cnn-onnx.ts';
import { trainSequenceModel } from '../../../../daemon/train/sequence/sequence-train.ts';
import { decodeTiny, writeTinyCorpus } from '../tiny-corpus.ts';

ort.env.wasm.numThreads = 1;
const dir = mkdtempSync(join(tmpdir(), 'emotiond-seqtrain-'));
writeTinyCorpus(join(dir, 'corpus'), { speakers: 3, perClass: 3 });

test('writes <name>.onnx and <name>.json; the graph runs on a frame matrix', async () => {
  const source = {
    columns: ['log_energy', 'zcr'], version: 't', decode: decodeTiny,
    frames: (x: Float32Array) => {
      const t = Math.floor(x.length / 160), out = new Float32Array(t * 2);
      for (let f = 0; f < t; f++) { out[f * 2] = Math.log10(1e-6 + Math.abs(x[f * 160])); out[f * 2 + 1] = x[f * 160 + 1] >= 0 ? 1 : 0; }
      return out;
    },
  };
  const r = await trainSequenceModel({
    corpora: [{ name: 'tiny', dir: join(dir, 'corpus') }], out: join(dir, 'out'), name: 'tiny-cnn', useCache: false,
    cnn: { convs: [{ channels: 4, kernel: 3, stride: 2 }], maxEpochs: 2 }, source, columns: source.columns,
  });
  const meta = JSON.parse(readFileSync(r.metaPath, 'utf8'));
  assert.equal(meta.featureNames, ['log_energy', 'zcr']);
  assert.equal(meta.classes, ['anger', 'neutral', 'sadness']);
  assert.is(meta.training.input, FRAMES_INPUT);
  assert.is(meta.training.frames.minFrames, 1);
  const session = await ort.InferenceSession.create(readFileSync(r.onnxPath), { executionProviders: ['wasm'] });
  const out = await session.run({ [FRAMES_INPUT]: new ort.Tensor('float32', new Float32Array(30 * 2).fill(0.5), [1, 30, 2]) });
  const p = out[OUTPUT_NAME].data as Float32Array;
  assert.is(p.length, 3);
  assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-5);
  await session.release();
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
