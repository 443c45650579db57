// The WebGPU extractor against the WASM one: the same names, and values within f32
// rounding, on real clips (EmoDB and RAVDESS, skipped where ../shared/datasets is absent),
// synthetic speech and the documented edge inputs.
//
// Bound: |gpu - wasm| <= rel |wasm| + 1e-5, rel = 1e-3 except for two kinds of feature.
// - The absolute floor is for values near 0 (medians of MFCCs, skewness of deltas): MFCCs
//   are sums of 26 logs up to ~25, and the GPU's summation order moves them by ~1e-6
//   (mfccTolerance allows 2e-4 a frame), more than 1e-3 of a value of 1e-4.
// - `*_rising_slope_mean`, `*_falling_slope_mean`: rel 2e-2. They average only the steps
//   with a strict sign, so a step that is exactly 0 on one backend (two equal frames in
//   near-silence) and one ulp on the other changes the count by one: ~1/steps.
// - `spectral_rolloff85_*`: rel 1e-2. Roll-off is quantised to 31.25 Hz bins and the kernels
//   may cross the 85% point one bin apart (spectralRolloffTolerance); one such frame moves
//   the regression slope by up to 187.5 / (frames x seconds) Hz/s.
// Over all 1975 clips of both corpora: 1,188,950 values, 50 above 1e-3 relative beyond the
// floor (47 slope means, largest 1.04e-2; 3 roll-off regression slopes, largest 8.9e-3).
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { decodeAudioFile } from '../../../daemon/audio/decode.ts';
import { createFeatureExtractor } from '../../../daemon/features/extractor.ts';
import { createWebGpuFeatureExtractor, type WebGpuFeatureExtractor } from '../../../daemon/features/webgpu/webgpu-extractor.ts';
import type { GpuSpectralStage } from '../../../daemon/features/webgpu/spectral-stage.ts';
import { speechLike } from '../features/speech-like.ts';
import { gpuTest, hasGpu } from './webgpu-gpu.ts';

const ABS = 1e-5;
const rel = (name: string): number =>
  /_(rising|falling)_slope_mean$/.test(name) ? 2e-2 : name.startsWith('spectral_rolloff85_') ? 1e-2 : 1e-3;
const shared = fileURLToPath(new URL('../../../../shared/datasets/', import.meta.url));
const corpora = existsSync(`${shared}emodb/wav`) && existsSync(`${shared}ravdess`);

const gpu: WebGpuFeatureExtractor | null = hasGpu ? await createWebGpuFeatureExtractor() : null;
const wasm = await createFeatureExtractor();

function compare(xs: Float32Array[], got: Float32Array[], label: (j: number) => string): { worstRel: number; over: number } {
  let worstRel = 0, over = 0;
  xs.forEach((x, j) => {
    const want = wasm.extract(x).values, a = got[j];
    for (let i = 0; i < want.length; i++) {
      const d = Math.abs(a[i] - want[i]);
      assert.ok(d <= rel(wasm.names[i]) * Math.abs(want[i]) + ABS, `${label(j)}: ${wasm.names[i]} webgpu ${a[i]} vs wasm ${want[i]}`);
      if (d > 1e-3 * Math.abs(want[i]) + ABS) over++;
      if (want[i] !== 0) worstRel = Math.max(worstRel, d / Math.abs(want[i]));
    }
  });
  return { worstRel, over };
}

gpuTest('the same 602 names as the WASM extractor', async () => {
  assert.equal(gpu!.names, wasm.names);
});

gpuTest('synthetic speech in one batch matches WASM', async () => {
  const xs = [[110, 2], [210, 1.5], [160, 0.5], [300, 0.03]].map(([f0, s], i) => speechLike(s, f0, i + 1));
  const got = await gpu!.extractBatch(xs);
  compare(xs, got.map((v) => v.values), (j) => `utterance ${j}`);
});

gpuTest('edge inputs: finite, no samples all 0, silence and DC at the documented values', async () => {
  const edge = [new Float32Array(0), Float32Array.from([0.5]), new Float32Array(16000), new Float32Array(16000).fill(0.3),
    new Float32Array(16000).fill(NaN), Float32Array.from({ length: 16000 }, (_, i) => (i % 2 ? 3e38 : -3e38))];
  const got = await gpu!.extractBatch(edge);
  for (const v of got) assert.ok(v.values.every(Number.isFinite));
  assert.ok(got[0].values.every((v) => v === 0));
  for (const j of [2, 3, 4]) {
    const at = (n: string) => got[j].values[gpu!.names.indexOf(n)];
    assert.ok(Math.abs(at('log_energy_mean') + 100) < 1e-3, `input ${j}: ${at('log_energy_mean')}`);
    for (const n of ['loudness_mean', 'spectral_centroid_mean', 'spectral_flux_max', 'voiced_ratio']) assert.is(at(n), 0, `input ${j} ${n}`);
  }
  compare(edge, got.map((v) => v.values), (j) => `edge input ${j}`);
});

