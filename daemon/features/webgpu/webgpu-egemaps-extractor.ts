// eGeMAPSv02 (the 88 openSMILE functionals) with backend 'webgpu': the 20 ms spectral LLDs
// on the GPU (egemaps-stage.ts), many utterances per dispatch; pitch, voice quality,
// formants and the functionals on the CPU through the WASM extractor's own pipeline
// (EgemapsExtractor over WebGpuEgemapsKernels, egemapsFunctionals). GPU readback is
// asynchronous, so extraction is too. While the CPU works on one utterance the GPU already
// works on the next chunk.
import type { FeatureVector } from '../../core/types.ts';
import { createEgemapsFrameKernels } from '../egemaps/egemaps-backends.ts';
import { EGEMAPS_SET_ID, EgemapsExtractor } from '../egemaps/egemaps-extractor.ts';
import { egemapsFunctionals } from '../egemaps/egemaps-functionals.ts';
import type { EgemapsLldFrames } from '../egemaps/egemaps-llds.ts';
import { EGEMAPS_NAMES } from '../egemaps/egemaps-names.ts';
import { buildOnGpu, type GpuDeviceOptions, type GpuHandle } from './gpu-device.ts';
import { GpuEgemapsStage } from './egemaps-stage.ts';
import { QueuedGpuExtractor } from './queued-gpu-extractor.ts';
import { WebGpuEgemapsKernels } from './webgpu-egemaps-kernels.ts';

export interface WebGpuEgemapsOptions {
  /** Which adapter (see gpu-device.ts); default from the environment. */
  gpu?: GpuDeviceOptions;
  /** A device already acquired (it then belongs to the extractor); overrides `gpu`. */
  handle?: GpuHandle;
  /** 20 ms frames per GPU submission. Default 4096 (41 s of audio, about 20 MB of GPU buffers). */
  maxFramesPerChunk?: number;
}

export class WebGpuEgemapsExtractor extends QueuedGpuExtractor {
  readonly names = EGEMAPS_NAMES;
  readonly setId = EGEMAPS_SET_ID;
  private readonly lldPipeline: EgemapsExtractor;

  constructor(
    gpu: GpuHandle,
    stage: GpuEgemapsStage,
    private readonly kernels: WebGpuEgemapsKernels,
  ) {
    super(gpu, stage);
    this.lldPipeline = new EgemapsExtractor(kernels);
  }

  /** The raw LLD contours of each signal. Calls are queued: the CPU kernels are not re-entrant. */
  lldsBatch(signals: readonly Float32Array[]): Promise<EgemapsLldFrames[]> {
    return this.queued(async () => {
      const k = this.kernels;
      k.submit(signals);
      try {
        const out: EgemapsLldFrames[] = [];
        for (const x of signals) {
          await k.ready(x);
          out.push(this.lldPipeline.llds(x));
        }
        return out;
      } finally {
        k.clear();
      }
    });
  }

  async extractBatch(signals: readonly Float32Array[]): Promise<FeatureVector[]> {
    return (await this.lldsBatch(signals)).map((l) => ({ names: this.names, values: egemapsFunctionals(l) }));
  }
}

/** Throws EmotiondError 'FEATURES' when there is no WebGPU adapter (no silent fallback here). */
export async function createWebGpuEgemapsExtractor(opts: WebGpuEgemapsOptions = {}): Promise<WebGpuEgemapsExtractor> {
  return buildOnGpu(opts, async (gpu) => {
    const stage = await GpuEgemapsStage.create(gpu.device);
    // energy, rfft and mfcc dispatch one workgroup per frame: stay within the per-dimension limit.
    const maxFrames = Math.min(opts.maxFramesPerChunk ?? 4096, gpu.device.limits.maxComputeWorkgroupsPerDimension);
    const kernels = new WebGpuEgemapsKernels(stage, await createEgemapsFrameKernels('wasm'), maxFrames);
    return new WebGpuEgemapsExtractor(gpu, stage, kernels);
  });
}
