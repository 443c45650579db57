import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { logPower } from '../../daemon/features/ref/log-power.ts';
import { spectralFlatness, spectralFlatnessTolerance } from '../../daemon/features/ref/spectral-flatness.ts';
import { assertNumberClose, wasmKits } from './helpers/kernel-harness.ts';
import { FLOOR, POWER_FLOOR, SPECTRUM_LENGTHS, spectrum } from './helpers/spectra.ts';

test('flat spectrum gives 1, a single peak close to 0, silence 0', () => {
  const n = 257, flat = new Float32Array(n).fill(3), logP = new Float32Array(n);
  logPower(flat, n, POWER_FLOOR, logP);
  assert.ok(Math.abs(spectralFlatness(flat, logP, 1, n, FLOOR) - 1) < 1e-6);
  const peak = new Float32Array(n).fill(1e-6);
  peak[50] = 1;
  logPower(peak, n, POWER_FLOOR, logP);
  assert.ok(spectralFlatness(peak, logP, 1, n, FLOOR) < 1e-3);
  const silent = new Float32Array(n);
  logPower(silent, n, POWER_FLOOR, logP);
  assert.is(spectralFlatness(silent, logP, 1, n, FLOOR), 0);
});

test('WASM builds match the reference at edge lengths', async () => {
  for (const k of await wasmKits()) {
    for (const n of SPECTRUM_LENGTHS) {
      for (const lo of [0, 1]) {
        const { p, logP } = spectrum(n, 3 * n + lo);
        const pp = k.put(p), pl = k.put(logP);
        const want = spectralFlatness(p, logP, lo, n, FLOOR);
        assertNumberClose(k.wasm.spectralFlatness(pp, pl, lo, n, FLOOR), want, spectralFlatnessTolerance, `${k.variant} n=${n} lo=${lo}`);
        k.reset();
      }
    }
  }
});

test.run();
