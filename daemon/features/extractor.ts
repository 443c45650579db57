// The feature extractor the daemon and training use: LLDs frame by frame on a backend,
// then the feature set's functionals. createFeatureExtractor is the entry point.
import { EmotiondError } from '../core/errors.ts';
import type { FeatureExtractor, FeatureStream, FeatureVector } from '../core/types.ts';
import { FEATURE_SET_V1, evaluateFeatureSet, featureNames, featureSetColumns, type FeatureSet } from './feature-set.ts';
import { isStreaming, type FeatureBackend, type FrameKernels } from './frame-kernels.ts';
import { computeLlds } from './lld-pipeline.ts';
import { DEFAULT_LLDS, type LldDef } from './lld-registry.ts';
import { LldStream } from './lld-stream.ts';
import { RefFrameKernels } from './ref-kernels.ts';
import { WasmFrameKernels } from './wasm-kernels.ts';
import { loadFeatureWasm } from './wasm-loader.ts';

export class LldFeatureExtractor implements FeatureExtractor {
  readonly names: readonly string[];
  private readonly llds: readonly LldDef[];

  constructor(private readonly kernels: FrameKernels, readonly set: FeatureSet = FEATURE_SET_V1) {
    this.names = Object.freeze(featureNames(set));
    const wanted = new Set(featureSetColumns(set));
    this.llds = DEFAULT_LLDS.filter((d) => d.columns.some((c) => wanted.has(c)));
    const have = new Set(this.llds.flatMap((d) => d.columns));
    const missing = [...wanted].filter((c) => !have.has(c));
    if (missing.length) throw new EmotiondError('FEATURES', `feature set ${set.id} reads unknown LLDs: ${missing.join(', ')}`);
  }

  get backend(): FeatureBackend {
    return this.kernels.backend;
  }

  /**
   * Features of 16 kHz mono samples. Any length works: no samples or silence give finite
   * values (0 for what needs frames, voiced frames or energy). Not re-entrant: one call at
   * a time per extractor (calls are synchronous).
   */
  extract(samples: Float32Array): FeatureVector {
    const llds = computeLlds(this.kernels, samples, this.llds);
    return { names: this.names, values: evaluateFeatureSet(this.set, llds) };
  }

  /** The set's features as audio arrives (lld-stream.ts); the stream takes these kernels over. */
  stream(): FeatureStream {
    const k = this.kernels;
    if (!isStreaming(k)) throw new EmotiondError('FEATURES', `the ${k.backend} kernels cannot stream`);
    const s = new LldStream(k, this.llds), names = this.names, set = this.set;
    return {
      names,
      get samples() {
        return s.samples;
      },
      push: (x) => s.push(x),
      snapshot: () => ({ names, values: evaluateFeatureSet(set, s.snapshot()) }),
      end: () => ({ names, values: evaluateFeatureSet(set, s.end()) }),
      reset: () => s.reset(),
      stateBytes: () => s.stateBytes(),
    };
  }
}

export async function createKernels(backend: FeatureBackend = 'wasm'): Promise<FrameKernels> {
  if (backend === 'ref') return new RefFrameKernels();
  if (backend === 'wasm' || backend === 'wasm-scalar') {
    return new WasmFrameKernels(await loadFeatureWasm(backend === 'wasm' ? 'simd' : 'scalar'), backend);
  }
  throw new EmotiondError('FEATURES', `unknown feature backend "${String(backend)}" (wasm, wasm-scalar, ref)`);
}

/**
 * The feature extractor: FEATURE_SET_V1 (602 features) on the WASM SIMD kernels by default.
 * 'wasm-scalar' is the same kernels built without SIMD; 'ref' the plain TypeScript
 * references (slow; for checks). Throws EmotiondError 'FEATURES' when the WASM build is missing.
 */
export async function createFeatureExtractor(opts: { backend?: FeatureBackend } = {}): Promise<FeatureExtractor> {
  return new LldFeatureExtractor(await createKernels(opts.backend ?? 'wasm'));
}
