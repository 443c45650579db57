import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ContourStats } from '../../../daemon/features/contour-stats.ts';
import { deltaContour } from '../../../daemon/features/deltas.ts';
import { ALL_FUNCTIONALS, FUNCTIONALS } from '../../../daemon/features/functionals.ts';
import { sortFloat64 } from '../../../daemon/features/sort-f64.ts';
import { temporalFeatures } from '../../../daemon/features/temporal.ts';

const close = (a: number, b: number, eps = 1e-9): boolean => Math.abs(a - b) <= eps * (1 + Math.abs(b));
const f = (name: keyof typeof FUNCTIONALS, s: ContourStats): number => FUNCTIONALS[name](s);

test('moments, extremes, positions, percentiles of 1..5 (numpy conventions)', () => {
  const s = new ContourStats(Float32Array.from([3, 1, 4, 5, 2]), null, 100);
  assert.ok(close(f('mean', s), 3) && close(f('std', s), Math.sqrt(2)));
  assert.ok(close(f('skewness', s), 0) && close(f('kurtosis', s), 1.7));
  assert.is(f('min', s), 1);
  assert.is(f('max', s), 5);
  assert.is(f('range', s), 4);
  assert.is(f('minpos', s), 0.25);
  assert.is(f('maxpos', s), 0.75);
  assert.ok(close(f('pct20', s), 1.8) && close(f('pct50', s), 3) && close(f('pct80', s), 4.2));
  assert.ok(close(f('pct1', s), 1.04) && close(f('pct99', s), 4.96) && close(f('pctrange20_80', s), 2.4));
});

test('linear regression over time in seconds, and rising/falling slopes', () => {
  // y = 2 + 0.5 * frame = 2 + 50 t
  const line = new ContourStats(Float32Array.from({ length: 10 }, (_, i) => 2 + 0.5 * i), null, 100);
  assert.ok(close(f('linreg_slope', line), 50) && close(f('linreg_offset', line), 2) && close(f('linreg_err', line), 0, 1e-9));
  assert.ok(close(f('rising_slope_mean', line), 50) && f('falling_slope_mean', line) === 0);
  const zigzag = new ContourStats(Float32Array.from([0, 2, 1, 3, 0]), null, 100);
  assert.ok(close(f('rising_slope_mean', zigzag), 200) && close(f('falling_slope_mean', zigzag), -200));
  const noisy = new ContourStats(Float32Array.from([0, 1, 0, 1]), null, 100);
  assert.ok(close(f('linreg_err', noisy), 0.2), `${f('linreg_err', noisy)}`);
});

test('a mask selects frames; slopes only between adjacent selected frames; positions stay in the utterance', () => {
  const y = Float32Array.from([9, 1, 2, 9, 9, 5, 9]);
  const mask = Float32Array.from([0, 1, 1, 0, 0, 1, 0]);
  const s = new ContourStats(y, mask, 100);
  assert.is(s.n, 3);
  assert.ok(close(f('mean', s), 8 / 3));
  assert.is(f('maxpos', s), 5 / 6);
  assert.ok(close(f('rising_slope_mean', s), 100) && f('falling_slope_mean', s) === 0);
});

test('no selected frame, one frame, a constant contour: finite, documented zeros', () => {
  for (const s of [
    new ContourStats(new Float32Array(0), null, 100),
    new ContourStats(Float32Array.from([1, 2]), Float32Array.from([0, 0]), 100),
  ]) {
    for (const name of ALL_FUNCTIONALS) assert.is(f(name, s), 0, name);
  }
  const one = new ContourStats(Float32Array.from([7]), null, 100);
  for (const name of ALL_FUNCTIONALS) assert.ok(Number.isFinite(f(name, one)), name);
  assert.is(f('pct99', one), 7);
  const flat = new ContourStats(new Float32Array(50).fill(0.1), null, 100);
  assert.is(f('skewness', flat), 0);
  assert.is(f('kurtosis', flat), 0);
  assert.is(f('std', flat), 0);
});

test('deltas: HTK regression with repeated edges', () => {
  const d = deltaContour(Float32Array.from([0, 1, 2, 3, 4, 5]));
  assert.ok(close(d[2], 1) && close(d[3], 1));
  assert.ok(close(d[0], (1 * (1 - 0) + 2 * (2 - 0)) / 10));
  assert.equal([...deltaContour(new Float32Array(0))], []);
  assert.equal([...deltaContour(Float32Array.from([4]))], [0]);
});

test('temporal: voiced ratio, run lengths, runs per second', () => {
  const v = Float32Array.from([0, 1, 1, 1, 0, 0, 1, 1, 0, 0]);
  const out = new Float32Array(4);
  temporalFeatures(v, 100, out, 0);
  assert.ok(close(out[0], 0.5) && close(out[1], 0.025) && close(out[2], 5 / 3 / 100, 1e-6) && close(out[3], 20, 1e-6));
  temporalFeatures(new Float32Array(0), 100, out, 0);
  assert.equal([...out], [0, 0, 0, 0]);
});

test('sortFloat64 sorts like the built-in on random and adversarial input', () => {
  let seed = 9;
  const rnd = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  for (const n of [0, 1, 2, 3, 16, 17, 100, 1000]) {
    for (const gen of [rnd, () => 1, () => Math.floor(rnd() * 3)]) {
      const a = Float64Array.from({ length: n }, gen);
      const want = a.slice().sort();
      sortFloat64(a);
      assert.equal([...a], [...want], `n=${n}`);
    }
  }
  const sortedAlready = Float64Array.from({ length: 500 }, (_, i) => i);
  sortFloat64(sortedAlready.reverse());
  assert.ok(sortedAlready.every((v, i) => v === i));
});

test.run();
