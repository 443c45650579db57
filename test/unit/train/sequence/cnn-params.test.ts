// `--param cnn.*` parsing: layers, pooling, booleans and numbers; anything else is refused.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseCnnParams } from '../../../../daemon/train/sequence/cnn-params.ts';

test('layers, pooling, numbers and booleans', () => {
  const o = parseCnnParams(['cnn.convs=16:7:3,24:3:1', 'cnn.pool=mean,max', 'cnn.dropout=0.1', 'cnn.refit=true', 'cnn.maxEpochs=12']);
  assert.equal(o.convs, [{ channels: 16, kernel: 7, stride: 3 }, { channels: 24, kernel: 3, stride: 1 }]);
  assert.equal(o.pool, ['mean', 'max']);
  assert.is(o.dropout, 0.1);
  assert.is(o.refit, true);
  assert.is(o.maxEpochs, 12);
});

test('refuses unknown keys, other families, bad layers and values', () => {
  for (const bad of ['cnn.depth=3', 'mlp.hidden=64', 'cnn.convs=16:7', 'cnn.convs=16:0:1', 'cnn.pool=median', 'cnn.refit=yes', 'cnn.dropout=-1', 'cnn.learningRate=x']) {
    assert.throws(() => parseCnnParams([bad]), RangeError, bad);
  }
});

test.run();
