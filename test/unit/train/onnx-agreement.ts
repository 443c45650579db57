// The largest difference between the probabilities the exported graph computes (in
// onnxruntime-web, float32) and those the TypeScript model computes, on given rows.
import * as ort from 'onnxruntime-web';
import { buildOnnxModel, INPUT_NAME, OUTPUT_NAME } from '../../../daemon/train/export-onnx.ts';
import { matrix, type Matrix } from '../../../daemon/train/linalg.ts';
import { predictProba, type TrainedModel } from '../../../daemon/train/network.ts';

ort.env.wasm.numThreads = 1;

export async function onnxMaxDiff(model: TrainedModel, x: Matrix): Promise<number> {
  const x32 = Float32Array.from(x.data);
  const session = await ort.InferenceSession.create(buildOnnxModel(model), { executionProviders: ['wasm'] });
  try {
    const out = await session.run({ [INPUT_NAME]: new ort.Tensor('float32', x32, [x.rows, x.cols]) });
    const want = predictProba(model, matrix(x.rows, x.cols, Float64Array.from(x32)));
    let d = 0;
    (out[OUTPUT_NAME].data as Float32Array).forEach((v, i) => { d = Math.max(d, Math.abs(v - want.data[i])); });
    return d;
  } finally {
    await session.release();
  }
}
