// WebGPU against WASM: feature extraction in files per second over a corpus folder, and
// inference rows per second at batch 1 and 64 on each onnxruntime-web EP (the shipped model,
// fed its own feature set as its sidecar names it). Wall-clock time
// (GPU work runs outside this thread), the median over repeated passes after a warm-up
// pass (the machine may be shared); files are decoded beforehand.
// Features, for emotiond-v1 and for eGeMAPSv02: WASM one file at a time (as the daemon and
// training do); WebGPU one file at a time and all files in one extractBatch call (chunks of
// up to 8192 frames for emotiond-v1, 4096 for eGeMAPS), timed in turns (featureRows).
// Usage: npx tsx bench/webgpu.ts [folder=../shared/datasets/emodb/wav] [maxFiles=200] [parts=v1,egemaps,inference]
// (part `parity`, not in the default: eGeMAPS WebGPU vs WASM value by value, no timing).
import { readdirSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeAudioFile } from '../daemon/audio/decode.ts';
import { createFeatureExtractor } from '../daemon/features/extractor.ts';
import { createEgemapsExtractor } from '../daemon/features/egemaps/egemaps-extractor.ts';
import { createWebGpuFeatureExtractor } from '../daemon/features/webgpu/webgpu-extractor.ts';
import { createWebGpuEgemapsExtractor } from '../daemon/features/webgpu/webgpu-egemaps-extractor.ts';
import { inferenceRows } from './webgpu-inference.ts';

const folder = process.argv[2] ?? fileURLToPath(new URL('../../shared/datasets/emodb/wav/', import.meta.url));
const maxFiles = Number(process.argv[3] ?? 200);
const parts = new Set((process.argv[4] ?? 'v1,egemaps,inference').split(','));
const model = fileURLToPath(new URL('../models/emotion.onnx', import.meta.url));

function audioFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? audioFiles(p) : /\.(wav|flac)$/i.test(n) ? [p] : [];
  });
}

const files = audioFiles(folder).slice(0, maxFiles);
if (files.length === 0) throw new Error(`no WAV/FLAC files under ${folder}`);
const signals = await Promise.all(files.map(async (f) => (await decodeAudioFile(f)).samples));
const seconds = signals.reduce((s, x) => s + x.length, 0) / 16000;

const wasm = await createFeatureExtractor();
console.log(`corpus: ${folder}, ${files.length} files, ${seconds.toFixed(0)} s of audio`);
console.log(`CPU: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}; load average ${loadavg()[0].toFixed(1)}; node ${process.version}`);

interface BatchExtractor {
  extract(x: Float32Array): Promise<unknown>;
  extractBatch(xs: Float32Array[]): Promise<unknown>;
}

/**
 * Files per second and process CPU milliseconds per file (all threads: a software adapter's
 * too) of WASM one file at a time, WebGPU one at a time and all in one batch. The three are
 * timed in turns, pass after pass (at least 3 rounds and `minS` seconds, after one untimed
 * round), and the medians taken, so a change of load on a shared machine hits all three.
 */
async function featureRows(set: string, cpu: (x: Float32Array) => unknown, gpu: BatchExtractor, minS = 20): Promise<void> {
  const runs: [string, () => unknown][] = [
    ['wasm SIMD, one file at a time', () => signals.forEach((x) => cpu(x))],
    ['webgpu, one file at a time', async () => {
      for (const x of signals) await gpu.extract(x);
    }],
    [`webgpu, all ${files.length} files in one batch`, () => gpu.extractBatch(signals)],
  ];
  for (const [, f] of runs) await f();
  const walls: number[][] = runs.map(() => []), cpus: number[][] = runs.map(() => []);
  const start = performance.now();
  while (walls[0].length < 3 || performance.now() - start < minS * 1000) {
    for (const [i, [, f]] of runs.entries()) {
      const t0 = performance.now(), c0 = process.cpuUsage();
      await f();
      const c = process.cpuUsage(c0);
      walls[i].push((performance.now() - t0) / 1000);
      cpus[i].push((c.user + c.system) / 1000);
    }
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
  console.log(`\n| ${set} features | files per second | x real time | CPU ms per file |\n|---|---:|---:|---:|`);
  runs.forEach(([label], i) => {
    const fps = files.length / median(walls[i]);
    console.log(`| ${label} | ${fps.toFixed(1)} | ${((fps * seconds) / files.length).toFixed(0)} | ${(median(cpus[i]) / files.length).toFixed(1)} |`);
  });
  console.log(`(${walls[0].length} rounds; load average ${loadavg()[0].toFixed(1)} at the end)`);
}

if (parts.has('v1')) {
  const gpu = await createWebGpuFeatureExtractor();
  console.log(`WebGPU adapter: ${gpu.adapter}`);
  await featureRows('emotiond-v1', (x) => wasm.extract(x), gpu);
  await gpu.dispose();
}
if (parts.has('egemaps')) {
  const cpu = await createEgemapsExtractor();
  const gpu = await createWebGpuEgemapsExtractor();
  console.log(`WebGPU adapter: ${gpu.adapter}`);
  await featureRows('eGeMAPSv02', (x) => cpu.extract(x), gpu);
  await gpu.dispose();
}
if (parts.has('parity')) {
  // eGeMAPS WebGPU (all files in one batch) against WASM, feature by feature: how many values
  // differ by more than 1e-3 relative, and the largest relative difference.
  const cpu = await createEgemapsExtractor();
  const gpu = await createWebGpuEgemapsExtractor();
  const got = await gpu.extractBatch(signals);
  let over = 0, worst = 0, where = '';
  signals.forEach((x, j) => {
    const want = cpu.extract(x).values;
    want.forEach((w, i) => {
      const d = Math.abs(got[j].values[i] - w), r = w !== 0 ? d / Math.abs(w) : d === 0 ? 0 : Infinity;
      if (d > 1e-3 * Math.abs(w)) over++;
      if (r > worst) [worst, where] = [r, `${files[j].split('/').pop()} ${cpu.names[i]}: webgpu ${got[j].values[i]}, wasm ${w}`];
    });
  });
  console.log(`\neGeMAPS parity, webgpu (one batch) vs wasm: ${files.length} files, ${files.length * 88} values, ${over} above 1e-3 relative; largest ${worst.toExponential(2)} (${where})`);
  await gpu.dispose();
}
if (!parts.has('inference')) process.exit(0);

// The rows are the shipped model's own features (its sidecar names the set): bench/webgpu-inference.ts.
const rows = await inferenceRows(model, signals.slice(0, 64), ['wasm', 'webgpu']);
console.log(`\nmodel ${relative(process.cwd(), model)}: ${rows[0].featureSet}, ${rows[0].features} features, ${rows[0].classes} classes`);
console.log('\n| inference EP | batch 1 (rows/s) | batch 64 (rows/s) |\n|---|---:|---:|');
for (const r of rows) {
  const label = r.actual === r.ep ? r.ep : `${r.ep} (fell back to ${r.actual}: ${r.note})`;
  console.log(`| ${label} (session ${r.sessionMs.toFixed(0)} ms) | ${r.batch1.toFixed(0)} | ${r.batch64.toFixed(0)} |`);
}
