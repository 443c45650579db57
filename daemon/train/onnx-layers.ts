// ONNX nodes for each layer type of network.ts, each computing what layerForward computes.
import { FLOAT_TYPE, type GraphBuilder } from './onnx-graph.ts';
import type { Layer, PiecewiseLayer, RbfLayer, TreesLayer } from './network.ts';
import { rowSquaredNorms } from './rbf-kernel.ts';
import { matrix } from './linalg.ts';

/** Emits the nodes of `layer` reading tensor `input`; returns the output tensor's name. */
export function emitLayer(g: GraphBuilder, layer: Layer, input: string, p: string): string {
  switch (layer.type) {
    case 'select':
      return g.op('Gather', [input, g.int64(`${p}_idx`, [layer.outDim], layer.indices)], `${p}_select`, [{ name: 'axis', i: 1 }]);
    case 'rbf':
      return emitRbf(g, layer, input, p);
    case 'trees':
      return emitTrees(g, layer, input, p);
    case 'piecewise':
      return emitPiecewise(g, layer, input, p);
    default: {
      if (layer.inDim * layer.outDim !== layer.weights.length) throw new RangeError(`${p}: weights do not match ${layer.inDim}x${layer.outDim}`);
      const out = g.op('Gemm', [input, g.float(`${p}_W`, [layer.inDim, layer.outDim], layer.weights), g.float(`${p}_b`, [layer.outDim], layer.bias)], `${p}_gemm`);
      return layer.relu ? g.op('Relu', [out], `${p}_relu`) : out;
    }
  }
}

/**
 * base + sum_s slope_s * min(relu(x - start_s), width_s), per feature: x [N, D] unsqueezed
 * to [N, D, 1] broadcasts against the [D, S] tables. Every term is bounded by its segment's
 * rise, so float32 adds no cancellation error however far x lies outside the knots.
 */
function emitPiecewise(g: GraphBuilder, layer: PiecewiseLayer, input: string, p: string): string {
  const d = layer.inDim, s = layer.segments;
  const x3 = g.op('Unsqueeze', [input, g.int64(`${p}_axis2`, [1], [2])], `${p}_x3`);
  const t = g.op('Relu', [g.op('Sub', [x3, g.float(`${p}_starts`, [d, s], layer.starts)], `${p}_shifted`)], `${p}_above`);
  const clipped = g.op('Min', [t, g.float(`${p}_widths`, [d, s], layer.widths)], `${p}_clipped`);
  const rise = g.op('Mul', [clipped, g.float(`${p}_slopes`, [d, s], layer.slopes)], `${p}_rise`);
  const sum = g.op('ReduceSum', [rise, g.int64(`${p}_sumaxis`, [1], [2])], `${p}_sum`, [{ name: 'keepdims', i: 0 }]);
  return g.op('Add', [sum, g.float(`${p}_base`, [d], layer.base)], `${p}_mapped`);
}

/** exp(-gamma max(0, |x|^2 - 2 x.c + |c|^2)). */
function emitRbf(g: GraphBuilder, layer: RbfLayer, input: string, p: string): string {
  const norms = rowSquaredNorms(matrix(layer.outDim, layer.inDim, layer.centres));
  const xx = g.op('ReduceSumSquare', [input], `${p}_xx`, [{ name: 'axes', ints: [1] }, { name: 'keepdims', i: 1 }]);
  const cross = g.op('Gemm', [input, g.float(`${p}_centres`, [layer.outDim, layer.inDim], layer.centres), g.float(`${p}_cc`, [layer.outDim], norms)],
    `${p}_cross`, [{ name: 'alpha', f: -2 }, { name: 'transB', i: 1 }]);
  const d2 = g.op('Relu', [g.op('Add', [cross, xx], `${p}_d2raw`)], `${p}_d2`);
  return g.op('Exp', [g.op('Mul', [d2, g.float(`${p}_neggamma`, [1], [-layer.gamma])], `${p}_scaled`)], `${p}_kernel`);
}

/**
 * Boosted trees with core ops, after Hummingbird's GEMM strategy (Nakandala et al., OSDI
 * 2020): compare every node at once, then a row reaches leaf l of a tree exactly when
 * (went-left indicators) x B equals the number of left turns on l's path, B holding +1 / -1
 * for l under a node's left / right child. Trees are batched through a 3-D MatMul.
 */
function emitTrees(g: GraphBuilder, layer: TreesLayer, input: string, p: string): string {
  const e = layer.trees, T = e.treeClass.length, I = (1 << e.depth) - 1, L = 1 << e.depth, K = e.classes;
  const B = new Float32Array(I * L), E = new Float32Array(L);
  for (let l = 0; l < L; l++) {
    // Walk up from leaf l (heap index I + l) to the root.
    for (let node = I + l; node > 0;) {
      const parent = (node - 1) >> 1, left = node === 2 * parent + 1;
      B[parent * L + l] = left ? 1 : -1;
      if (left) E[l]++;
      node = parent;
    }
  }
  const Bt = new Float32Array(T * I * L), Et = new Float32Array(T * L);
  for (let t = 0; t < T; t++) { Bt.set(B, t * I * L); Et.set(E, t * L); }
  const A = new Float32Array(T * K);
  for (let t = 0; t < T; t++) A[t * K + e.treeClass[t]] = 1;
  const vals = g.op('Gather', [input, g.int64(`${p}_feat`, [T * I], e.feature)], `${p}_vals`, [{ name: 'axis', i: 1 }]);
  const le = g.op('LessOrEqual', [vals, g.float(`${p}_thr`, [T * I], e.threshold)], `${p}_le`);
  const c = g.op('Cast', [le], `${p}_left`, [{ name: 'to', i: FLOAT_TYPE }]);
  const c3 = g.op('Reshape', [c, g.int64(`${p}_shape`, [3], [0, T, I])], `${p}_left3`);
  const ct = g.op('Transpose', [c3], `${p}_leftT`, [{ name: 'perm', ints: [1, 0, 2] }]);
  const s = g.op('MatMul', [ct, g.float(`${p}_B`, [T, I, L], Bt)], `${p}_paths`);
  const hit = g.op('Cast', [g.op('Equal', [s, g.float(`${p}_E`, [T, 1, L], Et)], `${p}_hitb`)], `${p}_hit`, [{ name: 'to', i: FLOAT_TYPE }]);
  const v = g.op('Mul', [hit, g.float(`${p}_V`, [T, 1, L], e.leaf)], `${p}_leafv`);
  const tv = g.op('ReduceSum', [v, g.int64(`${p}_axis`, [1], [2])], `${p}_treev`, [{ name: 'keepdims', i: 0 }]);
  const tt = g.op('Transpose', [tv], `${p}_treevT`, [{ name: 'perm', ints: [1, 0] }]);
  return g.op('Gemm', [tt, g.float(`${p}_A`, [T, K], A), g.float(`${p}_base`, [K], e.base)], `${p}_scores`);
}
