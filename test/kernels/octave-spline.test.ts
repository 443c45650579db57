import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { octaveSpline as grid } from '../../daemon/features/egemaps/octave-grid.ts';
import { octaveSpline, octaveSplineTolerance } from '../../daemon/features/ref/octave-spline.ts';
import { assertClose, randomArray, wasmKits } from './helpers/kernel-harness.ts';

const pack = (t: ReturnType<typeof grid>): Float32Array => {
  const out = new Float32Array(10 * t.n);
  [t.sig, t.pInv, t.q, t.c6, t.invDx, t.wa, t.wb, t.ca, t.cb, t.audWeight].forEach((a, i) => out.set(a, i * t.n));
  return out;
};

test('a spectrum linear in log2 f is interpolated exactly (then weighted)', () => {
  const t = grid(513, 15.625, 25), y = new Float32Array(513), out = new Float32Array(513);
  for (let k = 1; k < 513; k++) y[k] = 2 + Math.log2(k * 15.625);
  y[0] = 2 * y[1] - y[2];
  octaveSpline(y, t, out);
  for (const j of [0, 100, 256, 512]) {
    const want = (2 + t.fminT + j * t.fstepT) * t.audWeight[j];
    assert.ok(Math.abs(out[j] - want) < 1e-4 * want, `j=${j}: ${out[j]} vs ${want}`);
  }
});

test('WASM builds match the reference for several grids', async () => {
  for (const k of await wasmKits()) {
    for (const [n, df, fmin] of [[513, 15.625, 25], [257, 31.25, 25], [65, 100, 150], [5, 1000, 1500], [4, 1000, 1200]]) {
      const t = grid(n, df, fmin), y = randomArray(n, n + 1, 0, 2), want = new Float32Array(n);
      octaveSpline(y, t, want);
      const out = k.alloc(n);
      k.wasm.octaveSpline(k.put(y), n, k.put(pack(t)), k.put(t.klo), k.alloc(3 * n), out);
      assertClose(k.read(out, n), want, octaveSplineTolerance, `${k.variant} n=${n}`);
      k.reset();
    }
  }
});

test('the SIMD build gives the scalar build\'s values bit for bit', async () => {
  const got: Uint32Array[][] = [];
  for (const k of await wasmKits()) {
    const out: Uint32Array[] = [];
    for (const [n, df, fmin] of [[513, 15.625, 25], [257, 31.25, 25], [65, 100, 150], [7, 1000, 1200], [5, 1000, 1500]]) {
      const t = grid(n, df, fmin), y = randomArray(n, 3 * n, -0.5, 2), o = k.alloc(n);
      k.wasm.octaveSpline(k.put(y), n, k.put(pack(t)), k.put(t.klo), k.alloc(3 * n), o);
      out.push(new Uint32Array(k.read(o, n).buffer.slice(0)));
      k.reset();
    }
    got.push(out);
  }
  assert.equal(got[0], got[1]);
});

test.run();
