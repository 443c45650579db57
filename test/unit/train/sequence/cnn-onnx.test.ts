// The exported CNN graph must compute what the TypeScript forward pass computes, on
// utterances of real lengths (one segment per call, as the daemon would run it).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ort from 'onnxruntime-web';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OUTPUT_NAME } from '../../../../daemon/train/export-onnx.ts';
import { createRng } from '../../../../daemon/train/rng.ts';
import { initCnn, minFrames, predictSequence, type PoolKind } from '../../../../daemon/train/sequence/cnn.ts';
import { buildCnnOnnx, FRAMES_INPUT } from '../../../../daemon/train/sequence/cnn-onnx.ts';
import { SEQUENCE_COLUMNS } from '../../../../daemon/train/sequence/sequence-dataset.ts';
import { CNN_DEFAULTS, frameStats, trainCnn } from '../../../../daemon/train/sequence/train-cnn.ts';
import { productFrameSource } from '../../../../daemon/train/sequence/frame-cache.ts';
import { speechSpan } from '../../../../daemon/train/sequence/sequence-dataset.ts';

const emodbWavs = fileURLToPath(new URL('../../../../../shared/datasets/emodb/wav/', import.meta.url));
import { TOY_CLASSES, toySequences } from './sequence-toy.ts';

ort.env.wasm.numThreads = 1;

/** A network of the default shape over the real 27 columns, with non-trivial statistics and biases. */
function defaultShapeNet(seed: number, pool: PoolKind[] = [...CNN_DEFAULTS.pool]) {
  const rng = createRng(seed);
  const classes = ['anger', 'boredom', 'disgust', 'fear', 'happiness', 'neutral', 'sadness'];
  const net = initCnn(SEQUENCE_COLUMNS, classes, CNN_DEFAULTS.convs, rng, pool);
  for (let j = 0; j < net.mean.length; j++) { net.mean[j] = rng.normal() * 5; net.std[j] = 0.5 + rng.next() * 3; }
  for (const L of net.convs) for (let i = 0; i < L.bias.length; i++) L.bias[i] = 0.05 * rng.normal();
  for (let i = 0; i < net.head.bias.length; i++) net.head.bias[i] = 0.1 * rng.normal();
  return { net, rng };
}

async function maxDiff(net: ReturnType<typeof defaultShapeNet>['net'], seqs: Float32Array[]): Promise<number> {
  const session = await ort.InferenceSession.create(buildCnnOnnx(net), { executionProviders: ['wasm'] });
  const c = net.columns.length;
  let worst = 0;
  try {
    assert.equal(session.inputNames, [FRAMES_INPUT]);
    for (const s of seqs) {
      const t = s.length / c;
      const out = await session.run({ [FRAMES_INPUT]: new ort.Tensor('float32', s, [1, t, c]) });
      const got = out[OUTPUT_NAME].data as Float32Array;
      assert.is(got.length, net.classes.length);
      const want = predictSequence(net, s, t);
      got.forEach((v, j) => { worst = Math.max(worst, Math.abs(v - want[j])); });
    }
  } finally {
    await session.release();
  }
  return worst;
}

test('default-shape CNN: ONNX and TypeScript probabilities agree to 1e-4 at real utterance lengths', async () => {
  const { net, rng } = defaultShapeNet(4);
  const c = net.columns.length;
  // 0.4 s (the shortest VAD segment) to 9 s, odd lengths included: stride arithmetic must match.
  const lengths = [minFrames(net.convs), 40, 121, 250, 257, 503, 900];
  const seqs = lengths.map((t) => Float32Array.from({ length: t * c }, (_, i) => net.mean[i % c] + net.std[i % c] * rng.normal()));
  const d = await maxDiff(net, seqs);
  assert.ok(d <= 1e-4, `max abs diff ${d}`);
});

test('mean, standard deviation and max pooling: agree to 1e-4', async () => {
  const { net, rng } = defaultShapeNet(9, ['mean', 'std', 'max']);
  const c = net.columns.length;
  const seqs = [minFrames(net.convs), 77, 333].map((t) => Float32Array.from({ length: t * c }, (_, i) => net.mean[i % c] + net.std[i % c] * rng.normal()));
  const d = await maxDiff(net, seqs);
  assert.ok(d <= 1e-4, `max abs diff ${d}`);
});

test('a trained CNN (toy data) exports with the same predictions', async () => {
  const data = toySequences({ speakers: 4, perClass: 6, seed: 2 });
  const fit = trainCnn(data, TOY_CLASSES, { convs: [{ channels: 6, kernel: 5, stride: 2 }, { channels: 6, kernel: 3, stride: 2 }], maxEpochs: 5 }, 3);
  const d = await maxDiff(fit.network as never, data.seqs.slice(0, 12));
  assert.ok(d <= 1e-4, `max abs diff ${d}`);
});

// Real frames carry what random ones do not: -100 dB silence, F0 and HNR at 0 when unvoiced.
(existsSync(emodbWavs) ? test : test.skip)('EmoDB frames (8 files, the product LLD pipeline, trimmed): agree to 1e-4', async () => {
  const src = await productFrameSource();
  const pick = SEQUENCE_COLUMNS.map((col) => src.columns.indexOf(col)), all = src.columns.length, e = src.columns.indexOf('log_energy');
  const seqs: Float32Array[] = [];
  for (const f of readdirSync(emodbWavs).filter((n) => n.endsWith('.wav')).sort().filter((_, i) => i % 67 === 0).slice(0, 8)) {
    const full = src.frames((await src.decode(emodbWavs + f)).samples), t = full.length / all;
    const [a, b] = speechSpan((q) => full[q * all + e], t);
    const out = new Float32Array((b - a) * pick.length);
    for (let q = a; q < b; q++) pick.forEach((j, k) => { out[(q - a) * pick.length + k] = full[q * all + j]; });
    seqs.push(out);
  }
  const { net } = defaultShapeNet(12, ['mean', 'std', 'max']);
  const stats = frameStats({ columns: SEQUENCE_COLUMNS, seqs, y: new Int32Array(seqs.length) });
  net.mean.set(stats.mean); net.std.set(stats.std);
  const d = await maxDiff(net, seqs);
  assert.ok(d <= 1e-4, `max abs diff ${d}`);
});

test('the check can fail: a graph with a changed weight disagrees', async () => {
  const { net, rng } = defaultShapeNet(6);
  const c = net.columns.length, t = 200;
  const s = Float32Array.from({ length: t * c }, (_, i) => net.mean[i % c] + net.std[i % c] * rng.normal());
  const want = predictSequence(net, s, t);
  net.head.bias[0] += 1;
  const session = await ort.InferenceSession.create(buildCnnOnnx(net), { executionProviders: ['wasm'] });
  const got = (await session.run({ [FRAMES_INPUT]: new ort.Tensor('float32', s, [1, t, c]) }))[OUTPUT_NAME].data as Float32Array;
  await session.release();
  assert.ok(Math.abs(got[0] - want[0]) > 1e-3);
});

test.run();
