import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startPoints } from '../../daemon/features/egemaps/poly-roots.ts';
import { lpcRoots, lpcRootsTolerance } from '../../daemon/features/ref/lpc-roots.ts';
import { assertClose, rng, wasmKits } from './helpers/kernel-harness.ts';

/** Autocorrelation r[0..p] of a sum of decaying resonances plus noise (formant-like). */
function acfOf(seed: number, p: number): Float64Array {
  const r = rng(seed), n = 220, x = new Float64Array(n);
  const res = [[500, 60], [1500, 90], [2500, 120]].map(([f, b]) => [f * (0.8 + 0.4 * r()), b]);
  let y1 = 0, y2 = 0;
  for (let i = 0; i < n; i++) {
    let v = 0.05 * (r() - 0.5) + (i % 80 === 0 ? 1 : 0);
    for (const [f, b] of res) v += 0.3 * Math.cos((2 * Math.PI * f * i) / 11000) * Math.exp((-Math.PI * b * (i % 80)) / 11000);
    x[i] = v + 0.5 * y1 - 0.2 * y2;
    y2 = y1;
    y1 = x[i];
  }
  return Float64Array.from({ length: p + 1 }, (_, k) => {
    let s = 0;
    for (let i = 0; i + k < n; i++) s += x[i] * x[i + k];
    return s;
  });
}

test('roots of an AR(2) predictor in openSMILE sign convention: z^2 - a1 z - a2', () => {
  // A(z) = 1 - 1.2 z^-1 + 0.5 z^-2; openSMILE's formant polynomial negates the predictor
  // coefficients (egemaps/formants.ts): z^2 + 1.2 z - 0.5, roots -0.6 +- sqrt(0.86).
  const a1 = -1.2, a2 = 0.5, r1 = -a1 / (1 + a2), r2 = -a1 * r1 - a2;
  const roots = new Float64Array(4);
  assert.ok(lpcRoots([1, r1, r2], 2, roots) >= 0);
  const got = [roots[0], roots[2]].sort((x, y) => x - y);
  assert.ok(Math.abs(got[0] - (-0.6 - Math.sqrt(0.86))) < 1e-9 && Math.abs(got[1] - (-0.6 + Math.sqrt(0.86))) < 1e-9, `${roots}`);
  assert.ok(Math.abs(roots[1]) < 1e-9 && Math.abs(roots[3]) < 1e-9, `${roots}`);
  assert.is(lpcRoots([0, 0, 0], 2, roots), -1);
});

test('WASM builds give the reference roots, cold and warm-started, frame after frame', async () => {
  const p = 11;
  for (const k of await wasmKits()) {
    const acfPtr = k.alloc(2 * (p + 1)), rootsPtr = k.alloc(4 * p), startPtr = k.alloc(4 * p);
    const f64 = (): Float64Array => new Float64Array(k.wasm.memory.buffer);
    f64().set(startPoints(p), startPtr >> 3);
    const want = new Float64Array(2 * p);
    for (let frame = 0; frame < 40; frame++) {
      // A silent frame now and then (no roots, the memory kept), and a pure tone's
      // autocorrelation (rank 2: Levinson-Durbin stops early, roots at exactly 0).
      const tone = Float64Array.from({ length: p + 1 }, (_, k) => Math.cos(0.3 * k));
      const acf = frame % 13 === 5 ? new Float64Array(p + 1) : frame % 11 === 7 ? tone : acfOf(frame >> 2, p);
      f64().set(acf, acfPtr >> 3);
      const itWant = lpcRoots(acf, p, want);
      const itGot = k.wasm.lpcRoots(acfPtr, p, rootsPtr, 100, startPtr);
      assert.is(itGot, itWant, `${k.variant} frame ${frame}: iterations`);
      assertClose(f64().slice(rootsPtr >> 3, (rootsPtr >> 3) + 2 * p), want, lpcRootsTolerance, `${k.variant} frame ${frame}`);
      if (acf === tone) assert.ok(want.filter((v) => v === 0).length >= 2, `tone: roots at 0 ${want}`);
    }
    k.reset();
  }
});

test('the SIMD build (two roots per Horner pass) gives the scalar build\'s roots bit for bit', async () => {
  const p = 11, got: BigUint64Array[][] = [];
  for (const k of await wasmKits()) {
    const acfPtr = k.alloc(2 * (p + 1)), rootsPtr = k.alloc(4 * p), startPtr = k.alloc(4 * p), out: BigUint64Array[] = [];
    const f64 = (): Float64Array => new Float64Array(k.wasm.memory.buffer);
    f64().set(startPoints(p), startPtr >> 3);
    for (let frame = 0; frame < 60; frame++) {
      f64().set(acfOf(frame >> 1, p), acfPtr >> 3);
      const it = k.wasm.lpcRoots(acfPtr, p, rootsPtr, 100, startPtr);
      out.push(BigUint64Array.from([BigInt(it), ...new BigUint64Array(k.wasm.memory.buffer, rootsPtr, 2 * p)]));
    }
    got.push(out);
    k.reset();
  }
  assert.equal(got[0], got[1]);
});

test.run();
