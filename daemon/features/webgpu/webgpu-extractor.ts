// The feature extractor with backend 'webgpu': spectral LLDs on the GPU (WGSL kernels in
// shaders/), pitch on the CPU (WASM kernels), functionals on the CPU. The same 602 names
// and, within f32 rounding, the same values as the WASM extractor. GPU readback is
// asynchronous, so extraction is too: extract() and extractBatch() return promises. A batch
// runs many utterances per dispatch, which is where a GPU pays.
import type { FeatureVector } from '../../core/types.ts';
import { createKernels } from '../extractor.ts';
import { FEATURE_SET_V1, evaluateFeatureSet, featureNames, featureSetColumns, type FeatureSet } from '../feature-set.ts';
import type { FrameKernels } from '../frame-kernels.ts';
import { DEFAULT_LLDS, type LldDef } from '../lld-registry.ts';
import { buildOnGpu, type GpuDeviceOptions, type GpuHandle } from './gpu-device.ts';
import { QueuedGpuExtractor } from './queued-gpu-extractor.ts';
import { GpuSpectralStage } from './spectral-stage.ts';
import { computeLldsWebGpu } from './webgpu-llds.ts';

export interface WebGpuExtractorOptions {
  /** Which adapter (see gpu-device.ts); default from the environment. */
  gpu?: GpuDeviceOptions;
  /** A device already acquired (it then belongs to the extractor); overrides `gpu`. */
  handle?: GpuHandle;
  set?: FeatureSet;
  /** Frames per GPU submission (bounds GPU memory: about 6 KB a frame). Default 8192 (82 s). */
  maxFramesPerChunk?: number;
}

export class WebGpuFeatureExtractor extends QueuedGpuExtractor {
  readonly names: readonly string[];
  private readonly llds: readonly LldDef[];

  constructor(
    gpu: GpuHandle,
    protected override readonly stage: GpuSpectralStage,
    private readonly cpu: FrameKernels,
    readonly set: FeatureSet = FEATURE_SET_V1,
    private readonly maxFrames = 8192,
  ) {
    super(gpu, stage);
    this.names = Object.freeze(featureNames(set));
    const wanted = new Set(featureSetColumns(set));
    this.llds = DEFAULT_LLDS.filter((d) => d.columns.some((c) => wanted.has(c)));
  }

  /** Features of each signal, in order. Calls are queued: the CPU kernels are not re-entrant. */
  extractBatch(signals: readonly Float32Array[]): Promise<FeatureVector[]> {
    return this.queued(async () => {
      const llds = await computeLldsWebGpu(this.stage, this.cpu, signals, this.llds, this.maxFrames);
      return llds.map((m) => ({ names: this.names, values: evaluateFeatureSet(this.set, m) }));
    });
  }
}

/**
 * The WebGPU extractor, like createFeatureExtractor but asynchronous. Throws EmotiondError
 * 'FEATURES' when there is no WebGPU adapter (there is no silent fallback here; see
 * createAnyFeatureExtractor for backend 'auto').
 */
export async function createWebGpuFeatureExtractor(opts: WebGpuExtractorOptions = {}): Promise<WebGpuFeatureExtractor> {
  return buildOnGpu(opts, async (gpu) => {
    const stage = await GpuSpectralStage.create(gpu.device);
    return new WebGpuFeatureExtractor(gpu, stage, await createKernels('wasm'), opts.set, opts.maxFramesPerChunk);
  });
}
