// The frame CNN as an ONNX graph that onnxruntime-web's WASM build runs:
//   frames [N, T, C] -> (x - mean) / std -> Transpose [N, C, T] -> (Conv -> Relu) x L
//   -> mean / standard deviation / max over time (ReduceMean, ReduceMax) -> Concat -> Gemm -> Softmax -> probabilities [N, K]
// T is symbolic: one segment of any length (at least minFrames) per call, or a batch of
// equal-length ones. Core opset 13 only, as the functional models' graphs.
import onnxProto from 'onnx-proto';
import { ONNX_IR_VERSION, ONNX_OPSET, OUTPUT_NAME } from '../export-onnx.ts';
import { GraphBuilder, valueInfo } from '../onnx-graph.ts';
import { minFrames, STD_EPS, type CnnNetwork } from './cnn.ts';

const { onnx } = onnxProto;

export const FRAMES_INPUT = 'frames';

/** Emits the CNN's nodes reading `input` ([N, T, C] raw frames); returns the logits' name. */
export function emitCnnLogits(g: GraphBuilder, net: CnnNetwork, input: string, p = 'cnn'): string {
  const c = net.columns.length;
  const z = g.op('Div', [g.op('Sub', [input, g.float(`${p}_mean`, [c], net.mean)], `${p}_centred`), g.float(`${p}_std`, [c], net.std)], `${p}_z`);
  let h = g.op('Transpose', [z], `${p}_nct`, [{ name: 'perm', ints: [0, 2, 1] }]);
  net.convs.forEach((L, l) => {
    // Ours: [out][tap][in]; ONNX Conv: [out][in][tap].
    const w = new Float64Array(L.weights.length);
    for (let o = 0; o < L.outCh; o++) {
      for (let k = 0; k < L.kernel; k++) {
        for (let i = 0; i < L.inCh; i++) w[(o * L.inCh + i) * L.kernel + k] = L.weights[(o * L.kernel + k) * L.inCh + i];
      }
    }
    const conv = g.op('Conv', [h, g.float(`${p}_c${l}_W`, [L.outCh, L.inCh, L.kernel], w), g.float(`${p}_c${l}_b`, [L.outCh], L.bias)], `${p}_c${l}`, [
      { name: 'kernel_shape', ints: [L.kernel] }, { name: 'strides', ints: [L.stride] }, { name: 'pads', ints: [L.pad, L.pad] },
    ]);
    h = g.op('Relu', [conv], `${p}_c${l}_relu`);
  });
  const over = (op: string, x: string, name: string, keep: number) => g.op(op, [x], name, [{ name: 'axes', ints: [2] }, { name: 'keepdims', i: keep }]);
  const blocks = net.pool.map((kind) => {
    if (kind === 'mean') return over('ReduceMean', h, `${p}_mean_t`, 0);
    if (kind === 'max') return over('ReduceMax', h, `${p}_max_t`, 0);
    // sqrt(mean((h - mean)^2) + eps), as poolOverTime computes it.
    const d = g.op('Sub', [h, over('ReduceMean', h, `${p}_mean_k`, 1)], `${p}_dev`);
    const v = over('ReduceMean', g.op('Mul', [d, d], `${p}_dev2`), `${p}_var`, 0);
    return g.op('Sqrt', [g.op('Add', [v, g.float(`${p}_eps`, [1], [STD_EPS])], `${p}_var_eps`)], `${p}_std_t`);
  });
  const pooled = blocks.length === 1 ? blocks[0] : g.op('Concat', blocks, `${p}_pooled`, [{ name: 'axis', i: 1 }]);
  return g.op('Gemm', [pooled, g.float(`${p}_head_W`, [net.head.inDim, net.head.outDim], net.head.weights), g.float(`${p}_head_b`, [net.head.outDim], net.head.bias)], `${p}_logits`);
}

export function buildCnnOnnx(net: CnnNetwork, opts: { name?: string } = {}): Uint8Array {
  const g = new GraphBuilder();
  g.op('Softmax', [emitCnnLogits(g, net, FRAMES_INPUT)], OUTPUT_NAME, [{ name: 'axis', i: -1 }]);
  const proto = onnx.ModelProto.create({
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'emotiond',
    producerVersion: '0.1.0',
    docString: `emotiond frame CNN: input frames [N, T >= ${minFrames(net.convs)}, ${net.columns.length}] (LLD columns ${net.columns.join(',')}, 100 frames/s)`,
    metadataProps: [
      { key: 'emotiond.classes', value: JSON.stringify(net.classes) },
      { key: 'emotiond.frame_columns', value: JSON.stringify(net.columns) },
      { key: 'emotiond.min_frames', value: String(minFrames(net.convs)) },
    ],
    graph: {
      name: opts.name ?? 'emotiond-cnn',
      node: g.nodes,
      initializer: g.initializer,
      input: [valueInfo(FRAMES_INPUT, ['N', 'T', net.columns.length])],
      output: [valueInfo(OUTPUT_NAME, ['N', net.classes.length])],
    },
  });
  return onnx.ModelProto.encode(proto).finish();
}
