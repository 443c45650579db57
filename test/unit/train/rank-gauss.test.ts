// The rank-Gauss map is fitted on training rows only and must handle values it never saw:
// between two training values it interpolates, beyond the extremes it holds the end
// values, ties collapse to one knot, and its outputs on the training rows are standardised.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { matrix } from '../../../daemon/train/linalg.ts';
import { fitRankGauss, inverseNormalCdf, piecewiseForward, quantileKnots } from '../../../daemon/train/rank-gauss.ts';
import { createRng } from '../../../daemon/train/rng.ts';

const column = (values: number[]) => matrix(values.length, 1, Float64Array.from(values));

test('inverseNormalCdf matches tabulated quantiles and is odd around 0.5', () => {
  assert.ok(Math.abs(inverseNormalCdf(0.5)) < 1e-12);
  assert.ok(Math.abs(inverseNormalCdf(0.975) - 1.959963985) < 1e-8);
  assert.ok(Math.abs(inverseNormalCdf(0.001) + 3.090232306) < 1e-8);
  for (const p of [0.01, 0.2, 0.4]) assert.ok(Math.abs(inverseNormalCdf(p) + inverseNormalCdf(1 - p)) < 1e-9);
  assert.throws(() => inverseNormalCdf(0), /outside/);
});

test('knots: evenly spaced ranks, ties merged into one knot with the mean target', () => {
  const k = quantileKnots(Float64Array.from([0, 0, 0, 1, 2]), 5);
  assert.equal(k.x, [0, 1, 2]);
  const want0 = (inverseNormalCdf(0.1) + inverseNormalCdf(0.3) + inverseNormalCdf(0.5)) / 3;
  assert.ok(Math.abs(k.y[0] - want0) < 1e-12);
  assert.ok(Math.abs(k.y[2] - inverseNormalCdf(0.9)) < 1e-12);
});

test('fitted on training values: standardised there, monotone, interpolating and clamped on unseen values', () => {
  const train = [1, 2, 4, 8, 16, 32, 64, 1000];
  const layer = fitRankGauss(column(train), 8);
  const out = piecewiseForward(layer, column(train)).data;
  const mean = out.reduce((a, b) => a + b, 0) / out.length;
  const sd = Math.sqrt(out.reduce((a, b) => a + (b - mean) ** 2, 0) / out.length);
  assert.ok(Math.abs(mean) < 1e-12 && Math.abs(sd - 1) < 1e-12, `mean ${mean} sd ${sd}`);
  for (let i = 1; i < out.length; i++) assert.ok(out[i] > out[i - 1]);
  // The outlier 1000 is only one rank above 64: the map bounds it.
  assert.ok(out[7] - out[6] < out[6] - out[5] + 1);
  const unseen = piecewiseForward(layer, column([3, 48, -5, 1e6])).data;
  assert.ok(Math.abs(unseen[0] - (out[1] + out[2]) / 2) < 1e-12, 'halfway between knots 2 and 4');
  assert.ok(Math.abs(unseen[1] - (out[5] + out[6]) / 2) < 1e-12);
  assert.is(unseen[2], out[0]);
  assert.is(unseen[3], out[7]);
});

test('a constant feature maps to 0; a heavy-tailed one comes out roughly symmetric', () => {
  const rng = createRng(3);
  const n = 400, x = matrix(n, 2);
  for (let i = 0; i < n; i++) { x.data[i * 2] = 5; x.data[i * 2 + 1] = Math.exp(2 * rng.normal()); }
  const layer = fitRankGauss(x, 64);
  const out = piecewiseForward(layer, x);
  const skew = (j: number) => {
    let m = 0, m2 = 0, m3 = 0;
    for (let i = 0; i < n; i++) m += out.data[i * 2 + j] / n;
    for (let i = 0; i < n; i++) { const d = out.data[i * 2 + j] - m; m2 += d * d / n; m3 += d * d * d / n; }
    return m3 / m2 ** 1.5;
  };
  for (let i = 0; i < n; i++) assert.is(out.data[i * 2], 0);
  assert.ok(Math.abs(skew(1)) < 0.1, `skew ${skew(1)}`);
  assert.throws(() => fitRankGauss(x, 1), /at least 2 knots/);
});

test.run();
