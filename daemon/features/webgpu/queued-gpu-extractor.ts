// What every WebGPU extractor shares: the device it owns, the GPU stage whose buffers it
// frees, and one queue for its calls (their CPU kernels are not re-entrant, and a batch must
// not start while another one's readbacks are pending). Subclasses say how a batch is made.
import type { FeatureVector } from '../../core/types.ts';
import type { GpuHandle } from './gpu-device.ts';

export abstract class QueuedGpuExtractor {
  readonly backend = 'webgpu' as const;
  private queue: Promise<unknown> = Promise.resolve();

  protected constructor(
    protected readonly gpu: GpuHandle,
    protected readonly stage: { destroy(): void },
  ) {}

  /** The adapter the kernels run on, e.g. for logs. */
  get adapter(): string {
    return this.gpu.description;
  }

  abstract extractBatch(signals: readonly Float32Array[]): Promise<FeatureVector[]>;

  async extract(samples: Float32Array): Promise<FeatureVector> {
    return (await this.extractBatch([samples]))[0];
  }

  /** Frees the GPU buffers and the device; the extractor cannot be used afterwards. */
  async dispose(): Promise<void> {
    await this.queue;
    this.stage.destroy();
    this.gpu.device.destroy();
  }

  /** Runs `work` after every call queued before it; a failure rejects this call only. */
  protected queued<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
