import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { powerToMagnitude, powerToMagnitudeTolerance } from '../../daemon/features/ref/power-to-magnitude.ts';
import { assertClose, EDGE_LENGTHS, wasmKits } from './helpers/kernel-harness.ts';
import { spectrum } from './helpers/spectra.ts';

test('magnitude is the square root of power', () => {
  const out = new Float32Array(3);
  powerToMagnitude(Float32Array.from([0, 4, 2.25]), 3, out);
  assert.equal([...out], [0, 2, 1.5]);
});

test('WASM builds match the reference at edge lengths', async () => {
  for (const k of await wasmKits()) {
    for (const n of EDGE_LENGTHS) {
      const { p } = spectrum(n, 7 * n + 3), want = new Float32Array(n), out = k.alloc(n);
      powerToMagnitude(p, n, want);
      k.wasm.powerToMagnitude(k.put(p), n, out);
      assertClose(k.read(out, n), want, powerToMagnitudeTolerance, `${k.variant} n=${n}`);
      k.reset();
    }
  }
});

test.run();
