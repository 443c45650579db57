// The extractor of `emotiond-extended-v1`: emotiond's LLD pipeline (with the log mel bands
// added) and the eGeMAPSv02 extractor run on the same samples, on the same kind of backend.
import type { FeatureExtractor, FeatureStream, FeatureVector } from '../../core/types.ts';
import { createEgemapsExtractor, type EgemapsExtractor } from '../egemaps/egemaps-extractor.ts';
import { createKernels } from '../extractor.ts';
import type { FeatureBackend, FrameKernels } from '../frame-kernels.ts';
import { lldEgemapsStream, type LldEgemapsEvaluate } from '../lld-egemaps-stream.ts';
import { computeLlds } from '../lld-pipeline.ts';
import { DEFAULT_LLDS, type LldDef } from '../lld-registry.ts';
import { EXTENDED_LLD_COLUMNS, EXTENDED_NAMES, EXTENDED_SET_ID, LLD_PART_SIZE, evaluateLldPart } from './extended-set.ts';
import { logMelLld } from './log-mel-lld.ts';

const wanted = new Set(EXTENDED_LLD_COLUMNS);
const LLDS: readonly LldDef[] = [...DEFAULT_LLDS, logMelLld].filter((d) => d.columns.some((col) => wanted.has(col)));

const evaluate: LldEgemapsEvaluate = (llds, egemaps, out) => {
  evaluateLldPart(llds, out);
  out.set(egemaps, LLD_PART_SIZE);
};

export class ExtendedFeatureExtractor implements FeatureExtractor {
  readonly names = EXTENDED_NAMES;
  readonly setId = EXTENDED_SET_ID;

  constructor(private readonly kernels: FrameKernels, private readonly egemaps: EgemapsExtractor) {}

  get backend(): FeatureBackend {
    return this.kernels.backend;
  }

  /** Any length works and gives finite values (see the two parts' edge-input rules). Not re-entrant. */
  extract(samples: Float32Array): FeatureVector {
    const values = new Float32Array(EXTENDED_NAMES.length);
    evaluate(computeLlds(this.kernels, samples, LLDS), this.egemaps.extract(samples).values, values);
    return { names: this.names, values };
  }

  /** The 3008 features as audio arrives (lld-egemaps-stream.ts); takes both extractors' kernels over. */
  stream(): FeatureStream {
    return lldEgemapsStream(this.kernels, LLDS, this.egemaps, this.names, evaluate);
  }
}

export async function createExtendedExtractor(opts: { backend?: FeatureBackend } = {}): Promise<ExtendedFeatureExtractor> {
  const backend = opts.backend ?? 'wasm';
  return new ExtendedFeatureExtractor(await createKernels(backend), await createEgemapsExtractor({ backend }));
}
