// The extractor of `emotiond-extended-v2`: emotiond-extended-v1's (extended-extractor.ts),
// with the spectral shape LLD columns added to its LLD pipeline and the groups of
// contour-extras.ts computed from the same LLD matrix. Streams as v1 does.
import { EmotiondError } from '../../core/errors.ts';
import type { FeatureExtractor, FeatureStream, FeatureVector } from '../../core/types.ts';
import { createEgemapsExtractor, type EgemapsExtractor } from '../egemaps/egemaps-extractor.ts';
import { createKernels } from '../extractor.ts';
import { logMelLld } from '../extended/log-mel-lld.ts';
import { isStreaming, type FeatureBackend, type FrameKernels } from '../frame-kernels.ts';
import { computeLlds, type LldMatrix } from '../lld-pipeline.ts';
import { DEFAULT_LLDS, type LldDef } from '../lld-registry.ts';
import { LldStream } from '../lld-stream.ts';
import { EXTENDED2_LAYOUT, EXTENDED2_SET_ID, type Extended2Layout } from './extended2-set.ts';
import { spectralShapeLld } from './spectral-shape-lld.ts';

function lldsFor(layout: Extended2Layout): readonly LldDef[] {
  const wanted = new Set(layout.lldColumns);
  return [...DEFAULT_LLDS, logMelLld, spectralShapeLld].filter((d) => d.columns.some((col) => wanted.has(col)));
}

export class Extended2FeatureExtractor implements FeatureExtractor {
  readonly setId = EXTENDED2_SET_ID;
  readonly names: readonly string[];
  private readonly llds: readonly LldDef[];

  /** `layout` other than the set's own is for experiments (extended2Layout(groups)). */
  constructor(private readonly kernels: FrameKernels, private readonly egemaps: EgemapsExtractor, private readonly layout: Extended2Layout = EXTENDED2_LAYOUT) {
    this.names = layout.names;
    this.llds = lldsFor(layout);
  }

  get backend(): FeatureBackend {
    return this.kernels.backend;
  }

  /** Any length works and gives finite values. Not re-entrant. */
  extract(samples: Float32Array): FeatureVector {
    const values = new Float32Array(this.names.length);
    this.layout.evaluate(computeLlds(this.kernels, samples, this.llds), this.egemaps.extract(samples).values, values);
    return { names: this.names, values };
  }

  /**
   * As ExtendedFeatureExtractor.stream(): the LLD stream and the eGeMAPS stream side by side,
   * every functional when the segment ends (or at a snapshot). Takes both extractors' kernels over.
   */
  stream(): FeatureStream {
    const k = this.kernels;
    if (!isStreaming(k)) throw new EmotiondError('FEATURES', `the ${k.backend} kernels cannot stream`);
    const llds = new LldStream(k, this.llds), eg = this.egemaps.stream(), names = this.names, layout = this.layout;
    const vector = (m: LldMatrix, egemaps: FeatureVector): FeatureVector => {
      const values = new Float32Array(names.length);
      layout.evaluate(m, egemaps.values, values);
      return { names, values };
    };
    return {
      names,
      get samples() {
        return llds.samples;
      },
      push(x) {
        llds.push(x);
        eg.push(x);
      },
      snapshot: () => vector(llds.snapshot(), eg.snapshot()),
      end: () => vector(llds.end(), eg.end()),
      reset() {
        llds.reset();
        eg.reset();
      },
      stateBytes() {
        const a = llds.stateBytes(), b = eg.stateBytes();
        return { backend: a.backend + b.backend, columns: a.columns + b.columns };
      },
    };
  }
}

export async function createExtended2Extractor(opts: { backend?: FeatureBackend; layout?: Extended2Layout } = {}): Promise<Extended2FeatureExtractor> {
  const backend = opts.backend ?? 'wasm';
  return new Extended2FeatureExtractor(await createKernels(backend), await createEgemapsExtractor({ backend }), opts.layout);
}