// On an NVIDIA H200 this file failed with "edge input 5: spectral_flux_maxpos webgpu
// 0.0103 vs wasm 0": that input is a steady tone, every frame's spectrum is the same, and
// the GPU's compiler fused the flux kernel's p * a - q * b into an fma, which keeps the
// rounding of q * b: ~1e-14 of flux from frame 1 on where WASM has exactly 0, so maxpos
// moved to frame 1 (1/97). llvmpipe does not fuse; here the flux column the GPU returns gets
// that rounding added (frames with a previous frame only, as the kernel computes them),
// and the whole WebGPU path must still give WASM's maxpos (the flux floor, ANALYSIS.fluxResolution).
gpuTest('a GPU that leaves rounding-level flux between equal spectra gives the same spectral_flux_maxpos as WASM', async () => {
  const fusing = await createWebGpuFeatureExtractor();
  const stage = (fusing as unknown as { stage: GpuSpectralStage }).stage;
  const run = stage.run.bind(stage);
  stage.run = async (chunk) => {
    const cols = await run(chunk);
    chunk.continues.forEach((c, r) => void (c && (cols.flux[r] += 1e-14)));
    return cols;
  };
  try {
    const steady = Float32Array.from({ length: 16000 }, (_, i) => (i % 2 ? 3e38 : -3e38));
    const hum = Float32Array.from({ length: 16000 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 250 * i) / 16000));
    const got = await fusing.extractBatch([steady, hum]);
    [steady, hum].forEach((x, j) => {
      const want = wasm.extract(x).values;
      for (const n of ['spectral_flux_maxpos', 'spectral_flux_max', 'spectral_flux_mean']) {
        const i = wasm.names.indexOf(n);
        assert.is(got[j].values[i], want[i], `signal ${j} ${n}: webgpu ${got[j].values[i]} vs wasm ${want[i]}`);
      }
    });
  } finally {
    await fusing.dispose();
  }
});

gpuTest('a batch gives exactly what each signal gives alone, and so does splitting a signal across chunks', async () => {
  const xs = [speechLike(1.2, 150, 4), speechLike(0.7, 220, 5)];
  const batch = await gpu!.extractBatch(xs);
  for (const [j, x] of xs.entries()) assert.equal(Array.from((await gpu!.extract(x)).values), Array.from(batch[j].values));
  const small = await createWebGpuFeatureExtractor({ maxFramesPerChunk: 23 });
  try {
    const split = await small.extractBatch(xs);
    for (const j of [0, 1]) assert.equal(Array.from(split[j].values), Array.from(batch[j].values), `signal ${j}`);
  } finally {
    await small.dispose();
  }
});

gpuTest('EmoDB and RAVDESS clips (60 + 60) match WASM', async () => {
  const emodb = readdirSync(`${shared}emodb/wav`).filter((f) => f.endsWith('.wav')).sort();
  const files = emodb.filter((_, i) => i % 9 === 0).slice(0, 60).map((f) => `${shared}emodb/wav/${f}`);
  for (const actor of readdirSync(`${shared}ravdess`).sort().filter((a) => a.startsWith('Actor_'))) {
    const flacs = readdirSync(`${shared}ravdess/${actor}`).filter((f) => f.endsWith('.flac')).sort();
    files.push(...flacs.filter((_, i) => i % 24 === 0).slice(0, 3).map((f) => `${shared}ravdess/${actor}/${f}`));
  }
  const xs = await Promise.all(files.map(async (f) => (await decodeAudioFile(f)).samples));
  const got = await gpu!.extractBatch(xs);
  const { worstRel, over } = compare(xs, got.map((v) => v.values), (j) => files[j].split('/').slice(-2).join('/'));
  console.log(`${files.length} clips: largest relative difference ${worstRel.toExponential(2)}; ${over} of ${files.length * 602} values above 1e-3 relative + 1e-5`);
}, { needs: corpora, why: 'needs ../shared/datasets (EmoDB and RAVDESS)' });

test.after(async () => {
  await gpu?.dispose();
});

test.run();
