import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { logPower } from '../../daemon/features/ref/log-power.ts';
import { spectralEntropy, spectralEntropyTolerance } from '../../daemon/features/ref/spectral-entropy.ts';
import { assertNumberClose, wasmKits } from './helpers/kernel-harness.ts';
import { FLOOR, POWER_FLOOR, SPECTRUM_LENGTHS, spectrum } from './helpers/spectra.ts';

test('flat spectrum gives 1, a single bin ~0, silence 0', () => {
  const n = 257, flat = new Float32Array(n).fill(2), logP = new Float32Array(n);
  logPower(flat, n, POWER_FLOOR, logP);
  assert.ok(Math.abs(spectralEntropy(flat, logP, 1, n, FLOOR) - 1) < 1e-9);
  const one = new Float32Array(n);
  one[9] = 5;
  logPower(one, n, POWER_FLOOR, logP);
  assert.ok(Math.abs(spectralEntropy(one, logP, 1, n, FLOOR)) < 1e-6);
  logPower(new Float32Array(n), n, POWER_FLOOR, logP);
  assert.is(spectralEntropy(new Float32Array(n), logP, 1, n, FLOOR), 0);
});

test('WASM builds match the reference at edge lengths', async () => {
  for (const k of await wasmKits()) {
    for (const n of SPECTRUM_LENGTHS) {
      for (const lo of [0, 1]) {
        const { p, logP } = spectrum(n, 5 * n + lo);
        const pp = k.put(p), pl = k.put(logP);
        const want = spectralEntropy(p, logP, lo, n, FLOOR);
        assertNumberClose(k.wasm.spectralEntropy(pp, pl, lo, n, FLOOR), want, spectralEntropyTolerance, `${k.variant} n=${n} lo=${lo}`);
        k.reset();
      }
    }
  }
});

test.run();
