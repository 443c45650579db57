// The extractor of `emotiond-extended-v1`: emotiond's LLD pipeline (with the log mel bands
// added) and the eGeMAPSv02 extractor run on the same samples, on the same kind of backend.
import { EmotiondError } from '../../core/errors.ts';
import type { FeatureExtractor, FeatureStream, FeatureVector } from '../../core/types.ts';
import { createEgemapsExtractor, type EgemapsExtractor } from '../egemaps/egemaps-extractor.ts';
import { createKernels } from '../extractor.ts';
import { isStreaming, type FeatureBackend, type FrameKernels } from '../frame-kernels.ts';
import { computeLlds, type LldMatrix } from '../lld-pipeline.ts';
import { LldStream } from '../lld-stream.ts';
import { DEFAULT_LLDS, type LldDef } from '../lld-registry.ts';
import { EXTENDED_LLD_COLUMNS, EXTENDED_NAMES, EXTENDED_SET_ID, LLD_PART_SIZE, evaluateLldPart } from './extended-set.ts';
import { logMelLld } from './log-mel-lld.ts';

const wanted = new Set(EXTENDED_LLD_COLUMNS);
const LLDS: readonly LldDef[] = [...DEFAULT_LLDS, logMelLld].filter((d) => d.columns.some((col) => wanted.has(col)));

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
    evaluateLldPart(computeLlds(this.kernels, samples, LLDS), values);
    values.set(this.egemaps.extract(samples).values, LLD_PART_SIZE);
    return { names: this.names, values };
  }

  /**
   * The 3008 features as audio arrives: the LLD stream (lld-stream.ts) and the eGeMAPS
   * stream side by side, the functionals of both when the segment ends (or at a snapshot).
   * The stream takes both extractors' kernels over.
   */
  stream(): FeatureStream {
    const k = this.kernels;
    if (!isStreaming(k)) throw new EmotiondError('FEATURES', `the ${k.backend} kernels cannot stream`);
    const llds = new LldStream(k, LLDS), eg = this.egemaps.stream(), names = this.names;
    const vector = (m: LldMatrix, egemaps: FeatureVector): FeatureVector => {
      const values = new Float32Array(EXTENDED_NAMES.length);
      evaluateLldPart(m, values);
      values.set(egemaps.values, LLD_PART_SIZE);
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

export async function createExtendedExtractor(opts: { backend?: FeatureBackend } = {}): Promise<ExtendedFeatureExtractor> {
  const backend = opts.backend ?? 'wasm';
  return new ExtendedFeatureExtractor(await createKernels(backend), await createEgemapsExtractor({ backend }));
}
