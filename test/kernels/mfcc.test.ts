import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dctMatrix, mfcc, mfccTolerance } from '../../daemon/features/ref/mfcc.ts';
import { EDGE_LENGTHS, assertClose, randomArray, wasmKits } from './helpers/kernel-harness.ts';

const FLOOR = 1e-10;

test('a flat mel spectrum has only c0 = sqrt(2N) ln E', () => {
  const n = 26, mel = new Float32Array(n).fill(Math.E ** 2), out = new Float32Array(14);
  mfcc(mel, n, FLOOR, dctMatrix(14, n), 14, out);
  assert.ok(Math.abs(out[0] - Math.sqrt(2 * n) * 2) < 1e-5, `c0 ${out[0]}`);
  for (let i = 1; i < 14; i++) assert.ok(Math.abs(out[i]) < 1e-5, `c${i} ${out[i]}`);
});

test('silence gives the floor, finite', () => {
  const out = new Float32Array(14);
  mfcc(new Float32Array(26), 26, FLOOR, dctMatrix(14, 26), 14, out);
  assert.ok(out.every(Number.isFinite));
});

test('WASM builds match the reference for edge band counts', async () => {
  for (const k of await wasmKits()) {
    for (const bands of EDGE_LENGTHS.filter((n) => n > 0 && n <= 65).concat([26, 40])) {
      const ceps = Math.min(14, bands);
      const mel = randomArray(bands, bands + 3, 0, 5);
      mel[0] = 0; // floored
      const d = dctMatrix(ceps, bands);
      const want = new Float32Array(ceps);
      mfcc(mel, bands, FLOOR, d, ceps, want);
      const pm = k.put(mel), pd = k.put(d), scratch = k.alloc(bands), out = k.alloc(ceps);
      k.wasm.mfcc(pm, bands, FLOOR, pd, ceps, scratch, out);
      assertClose(k.read(out, ceps), want, mfccTolerance, `${k.variant} bands=${bands}`);
      k.reset();
    }
  }
});

test.run();
