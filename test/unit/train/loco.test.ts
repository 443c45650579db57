import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EmotiondError } from '../../../daemon/core/errors.ts';
import type { Dataset } from '../../../daemon/train/dataset.ts';
import { checkLocoCorpora, leaveOneCorpusOut } from '../../../daemon/train/loco.ts';
import { syntheticClasses } from './synthetic.ts';

/** Three corpora of four classes; corpus c2 lacks 'sadness'. */
function dataset(): Dataset {
  const d = syntheticClasses({ speakers: 9, classes: 4, separation: 1.5, seed: 9 });
  const corpus = (s: string) => `c${Number(s.slice(3)) % 3}`;
  const keep = [...d.y.keys()].filter((i) => !(corpus(d.speakers[i]) === 'c2' && d.classes[d.y[i]] === 'sadness'));
  const cols = d.x.cols;
  const x = { rows: keep.length, cols, data: new Float64Array(keep.length * cols) };
  keep.forEach((i, r) => x.data.set(d.x.data.subarray(i * cols, (i + 1) * cols), r * cols));
  return {
    featureNames: d.featureNames, x, y: Int32Array.from(keep, (i) => d.y[i]), classes: d.classes,
    speakers: keep.map((i) => `${corpus(d.speakers[i])}:${d.speakers[i]}`), folds: keep.map(() => null), paths: keep.map((i) => `f${i}`),
    corpora: [], nonFinite: 0, skipped: [], augmented: [],
  };
}

test('one fold per held-out corpus, scored over the classes both sides have', async () => {
  const ds = dataset();
  const r = await leaveOneCorpusOut(ds, 'logreg', { logreg: { c: 1 } });
  assert.equal(r.shared.folds.map((f) => f.corpus), ['c0', 'c1', 'c2']);
  assert.equal(r.shared.folds[2].classes, ['anger', 'happiness', 'neutral']);
  assert.equal(r.shared.folds[0].classes, ['anger', 'happiness', 'neutral', 'sadness']);
  for (const f of r.shared.folds) {
    const rows = ds.speakers.filter((s) => s.startsWith(`${f.corpus}:`)).length;
    assert.is(f.testRows, rows);
    // The histogram of predictions covers every held-out row, and only the fold's classes.
    assert.is(Object.values(f.predicted).reduce((a, b) => a + b, 0), rows);
    assert.equal(Object.keys(f.predicted), f.classes);
    assert.ok(f.uar > 0.6, `${f.corpus} UAR ${f.uar}`);
    assert.ok(f.calibration.ece >= 0 && f.calibration.ece <= 1);
  }
  // The core-4 table has no fold for c2 beyond its shared three classes: the same fold.
  assert.is(r.core4.folds.length, 3);
  assert.ok(Math.abs(r.shared.mean.uar - r.shared.folds.reduce((a, f) => a + f.uar, 0) / 3) < 1e-12);
});

test('nothing of the held-out corpus reaches training: moving its rows changes only its own fold', async () => {
  const ds = dataset();
  const a = await leaveOneCorpusOut(ds, 'logreg', { logreg: { c: 1 } });
  const shifted = { ...ds, x: { ...ds.x, data: ds.x.data.slice() } };
  ds.speakers.forEach((s, i) => { if (s.startsWith('c1:')) for (let j = 0; j < ds.x.cols; j++) shifted.x.data[i * ds.x.cols + j] += 1000; });
  const b = await leaveOneCorpusOut(shifted, 'logreg', { logreg: { c: 1 } });
  // Held out c1: trained on c0 and c2 only, which did not change.
  assert.equal(b.shared.folds[1].trainRows, a.shared.folds[1].trainRows);
  assert.not.equal(b.shared.folds[1].confusion, a.shared.folds[1].confusion);
  // c0's model saw c1's shifted rows in training, so it may differ; c1 rows never were a test set there.
});

test('corpora LOCO cannot use are refused with the corpus named', () => {
  const set = (...c: string[]) => new Set(c);
  const expectErr = (m: Map<string, Set<string>>, re: RegExp) => {
    try { checkLocoCorpora(m); assert.unreachable('accepted'); } catch (err) {
      assert.instance(err, EmotiondError);
      assert.match((err as Error).message, re);
    }
  };
  expectErr(new Map([['a', set('anger', 'sadness')]]), /at least 2 corpora/);
  expectErr(new Map([['a', set('anger', 'sadness')], ['b', set('anger')]]), /corpus 'b' has only one class/);
  expectErr(new Map([['a', set('anger', 'sadness')], ['b', set('fear', 'calm')]]), /corpus 'a' shares no class/);
  checkLocoCorpora(new Map([['a', set('anger', 'sadness', 'calm')], ['b', set('anger', 'sadness')]]));
});

test.run();
