// Cost of the default frame CNN: CPU milliseconds per training example (a 2 s crop,
// forward and backward) and per inference on a 3 s segment, in TypeScript and in
// onnxruntime-web (WASM EP, one thread), timed by process.cpuUsage() after warm-up so
// that other jobs on a shared machine do not count. Random weights and frames: the cost
// does not depend on the values.
// Usage: npx tsx bench/sequence-cnn.ts [repeats=50]
import { cpus } from 'node:os';
import * as ort from 'onnxruntime-web';
import { OUTPUT_NAME } from '../daemon/train/export-onnx.ts';
import { createRng } from '../daemon/train/rng.ts';
import { initCnn, predictSequence } from '../daemon/train/sequence/cnn.ts';
import { backpropExample, zeroGrads } from '../daemon/train/sequence/cnn-backprop.ts';
import { buildCnnOnnx, FRAMES_INPUT } from '../daemon/train/sequence/cnn-onnx.ts';
import { SEQUENCE_COLUMNS } from '../daemon/train/sequence/sequence-dataset.ts';
import { CNN_DEFAULTS } from '../daemon/train/sequence/train-cnn.ts';

ort.env.wasm.numThreads = 1;
const repeats = Number(process.argv[2] ?? 50);
const rng = createRng(1);
const classes = ['anger', 'boredom', 'disgust', 'fear', 'happiness', 'neutral', 'sadness'];
const net = initCnn(SEQUENCE_COLUMNS, classes, CNN_DEFAULTS.convs, rng, CNN_DEFAULTS.pool);
const c = SEQUENCE_COLUMNS.length;
const crop = CNN_DEFAULTS.cropFrames, segment = 300;
const z = Float64Array.from({ length: crop * c }, () => rng.normal());
const frames = Float32Array.from({ length: segment * c }, () => rng.normal());

async function cpuMs(fn: () => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < 5; i++) await fn();
  const t0 = process.cpuUsage();
  for (let i = 0; i < repeats; i++) await fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000 / repeats;
}

const grads = zeroGrads(net);
const train = await cpuMs(() => backpropExample(net, grads, z, crop, 1, 1, { dropout: 0.3, rng }));
const tsInfer = await cpuMs(() => predictSequence(net, frames, segment));
const session = await ort.InferenceSession.create(buildCnnOnnx(net), { executionProviders: ['wasm'] });
const tensor = new ort.Tensor('float32', frames, [1, segment, c]);
const ortInfer = await cpuMs(async () => (await session.run({ [FRAMES_INPUT]: tensor }))[OUTPUT_NAME]);
await session.release();
const params = net.convs.reduce((a, L) => a + L.weights.length + L.bias.length, 0) + net.head.weights.length + net.head.bias.length;
console.log(`${cpus()[0]?.model ?? 'cpu'}; node ${process.version}; ${params} parameters; convs ${CNN_DEFAULTS.convs.map((l) => `${l.channels}:${l.kernel}:${l.stride}`).join(',')}; pool ${CNN_DEFAULTS.pool.join(',')}`);
console.log('| step | CPU ms |');
console.log('|---|---:|');
console.log(`| training example, ${crop} frames, forward + backward (TypeScript) | ${train.toFixed(2)} |`);
console.log(`| inference, ${segment} frames (TypeScript) | ${tsInfer.toFixed(2)} |`);
console.log(`| inference, ${segment} frames (onnxruntime-web, WASM EP) | ${ortInfer.toFixed(2)} |`);
