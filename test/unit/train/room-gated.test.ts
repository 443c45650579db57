// Room-gated models (rooms=gated): a clean model and a room model mixed by a gate that
// recognises room audio. On synthetic speech whose "room" copies are compressed and
// shifted (as noise and reverberation compress and raise the level features), the gated
// model keeps the clean model's accuracy on clean rows and the room model's in a room
// the gate never saw; the exported graph computes what the TypeScript model does.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fitRecipe } from '../../../daemon/train/calibrated-model.ts';
import { buildModelMeta } from '../../../daemon/train/export-onnx.ts';
import { matrix, takeRows, type Matrix } from '../../../daemon/train/linalg.ts';
import { classMetrics } from '../../../daemon/train/metrics.ts';
import { parseModelParams } from '../../../daemon/train/model-params.ts';
import { fitModel, type FitInput } from '../../../daemon/train/models.ts';
import { argmaxRows, networkLogits, predictProba } from '../../../daemon/train/network.ts';
import { rebaseNetwork, roomProbability } from '../../../daemon/train/room-gated.ts';
import { applyStandardiser, fitStandardiser } from '../../../daemon/train/standardise.ts';
import { onnxMaxDiff } from './onnx-agreement.ts';
import { syntheticClasses } from './synthetic.ts';

/** A room: every feature pulled towards the level 50 by `squeeze` and raised by `lift` of its own scale. */
function inRoom(x: Matrix, squeeze: number, lift: number): Matrix {
  const out = matrix(x.rows, x.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) out.data[i * x.cols + j] = 50 + (x.data[i * x.cols + j] - 50) * squeeze + lift * (1 + 9 * j);
  }
  return out;
}

const d = syntheticClasses({ speakers: 12, classes: 4, separation: 1.0, seed: 5 });
const speakers = d.speakers.map((s) => `c${Number(s.slice(3)) % 4}:${s}`);
const test_ = [...d.y.keys()].filter((i) => speakers[i].startsWith('c3:'));
const train = [...d.y.keys()].filter((i) => !speakers[i].startsWith('c3:'));
const xTrain = takeRows(d.x, train), yTrain = Int32Array.from(train, (i) => d.y[i]);

/** Recorded training rows followed by one room copy of each (a milder room than the test's). */
function withCopies(): FitInput {
  const room = inRoom(xTrain, 0.7, 1.6);
  const x = matrix(2 * xTrain.rows, xTrain.cols);
  x.data.set(xTrain.data);
  x.data.set(room.data, xTrain.data.length);
  const spk = train.map((i) => speakers[i]);
  return {
    x, y: Int32Array.from([...yTrain, ...yTrain]), classes: d.classes, featureNames: d.featureNames,
    speakers: [...spk, ...spk], copy: Int32Array.from({ length: x.rows }, (_, i) => (i < xTrain.rows ? 0 : 1)), seed: 1,
  };
}

const uarOn = (p: Matrix) => classMetrics(test_.map((i) => d.y[i]), argmaxRows(p), d.classes).uar;

test('a network re-based onto another standardiser gives the same logits', () => {
  const fit = fitModel('logreg', { x: xTrain, y: yTrain, classes: d.classes, featureNames: d.featureNames }, { logreg: { c: 0.1 } });
  const other = fitStandardiser(inRoom(xTrain, 0.5, 3));
  const moved = rebaseNetwork(fit.members[0], fit.scaler, other);
  const x = takeRows(d.x, test_);
  const a = networkLogits(fit.members[0], applyStandardiser(x, fit.scaler)), b = networkLogits(moved, applyStandardiser(x, other));
  a.data.forEach((v, i) => assert.ok(Math.abs(v - b.data[i]) < 1e-8, `logit ${i}: ${v} vs ${b.data[i]}`));
  assert.throws(() => rebaseNetwork({ ...fit.members[0], input: 'raw' }, fit.scaler, other), /first layer is not dense/);
});

