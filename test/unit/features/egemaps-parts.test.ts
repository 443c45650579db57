// The eGeMAPS building blocks with hand-checked values: smoothing, segments, peaks, the
// Viterbi smoother, Levinson-Durbin and the polynomial root finder.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { levinson } from '../../../daemon/features/egemaps/formants.ts';
import { peakStats } from '../../../daemon/features/egemaps/peaks.ts';
import { viterbiStates } from '../../../daemon/features/egemaps/pitch-viterbi.ts';
import { polyRoots } from '../../../daemon/features/egemaps/poly-roots.ts';
import { segmentStats } from '../../../daemon/features/egemaps/segments.ts';
import { sma3, sma3nz } from '../../../daemon/features/egemaps/smoothing.ts';

const close = (a: number, b: number, eps = 1e-9): boolean => Math.abs(a - b) <= eps;

test('sma3 repeats the edge frames; sma3nz averages non-zero neighbours and keeps zeros', () => {
  assert.equal([...sma3(Float64Array.from([3, 6, 9]))], [4, 6, 8]);
  assert.equal([...sma3nz(Float64Array.from([0, 2, 4, 0, 5]))], [0, 3, 3, 0, 5]);
});

test('segments: 3 frames to start, 2 to end, a 1-frame gap bridged, lengths one frame short', () => {
  const v = [0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1];
  const s = segmentStats(v.length, (i) => v[i] !== 0, 0.01);
  // Runs 2..5 and 8..16 (the zero at 11 bridged): lengths 3 and 8 frames.
  assert.ok(close(s.perSecond, 2 / 0.17));
  assert.ok(close(s.meanLength, 0.055));
  assert.ok(close(s.stdLength, 0.025));
  assert.equal(segmentStats(4, () => false, 0.01), { perSecond: 0, meanLength: 0, stdLength: 0 });
});

test('peaks: a clean sine has one peak per period; slopes are the rises and falls per second', () => {
  // Period 48 frames: extrema on whole frames, a rise or fall of 2 every 0.24 s.
  const n = 480, v = Float64Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * i) / 48));
  const p = peakStats(v, n, 0.01);
  assert.ok(close(p.peaksPerSecond, 10 / 4.8), `${p.peaksPerSecond}`);
  assert.ok(Math.abs(p.risingMean - 2 / 0.24) < 0.5, `${p.risingMean}`);
  assert.ok(Math.abs(p.fallingMean - 2 / 0.24) < 1.5, `${p.fallingMean}`);
  assert.equal(peakStats(new Float64Array(0), 0, 0.01).peaksPerSecond, 0);
});

test('Viterbi: a steady voiced candidate is kept, frames without voicing become unvoiced', () => {
  const frames = 60, nc = 6, f0 = new Float64Array(frames * nc), v = new Float64Array(frames * nc);
  for (let f = 0; f < frames; f++) {
    const voiced = f >= 10 && f < 50;
    f0[f * nc] = 200;
    f0[f * nc + 1] = 400; // an octave error with less voicing
    v[f * nc] = voiced ? 0.9 : 0.1;
    v[f * nc + 1] = voiced ? 0.75 : 0.05;
  }
  const s = viterbiStates(f0, v, frames);
  for (let f = 0; f < frames; f++) assert.is(s[f], f >= 10 && f < 50 ? 0 : nc, `frame ${f}`);
});

test('Levinson-Durbin recovers an AR(2) predictor from its autocorrelation', () => {
  // x[n] = 1.2 x[n-1] - 0.5 x[n-2] + e: A(z) = 1 - 1.2 z^-1 + 0.5 z^-2; r from Yule-Walker.
  const a1 = -1.2, a2 = 0.5, r1 = -a1 / (1 + a2), r2 = -a1 * r1 - a2;
  const a = new Float64Array(2);
  assert.ok(levinson([1, r1, r2], 2, a));
  assert.ok(close(a[0], a1, 1e-12) && close(a[1], a2, 1e-12), `${a}`);
  assert.not.ok(levinson([0, 0, 0], 2, a));
});

test('polynomial roots: (z - 1)(z - 2)(z^2 + 1) and z^3', () => {
  // z^4 - 3 z^3 + 3 z^2 - 3 z + 2, ascending coefficients.
  const roots = new Float64Array(8);
  polyRoots(Float64Array.from([2, -3, 3, -3, 1]), 4, roots);
  // Sorted on rounded parts: the two imaginary roots' real parts are 0 up to rounding, of either sign.
  const r9 = (v: number): number => Math.round(v * 1e9) / 1e9;
  const got = [0, 1, 2, 3].map((k) => [roots[2 * k], roots[2 * k + 1]]).sort((p, q) => r9(p[0]) - r9(q[0]) || r9(p[1]) - r9(q[1]));
  const want = [[0, -1], [0, 1], [1, 0], [2, 0]];
  got.forEach(([re, im], k) => assert.ok(close(re, want[k][0], 1e-9) && close(im, want[k][1], 1e-9), `${got}`));
  polyRoots(Float64Array.from([0, 0, 0, 1]), 3, roots);
  // A zero constant term is a root at exactly 0 (taken out, not iterated towards).
  for (let k = 0; k < 6; k++) assert.is(roots[k], 0);
});

test.run();
