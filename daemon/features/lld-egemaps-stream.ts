// The stream of a feature set made of functionals of emotiond's LLD matrix and the eGeMAPS
// 88 (emotiond-extended-v1 and -v2): the LLD stream and the eGeMAPS stream fed side by side,
// the set's functionals of both when the segment ends or at a snapshot. Takes both
// extractors' kernels over.
import { EmotiondError } from '../core/errors.ts';
import type { FeatureStream, FeatureVector } from '../core/types.ts';
import type { EgemapsExtractor } from './egemaps/egemaps-extractor.ts';
import { isStreaming, type FrameKernels } from './frame-kernels.ts';
import type { LldMatrix } from './lld-pipeline.ts';
import type { LldDef } from './lld-registry.ts';
import { LldStream } from './lld-stream.ts';

/** Fills `out` (the set's vector) from the LLD matrix and the 88 eGeMAPS values. */
export type LldEgemapsEvaluate = (llds: LldMatrix, egemaps: Float32Array, out: Float32Array) => void;

export function lldEgemapsStream(
  kernels: FrameKernels, lldDefs: readonly LldDef[], egemapsExtractor: EgemapsExtractor,
  names: readonly string[], evaluate: LldEgemapsEvaluate,
): FeatureStream {
  if (!isStreaming(kernels)) throw new EmotiondError('FEATURES', `the ${kernels.backend} kernels cannot stream`);
  const llds = new LldStream(kernels, lldDefs), egemaps = egemapsExtractor.stream();
  const vector = (m: LldMatrix, eg: FeatureVector): FeatureVector => {
    const values = new Float32Array(names.length);
    evaluate(m, eg.values, values);
    return { names, values };
  };
  return {
    names,
    get samples() {
      return llds.samples;
    },
    push(x) {
      llds.push(x);
      egemaps.push(x);
    },
    snapshot: () => vector(llds.snapshot(), egemaps.snapshot()),
    end: () => vector(llds.end(), egemaps.end()),
    reset() {
      llds.reset();
      egemaps.reset();
    },
    stateBytes() {
      const a = llds.stateBytes(), b = egemaps.stateBytes();
      return { backend: a.backend + b.backend, columns: a.columns + b.columns };
    },
  };
}
