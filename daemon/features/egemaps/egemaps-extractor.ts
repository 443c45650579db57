// The eGeMAPSv02 extractor (feature set `egemaps-v02`, 88 features named as openSMILE names
// them): LLDs on a backend, then the functionals. createEgemapsExtractor is the entry point.
import type { FeatureExtractor, FeatureVector } from '../../core/types.ts';
import type { FeatureBackend } from '../frame-kernels.ts';
import { createEgemapsKernels } from './egemaps-backends.ts';
import { egemapsFunctionals } from './egemaps-functionals.ts';
import type { EgemapsKernels } from './egemaps-kernels.ts';
import { computeEgemapsLlds, type EgemapsLldFrames } from './egemaps-llds.ts';
import { EGEMAPS_NAMES } from './egemaps-names.ts';

export const EGEMAPS_SET_ID = 'egemaps-v02';

export class EgemapsExtractor implements FeatureExtractor {
  readonly names = EGEMAPS_NAMES;
  readonly setId = EGEMAPS_SET_ID;

  constructor(private readonly kernels: EgemapsKernels) {}

  get backend(): FeatureBackend {
    return this.kernels.backend;
  }

  /** The frame-level descriptors (unsmoothed), for inspection and tests. */
  llds(samples: Float32Array): EgemapsLldFrames {
    return computeEgemapsLlds(this.kernels, samples);
  }

  /**
   * The 88 features of 16 kHz mono samples. Any length and content gives finite values (see
   * daemon/features/README.md, "eGeMAPS"). Not re-entrant: one call at a time per extractor.
   */
  extract(samples: Float32Array): FeatureVector {
    return { names: this.names, values: egemapsFunctionals(this.llds(samples)) };
  }
}

/** eGeMAPSv02 on the WASM SIMD kernels by default; 'wasm-scalar' and 'ref' for comparison. */
export async function createEgemapsExtractor(opts: { backend?: FeatureBackend } = {}): Promise<EgemapsExtractor> {
  return new EgemapsExtractor(await createEgemapsKernels(opts.backend ?? 'wasm'));
}
