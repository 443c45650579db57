// Regroups a stream of 16 kHz samples that arrives in arbitrary pieces into fixed-size
// AudioChunks stamped with stream time, so live capture looks like file replay downstream.

import { SAMPLE_RATE, type AudioChunk } from '../core/types.ts';

export class Chunker {
  private readonly size: number;
  private pending: Float32Array;
  private fill = 0;
  /** Stream position (in samples) of pending[0]. */
  private clock = 0;

  constructor(chunkSamples: number) {
    this.size = chunkSamples;
    this.pending = new Float32Array(chunkSamples);
  }

  /** Stream time, in samples, of the next sample to arrive. */
  get position(): number {
    return this.clock + this.fill;
  }

  /** Adds samples; returns the chunks they complete. */
  push(samples: Float32Array): AudioChunk[] {
    const out: AudioChunk[] = [];
    let i = 0;
    while (i < samples.length) {
      const n = Math.min(this.size - this.fill, samples.length - i);
      this.pending.set(samples.subarray(i, i + n), this.fill);
      this.fill += n;
      i += n;
      if (this.fill === this.size) out.push(this.take());
    }
    return out;
  }

  /** Emits what is pending as a short chunk (before a gap), or null when nothing is. */
  flush(): AudioChunk | null {
    return this.fill > 0 ? this.take() : null;
  }

  /**
   * Moves stream time forward over samples that were never captured (a device outage).
   * Returns what was pending, as flush() does, since it precedes the gap.
   */
  skip(samples: number): AudioChunk | null {
    const last = this.flush();
    this.clock += Math.max(0, Math.round(samples));
    return last;
  }

  private take(): AudioChunk {
    const chunk = { samples: this.pending.slice(0, this.fill), startS: this.clock / SAMPLE_RATE };
    this.clock += this.fill;
    this.fill = 0;
    return chunk;
  }
}
