// The hand-written backward pass against central finite differences on a tiny network:
// every weight, every bias, and the input, with strides, padding and all three poolings in play.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng } from '../../../../daemon/train/rng.ts';
import { initCnn } from '../../../../daemon/train/sequence/cnn.ts';
import { backpropExample, paramPairs, zeroGrads } from '../../../../daemon/train/sequence/cnn-backprop.ts';

function tiny(seed: number) {
  const rng = createRng(seed);
  const net = initCnn(['a', 'b', 'c'], ['x', 'y', 'z', 'w'], [
    { channels: 5, kernel: 5, stride: 2 }, { channels: 4, kernel: 3, stride: 1 }, { channels: 6, kernel: 3, stride: 2 },
  ], rng, ['mean', 'std', 'max']);
  // Non-zero biases so that no unit sits exactly at the ReLU kink by construction.
  for (const L of net.convs) for (let i = 0; i < L.bias.length; i++) L.bias[i] = 0.1 * rng.normal();
  const t = 23, z = Float64Array.from({ length: t * 3 }, () => rng.normal());
  return { net, z, t };
}

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1e-6, Math.abs(a) + Math.abs(b));
}

test('every parameter gradient matches central differences', () => {
  const { net, z, t } = tiny(3);
  const target = 2, weight = 0.7;
  const grads = zeroGrads(net);
  backpropExample(net, grads, z, t, target, weight);
  const lossAt = () => weight * backpropExample(net, zeroGrads(net), z, t, target, 1).loss;
  const h = 1e-6;
  let checked = 0, worst = 0;
  for (const { p, g } of paramPairs(net, grads)) {
    for (let i = 0; i < p.length; i++) {
      const keep = p[i];
      p[i] = keep + h; const up = lossAt();
      p[i] = keep - h; const down = lossAt();
      p[i] = keep;
      const fd = (up - down) / (2 * h);
      // Entries whose gradient is tiny in both are compared absolutely.
      const err = Math.abs(fd - g[i]) < 1e-8 ? 0 : relErr(fd, g[i]);
      worst = Math.max(worst, err);
      checked++;
    }
  }
  assert.ok(checked === 298, `checked ${checked}`);
  assert.ok(worst < 1e-5, `worst relative error ${worst}`);
});

test('the input gradient matches central differences', () => {
  const { net, z, t } = tiny(8);
  const res = backpropExample(net, zeroGrads(net), z, t, 1, 1, { inputGrad: true });
  const g = res.inputGrad!;
  assert.is(g.length, z.length);
  const h = 1e-6;
  let worst = 0, nonZero = 0;
  for (let i = 0; i < z.length; i++) {
    const keep = z[i];
    z[i] = keep + h; const up = backpropExample(net, zeroGrads(net), z, t, 1, 1).loss;
    z[i] = keep - h; const down = backpropExample(net, zeroGrads(net), z, t, 1, 1).loss;
    z[i] = keep;
    const fd = (up - down) / (2 * h);
    if (Math.abs(g[i]) > 1e-9) nonZero++;
    worst = Math.max(worst, Math.abs(fd - g[i]) < 1e-8 ? 0 : relErr(fd, g[i]));
  }
  assert.ok(nonZero > z.length / 2, `only ${nonZero} non-zero input gradients`);
  assert.ok(worst < 1e-5, `worst relative error ${worst}`);
});

test('a wrong gradient would be caught: perturbing one weight changes the loss as the gradient says', () => {
  const { net, z, t } = tiny(5);
  const grads = zeroGrads(net);
  const base = backpropExample(net, grads, z, t, 0, 1).loss;
  // A step against the gradient must lower the loss: the sign is right, not only the size.
  for (const { p, g } of paramPairs(net, grads)) for (let i = 0; i < p.length; i++) p[i] -= 1e-3 * g[i];
  const after = backpropExample(net, zeroGrads(net), z, t, 0, 1).loss;
  assert.ok(after < base, `${after} !< ${base}`);
});

test.run();
