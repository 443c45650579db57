import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createRng } from '../../../daemon/train/rng.ts';
import { corpusSplits, foldSplits, innerSplit, losoSplits } from '../../../daemon/train/splits.ts';
import { makeSplits } from '../../../daemon/train/evaluate.ts';

const speakers = ['emodb:03', 'emodb:08', 'emodb:03', 'emodb:09', 'emodb:08', 'emodb:10', 'emodb:09', 'emodb:03'];

test('LOSO: one split per speaker, the test speaker never in training, every row tested once', () => {
  const splits = losoSplits(speakers);
  assert.is(splits.length, 4);
  const tested = new Array(speakers.length).fill(0);
  for (const s of splits) {
    assert.is(s.testSpeakers.length, 1);
    const [spk] = s.testSpeakers;
    for (const i of s.test) { assert.is(speakers[i], spk); tested[i]++; }
    for (const i of s.train) assert.is.not(speakers[i], spk, `${s.name}: row ${i} of the test speaker in training`);
    assert.is(s.train.length + s.test.length, speakers.length);
  }
  assert.equal(tested, new Array(speakers.length).fill(1));
});

test('fold splits follow the fold column and refuse a speaker spread over two folds', () => {
  const spk = ['a', 'a', 'b', 'b', 'c', 'c'];
  const splits = foldSplits([1, 1, 2, 2, 1, 1], spk);
  assert.equal(splits.map((s) => s.name), ['fold 1', 'fold 2']);
  assert.equal([...splits[0].test], [0, 1, 4, 5]);
  assert.equal(splits[0].testSpeakers, ['a', 'c']);
  for (const s of splits) for (const i of s.train) assert.not.ok(s.testSpeakers.includes(spk[i]));
  assert.throws(() => foldSplits([1, 2, 2, 2, 1, 1], spk), /speaker a is in both training and test/);
  assert.throws(() => foldSplits([1, null, 2, 2, 1, 1], spk), /row 1 .* has no fold/);
});

test('protocol errors are usage errors with the protocol named', () => {
  try {
    makeSplits({ speakers: ['x:1', 'x:2'], folds: [null, null] }, 'folds');
    assert.unreachable();
  } catch (e) {
    assert.is((e as { code?: string }).code, 'USAGE');
    assert.match((e as Error).message, /protocol 'folds'/);
  }
  assert.throws(() => losoSplits(['only', 'only']), /at least 2 speakers/);
});

test('corpus splits: one per corpus in order of appearance, every row tested once, one corpus refused', () => {
  const mixed = ['emodb:03', 'ravdess:03', 'emodb:08', 'ko:1', 'ravdess:04'];
  const splits = corpusSplits(mixed);
  assert.equal(splits.map((s) => s.name), ['held out emodb', 'held out ravdess', 'held out ko']);
  assert.equal([...splits[0].test], [0, 2]);
  assert.equal([...splits[0].train], [1, 3, 4]);
  assert.equal(splits[1].testSpeakers, ['ravdess:03', 'ravdess:04']);
  assert.is(splits.reduce((n, s) => n + s.test.length, 0), mixed.length);
  assert.throws(() => corpusSplits(speakers), /at least 2 corpora, got 1/);
});

test('inner split holds out whole speakers, deterministically', () => {
  const groups = Array.from({ length: 100 }, (_, i) => `s${i % 10}`);
  const y = Int32Array.from(groups.keys(), (i) => i % 3);
  const a = innerSplit(y, groups, 0.2, createRng(5));
  const b = innerSplit(y, groups, 0.2, createRng(5));
  assert.equal(a.valGroups, b.valGroups);
  assert.is(a.valGroups.length, 2);
  for (const i of a.train) assert.not.ok(a.valGroups.includes(groups[i]));
  for (const i of a.val) assert.ok(a.valGroups.includes(groups[i]));
  assert.is(a.train.length + a.val.length, 100);
  // A single speaker: stratified by class instead.
  const one = innerSplit(y, new Array(100).fill('s'), 0.2, createRng(5));
  assert.ok(one.val.length >= 19 && one.val.length <= 21, String(one.val.length)); // 20% of each class, rounded
  assert.equal(one.valGroups, []);
});

test.run();
