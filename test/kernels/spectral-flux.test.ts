import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spectralFlux, spectralFluxTolerance } from '../../daemon/features/ref/spectral-flux.ts';
import { assertNumberClose, wasmKits } from './helpers/kernel-harness.ts';
import { FLOOR, SPECTRUM_LENGTHS, spectrum } from './helpers/spectra.ts';

test('same shape at another level gives 0; moving a single bin gives 2; silence to silence 0', () => {
  const a = Float32Array.from([1, 2, 3, 4]), b = a.map((v) => 10 * v);
  assert.ok(spectralFlux(a, b, 4, FLOOR) < 1e-15);
  assert.is(spectralFlux(Float32Array.from([1, 0, 0]), Float32Array.from([0, 0, 1]), 3, FLOOR), 2);
  assert.is(spectralFlux(new Float32Array(5), new Float32Array(5), 5, FLOOR), 0);
});

test('WASM builds match the reference at edge lengths', async () => {
  for (const k of await wasmKits()) {
    for (const n of SPECTRUM_LENGTHS) {
      const { p } = spectrum(n, 11 * n + 1), { p: q } = spectrum(n, 13 * n + 2);
      const pp = k.put(p), pq = k.put(q);
      const want = spectralFlux(p, q, n, FLOOR);
      assertNumberClose(k.wasm.spectralFlux(pp, pq, n, FLOOR), want, spectralFluxTolerance, `${k.variant} n=${n}`);
      k.reset();
    }
  }
});

test.run();
