import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spectralCentroid, spectralCentroidTolerance } from '../../daemon/features/ref/spectral-centroid.ts';
import { assertNumberClose, wasmKits } from './helpers/kernel-harness.ts';
import { BIN_HZ, FLOOR, SPECTRUM_LENGTHS, spectrum } from './helpers/spectra.ts';

test('one bin gives its frequency; two equal bins their midpoint; silence 0', () => {
  const p = new Float32Array(257);
  p[32] = 1;
  assert.is(spectralCentroid(p, 257, BIN_HZ, FLOOR), 1000);
  p[64] = 1;
  assert.is(spectralCentroid(p, 257, BIN_HZ, FLOOR), 1500);
  assert.is(spectralCentroid(new Float32Array(257), 257, BIN_HZ, FLOOR), 0);
});

test('WASM builds match the reference at edge lengths', async () => {
  for (const k of await wasmKits()) {
    for (const n of SPECTRUM_LENGTHS) {
      const { p } = spectrum(n, n + 1);
      const pp = k.put(p);
      const want = spectralCentroid(p, n, BIN_HZ, FLOOR);
      assertNumberClose(k.wasm.spectralCentroid(pp, n, BIN_HZ, FLOOR), want, spectralCentroidTolerance, `${k.variant} n=${n}`);
      k.reset();
    }
  }
});

test.run();
