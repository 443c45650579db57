import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rfftPower, rfftTolerance } from '../../daemon/features/ref/rfft.ts';
import { assertClose, randomArray, wasmKits } from './helpers/kernel-harness.ts';

const SIZES = [2, 4, 8, 16, 64, 128, 512, 1024];

function naiveDft(x: Float32Array): Float64Array {
  const n = x.length, p = new Float64Array(n / 2 + 1);
  for (let k = 0; k <= n / 2; k++) {
    let re = 0, im = 0;
    for (let i = 0; i < n; i++) {
      re += x[i] * Math.cos((2 * Math.PI * k * i) / n);
      im -= x[i] * Math.sin((2 * Math.PI * k * i) / n);
    }
    p[k] = re * re + im * im;
  }
  return p;
}

/** The tolerance scaled to the spectrum's largest bin. */
const scaled = (p: ArrayLike<number>) => ({ abs: rfftTolerance.abs + rfftTolerance.rel * Math.max(...Array.from(p)), rel: rfftTolerance.rel });

test('reference equals a naive DFT', () => {
  for (const n of SIZES) {
    const x = randomArray(n, n);
    const p = new Float32Array(n / 2 + 1);
    rfftPower(x, n, p);
    const want = naiveDft(x);
    assertClose(p, want, scaled(want), `n=${n}`);
  }
});

test('known answer: a sine at bin 10 of 512 puts (n/2)^2 there and ~0 elsewhere', () => {
  const n = 512;
  const x = Float32Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * 10 * i) / n));
  const p = new Float32Array(n / 2 + 1);
  rfftPower(x, n, p);
  assert.ok(Math.abs(p[10] - (n / 2) ** 2) < 1e-2 * (n / 2) ** 2);
  for (let k = 0; k <= n / 2; k++) if (k !== 10) assert.ok(p[k] < 1e-6 * p[10], `bin ${k}: ${p[k]}`);
});

test('WASM builds match the reference for every size', async () => {
  for (const k of await wasmKits()) {
    for (const n of SIZES) {
      for (const seed of [1, 2]) {
        const x = randomArray(n, 100 * n + seed);
        const want = new Float32Array(n / 2 + 1);
        rfftPower(x, n, want);
        const t = k.alloc(k.wasm.rfftTableBytes(n) >> 2);
        k.wasm.rfftInit(n, t);
        const px = k.put(x), work = k.alloc(n), out = k.alloc(n / 2 + 1);
        k.wasm.rfftPower(px, n, t, work, out);
        assertClose(k.read(out, n / 2 + 1), want, scaled(want), `${k.variant} n=${n}`);
        k.reset();
      }
    }
  }
});

test('WASM: a sine at bin 10 of 512', async () => {
  for (const k of await wasmKits()) {
    const n = 512;
    const x = Float32Array.from({ length: n }, (_, i) => Math.cos((2 * Math.PI * 10 * i) / n));
    const t = k.alloc(k.wasm.rfftTableBytes(n) >> 2);
    k.wasm.rfftInit(n, t);
    const px = k.put(x), work = k.alloc(n), out = k.alloc(n / 2 + 1);
    k.wasm.rfftPower(px, n, t, work, out);
    const p = k.read(out, n / 2 + 1);
    assert.ok(Math.abs(p[10] / (n / 2) ** 2 - 1) < 1e-4, `${k.variant}: ${p[10]}`);
    k.reset();
  }
});

test('the SIMD build (two stages per pass) gives the scalar build\'s spectrum bit for bit', async () => {
  const got: Uint32Array[][] = [];
  for (const k of await wasmKits()) {
    const out: Uint32Array[] = [];
    for (const n of [...SIZES, 256, 2048]) {
      const t = k.alloc(k.wasm.rfftTableBytes(n) >> 2);
      k.wasm.rfftInit(n, t);
      const px = k.put(randomArray(n, 7 * n)), work = k.alloc(n), o = k.alloc(n / 2 + 1);
      k.wasm.rfftPower(px, n, t, work, o);
      out.push(new Uint32Array(k.read(o, n / 2 + 1).buffer.slice(0)));
      k.reset();
    }
    got.push(out);
  }
  assert.equal(got[0], got[1]);
});

test.run();
