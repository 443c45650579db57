// The daemon runs only the ONNX graph: the rank-Gauss map it carries must compute what the
// TypeScript model computes, on the training rows and on unseen rows beyond the knots.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import onnxProto from 'onnx-proto';
import { buildOnnxModel } from '../../../daemon/train/export-onnx.ts';
import { matrix } from '../../../daemon/train/linalg.ts';
import { fitModel, type ModelOptions } from '../../../daemon/train/models.ts';
import type { ModelKind, TrainedModel } from '../../../daemon/train/network.ts';
import { onnxMaxDiff } from './onnx-agreement.ts';
import { syntheticClasses } from './synthetic.ts';

const wide = syntheticClasses({ classes: 3, dims: 150, speakers: 4, perClassPerSpeaker: 5, separation: 1, seed: 22 });
// Skewed, heavy-tailed features with ties, as functionals are: positive values cubed, some clipped at 0.
const skewed = { ...wide, x: matrix(wide.x.rows, wide.x.cols, wide.x.data.map((v, i) => (i % 7 === 0 ? Math.max(0, v) : v > 0 ? v ** 3 : v))) };
// Unseen rows: stretched and shifted, so many values fall outside the training knots.
const unseen = matrix(skewed.x.rows, skewed.x.cols, skewed.x.data.map((v, i) => v * (1 + (i % 5)) - (i % 3)));

for (const [kind, opts] of [['linear-cv', { transform: 'rank-gauss', scaling: 'within-class' }], ['logreg', { transform: 'rank-gauss' }], ['lda', { transform: 'rank-gauss', rankGauss: { knots: 16 } }]] as [ModelKind, ModelOptions][]) {
  test(`${kind} with rank-Gauss: ONNX and TypeScript agree to 1e-5 on training and unseen rows`, async () => {
    const model = fitModel(kind, { ...skewed, seed: 3 }, opts);
    assert.is(model.members[0].layers[0].type, 'piecewise');
    for (const x of [skewed.x, unseen]) {
      const d = await onnxMaxDiff(model, x);
      assert.ok(d <= 1e-5, `max abs diff ${d}`);
    }
  });
}

test('every kind, linear-cv included, is plainly standardised by default; rank-Gauss and within-class scaling only when asked', () => {
  const ops = (m: TrainedModel) => onnxProto.onnx.ModelProto.decode(buildOnnxModel(m)).graph!.node!.map((n) => n.opType);
  const plain = ['Sub', 'Div', 'Gemm', 'Softmax'];
  assert.equal(ops(fitModel('linear-cv', wide)), plain);
  assert.equal(ops(fitModel('logreg', wide)), plain);
  const asked = fitModel('linear-cv', wide, { transform: 'rank-gauss', scaling: 'within-class' });
  assert.ok(ops(asked).includes('Min'));
  assert.equal(asked.info.transform, { method: 'rank-gauss', knots: 64 });
  assert.is(asked.info.scaling, 'within-class');
});

test.run();