test('gated: clean accuracy of the clean model on clean rows, room accuracy of the room model in an unseen room', () => {
  const opts = parseModelParams(['rooms=gated', 'logreg.c=0.1', 'calibrate=temperature']);
  const input = withCopies();
  const gated = fitRecipe('logreg', input, opts);
  const clean = fitRecipe('logreg', { ...input, x: xTrain, y: yTrain, speakers: input.speakers!.slice(0, xTrain.rows), copy: undefined }, { logreg: { c: 0.1 } });
  const room = fitRecipe('logreg', input, { logreg: { c: 0.1 } });
  const xClean = takeRows(d.x, test_), xRoom = inRoom(xClean, 0.6, 2.0);
  const figures = Object.fromEntries(([['gated', gated], ['clean', clean], ['room', room]] as const).map(([n, m]) => [n, { clean: uarOn(predictProba(m, xClean)), room: uarOn(predictProba(m, xRoom)) }]));
  console.log(`  rooms=gated on synthetic rooms (UAR clean / room): ${Object.entries(figures).map(([n, f]) => `${n} ${f.clean.toFixed(2)} / ${f.room.toFixed(2)}`).join(', ')}`);
  // The studio model is lost in the room, the room model pays on clean rows; the gate keeps the best of both.
  assert.ok(figures.clean.room < figures.clean.clean - 0.2, 'the clean model must fail in the room for this test to mean anything');
  assert.ok(figures.gated.clean >= figures.clean.clean - 0.02);
  assert.ok(figures.gated.room >= figures.room.room - 0.02);
  assert.ok(figures.gated.room > figures.clean.room + 0.2);
  const pClean = roomProbability(gated, xClean), pRoom = roomProbability(gated, xRoom);
  assert.ok(pClean.every((p) => p < 0.5) && pRoom.every((p) => p > 0.5), 'the gate tells the rooms apart');
  // Each of the two models keeps its own temperature; the sidecar names the gate.
  const info = gated.info as { rooms: { method: string; cleanRows: number; experts: { copy: number; rows: number }[] }; clean: { calibration?: unknown }; experts: { calibration?: unknown }[] };
  assert.equal([info.rooms.method, info.rooms.cleanRows, info.rooms.experts], ['gated', xTrain.rows, [{ copy: 1, rows: 2 * xTrain.rows }]]);
  assert.ok(info.clean.calibration && info.experts[0].calibration);
  const meta = buildModelMeta(gated, 'gated', {});
  assert.equal((meta.training as { gate?: { layers: number[][] } }).gate?.layers, [[d.featureNames.length, 2]]);
});

test('two kinds of room copy: one room model each, the gate names the kind, both rooms recovered', () => {
  // Kind 1 squeezes and lifts (reverberant and noisy), kind 2 only lifts (noise alone): a studio model fails in both.
  const a = inRoom(xTrain, 0.7, 1.6), b = inRoom(xTrain, 1, 2.2);
  const x = matrix(3 * xTrain.rows, xTrain.cols);
  [xTrain, a, b].forEach((m, q) => x.data.set(m.data, q * m.data.length));
  const spk = train.map((i) => speakers[i]);
  const input: FitInput = {
    x, y: Int32Array.from([...yTrain, ...yTrain, ...yTrain]), classes: d.classes, featureNames: d.featureNames,
    speakers: [...spk, ...spk, ...spk], copy: Int32Array.from({ length: x.rows }, (_, i) => Math.floor(i / xTrain.rows)), seed: 1,
  };
  const gated = fitRecipe('logreg', input, parseModelParams(['rooms=gated', 'logreg.c=0.1']));
  assert.is(gated.members.length, 3);
  assert.is(gated.gate!.layers[0].outDim, 3);
  assert.equal((gated.info.rooms as { experts: unknown }).experts, [{ copy: 1, rows: 2 * xTrain.rows }, { copy: 2, rows: 2 * xTrain.rows }]);
  const studio = fitRecipe('logreg', { ...input, x: xTrain, y: yTrain, speakers: spk, copy: undefined }, { logreg: { c: 0.1 } });
  const xClean = takeRows(d.x, test_);
  for (const [name, xr] of [['reverberant', inRoom(xClean, 0.6, 2.0)], ['noisy', inRoom(xClean, 1, 2.6)]] as const) {
    const g = uarOn(predictProba(gated, xr)), s0 = uarOn(predictProba(studio, xr));
    console.log(`  two kinds of room, ${name} test room: gated ${g.toFixed(2)}, studio ${s0.toFixed(2)}`);
    assert.ok(g > s0 + 0.15, `${name}: gated ${g} vs studio ${s0}`);
  }
  assert.ok(uarOn(predictProba(gated, xClean)) >= uarOn(predictProba(studio, xClean)) - 0.02);
});

test('the exported gated graph computes the TypeScript probabilities', async () => {
  const gated = fitRecipe('logreg', withCopies(), parseModelParams(['rooms=gated', 'logreg.c=0.1']));
  const x = takeRows(d.x, test_);
  const diff = await onnxMaxDiff(gated, matrix(2 * x.rows, x.cols, Float64Array.from([...x.data, ...inRoom(x, 0.6, 2.0).data])));
  assert.ok(diff < 1e-4, `max difference ${diff}`);
});

test('rooms=gated refuses what it cannot do, naming it', () => {
  const input = withCopies();
  assert.throws(() => fitRecipe('logreg', { ...input, copy: undefined }, parseModelParams(['rooms=gated'])), /needs room copies.*--augment/);
  assert.throws(() => fitRecipe('logreg', { ...input, copy: new Int32Array(input.y.length) }, parseModelParams(['rooms=gated'])), /needs room copies/);
  assert.throws(() => fitRecipe('logreg', input, parseModelParams(['rooms=gated', 'normalise=corpus'])), /cannot be combined/);
  assert.throws(() => fitRecipe('ensemble', input, { rooms: 'gated', members: ['logreg', 'lda'] }), /2 members/);
  assert.throws(() => parseModelParams(['rooms=always']), /rooms=always: expected one of none, gated/);
});

test.run();
