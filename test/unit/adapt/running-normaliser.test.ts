import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RunningNormaliser, standardTarget } from '../../../daemon/adapt/running-normaliser.ts';
import { createRng } from '../../../daemon/train/rng.ts';

test('with nothing heard, vectors pass as they are (the prior is the training statistics)', () => {
  const n = new RunningNormaliser([1, 10], [2, 5]);
  assert.equal(Array.from(n.transform([3, -4])), [3, -4]);
});

test('a shifted and scaled device is mapped onto the training distribution, causally', () => {
  const rng = createRng(4);
  const n = new RunningNormaliser([0, 0], [1, 1], { window: 1000, priorWeight: 10 });
  const heard = Array.from({ length: 2000 }, () => [50 + 4 * rng.normal(), -3 + 0.5 * rng.normal()]);
  const mapped = heard.map((x) => { const y = n.transform(x); n.update(x); return y; });
  const late = mapped.slice(1000);
  for (const j of [0, 1]) {
    const m = late.reduce((a, y) => a + y[j], 0) / late.length;
    const sd = Math.sqrt(late.reduce((a, y) => a + (y[j] - m) ** 2, 0) / late.length);
    assert.ok(Math.abs(m) < 0.15 && Math.abs(sd - 1) < 0.15, `feature ${j}: mean ${m}, sd ${sd}`);
  }
  // The first vector saw nothing before it: unchanged.
  assert.equal(Array.from(mapped[0]), heard[0].map(Math.fround));
});

test('bounded memory: the window forgets; state saves, restores, resets; bad input is refused', () => {
  const n = new RunningNormaliser([0], [1], { window: 50 });
  for (let i = 0; i < 500; i++) n.update([i < 400 ? 0 : 10]);
  assert.is(n.seen, 50);
  assert.ok(n.state().mean[0] > 8, `mean follows the recent level: ${n.state().mean[0]}`);
  const m = new RunningNormaliser([0], [1], { window: 50 });
  m.restore(JSON.parse(JSON.stringify(n.state())));
  assert.equal(Array.from(m.transform([3])), Array.from(n.transform([3])));
  n.update([NaN]);
  assert.is(n.seen, 50);
  assert.throws(() => m.restore({ count: 1, mean: [1, 2], variance: [1, 1] }), /2 features, the model 1/);
  assert.throws(() => m.restore({ count: 1, mean: [1], variance: [-1] }), /invalid numbers/);
  assert.throws(() => m.transform([1, 2]), /expected 1 features/);
  m.reset();
  assert.is(m.seen, 0);
});

test('a standard target: heard speech standardised on its own statistics, starting from the prior', () => {
  // A model with featureNormalisation 'device': the prior is the raw training statistics,
  // the output the heard rows' own z-scores.
  const n = new RunningNormaliser([10, 100], [2, 20], { window: 1000, priorWeight: 10, target: standardTarget(2) });
  // Nothing heard: standardised on the prior.
  assert.equal(Array.from(n.transform([12, 60])), [1, -2]);
  const rng = createRng(9);
  const heard = Array.from({ length: 1500 }, () => [30 + 3 * rng.normal(), 60 + 8 * rng.normal()]);
  const late = heard.map((x) => { const y = n.transform(x); n.update(x); return y; }).slice(1000);
  for (const j of [0, 1]) {
    const m = late.reduce((a, y) => a + y[j], 0) / late.length;
    const sd = Math.sqrt(late.reduce((a, y) => a + (y[j] - m) ** 2, 0) / late.length);
    assert.ok(Math.abs(m) < 0.15 && Math.abs(sd - 1) < 0.15, `feature ${j}: mean ${m}, sd ${sd}`);
  }
  // A feature that never varies sits at the target's mean, not at its raw value.
  const c = new RunningNormaliser([0], [1], { priorWeight: 0, target: standardTarget(1) });
  for (let i = 0; i < 20; i++) c.update([7]);
  assert.equal(Array.from(c.transform([7])), [0]);
  assert.throws(() => new RunningNormaliser([0, 0], [1, 1], { target: standardTarget(3) }), /target has 3 values/);
});

test.run();
