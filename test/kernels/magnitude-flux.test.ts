import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { magnitudeFlux, magnitudeFluxTolerance } from '../../daemon/features/ref/magnitude-flux.ts';
import { assertNumberClose, EDGE_LENGTHS, wasmKits } from './helpers/kernel-harness.ts';
import { spectrum } from './helpers/spectra.ts';

test('flux is the RMS difference of magnitudes; 0 for equal spectra', () => {
  assert.ok(Math.abs(magnitudeFlux(Float32Array.from([4, 9]), Float32Array.from([1, 1]), 2) - Math.sqrt((1 + 4) / 2)) < 1e-12);
  assert.is(magnitudeFlux(Float32Array.from([4, 9]), Float32Array.from([4, 9]), 2), 0);
  assert.is(magnitudeFlux(new Float32Array(0), new Float32Array(0), 0), 0);
});

test('WASM builds match the reference at edge lengths', async () => {
  for (const k of await wasmKits()) {
    for (const n of EDGE_LENGTHS) {
      const { p } = spectrum(n, 3 * n + 1), { p: q } = spectrum(n, 5 * n + 2);
      const want = magnitudeFlux(p, q, n);
      assertNumberClose(k.wasm.magnitudeFlux(k.put(p), k.put(q), n), want, magnitudeFluxTolerance, `${k.variant} n=${n}`);
      k.reset();
    }
  }
});

test.run();
