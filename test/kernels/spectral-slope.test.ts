import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spectralSlope, spectralSlopeTolerance } from '../../daemon/features/ref/spectral-slope.ts';
import { assertNumberClose, wasmKits } from './helpers/kernel-harness.ts';
import { BIN_HZ, FLOOR, SPECTRUM_LENGTHS, spectrum } from './helpers/spectra.ts';

test('a spectrum falling 6 dB per kHz has slope -6; flat 0; silence 0', () => {
  const n = 257, p = new Float32Array(n), logP = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const db = 20 - (6 * k * BIN_HZ) / 1000;
    p[k] = 10 ** (db / 10);
    logP[k] = (db / 10) * Math.LN10;
  }
  assert.ok(Math.abs(spectralSlope(p, logP, 1, n, BIN_HZ, FLOOR) + 6) < 1e-4);
  assert.ok(Math.abs(spectralSlope(p.fill(1), logP.fill(0), 1, n, BIN_HZ, FLOOR)) < 1e-12);
  assert.is(spectralSlope(new Float32Array(n), logP, 1, n, BIN_HZ, FLOOR), 0);
});

test('WASM builds match the reference at edge lengths', async () => {
  for (const k of await wasmKits()) {
    for (const n of SPECTRUM_LENGTHS) {
      for (const lo of [0, 1]) {
        const { p, logP } = spectrum(n, 7 * n + lo);
        const pp = k.put(p), pl = k.put(logP);
        const want = spectralSlope(p, logP, lo, n, BIN_HZ, FLOOR);
        assertNumberClose(k.wasm.spectralSlope(pp, pl, lo, n, BIN_HZ, FLOOR), want, spectralSlopeTolerance, `${k.variant} n=${n} lo=${lo}`);
        k.reset();
      }
    }
  }
});

test.run();
