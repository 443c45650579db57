// The feature-set registry hands a model's set to the backend it asks for: eGeMAPS on
// WebGPU through the registry is the GPU extractor (its vector within the bound that
// webgpu-egemaps.test.ts justifies), and a set without a GPU path is refused by name.
import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { createAsyncSetExtractor, createSetExtractor } from '../../../daemon/features/feature-sets.ts';
import { speechLike } from '../features/speech-like.ts';
import { gpuTest } from './webgpu-gpu.ts';

gpuTest('egemaps-v02 on webgpu through the registry runs on the GPU and matches WASM', async () => {
  const gpu = await createAsyncSetExtractor('egemaps-v02', 'webgpu');
  try {
    assert.equal(gpu.backend, 'webgpu');
    const wasm = await createSetExtractor('egemaps-v02', 'wasm');
    assert.equal(gpu.names, wasm.names);
    const x = speechLike(1.5, 140, 7);
    const got = (await gpu.extract(x)).values, want = wasm.extract(x).values;
    for (let i = 0; i < want.length; i++) {
      const bound = 1e-3 * Math.abs(want[i]) + (gpu.names[i].startsWith('mfcc') ? 1e-4 : 1e-6);
      assert.ok(Math.abs(got[i] - want[i]) <= bound, `${gpu.names[i]}: webgpu ${got[i]} vs wasm ${want[i]}`);
    }
  } finally {
    await gpu.dispose();
  }
});

test('a set without a GPU path is refused on webgpu, naming the set', async () => {
  const err = await createAsyncSetExtractor('emotiond-extended-v1', 'webgpu').catch((e: unknown) => e);
  assert.instance(err, Error);
  assert.match((err as Error).message, /emotiond-extended-v1 has no WebGPU path/);
});

test.run();
