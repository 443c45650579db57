import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { auditoryLoudness, auditoryLoudnessTolerance } from '../../daemon/features/ref/auditory-loudness.ts';
import { assertNumberClose, EDGE_LENGTHS, randomArray, wasmKits } from './helpers/kernel-harness.ts';

test('power law of the weighted band powers, averaged; the floor applies before weighting', () => {
  const mel = Float32Array.from([8, 0]), w = Float32Array.from([1, 2]);
  const want = (8 ** 0.33 + (1e-3 * 2) ** 0.33) / 2;
  assert.ok(Math.abs(auditoryLoudness(mel, 2, w, 1e-3, 0.33) - want) < 1e-12);
  assert.is(auditoryLoudness(mel, 0, w, 1e-3, 0.33), 0);
});

test('WASM builds match the reference at edge lengths', async () => {
  for (const k of await wasmKits()) {
    for (const n of EDGE_LENGTHS) {
      // Band powers over 12 decades, some below the floor; weights in (0, 1].
      const mel = randomArray(n, 3 * n + 1, -12, 2).map((v, i) => (i % 7 === 3 ? 0 : 10 ** v));
      const w = randomArray(n, 5 * n + 2, 0.01, 1);
      const want = auditoryLoudness(mel, n, w, 9.3e-10, 0.33);
      const got = k.wasm.auditoryLoudness(k.put(mel), n, k.put(w), 9.3e-10, 0.33);
      assertNumberClose(got, want, auditoryLoudnessTolerance, `${k.variant} n=${n}`);
      k.reset();
    }
  }
});

test.run();
