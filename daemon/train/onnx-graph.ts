// A small builder for ONNX graphs (onnx-proto messages): initialisers and nodes with
// unique names. Only core-domain ops of opset 13 are emitted: what onnxruntime-web's
// WASM build runs, with no ai.onnx.ml dependency.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export type Attr = { name: string; i?: number; f?: number; ints?: number[] };

export class GraphBuilder {
  readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  readonly initializer: InstanceType<typeof onnx.TensorProto>[] = [];

  float(name: string, dims: number[], values: ArrayLike<number>): string {
    const f32 = Float32Array.from(values);
    this.initializer.push(onnx.TensorProto.create({
      name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(f32.buffer),
    }));
    return name;
  }

  int64(name: string, dims: number[], values: ArrayLike<number>): string {
    const i64 = BigInt64Array.from(Array.from(values, (v) => BigInt(v)));
    this.initializer.push(onnx.TensorProto.create({
      name, dims, dataType: onnx.TensorProto.DataType.INT64, rawData: new Uint8Array(i64.buffer),
    }));
    return name;
  }

  /** Adds a node whose single output is named `output`; returns that name. */
  op(opType: string, input: string[], output: string, attrs: Attr[] = []): string {
    const T = onnx.AttributeProto.AttributeType;
    this.nodes.push(onnx.NodeProto.create({
      opType, input, output: [output], name: output,
      attribute: attrs.map((a) => (a.ints !== undefined ? { name: a.name, type: T.INTS, ints: a.ints }
        : a.f !== undefined ? { name: a.name, type: T.FLOAT, f: a.f }
        : { name: a.name, type: T.INT, i: a.i ?? 0 })),
    }));
    return output;
  }
}

export function valueInfo(name: string, dims: (number | string)[]): InstanceType<typeof onnx.ValueInfoProto> {
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

/** ONNX's TensorProto.DataType.FLOAT, for Cast's `to`. */
export const FLOAT_TYPE = onnx.TensorProto.DataType.FLOAT;
