// The exported graph must compute what the TypeScript model computes: the daemon runs
// the ONNX file, evaluation scored the TypeScript model.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as ort from 'onnxruntime-web';
import onnxProto from 'onnx-proto';
import { buildOnnxModel, INPUT_NAME, ONNX_IR_VERSION, ONNX_OPSET, OUTPUT_NAME } from '../../../daemon/train/export-onnx.ts';
import { matrix } from '../../../daemon/train/linalg.ts';
import { fitModel } from '../../../daemon/train/models.ts';
import { predictProba, type ModelKind } from '../../../daemon/train/network.ts';
import { syntheticClasses } from './synthetic.ts';

ort.env.wasm.numThreads = 1;
const data = syntheticClasses({ classes: 5, dims: 20, speakers: 5, perClassPerSpeaker: 8, separation: 1, seed: 21 });
// More features than rows, as with the extended set: LDA and logistic regression are
// fitted in the rows' span and mapped back to one weight per feature.
const wide = syntheticClasses({ classes: 3, dims: 150, speakers: 4, perClassPerSpeaker: 5, separation: 1, seed: 22 });

async function roundTrip(kind: ModelKind, opts = {}, rows = data): Promise<number> {
  const x32 = Float32Array.from(rows.x.data);
  const xRounded = matrix(rows.x.rows, rows.x.cols, Float64Array.from(x32));
  const model = fitModel(kind, { ...rows, seed: 9 }, opts);
  const bytes = buildOnnxModel(model);
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  try {
    assert.equal(session.inputNames, [INPUT_NAME]);
    assert.equal(session.outputNames, [OUTPUT_NAME]);
    const out = await session.run({ [INPUT_NAME]: new ort.Tensor('float32', x32, [rows.x.rows, rows.x.cols]) });
    const got = out[OUTPUT_NAME];
    assert.equal(got.dims, [rows.x.rows, rows.classes.length]);
    const want = predictProba(model, xRounded);
    let maxDiff = 0;
    (got.data as Float32Array).forEach((v, i) => { maxDiff = Math.max(maxDiff, Math.abs(v - want.data[i])); });
    return maxDiff;
  } finally {
    await session.release();
  }
}

const mlp = { mlp: { hidden: [24, 12], maxEpochs: 30 } };

test('logistic regression: ONNX and TypeScript probabilities agree to 1e-5', async () => {
  const d = await roundTrip('logreg');
  assert.ok(d <= 1e-5, `max abs diff ${d}`);
});

test('two-layer MLP: ONNX and TypeScript probabilities agree to 1e-5', async () => {
  const d = await roundTrip('mlp', mlp);
  assert.ok(d <= 1e-5, `max abs diff ${d}`);
});

test('ensemble (logreg + 2 MLPs) as one graph: agree to 1e-5', async () => {
  const d = await roundTrip('ensemble', { ...mlp, ensembleMlps: 2 });
  assert.ok(d <= 1e-5, `max abs diff ${d}`);
});

test('shrinkage LDA: agree to 1e-5', async () => {
  const d = await roundTrip('lda');
  assert.ok(d <= 1e-5, `max abs diff ${d}`);
});

test('linear-cv and LDA with more features than rows: agree to 1e-5', async () => {
  for (const kind of ['linear-cv', 'lda'] as ModelKind[]) {
    const d = await roundTrip(kind, {}, wide);
    assert.ok(d <= 1e-5, `${kind}: max abs diff ${d}`);
  }
});

test('linear SVM (temperature folded into the Gemm): agree to 1e-5', async () => {
  const d = await roundTrip('svm');
  assert.ok(d <= 1e-5, `max abs diff ${d}`);
});

test('RBF kernel SVM (Nystrom, kernel computed in the graph): agree to 1e-5', async () => {
  const d = await roundTrip('rbf-svm');
  assert.ok(d <= 1e-5, `max abs diff ${d}`);
});

test('gradient boosted trees in core ops (Gather, LessOrEqual, MatMul, Equal): agree to 1e-5', async () => {
  const d = await roundTrip('gbt', { gbt: { rounds: 15, depth: 3 } });
  assert.ok(d <= 1e-5, `max abs diff ${d}`);
});

test('ANOVA-selected features (Gather) feeding every member kind in one ensemble: agree to 1e-5', async () => {
  const d = await roundTrip('ensemble', {
    ...mlp, select: 12, members: ['logreg', 'lda', 'svm', 'rbf-svm', 'gbt', 'mlp'], gbt: { rounds: 10, depth: 3 },
  });
  assert.ok(d <= 1e-5, `max abs diff ${d}`);
});

test('the file is IR 7 / opset 13 with a dynamic batch axis and the class list in metadata', () => {
  const model = fitModel('logreg', data);
  const decoded = onnxProto.onnx.ModelProto.decode(buildOnnxModel(model));
  assert.is(Number(decoded.irVersion), ONNX_IR_VERSION);
  assert.is(Number(decoded.opsetImport[0].version), ONNX_OPSET);
  const dims = decoded.graph!.input![0].type!.tensorType!.shape!.dim!;
  assert.is(dims[0].dimParam, 'N');
  assert.is(Number(dims[1].dimValue), data.featureNames.length);
  assert.equal(decoded.graph!.node!.map((n) => n.opType), ['Sub', 'Div', 'Gemm', 'Softmax']);
  assert.equal(JSON.parse(decoded.metadataProps!.find((p) => p.key === 'emotiond.classes')!.value!), data.classes);
});

test.run();
