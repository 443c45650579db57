import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bandSlope, bandSlopeTolerance } from '../../daemon/features/ref/band-slope.ts';
import { assertNumberClose, wasmKits } from './helpers/kernel-harness.ts';
import { BIN_HZ, spectrum } from './helpers/spectra.ts';

test('a spectrum falling 6 dB per kHz: the regression with openSMILE\'s N = hi - lo; 0 for one bin at DC', () => {
  const p = Float32Array.from({ length: 257 }, (_, k) => 10 ** ((20 - (6 * k * BIN_HZ) / 1000) / 10));
  // With N = hi - lo instead of the bin count the regression is biased; its exact value:
  const s = bandSlope(p, 16, 48, BIN_HZ, 1e-14);
  let sf = 0, s2f = 0, sa = 0, sb = 0;
  for (let k = 16; k <= 48; k++) {
    const f = k * BIN_HZ, l = 20 - (6 * f) / 1000;
    [sf, s2f, sa, sb] = [sf + f, s2f + f * f, sa + f * l, sb + l];
  }
  assert.ok(Math.abs(s - (32 * sa - sf * sb) / (32 * s2f - sf * sf)) < 1e-9);
  assert.ok(s < 0);
  assert.is(bandSlope(p, 0, 0, BIN_HZ, 1e-14), 0);
});

test('WASM builds match the reference over bands of edge lengths', async () => {
  for (const k of await wasmKits()) {
    const { p } = spectrum(513, 99);
    for (const [lo, hi] of [[0, 16], [16, 48], [0, 0], [3, 4], [7, 10], [0, 63], [1, 64], [100, 164], [0, 399], [0, 511]]) {
      const want = bandSlope(p, lo, hi, BIN_HZ, 1e-14);
      const got = k.wasm.bandSlope(k.put(p), lo, hi, BIN_HZ, 1e-14);
      assertNumberClose(got, want, bandSlopeTolerance, `${k.variant} ${lo}..${hi}`);
      k.reset();
    }
  }
});

test.run();
