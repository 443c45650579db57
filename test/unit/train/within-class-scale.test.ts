// Within-class scaling weighs a feature by how tightly it clusters inside each class; the
// factors fold into the standardiser (or the rank-Gauss map), so the exported graph keeps
// its nodes and still computes what the TypeScript model computes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import onnxProto from 'onnx-proto';
import { buildOnnxModel } from '../../../daemon/train/export-onnx.ts';
import { matrix } from '../../../daemon/train/linalg.ts';
import { fitModel, type ModelOptions } from '../../../daemon/train/models.ts';
import type { ModelKind } from '../../../daemon/train/network.ts';
import { applyStandardiser, fitStandardiser } from '../../../daemon/train/standardise.ts';
import { MIN_WITHIN_STD, withinClassFactors } from '../../../daemon/train/within-class-scale.ts';
import { onnxMaxDiff } from './onnx-agreement.ts';
import { syntheticClasses } from './synthetic.ts';

test('a feature that separates the classes gets a larger factor than noise; the floor bounds it; a constant column keeps 1', () => {
  // Columns: class-driven (+ small noise), pure noise, perfectly separating, constant.
  const y = Int32Array.from({ length: 40 }, (_, i) => i % 2);
  const x = matrix(40, 4);
  for (let i = 0; i < 40; i++) {
    const noise = Math.sin(i * 12.9898) * 0.5;
    x.data.set([y[i] * 2 + noise * 0.3, noise, y[i], 3], i * 4);
  }
  const z = applyStandardiser(x, fitStandardiser(x));
  const f = withinClassFactors(z, y, 2);
  assert.ok(f[0] > 2 * f[1], `${f[0]} vs ${f[1]}`);
  assert.ok(Math.abs(f[1] - 1) < 0.1, `noise keeps about its scale: ${f[1]}`);
  assert.is(f[2], 1 / MIN_WITHIN_STD);
  assert.is(f[3], 1);
});

const data = syntheticClasses({ classes: 3, dims: 150, speakers: 4, perClassPerSpeaker: 5, separation: 1, seed: 23 });
const unseen = matrix(data.x.rows, data.x.cols, data.x.data.map((v, i) => v * 1.5 - (i % 3)));

for (const [kind, opts] of [
  ['linear-cv', { scaling: 'within-class', transform: 'none' }],
  ['linear-cv', { scaling: 'within-class', transform: 'rank-gauss' }],
  ['logreg', { scaling: 'within-class', select: 40 }],
] as [ModelKind, ModelOptions][]) {
  test(`${kind} ${JSON.stringify(opts)}: ONNX and TypeScript agree to 1e-5`, async () => {
    const model = fitModel(kind, { ...data, seed: 3 }, opts);
    assert.is(model.info.scaling, 'within-class');
    for (const x of [data.x, unseen]) {
      const d = await onnxMaxDiff(model, x);
      assert.ok(d <= 1e-5, `max abs diff ${d}`);
    }
  });
}

test('the factors fold into the standardiser: the graph keeps its four nodes, and the fit differs from plain scaling', () => {
  const scaled = fitModel('logreg', data, { scaling: 'within-class' }), plain = fitModel('logreg', data);
  const ops = onnxProto.onnx.ModelProto.decode(buildOnnxModel(scaled)).graph!.node!.map((n) => n.opType);
  assert.equal(ops, ['Sub', 'Div', 'Gemm', 'Softmax']);
  assert.equal([...scaled.scaler.mean], [...plain.scaler.mean]);
  assert.not.equal([...scaled.scaler.std], [...plain.scaler.std]);
});

test.run();
