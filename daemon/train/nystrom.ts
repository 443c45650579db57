// The RBF kernel machine as a network: Nystrom features phi(x) = L^{-1} k(landmarks, x)
// (Williams & Seeger, NIPS 2001), with K_landmarks = L L^T, then a linear model on phi.
// With every training row as a landmark this is the exact kernel machine; beyond
// `maxLandmarks` rows a seeded random subset keeps the cost at O(n m^2). For export the
// factor is folded into the linear layer: logits = k(x) (L^{-T} W) + b, an rbf layer
// then one Gemm.
import { cholesky, inverseTransposeLower, solveLowerRows } from './cholesky.ts';
import { matrix, takeRows, type Matrix } from './linalg.ts';
import type { DenseLayer, RbfLayer } from './network.ts';
import { medianSquaredDistance, rbfGram, rowSquaredNorms } from './rbf-kernel.ts';
import { createRng, shuffle } from './rng.ts';

export interface NystromOptions {
  /** Kernel width as a multiple of 1 / (median squared distance between training rows). */
  gammaScale?: number;
  maxLandmarks?: number;
}

export const NYSTROM_DEFAULTS = { gammaScale: 1, maxLandmarks: 1500 } as const;

export interface NystromMap {
  rbf: RbfLayer;
  /** L (m x m) of the landmarks' Gram matrix. */
  factor: Matrix;
  /** phi of the training rows (n x m). */
  features: Matrix;
  info: { gamma: number; landmarks: number; jitter: number };
}

export function fitNystrom(z: Matrix, opts: NystromOptions = {}, seed = 1): NystromMap {
  const o = { ...NYSTROM_DEFAULTS, ...opts };
  const idx = Int32Array.from({ length: z.rows }, (_, i) => i);
  if (z.rows > o.maxLandmarks) shuffle(idx, createRng(seed));
  const pick = idx.slice(0, Math.min(z.rows, o.maxLandmarks)).sort();
  const centres = takeRows(z, pick);
  const gamma = o.gammaScale / medianSquaredDistance(z);
  const norms = rowSquaredNorms(centres);
  const { l, jitter } = cholesky(rbfGram(centres, centres, gamma, norms));
  const features = solveLowerRows(l, rbfGram(z, centres, gamma, norms));
  return {
    rbf: { type: 'rbf', inDim: z.cols, outDim: centres.rows, centres: centres.data, gamma },
    factor: l, features, info: { gamma, landmarks: centres.rows, jitter },
  };
}

/** The linear layer on phi, rewritten to act on kernel values: W' = L^{-T} W. */
export function foldFactor(map: NystromMap, layer: DenseLayer): DenseLayer {
  const m = map.factor.rows, k = layer.outDim;
  const inv = inverseTransposeLower(map.factor); // m x m
  const w = matrix(m, k);
  for (let i = 0; i < m; i++) {
    for (let p = i; p < m; p++) {
      // L^{-T} is upper triangular: row i has entries from column i on.
      const v = inv.data[i * m + p];
      if (v === 0) continue;
      for (let j = 0; j < k; j++) w.data[i * k + j] += v * layer.weights[p * k + j];
    }
  }
  return { inDim: m, outDim: k, weights: w.data, bias: layer.bias.slice(), relu: false };
}
