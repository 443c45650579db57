// eGeMAPS on WebGPU against eGeMAPS on WASM: the raw LLD contours, the 88 functionals on
// synthetic speech and the documented edge inputs, batching and chunking, and the command
// line on 20 EmoDB files (`emotiond features --set egemaps --csv`, --backend webgpu against
// --backend wasm; skipped, saying so, where ../shared/datasets is absent).
//
// Bound: |webgpu - wasm| <= 1e-3 |wasm| + abs, abs = 1e-4 for the MFCC features and 1e-6 for
// every other one. The GPU computes only the
// 20 ms spectral LLDs (f32, another summation order, WGSL's log/pow/sqrt), within a few
// 1e-6 relative of the WASM kernels; F0, voicing, jitter, shimmer, HNR, harmonics and
// formants come from the same WASM kernels and are equal (asserted below), so no discrete
// decision can differ. The absolute terms are for values that sit near zero. An
// MFCC is a sum of 26 logs of magnitude ~20 times liftered DCT weights up to 12, so f32
// rounding alone moves it by ~1e-5 (mfccTolerance allows 2e-4 a frame); in silence every
// band is at the floor and c1..c4 are that rounding residue (~5e-6) on both backends.
// Band-slope means are ~1e-4 dB/Hz and can be 1e-6 or smaller. Over all 535 EmoDB files
// (47,080 values, one batch) no value differs by more than 1e-3 relative: the largest is
// 6.2e-4, the unvoiced 500-1500 Hz slope mean of 12a05Ta.wav (-5.577e-6 vs -5.574e-6 dB/Hz).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { calibrationKey } from '../../../daemon/features/webgpu/auto-calibration.ts';
import { createEgemapsExtractor } from '../../../daemon/features/egemaps/egemaps-extractor.ts';
import { EGEMAPS_LLDS, SMA3_LLDS } from '../../../daemon/features/egemaps/egemaps-llds.ts';
import { createAsyncEgemapsExtractor } from '../../../daemon/features/webgpu/async-egemaps-extractor.ts';
import { requestGpuDevice } from '../../../daemon/features/webgpu/gpu-device.ts';
import { createWebGpuEgemapsExtractor, type WebGpuEgemapsExtractor } from '../../../daemon/features/webgpu/webgpu-egemaps-extractor.ts';
import { speechLike } from '../features/speech-like.ts';
import { gpuTest, hasGpu } from './webgpu-gpu.ts';

const REL = 1e-3;
const abs = (name: string): number => (name.startsWith('mfcc') ? 1e-4 : 1e-6);
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const EMODB = join(ROOT, '../shared/datasets/emodb/wav');
const emodb = existsSync(EMODB);

const gpu: WebGpuEgemapsExtractor | null = hasGpu ? await createWebGpuEgemapsExtractor() : null;
const wasm = await createEgemapsExtractor();

function within(got: ArrayLike<number>, want: ArrayLike<number>, names: readonly string[], label: string): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const d = Math.abs(got[i] - want[i]);
    assert.ok(Number.isFinite(got[i]) && d <= REL * Math.abs(want[i]) + abs(names[i]), `${label}: ${names[i]} webgpu ${got[i]} vs wasm ${want[i]}`);
    if (want[i] !== 0) worst = Math.max(worst, d / Math.abs(want[i]));
  }
  return worst;
}

const utterances = [speechLike(1.5, 110, 1), speechLike(2, 180, 2), speechLike(0.6, 240, 3), speechLike(2.5, 95, 4)];

gpuTest('the 88 openSMILE names, as the WASM extractor', async () => {
  assert.equal(gpu!.names, wasm.names);
});

/**
 * The LLDs computed on the CPU come from the same WASM frame kernels through the same
 * pipeline on both backends (the GPU backend only answers shortLlds from its table), so they
 * should agree bit for bit; 1e-9 leaves the pipeline free to reorder f64 steps that do not
 * involve the GPU's numbers.
 */
function sameCpuValues(a: ArrayLike<number>, b: ArrayLike<number>, label: string): void {
  assert.is(a.length, b.length, label);
  for (let f = 0; f < b.length; f++) assert.ok(Math.abs(a[f] - b[f]) <= 1e-9 * Math.abs(b[f]) + 1e-9, `${label} frame ${f}: ${a[f]} vs ${b[f]}`);
}

gpuTest('raw LLDs: spectral contours within f32 rounding, the CPU ones equal', async () => {
  const got = await gpu!.lldsBatch(utterances);
  utterances.forEach((x, u) => {
    const want = wasm.llds(x);
    assert.is(got[u].frames, want.frames);
    assert.is(got[u].shortFrames, want.shortFrames);
    EGEMAPS_LLDS.forEach((name, i) => {
      const a = got[u].raw[name], b = want.raw[name];
      if (i >= SMA3_LLDS) return sameCpuValues(a, b, `utterance ${u} ${name}`);
      // Per frame the dB measures near 0 dB and MFCCs near 0 need an absolute floor of their scale.
      for (let f = 0; f < b.length; f++) {
        assert.ok(Math.abs(a[f] - b[f]) <= 1e-4 * Math.abs(b[f]) + 1e-4, `utterance ${u} ${name} frame ${f}: ${a[f]} vs ${b[f]}`);
      }
    });
    for (let f = 0; f < want.energy.length; f++) {
      assert.ok(Math.abs(got[u].energy[f] - want.energy[f]) <= 1e-5 * want.energy[f] + 1e-12, `utterance ${u} energy frame ${f}`);
    }
    sameCpuValues(got[u].f0Hz, want.f0Hz, `utterance ${u} f0Hz`);
    sameCpuValues(got[u].formantsAll, want.formantsAll, `utterance ${u} formants`);
  });
});

