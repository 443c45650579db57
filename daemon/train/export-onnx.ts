// Writes a trained model as an ONNX graph plus its ModelMeta sidecar, the pair
// loadClassifier reads. Graph: features [N, D] -> (x - mean) / std -> per member
// Gemm (+ Relu) ... -> Softmax, members averaged by Mean -> probabilities [N, C].
// IR 7 / opset 13: what onnxruntime-web loads, and old enough for other runtimes.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import type { ModelMeta } from '../core/types.ts';
import { dimensionsFor, type Dimensions } from './dimensions.ts';
import type { TrainedModel } from './network.ts';

const { onnx } = onnxProto;

export const ONNX_IR_VERSION = 7;
export const ONNX_OPSET = 13;
export const INPUT_NAME = 'features';
export const OUTPUT_NAME = 'probabilities';

function floatTensor(name: string, dims: number[], values: ArrayLike<number>): InstanceType<typeof onnx.TensorProto> {
  const f32 = Float32Array.from(values);
  return onnx.TensorProto.create({
    name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(f32.buffer),
  });
}

function valueInfo(name: string, dims: (number | string)[]): InstanceType<typeof onnx.ValueInfoProto> {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  });
}

function node(opType: string, input: string[], output: string, attrs: { name: string; i: number }[] = []) {
  return onnx.NodeProto.create({
    opType, input, output: [output], name: output,
    attribute: attrs.map((a) => ({ name: a.name, type: onnx.AttributeProto.AttributeType.INT, i: a.i })),
  });
}

/** The serialised ONNX model. */
export function buildOnnxModel(model: TrainedModel, opts: { name?: string; docString?: string } = {}): Uint8Array {
  const d = model.featureNames.length, c = model.classes.length;
  const initializer = [floatTensor('mean', [d], model.scaler.mean), floatTensor('std', [d], model.scaler.std)];
  const nodes = [node('Sub', [INPUT_NAME, 'mean'], 'centred'), node('Div', ['centred', 'std'], 'z')];
  const single = model.members.length === 1;
  const memberOutputs: string[] = [];
  model.members.forEach((net, m) => {
    let h = 'z';
    net.layers.forEach((layer, l) => {
      const p = `m${m}_l${l}`;
      if (layer.inDim * layer.outDim !== layer.weights.length) throw new RangeError(`${p}: weights do not match ${layer.inDim}x${layer.outDim}`);
      initializer.push(floatTensor(`${p}_W`, [layer.inDim, layer.outDim], layer.weights), floatTensor(`${p}_b`, [layer.outDim], layer.bias));
      nodes.push(node('Gemm', [h, `${p}_W`, `${p}_b`], `${p}_gemm`));
      h = `${p}_gemm`;
      if (layer.relu) {
        nodes.push(node('Relu', [h], `${p}_relu`));
        h = `${p}_relu`;
      }
    });
    const out = single ? OUTPUT_NAME : `m${m}_probabilities`;
    nodes.push(node('Softmax', [h], out, [{ name: 'axis', i: -1 }]));
    memberOutputs.push(out);
  });
  if (!single) nodes.push(node('Mean', memberOutputs, OUTPUT_NAME));
  const proto = onnx.ModelProto.create({
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'emotiond',
    producerVersion: '0.1.0',
    docString: opts.docString ?? `emotiond ${model.kind} speech emotion classifier`,
    metadataProps: [{ key: 'emotiond.classes', value: JSON.stringify(model.classes) }],
    graph: {
      name: opts.name ?? `emotiond-${model.kind}`,
      node: nodes,
      initializer,
      input: [valueInfo(INPUT_NAME, ['N', d])],
      output: [valueInfo(OUTPUT_NAME, ['N', c])],
    },
  });
  return onnx.ModelProto.encode(proto).finish();
}

export function buildModelMeta(
  model: TrainedModel, name: string, training: Record<string, unknown>,
  dimensionOverrides: Readonly<Record<string, Dimensions>> = {},
): ModelMeta {
  const { dimensions, unplaced } = dimensionsFor(model.classes, dimensionOverrides);
  return {
    name,
    classes: [...model.classes],
    featureNames: [...model.featureNames],
    dimensions,
    training: {
      model: model.kind,
      members: model.members.map((m) => ({ kind: m.kind, layers: m.layers.map((l) => [l.inDim, l.outDim]) })),
      ...(unplaced.length ? { unplacedClasses: unplaced } : {}),
      ...training,
      fit: model.info,
    },
  };
}

/** Writes `<dir>/<name>.onnx` and `<dir>/<name>.json`. */
export async function writeModelFiles(
  model: TrainedModel, dir: string, name: string, training: Record<string, unknown>,
  dimensionOverrides?: Readonly<Record<string, Dimensions>>,
): Promise<{ onnxPath: string; metaPath: string; meta: ModelMeta }> {
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new RangeError(`model name '${name}' must be letters, digits, '_', '.' or '-'`);
  const meta = buildModelMeta(model, name, training, dimensionOverrides);
  const onnxPath = join(dir, `${name}.onnx`), metaPath = join(dir, `${name}.json`);
  await mkdir(dir, { recursive: true });
  await writeFile(onnxPath, buildOnnxModel(model, { name }));
  await writeFile(metaPath, JSON.stringify(meta, null, 2) + '\n');
  return { onnxPath, metaPath, meta };
}
