import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spectralRolloff, spectralRolloffTolerance } from '../../daemon/features/ref/spectral-rolloff.ts';
import { assertNumberClose, wasmKits } from './helpers/kernel-harness.ts';
import { BIN_HZ, FLOOR, SPECTRUM_LENGTHS, spectrum } from './helpers/spectra.ts';

test('flat spectrum: 85% of the bins; one bin: that bin; silence 0', () => {
  const flat = new Float32Array(100).fill(1);
  assert.is(spectralRolloff(flat, 100, BIN_HZ, 0.85, FLOOR), 84 * BIN_HZ);
  const one = new Float32Array(257);
  one[40] = 2;
  assert.is(spectralRolloff(one, 257, BIN_HZ, 0.85, FLOOR), 40 * BIN_HZ);
  assert.is(spectralRolloff(new Float32Array(257), 257, BIN_HZ, 0.85, FLOOR), 0);
});

test('WASM builds match the reference at edge lengths (within one bin)', async () => {
  for (const k of await wasmKits()) {
    for (const n of SPECTRUM_LENGTHS) {
      const { p } = spectrum(n, 2 * n + 1);
      const pp = k.put(p);
      const want = spectralRolloff(p, n, BIN_HZ, 0.85, FLOOR);
      assertNumberClose(k.wasm.spectralRolloff(pp, n, BIN_HZ, 0.85, FLOOR), want, spectralRolloffTolerance, `${k.variant} n=${n}`);
      k.reset();
    }
  }
});

test.run();
