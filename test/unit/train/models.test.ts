import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { minimiseLbfgs } from '../../../daemon/train/lbfgs.ts';
import { takeRows } from '../../../daemon/train/linalg.ts';
import { fitModel } from '../../../daemon/train/models.ts';
import { argmaxRows, predictProba, type TrainedModel } from '../../../daemon/train/network.ts';
import { applyStandardiser, fitStandardiser } from '../../../daemon/train/standardise.ts';
import { syntheticClasses } from './synthetic.ts';

// 4 classes, 8 speakers; the last two speakers are held out, so accuracy is speaker-independent.
const data = syntheticClasses({ classes: 4, dims: 16, speakers: 8, perClassPerSpeaker: 12, separation: 0.8, seed: 11 });
const trainIdx = [...data.speakers.keys()].filter((i) => !['spk6', 'spk7'].includes(data.speakers[i]));
const testIdx = [...data.speakers.keys()].filter((i) => ['spk6', 'spk7'].includes(data.speakers[i]));
const train = {
  x: takeRows(data.x, trainIdx), y: Int32Array.from(trainIdx, (i) => data.y[i]),
  classes: data.classes, featureNames: data.featureNames, speakers: trainIdx.map((i) => data.speakers[i]),
};
const xTest = takeRows(data.x, testIdx), yTest = testIdx.map((i) => data.y[i]);
const fastMlp = { mlp: { hidden: [32], maxEpochs: 80, patience: 10 } };

function accuracy(model: TrainedModel): number {
  const p = argmaxRows(predictProba(model, xTest));
  return p.reduce((a, v, i) => a + (v === yTest[i] ? 1 : 0), 0) / p.length;
}

test('L-BFGS finds the minimum of the Rosenbrock function', () => {
  const res = minimiseLbfgs((x, g) => {
    const [a, b] = x;
    g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
    g[1] = 200 * (b - a * a);
    return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
  }, Float64Array.from([-1.2, 1]), { gradTol: 1e-9 });
  assert.ok(res.converged, res.reason);
  assert.ok(Math.abs(res.x[0] - 1) < 1e-5 && Math.abs(res.x[1] - 1) < 1e-5, `${res.x}`);
});

test('standardiser: zero mean, unit std; a constant column maps to 0', () => {
  const x = { rows: 3, cols: 2, data: Float64Array.from([1, 5, 2, 5, 3, 5]) };
  const s = fitStandardiser(x);
  assert.equal([...s.mean], [2, 5]);
  assert.is(s.std[1], 1);
  const z = applyStandardiser(x, s);
  assert.ok(Math.abs(z.data[0] + Math.sqrt(1.5)) < 1e-12);
  assert.equal([z.data[1], z.data[3], z.data[5]], [0, 0, 0]);
});

test('logistic regression separates held-out speakers well above chance (0.25)', () => {
  const m = fitModel('logreg', train);
  const info = m.info.logreg as { converged: boolean; reason: string };
  assert.ok(info.converged, info.reason);
  const acc = accuracy(m);
  assert.ok(acc > 0.75, `accuracy ${acc}`);
});

test('MLP separates held-out speakers well above chance and stops early on held-out speakers', () => {
  const m = fitModel('mlp', train, fastMlp);
  const acc = accuracy(m);
  assert.ok(acc > 0.7, `accuracy ${acc}`);
  const info = m.info.mlp as { innerValSpeakers: string[]; bestEpoch: number };
  assert.is(info.innerValSpeakers.length, 1); // 20% of 6 training speakers
  assert.ok(info.bestEpoch > 0);
});

test('ensemble averages a logistic regression and an MLP', () => {
  const m = fitModel('ensemble', train, fastMlp);
  assert.equal(m.members.map((n) => n.kind), ['logreg', 'mlp']);
  const p = predictProba(m, xTest);
  for (let i = 0; i < p.rows; i++) {
    let s = 0;
    for (let j = 0; j < p.cols; j++) s += p.data[i * p.cols + j];
    assert.ok(Math.abs(s - 1) < 1e-12);
  }
  assert.ok(accuracy(m) > 0.7);
});

test('training is deterministic under a fixed seed; the MLP seed matters', () => {
  const weights = (m: TrainedModel) => m.members.flatMap((n) => n.layers.flatMap((l) => ('weights' in l ? [...l.weights, ...l.bias] : [])));
  const a = fitModel('ensemble', { ...train, seed: 3 }, fastMlp);
  const b = fitModel('ensemble', { ...train, seed: 3 }, fastMlp);
  assert.equal(weights(a), weights(b));
  const c = fitModel('mlp', { ...train, seed: 4 }, fastMlp);
  assert.not.equal(weights(c), weights(b).slice(-weights(c).length));
});

test('class-balanced weights raise the recall of a rare class', () => {
  // Drop most rows of class 3 so it is rare.
  const keep = [...train.y.keys()].filter((i) => train.y[i] !== 3 || i % 6 === 0);
  const rare = { ...train, x: takeRows(train.x, keep), y: Int32Array.from(keep, (i) => train.y[i]), speakers: keep.map((i) => train.speakers[i]) };
  const recall3 = (m: TrainedModel) => {
    const p = argmaxRows(predictProba(m, xTest));
    const idx = yTest.map((v, i) => (v === 3 ? i : -1)).filter((i) => i >= 0);
    return idx.filter((i) => p[i] === 3).length / idx.length;
  };
  const balanced = recall3(fitModel('logreg', rare, { logreg: { balanced: true, c: 0.01 } }));
  const plain = recall3(fitModel('logreg', rare, { logreg: { balanced: false, c: 0.01 } }));
  assert.ok(balanced >= plain, `balanced ${balanced} < plain ${plain}`);
  assert.ok(balanced > 0.5, `balanced recall ${balanced}`);
});

test.run();
