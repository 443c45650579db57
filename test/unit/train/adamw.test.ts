import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { adamWMoments, adamWStep, type AdamWParam } from '../../../daemon/train/adamw.ts';

test('AdamW: the first step moves every parameter by the learning rate against its gradient sign', () => {
  // After one step the bias-corrected ratio m/sqrt(v) is g/|g|, so the step is lr (plus decay).
  const p = Float64Array.from([1, -2, 0.5]);
  const g = Float64Array.from([0.3, -4, 1e-3]);
  const params: AdamWParam[] = [{ p, g, decay: false }];
  adamWStep(params, adamWMoments(params), 1, 0.01, 0.5);
  const want = [1 - 0.01, -2 + 0.01, 0.5 - 0.01];
  want.forEach((w, i) => assert.ok(Math.abs(p[i] - w) < 1e-6, `param ${i}: ${p[i]} vs ${w}`));
});

test('AdamW: decoupled weight decay shrinks weights, never biases, even with a zero gradient', () => {
  const w = Float64Array.from([2, -2]), b = Float64Array.from([2, -2]);
  const zero = new Float64Array(2);
  const params: AdamWParam[] = [{ p: w, g: zero, decay: true }, { p: b, g: zero, decay: false }];
  adamWStep(params, adamWMoments(params), 1, 0.1, 0.5);
  assert.equal(Array.from(w), [2 - 0.1 * 0.5 * 2, -2 + 0.1 * 0.5 * 2]);
  assert.equal(Array.from(b), [2, -2]);
});

test('AdamW: minimises a quadratic', () => {
  const p = Float64Array.from([5, -3]);
  const g = new Float64Array(2);
  const params: AdamWParam[] = [{ p, g, decay: false }];
  const m = adamWMoments(params);
  for (let step = 1; step <= 2000; step++) {
    g[0] = 2 * (p[0] - 1); g[1] = 2 * (p[1] + 0.5);
    adamWStep(params, m, step, 0.05, 0);
  }
  assert.ok(Math.abs(p[0] - 1) < 1e-2 && Math.abs(p[1] + 0.5) < 1e-2, `ended at ${p[0]}, ${p[1]}`);
});

test.run();
