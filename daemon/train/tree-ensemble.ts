// Boosted trees in a layout that ONNX core ops can evaluate (no ai.onnx.ml domain needed):
// every tree is stored as a full binary tree of one depth, nodes in heap order (children of
// n at 2n+1, 2n+2). A node that did not split keeps threshold +Infinity, so every row goes
// left and its leaves repeat its value. Thresholds are float32 values and rows are rounded to
// float32 before comparing, exactly as the exported graph compares its float32 input, so
// TypeScript and ONNX send every row to the same leaf.
import { matrix, type Matrix } from './linalg.ts';

export interface TreeEnsemble {
  /** Depth of every (padded) tree: 2^depth - 1 internal nodes, 2^depth leaves. */
  depth: number;
  classes: number;
  /** Class whose score each tree adds to. */
  treeClass: Int32Array;
  /** trees x internal nodes: feature compared at each node. */
  feature: Int32Array;
  /** trees x internal nodes: go left when fround(x) <= threshold. */
  threshold: Float32Array;
  /** trees x leaves, float32-rounded values. */
  leaf: Float32Array;
  /** Initial score per class. */
  base: Float32Array;
}

export function treeCount(t: TreeEnsemble): number {
  return t.treeClass.length;
}

/** Leaf index (0 .. 2^depth - 1) that row `o` of `x` reaches in tree `t`. */
export function leafIndex(e: TreeEnsemble, t: number, x: Float64Array, o: number): number {
  const internal = (1 << e.depth) - 1, base = t * internal;
  let node = 0;
  for (let level = 0; level < e.depth; level++) {
    const v = Math.fround(x[o + e.feature[base + node]]);
    node = v <= e.threshold[base + node] ? 2 * node + 1 : 2 * node + 2;
  }
  return node - internal;
}

/** Raw class scores (rows x classes): base plus the leaf values reached. */
export function treeScores(e: TreeEnsemble, x: Matrix): Matrix {
  const k = e.classes, leaves = 1 << e.depth, out = matrix(x.rows, k);
  for (let i = 0; i < x.rows; i++) {
    const o = i * x.cols, r = i * k;
    for (let c = 0; c < k; c++) out.data[r + c] = e.base[c];
    for (let t = 0; t < e.treeClass.length; t++) {
      out.data[r + e.treeClass[t]] += e.leaf[t * leaves + leafIndex(e, t, x.data, o)];
    }
  }
  return out;
}
