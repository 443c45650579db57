// The extractor of `emotiond-extended-v2`: emotiond-extended-v1's (extended-extractor.ts),
// with the spectral shape LLD columns added to its LLD pipeline and the groups of
// contour-extras.ts computed from the same LLD matrix. Streams as v1 does.
import type { FeatureExtractor, FeatureStream, FeatureVector } from '../../core/types.ts';
import { createEgemapsExtractor, type EgemapsExtractor } from '../egemaps/egemaps-extractor.ts';
import { createKernels } from '../extractor.ts';
import { logMelLld } from '../extended/log-mel-lld.ts';
import type { FeatureBackend, FrameKernels } from '../frame-kernels.ts';
import { lldEgemapsStream } from '../lld-egemaps-stream.ts';
import { computeLlds } from '../lld-pipeline.ts';
import { DEFAULT_LLDS, type LldDef } from '../lld-registry.ts';
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

  /** As ExtendedFeatureExtractor.stream() (lld-egemaps-stream.ts); takes both extractors' kernels over. */
  stream(): FeatureStream {
    return lldEgemapsStream(this.kernels, this.llds, this.egemaps, this.names, (m, eg, out) => this.layout.evaluate(m, eg, out));
  }
}

export async function createExtended2Extractor(opts: { backend?: FeatureBackend; layout?: Extended2Layout } = {}): Promise<Extended2FeatureExtractor> {
  const backend = opts.backend ?? 'wasm';
  return new Extended2FeatureExtractor(await createKernels(backend), await createEgemapsExtractor({ backend }), opts.layout);
}
