// The eGeMAPSv02 extractor (feature set `egemaps-v02`, 88 features named as openSMILE names
// them): LLDs on a backend, then the functionals. createEgemapsExtractor is the entry point.
// extract() takes a whole signal; stream() takes one as it arrives (fixed memory) and gives
// the same 88 values when the segment ends.
import type { FeatureExtractor, FeatureStream, FeatureVector } from '../../core/types.ts';
import type { FeatureBackend } from '../frame-kernels.ts';
import { createEgemapsFrameKernels } from './egemaps-backends.ts';
import type { EgemapsFrameKernels } from './egemaps-frame-kernels.ts';
import { egemapsFunctionals } from './egemaps-functionals.ts';
import type { EgemapsKernels } from './egemaps-kernels.ts';
import { computeEgemapsLlds, isFrameKernels, type EgemapsLldFrames } from './egemaps-llds.ts';
import { EGEMAPS_NAMES } from './egemaps-names.ts';
import { EgemapsLldStream } from './egemaps-stream.ts';

export const EGEMAPS_SET_ID = 'egemaps-v02';

/** One segment's audio pushed as it arrives; end() gives its 88 features and starts the next. */
export interface EgemapsStream extends FeatureStream {
  /** The segment's raw LLD contours instead of its functionals (also starts the next). */
  endLlds(): EgemapsLldFrames;
  /** The raw LLD contours so far, without ending. */
  snapshotLlds(): EgemapsLldFrames;
}

export class EgemapsExtractor implements FeatureExtractor {
  readonly names = EGEMAPS_NAMES;
  readonly setId = EGEMAPS_SET_ID;
  private lldStream: EgemapsLldStream | undefined;

  constructor(private readonly kernels: EgemapsFrameKernels | EgemapsKernels) {}

  get backend(): FeatureBackend {
    return this.kernels.backend;
  }

  /** The frame-level descriptors (unsmoothed), for inspection and tests. */
  llds(samples: Float32Array): EgemapsLldFrames {
    const k = this.kernels;
    if (isFrameKernels(k)) this.lldStream ??= new EgemapsLldStream(k);
    return computeEgemapsLlds(k, samples, this.lldStream);
  }

  /**
   * The 88 features of 16 kHz mono samples. Any length and content gives finite values (see
   * daemon/features/README.md, "eGeMAPS"). Not re-entrant: one call at a time per extractor.
   */
  extract(samples: Float32Array): FeatureVector {
    return { names: this.names, values: egemapsFunctionals(this.llds(samples)) };
  }

  /**
   * A stream on these kernels (frame kernels only). It shares them with extract(): use one
   * or the other at a time, or a second extractor.
   */
  stream(): EgemapsStream {
    const k = this.kernels;
    if (!isFrameKernels(k)) throw new Error('eGeMAPS streaming needs frame kernels (createEgemapsFrameKernels)');
    const s = new EgemapsLldStream(k), names = this.names;
    return {
      names,
      push: (x) => s.push(x),
      end: () => ({ names, values: egemapsFunctionals(s.end()) }),
      endLlds: () => s.end(),
      snapshot: () => ({ names, values: egemapsFunctionals(s.snapshot()) }),
      snapshotLlds: () => s.snapshot(),
      reset: () => s.reset(),
      get samples() {
        return s.samples;
      },
      stateBytes: () => s.stateBytes(),
    };
  }
}

/** eGeMAPSv02 on the WASM SIMD kernels by default; 'wasm-scalar' and 'ref' for comparison. */
export async function createEgemapsExtractor(opts: { backend?: FeatureBackend } = {}): Promise<EgemapsExtractor> {
  return new EgemapsExtractor(await createEgemapsFrameKernels(opts.backend ?? 'wasm'));
}
