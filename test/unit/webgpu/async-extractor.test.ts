import { test } from 'uvu';
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

test('auto: webgpu only on a hardware adapter, else wasm', async () => {
  const probe = await requestGpuDevice();
  const hardware = probe !== null && !probe.software;
  probe?.device.destroy();
  const e = await createAsyncFeatureExtractor({ backend: 'auto' });
  assert.is(e.backend, hardware ? 'webgpu' : 'wasm', e.description);
  await e.dispose();
});

test('auto without any adapter falls back to wasm; webgpu without one is an error', async () => {
  // Dawn has no Metal backend on Linux: an adapter request that finds nothing.
  const none = { backend: process.platform === 'darwin' ? 'd3d12' : 'metal' };
  const e = await createAsyncFeatureExtractor({ backend: 'auto', gpu: none });
  assert.is(e.backend, 'wasm');
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
