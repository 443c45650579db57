import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bandRatios, bandRatiosTolerance } from '../../daemon/features/ref/band-ratios.ts';
import { assertClose, wasmKits } from './helpers/kernel-harness.ts';
import { BIN_HZ, SPECTRUM_LENGTHS, spectrum } from './helpers/spectra.ts';

test('alpha ratio and Hammarberg index of a two-level spectrum', () => {
  const p = new Float32Array(257), out = new Float32Array(2);
  for (let k = 0; k < 257; k++) p[k] = k * BIN_HZ < 1000 ? 1 : 0.01;
  bandRatios(p, 257, BIN_HZ, 1e-14, out);
  // 32 bins below 1 kHz at 1, 129 bins in 1-5 kHz at 0.01: 10 log10(1.29/32); maxima 1 vs 0.01: +20 dB.
  assert.ok(Math.abs(out[0] - 10 * Math.log10(1.29 / 32)) < 1e-5, `alpha ${out[0]}`);
  assert.ok(Math.abs(out[1] - 20) < 1e-5, `hammarberg ${out[1]}`);
  bandRatios(new Float32Array(257), 257, BIN_HZ, 1e-14, out);
  assert.equal([...out], [0, 0]);
});

test('WASM builds match the reference at edge lengths', async () => {
  for (const k of await wasmKits()) {
    for (const n of SPECTRUM_LENGTHS) {
      for (const df of [BIN_HZ, 15.625, 200]) {
        const { p } = spectrum(n, 11 * n + df);
        const want = new Float32Array(2), out = k.alloc(2);
        bandRatios(p, n, df, 1e-14, want);
        k.wasm.bandRatios(k.put(p), n, df, 1e-14, out);
        assertClose(k.read(out, 2), want, bandRatiosTolerance, `${k.variant} n=${n} df=${df}`);
        k.reset();
      }
    }
  }
});

test.run();
