import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { harmonicShifts, subharmonicSum, subharmonicSumTolerance } from '../../daemon/features/ref/subharmonic-sum.ts';
import { assertClose, EDGE_LENGTHS, randomArray, wasmKits } from './helpers/kernel-harness.ts';

test('harmonics of a comb on the octave scale add up at the fundamental', () => {
  const ppo = 48, shifts = harmonicShifts(ppo, 15), n = 480, a = new Float32Array(n), out = new Float32Array(n);
  for (let h = 1; h <= 15; h++) a[60 + Math.floor(ppo * Math.log2(h))] = 1;
  subharmonicSum(a, n, shifts, 0.85, out);
  const best = out.indexOf(Math.max(...out));
  assert.is(best, 60);
  assert.ok(out.every((v) => v >= 0));
});

test('WASM builds match the reference at edge lengths', async () => {
  const shifts = harmonicShifts(61.6, 15);
  for (const k of await wasmKits()) {
    for (const n of [...EDGE_LENGTHS, 513]) {
      const a = randomArray(n, n + 21, -0.2, 1), want = new Float32Array(n), out = k.alloc(n);
      subharmonicSum(a, n, shifts.map((s) => Math.min(s, n)), 0.85, want);
      k.wasm.subharmonicSum(k.put(a), n, k.put(shifts.map((s) => Math.min(s, n))), shifts.length, 0.85, out);
      assertClose(k.read(out, n), want, subharmonicSumTolerance, `${k.variant} n=${n}`);
      k.reset();
    }
  }
});

test.run();
