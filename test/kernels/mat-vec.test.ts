import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { matVec, matVecTolerance } from '../../daemon/features/ref/mat-vec.ts';
import { resampleMatrix } from '../../daemon/features/egemaps/egemaps-tables.ts';
import { assertClose, EDGE_LENGTHS, randomArray, wasmKits } from './helpers/kernel-harness.ts';

test('rows times the vector', () => {
  const out = new Float32Array(2);
  matVec(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 3, Float32Array.from([1, 0, -1]), out);
  assert.equal([...out], [-2, -2]);
});

test('WASM builds match the reference: random shapes and the 220 x 320 resampling matrix', async () => {
  const rs = resampleMatrix();
  const cases: [Float32Array, number, number][] = EDGE_LENGTHS.map((c, i) => [randomArray(3 * c, 9 + i), 3, c]);
  cases.push([rs.matrix, rs.rows, 320]);
  for (const k of await wasmKits()) {
    for (const [m, rows, cols] of cases) {
      const x = randomArray(cols, cols + 1), want = new Float32Array(rows), out = k.alloc(rows);
      matVec(m, rows, cols, x, want);
      k.wasm.matVec(k.put(m), rows, cols, k.put(x), out);
      const tol = { ...matVecTolerance, abs: matVecTolerance.abs * Math.max(1, cols) };
      assertClose(k.read(out, rows), want, tol, `${k.variant} ${rows}x${cols}`);
      k.reset();
    }
  }
});

test.run();
