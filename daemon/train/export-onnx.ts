// Writes a trained model as an ONNX graph plus its ModelMeta sidecar, the pair
// loadClassifier reads. Graph: features [N, D] -> (x - mean) / std -> per member
// layers (Gemm + Relu, Gather, RBF kernel, trees: onnx-layers.ts) -> Softmax, members
// averaged by Mean (or weighed by a gate's softmax) -> probabilities [N, C]. Tree members
// read the raw features.
// IR 7 / opset 13: what onnxruntime-web loads, and old enough for other runtimes.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import type { ModelMeta } from '../core/types.ts';
import { dimensionsFor, type Dimensions } from './dimensions.ts';
import { GraphBuilder, valueInfo } from './onnx-graph.ts';
import { emitLayer } from './onnx-layers.ts';
import type { TrainedModel } from './network.ts';

const { onnx } = onnxProto;

export const ONNX_IR_VERSION = 7;
export const ONNX_OPSET = 13;
export const INPUT_NAME = 'features';
export const OUTPUT_NAME = 'probabilities';

/** The serialised ONNX model. */
export function buildOnnxModel(model: TrainedModel, opts: { name?: string; docString?: string } = {}): Uint8Array {
  const d = model.featureNames.length, c = model.classes.length;
  const g = new GraphBuilder();
  // Members reading standardised features share one (x - mean) / std.
  if (model.members.some((m) => m.input !== 'raw')) {
    g.op('Div', [g.op('Sub', [INPUT_NAME, g.float('mean', [d], model.scaler.mean)], 'centred'), g.float('std', [d], model.scaler.std)], 'z');
  }
  if (model.gate && model.members.some((m) => m.input === 'raw')) throw new RangeError('a gated model reads standardised features only');
  const single = model.members.length === 1 && !model.gate;
  const memberOutputs: string[] = [];
  model.members.forEach((net, m) => {
    let h = net.input === 'raw' ? INPUT_NAME : 'z';
    net.layers.forEach((layer, l) => { h = emitLayer(g, layer, h, `m${m}_l${l}`); });
    memberOutputs.push(g.op('Softmax', [h], single ? OUTPUT_NAME : `m${m}_probabilities`, [{ name: 'axis', i: -1 }]));
  });
  if (model.gate) {
    // Gated members: gate softmax [N, M], column m (Gather keeps it [N, 1]) times member m's probabilities, summed.
    let h = 'z';
    model.gate.layers.forEach((layer, l) => { h = emitLayer(g, layer, h, `gate_l${l}`); });
    const weights = g.op('Softmax', [h], 'gate_weights', [{ name: 'axis', i: -1 }]);
    const parts = memberOutputs.map((p, m) => g.op('Mul', [p, g.op('Gather', [weights, g.int64(`gate_index${m}`, [1], [m])], `gate_weight${m}`, [{ name: 'axis', i: 1 }])], `m${m}_weighted`));
    g.op('Sum', parts, OUTPUT_NAME);
  } else if (!single) g.op('Mean', memberOutputs, OUTPUT_NAME);
  const proto = onnx.ModelProto.create({
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'emotiond',
    producerVersion: '0.1.0',
    docString: opts.docString ?? `emotiond ${model.kind} speech emotion classifier`,
    metadataProps: [{ key: 'emotiond.classes', value: JSON.stringify(model.classes) }],
    graph: {
      name: opts.name ?? `emotiond-${model.kind}`,
      node: g.nodes,
      initializer: g.initializer,
      input: [valueInfo(INPUT_NAME, ['N', d])],
      output: [valueInfo(OUTPUT_NAME, ['N', c])],
    },
  });
  return onnx.ModelProto.encode(proto).finish();
}

export function buildModelMeta(
  model: TrainedModel, name: string, training: Record<string, unknown>,
  dimensionOverrides: Readonly<Record<string, Dimensions>> = {}, featureSet?: string,
): ModelMeta {
  const { dimensions, unplaced } = dimensionsFor(model.classes, dimensionOverrides);
  const stats = model.inputNormalisation?.prior ?? model.scaler;
  return {
    name,
    // The daemon builds the extractor this names (daemon/features/feature-sets.ts).
    ...(featureSet ? { featureSet } : {}),
    classes: [...model.classes],
    featureNames: [...model.featureNames],
    dimensions,
    // A corpus-normalised model: the raw rows' statistics, where a device's own start.
    featureStatistics: { mean: Array.from(stats.mean, (v) => Math.fround(v)), std: Array.from(stats.std, (v) => Math.fround(v)) },
    ...(model.inputNormalisation ? { featureNormalisation: 'device' as const } : {}),
    training: {
      model: model.kind,
      members: model.members.map((m) => ({ kind: m.kind, layers: m.layers.map((l) => [l.inDim, l.outDim]), ...(m.input === 'raw' ? { input: 'raw' } : {}) })),
      ...(model.gate ? { gate: { layers: model.gate.layers.map((l) => [l.inDim, l.outDim]), mixes: 'members by the gate softmax (room-gated.ts)' } } : {}),
      ...(unplaced.length ? { unplacedClasses: unplaced } : {}),
      ...training,
      fit: model.info,
    },
  };
}

/** Writes `<dir>/<name>.onnx` and `<dir>/<name>.json`. */
export async function writeModelFiles(
  model: TrainedModel, dir: string, name: string, training: Record<string, unknown>,
  dimensionOverrides?: Readonly<Record<string, Dimensions>>, featureSet?: string,
): Promise<{ onnxPath: string; metaPath: string; meta: ModelMeta }> {
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new RangeError(`model name '${name}' must be letters, digits, '_', '.' or '-'`);
  const meta = buildModelMeta(model, name, training, dimensionOverrides, featureSet);
  const onnxPath = join(dir, `${name}.onnx`), metaPath = join(dir, `${name}.json`);
  await mkdir(dir, { recursive: true });
  await writeFile(onnxPath, buildOnnxModel(model, { name }));
  await writeFile(metaPath, JSON.stringify(meta, null, 2) + '\n');
  return { onnxPath, metaPath, meta };
}
