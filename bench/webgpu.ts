// WebGPU against WASM: feature extraction in files per second over a corpus folder, and
// inference rows per second at batch 1 and 64 on each onnxruntime-web EP. Wall-clock time
// (GPU work runs outside this thread), the median over repeated passes after a warm-up
// pass (the machine may be shared); files are decoded beforehand.
// Features: WASM one file at a time (as the daemon and training do); WebGPU one file at a
// time and all files in one extractBatch call (chunks of up to 8192 frames).
// Usage: npx tsx bench/webgpu.ts [folder=../shared/datasets/emodb/wav] [maxFiles=200]
import { readdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeAudioFile } from '../daemon/audio/decode.ts';
import type { Classifier, FeatureVector } from '../daemon/core/types.ts';
import { createFeatureExtractor } from '../daemon/features/extractor.ts';
import { createWebGpuFeatureExtractor } from '../daemon/features/webgpu/webgpu-extractor.ts';
import { loadClassifier } from '../daemon/model/onnx-classifier.ts';
import { runtimeForEp, type InferenceEp } from '../daemon/model/webgpu-env.ts';

const folder = process.argv[2] ?? fileURLToPath(new URL('../../shared/datasets/emodb/wav/', import.meta.url));
const maxFiles = Number(process.argv[3] ?? 200);
const model = fileURLToPath(new URL('../models/emotion.onnx', import.meta.url));

function audioFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? audioFiles(p) : /\.(wav|flac)$/i.test(n) ? [p] : [];
  });
}

/** Units per second: the median pass of those run in `minS` seconds (at least 3), after one untimed. */
async function rate(units: number, f: () => unknown, minS = 6): Promise<number> {
  await f();
  const rates: number[] = [];
  const start = performance.now();
  while (rates.length < 3 || performance.now() - start < minS * 1000) {
    const t0 = performance.now();
    await f();
    rates.push(units / ((performance.now() - t0) / 1000));
  }
  return rates.sort((a, b) => a - b)[rates.length >> 1];
}

const files = audioFiles(folder).slice(0, maxFiles);
if (files.length === 0) throw new Error(`no WAV/FLAC files under ${folder}`);
const signals = await Promise.all(files.map(async (f) => (await decodeAudioFile(f)).samples));
const seconds = signals.reduce((s, x) => s + x.length, 0) / 16000;

const wasm = await createFeatureExtractor();
const gpu = await createWebGpuFeatureExtractor();
console.log(`corpus: ${folder}, ${files.length} files, ${seconds.toFixed(0)} s of audio`);
console.log(`CPU: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}; load average ${loadavg()[0].toFixed(1)}; node ${process.version}`);
console.log(`WebGPU adapter: ${gpu.adapter}`);

const fps = {
  wasm: await rate(files.length, () => signals.forEach((x) => wasm.extract(x))),
  gpuEach: await rate(files.length, async () => {
    for (const x of signals) await gpu.extract(x);
  }),
  gpuBatch: await rate(files.length, () => gpu.extractBatch(signals)),
};
const rt = (r: number) => `${r.toFixed(1)} files/s (${((r * seconds) / files.length).toFixed(0)}x real time)`;
console.log('\n| features | files per second |\n|---|---:|');
console.log(`| wasm SIMD, one file at a time | ${rt(fps.wasm)} |`);
console.log(`| webgpu, one file at a time | ${rt(fps.gpuEach)} |`);
console.log(`| webgpu, all ${files.length} files in one batch | ${rt(fps.gpuBatch)} |`);

const vectors: FeatureVector[] = signals.slice(0, 64).map((x) => wasm.extract(x));
while (vectors.length < 64) vectors.push(vectors[vectors.length % signals.length]);
await gpu.dispose();

async function classifier(ep: InferenceEp): Promise<{ c: Classifier; note: string; actual: InferenceEp }> {
  const r = await runtimeForEp(ep);
  return { c: await loadClassifier(model, { runtime: r.runtime, executionProviders: r.executionProviders }), note: r.note, actual: r.ep };
}

console.log('\n| inference EP | batch 1 (rows/s) | batch 64 (rows/s) |\n|---|---:|---:|');
for (const ep of ['wasm', 'webgpu'] as const) {
  const t0 = performance.now();
  const { c, note, actual } = await classifier(ep);
  const loadMs = performance.now() - t0;
  const one = await rate(20, async () => {
    for (let i = 0; i < 20; i++) await c.predict(vectors[i]);
  }, 3);
  const batch = await rate(64, () => c.predictBatch(vectors), 3);
  const label = actual === ep ? ep : `${ep} (fell back to ${actual}: ${note})`;
  console.log(`| ${label} (session ${loadMs.toFixed(0)} ms) | ${one.toFixed(0)} | ${batch.toFixed(0)} |`);
  await c.dispose();
}
