import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import { GPU_MARGIN, calibrationKey, decide } from '../../../daemon/features/webgpu/auto-calibration.ts';
import * as assert from 'uvu/assert';
import { createFeatureExtractor } from '../../../daemon/features/extractor.ts';
import { createAsyncFeatureExtractor } from '../../../daemon/features/webgpu/async-extractor.ts';
import { requestGpuDevice } from '../../../daemon/features/webgpu/gpu-device.ts';
import { speechLike } from '../features/speech-like.ts';
import { gpuTest } from './webgpu-gpu.ts';

const x = speechLike(0.8, 180, 9);

test('wasm: the synchronous extractor behind a promise, bit for bit', async () => {
  const a = await createAsyncFeatureExtractor({ backend: 'wasm' });
  const b = await createFeatureExtractor({ backend: 'wasm' });
  assert.is(a.backend, 'wasm');
  assert.equal(Array.from((await a.extract(x)).values), Array.from(b.extract(x).values));
  const [one, two] = await a.extractBatch([x, x.subarray(0, 500)]);
  assert.equal(Array.from(one.values), Array.from(b.extract(x).values));
  assert.equal(Array.from(two.values), Array.from(b.extract(x.subarray(0, 500)).values));
  await a.dispose();
});

// 'auto' decides by measurement on this adapter (auto-calibration.ts), never by its type.
const calibrationFile = join(mkdtempSync(join(tmpdir(), 'emotiond-cal-')), 'calibration.json');

test('the decision follows the figures, with a margin, and says why', () => {
  const fast = decide('emotiond-v1', 'gpu x', 'single', { wasm: 100, webgpu: 130, at: 't' }, true);
  assert.ok(fast.gpu);
  assert.match(fast.reason, /webgpu, 1\.3x faster than wasm \(emotiond-v1 one signal at a time: webgpu 130\/s on gpu x, wasm SIMD 100\/s; calibrated t, cached\)/);
  const close = decide('emotiond-v1', 'gpu x', 'batch', { wasm: 100, webgpu: 115, at: 't' }, false);
  assert.not.ok(close.gpu);
  assert.match(close.reason, /wasm, webgpu is not 1\.2x faster \(emotiond-v1 in batches: .*calibrated now\)/);
});

gpuTest('auto calibrates once per adapter and set, takes what measured faster, and reads the cache after', async () => {
  const first = await createAsyncFeatureExtractor({ backend: 'auto', calibrationFile });
  await first.dispose();
  const cache = JSON.parse(readFileSync(calibrationFile, 'utf8')) as Record<string, { wasm: number; webgpu: number }>;
  const probe = (await requestGpuDevice())!;
  const key = calibrationKey('emotiond-v1', probe.description, 'single');
  probe.device.destroy();
  const figures = cache[key];
  assert.ok(figures && figures.wasm > 0 && figures.webgpu > 0, `cache holds ${key}`);
  assert.is(first.backend, figures.webgpu > GPU_MARGIN * figures.wasm ? 'webgpu' : 'wasm');
  assert.match(first.choice!, /calibrated now/);
  console.log(first.choice);
  const second = await createAsyncFeatureExtractor({ backend: 'auto', calibrationFile });
  assert.is(second.backend, first.backend);
  assert.match(second.choice!, /cached/);
  await second.dispose();
});

gpuTest('figures, not the adapter type, decide: the same adapter is taken when it measured faster', async () => {
  const probe = (await requestGpuDevice())!;
  const key = calibrationKey('emotiond-v1', probe.description, 'single');
  probe.device.destroy();
  const file = join(mkdtempSync(join(tmpdir(), 'emotiond-cal-')), 'c.json');
  for (const [webgpu, want] of [[1000, 'webgpu'], [10, 'wasm']] as const) {
    writeFileSync(file, JSON.stringify({ [key]: { wasm: 100, webgpu, at: 'earlier' } }));
    const e = await createAsyncFeatureExtractor({ backend: 'auto', calibrationFile: file });
    assert.is(e.backend, want, e.choice);
    assert.equal(Array.from((await e.extract(x)).values).length, 602);
    await e.dispose();
  }
});

test('auto without any adapter falls back to wasm; webgpu without one is an error', async () => {
  // Dawn has no Metal backend on Linux: an adapter request that finds nothing.
  const none = { backend: process.platform === 'darwin' ? 'd3d12' : 'metal' };
  const e = await createAsyncFeatureExtractor({ backend: 'auto', gpu: none, calibrationFile });
  assert.is(e.backend, 'wasm');
  assert.is(e.choice, 'features.backend auto: wasm, no WebGPU adapter');
  try {
    await createAsyncFeatureExtractor({ backend: 'webgpu', gpu: none });
    assert.unreachable('no error');
  } catch (err) {
    assert.is((err as { code?: string }).code, 'FEATURES');
    assert.match((err as Error).message, /no WebGPU adapter/);
  }
});

test('an unknown backend name is a clear error', async () => {
  try {
    await createAsyncFeatureExtractor({ backend: 'webgpu', gpu: { backend: 'nonsense' } });
    assert.unreachable('no error');
  } catch (err) {
    assert.is((err as { code?: string }).code, 'FEATURES');
    assert.match((err as Error).message, /nonsense/);
  }
});

gpuTest('webgpu: same names as wasm, extract and extractBatch agree', async () => {
  const e = await createAsyncFeatureExtractor({ backend: 'webgpu' });
  const w = await createFeatureExtractor();
  assert.is(e.backend, 'webgpu');
  assert.match(e.description, /^webgpu on /);
  assert.equal(e.names, w.names);
  const [b] = await e.extractBatch([x]);
  assert.equal(Array.from((await e.extract(x)).values), Array.from(b.values));
  await e.dispose();
});

test.run();
