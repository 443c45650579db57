// Training smoke test: the CNN must learn a separable toy problem within seconds, and
// the same seed must give the same network.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { predictSequence } from '../../../../daemon/train/sequence/cnn.ts';
import { frameStats, trainCnn, type CnnOptions } from '../../../../daemon/train/sequence/train-cnn.ts';
import { TOY_CLASSES, toySequences } from './sequence-toy.ts';

const small: CnnOptions = {
  convs: [{ channels: 8, kernel: 5, stride: 2 }, { channels: 8, kernel: 3, stride: 1 }],
  maxEpochs: 25, patience: 6, batchSize: 8, cropFrames: 100, learningRate: 5e-3,
};

function accuracy(net: ReturnType<typeof trainCnn>['network'], data: ReturnType<typeof toySequences>): number {
  let ok = 0;
  data.seqs.forEach((s, i) => {
    const p = predictSequence(net, s, s.length / data.columns.length);
    if (p.indexOf(Math.max(...p)) === data.y[i]) ok++;
  });
  return ok / data.seqs.length;
}

test('learns the toy problem and generalises to unseen speakers', () => {
  const train = toySequences({ speakers: 5, perClass: 12, seed: 1 });
  const test_ = toySequences({ speakers: 2, perClass: 12, seed: 99 });
  const fit = trainCnn(train, TOY_CLASSES, small, 7);
  const acc = accuracy(fit.network, test_);
  assert.ok(acc >= 0.9, `held-out accuracy ${acc}`);
  // Early stopping used held-out training speakers, never the test set.
  assert.is((fit.info.innerValSpeakers as string[]).length, 1);
  assert.ok((fit.info.bestEpoch as number) >= 1);
});

test('an untrained network is at chance on the same data (the test can fail)', () => {
  const train = toySequences({ speakers: 5, perClass: 12, seed: 1 });
  const fit = trainCnn(train, TOY_CLASSES, { ...small, maxEpochs: 0 }, 7);
  assert.ok(accuracy(fit.network, train) < 0.6);
});

test('fixed seed: identical weights; another seed: different weights', () => {
  const data = toySequences({ speakers: 4, perClass: 6, seed: 3 });
  const o = { ...small, maxEpochs: 3 };
  const a = trainCnn(data, TOY_CLASSES, o, 11).network, b = trainCnn(data, TOY_CLASSES, o, 11).network;
  const c = trainCnn(data, TOY_CLASSES, o, 12).network;
  assert.equal(Array.from(a.head.weights), Array.from(b.head.weights));
  assert.not.equal(Array.from(a.head.weights), Array.from(c.head.weights));
});

test('frame statistics: per column, non-finite values ignored, constant columns unscaled', () => {
  const s = frameStats({ columns: ['a', 'b'], seqs: [Float32Array.from([1, 5, 3, 5, NaN, 5])], y: new Int32Array(1) });
  assert.equal(Array.from(s.mean), [2, 5]);
  assert.equal(Array.from(s.std), [1, 1]);
  assert.is(s.frames, 3);
});

test('refit trains again on every training speaker for the chosen number of epochs', () => {
  const data = toySequences({ speakers: 4, perClass: 6, seed: 4 });
  const fit = trainCnn(data, TOY_CLASSES, { ...small, maxEpochs: 4, refit: true }, 2);
  assert.is(fit.info.refitRows, data.y.length);
});

test.run();