gpuTest('synthetic speech in one batch: the 88 functionals match WASM', async () => {
  const got = await gpu!.extractBatch(utterances);
  utterances.forEach((x, u) => within(got[u].values, wasm.extract(x).values, wasm.names, `utterance ${u}`));
});

gpuTest('edge inputs: finite and as WASM (no samples, 1 sample, 50 ms, silence, DC, NaN, huge)', async () => {
  const edge = [new Float32Array(0), Float32Array.from([0.5]), speechLike(0.05, 200, 9), new Float32Array(16000),
    new Float32Array(16000).fill(0.3), new Float32Array(8000).fill(NaN), Float32Array.from({ length: 8000 }, (_, i) => (i % 2 ? 3e38 : -3e38))];
  const got = await gpu!.extractBatch(edge);
  edge.forEach((x, j) => within(got[j].values, wasm.extract(x).values, wasm.names, `edge input ${j}`));
});

gpuTest('a batch gives exactly what each signal gives alone, and so does splitting signals across chunks', async () => {
  const batch = await gpu!.extractBatch(utterances);
  for (const [j, x] of utterances.entries()) assert.equal(Array.from((await gpu!.extract(x)).values), Array.from(batch[j].values), `alone ${j}`);
  const small = await createWebGpuEgemapsExtractor({ maxFramesPerChunk: 23 });
  try {
    const split = await small.extractBatch(utterances);
    for (const j of utterances.keys()) assert.equal(Array.from(split[j].values), Array.from(batch[j].values), `split ${j}`);
  } finally {
    await small.dispose();
  }
});

gpuTest('backend auto takes the GPU only where it measured faster here (calibration file); webgpu takes any', async () => {
  const h = await requestGpuDevice();
  const adapter = h!.description;
  h!.device.destroy();
  const calibrationFile = join(mkdtempSync(join(tmpdir(), 'emotiond-cal-')), 'c.json');
  writeFileSync(calibrationFile, JSON.stringify({ [calibrationKey('egemaps-v02', adapter, 'single')]: { wasm: 100, webgpu: 50, at: 'then' } }));
  for (const [backend, want] of [['auto', 'wasm'], ['webgpu', 'webgpu']] as const) {
    const x = await createAsyncEgemapsExtractor({ backend, calibrationFile });
    try {
      assert.is(x.backend, want, backend);
      within((await x.extract(utterances[2])).values, wasm.extract(utterances[2]).values, wasm.names, backend);
    } finally {
      await x.dispose();
    }
  }
});

/** `emotiond features` as a user runs it; the rows of its CSV by file. */
function featuresCsv(backend: string, files: string[]): { header: string[]; rows: Map<string, number[]> } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/emotiond.js'), 'features', '--set', 'egemaps', '--backend', backend, '--csv', ...files],
    { cwd: ROOT, encoding: 'utf8', timeout: 300000 });
  assert.is(r.status, 0, `--backend ${backend}: ${r.stderr}`);
  const [head, ...lines] = r.stdout.trim().split('\n');
  return { header: head.split(','), rows: new Map(lines.map((l) => { const [f, ...v] = l.split(','); return [f, v.map(Number)]; })) };
}

gpuTest('emotiond features --set egemaps --backend webgpu --csv on 20 EmoDB files matches --backend wasm', async () => {
  const names = readdirSync(EMODB).filter((f) => f.endsWith('.wav')).sort();
  const files = names.filter((_, i) => i % 26 === 0).slice(0, 20).map((f) => join(EMODB, f));
  assert.is(files.length, 20);
  const g = featuresCsv('webgpu', files), w = featuresCsv('wasm', files);
  assert.equal(g.header, w.header);
  assert.is(g.header.length, 89);
  let worst = 0;
  for (const f of files) {
    assert.ok(g.rows.has(f) && w.rows.has(f), f);
    worst = Math.max(worst, within(g.rows.get(f)!, w.rows.get(f)!, g.header.slice(1), f));
  }
  console.log(`20 EmoDB files x 88 features: largest relative difference ${worst.toExponential(2)} (CSV, 7 significant digits)`);
}, { needs: emodb, why: 'needs ../shared/datasets/emodb' });

gpuTest('emotiond features --backend webgpu: an unreadable file in a batch is reported, the others are printed', async () => {
  const files = readdirSync(EMODB).filter((f) => f.endsWith('.wav')).sort().slice(0, 2).map((f) => join(EMODB, f));
  const missing = join(ROOT, 'no-such-file.wav');
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/emotiond.js'), 'features', '--set', 'egemaps', '--backend', 'webgpu', '--jsonl', files[0], missing, files[1]],
    { cwd: ROOT, encoding: 'utf8', timeout: 300000 });
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stderr, /no-such-file\.wav/);
  const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, number | string>);
  assert.equal(rows.map((row) => row.file), files);
  const want = featuresCsv('wasm', files);
  rows.forEach((row) => within(wasm.names.map((n) => row[n] as number), want.rows.get(row.file as string)!, wasm.names, row.file as string));
}, { needs: emodb, why: 'needs ../shared/datasets/emodb' });

test.after(async () => {
  await gpu?.dispose();
});

test.run();
