import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyTemperature, fitRecipe, memberLogits } from '../../../daemon/train/calibrated-model.ts';
import { calibrationFigures, fitTemperature, scaledProbabilities } from '../../../daemon/train/calibration.ts';
import { matrix } from '../../../daemon/train/linalg.ts';
import { predictProba } from '../../../daemon/train/network.ts';
import { createRng } from '../../../daemon/train/rng.ts';
import { syntheticClasses } from './synthetic.ts';

/** Logits whose softmax at temperature `t` is the true label distribution. */
function sampledAtTemperature(n: number, k: number, t: number, seed: number) {
  const rng = createRng(seed);
  const logits = matrix(n, k);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) logits.data[i * k + j] = rng.normal() * 4;
    const p = scaledProbabilities([{ rows: 1, cols: k, data: logits.data.subarray(i * k, (i + 1) * k) }], t).data;
    let u = rng.next(), c = 0;
    while (c < k - 1 && u >= p[c]) { u -= p[c]; c++; }
    y[i] = c;
  }
  return { logits, y };
}

test('ECE, NLL and Brier of hand-checked rows', () => {
  const p = { rows: 2, cols: 2, data: Float64Array.from([0.9, 0.1, 0.3, 0.7]) };
  const f = calibrationFigures(p, [0, 0]);
  // Bins: 0.9 (correct) and 0.7 (wrong): |1 - 0.9| / 2 + |0 - 0.7| / 2 = 0.4.
  assert.ok(Math.abs(f.ece - 0.4) < 1e-12, String(f.ece));
  assert.ok(Math.abs(f.nll - (-Math.log(0.9) - Math.log(0.3)) / 2) < 1e-12);
  assert.ok(Math.abs(f.brier - ((0.01 + 0.01) + (0.49 + 0.49)) / 2) < 1e-12);
  assert.is(f.accuracy, 0.5);
});

test('fitTemperature recovers the temperature the labels were drawn at', () => {
  for (const t of [0.5, 3]) {
    const { logits, y } = sampledAtTemperature(4000, 4, t, 11);
    const fitted = fitTemperature([logits], y);
    assert.ok(Math.abs(fitted / t - 1) < 0.12, `drawn at ${t}, fitted ${fitted}`);
    const before = calibrationFigures(scaledProbabilities([logits], 1), y);
    const after = calibrationFigures(scaledProbabilities([logits], fitted), y);
    assert.ok(after.nll <= before.nll + 1e-12);
    assert.ok(after.ece < 0.03, `ECE after scaling ${after.ece}`);
  }
});

test('a temperature folded into the model gives the scaled probabilities and the same winners', () => {
  const d = syntheticClasses({ speakers: 6, seed: 3 });
  const input = { ...d, speakers: d.speakers.map((s, i) => `${i % 3 ? 'a' : 'b'}:${s}`), seed: 1 };
  const model = fitRecipe('logreg', input, { logreg: { c: 1 } });
  const logits = memberLogits(model, d.x);
  const before = predictProba(model, d.x);
  applyTemperature(model, 2.5);
  const after = predictProba(model, d.x);
  const expected = scaledProbabilities(logits, 2.5);
  for (let i = 0; i < after.data.length; i++) assert.ok(Math.abs(after.data[i] - expected.data[i]) < 1e-9);
  for (let i = 0; i < d.x.rows; i++) {
    const arg = (m: typeof after) => { let b = 0; for (let j = 1; j < m.cols; j++) if (m.data[i * m.cols + j] > m.data[i * m.cols + b]) b = j; return b; };
    assert.is(arg(after), arg(before));
  }
});

test('calibrate=temperature fits T on inner held-out corpora and records it', () => {
  // Three "corpora" that shift every feature: a model fitted on two is overconfident on the third.
  const d = syntheticClasses({ speakers: 9, separation: 0.8, speakerShift: 1.2, seed: 5 });
  const speakers = d.speakers.map((s) => `c${Number(s.slice(3)) % 3}:${s}`);
  const model = fitRecipe('logreg', { ...d, speakers, seed: 1 }, { logreg: { c: 10 }, calibrate: 'temperature' });
  const cal = model.info.calibration as { temperature: number; innerGroups: string; folds: number; before: { nll: number }; after: { nll: number } };
  assert.is(cal.innerGroups, 'corpus');
  assert.is(cal.folds, 3);
  assert.ok(cal.temperature > 1, `overconfident model: T ${cal.temperature}`);
  assert.ok(cal.after.nll < cal.before.nll);
});

test.run();
