// The per-batch buffers of a GPU stage, kept between batches. Sizes are powers of two (at
// least 64 frames and 4096 samples) and only grow, so a run of similar utterances allocates
// once and a longer one reallocates a few times at most. Each stage says which buffers it
// needs for a given size; the pool decides when to make them.

export interface PoolSize {
  /** Frames the buffers hold. */
  readonly frames: number;
  /** Samples the signal buffer holds. */
  readonly samples: number;
  /** Floats between the starts of two columns of an output buffer, a multiple of the device's storage-offset alignment. */
  readonly stride: number;
}

export interface Pool<Name extends string> extends PoolSize {
  readonly b: Record<Name, GPUBuffer>;
}

export class GpuBufferPool<Name extends string> {
  private pool: Pool<Name> | null = null;

  constructor(
    private readonly device: GPUDevice,
    private readonly make: (size: PoolSize) => Record<Name, GPUBuffer>,
  ) {}

  /** Buffers for `frames` frames over `samples` samples: the pool's while they are big enough, else bigger ones. */
  ensure(frames: number, samples: number): Pool<Name> {
    const old = this.pool;
    if (old && old.frames >= frames && old.samples >= samples) return old;
    const f = Math.max(64, 2 ** Math.ceil(Math.log2(Math.max(frames, 1))), old?.frames ?? 0);
    const s = Math.max(4096, 2 ** Math.ceil(Math.log2(Math.max(samples, 1))), old?.samples ?? 0);
    this.destroy();
    const align = this.device.limits.minStorageBufferOffsetAlignment / 4;
    const size: PoolSize = { frames: f, samples: s, stride: Math.ceil(f / align) * align };
    this.pool = { ...size, b: this.make(size) };
    return this.pool;
  }

  destroy(): void {
    if (this.pool) for (const b of Object.values<GPUBuffer>(this.pool.b)) b.destroy();
    this.pool = null;
  }
}
