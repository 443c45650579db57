// The signal of a stream in a fixed buffer: samples arrive at the end, and once the
// pipeline has said it will not read before some index (release), that part is dropped by
// moving the rest to the front when room is needed. Positions are absolute sample indices;
// buffer[i] holds sample start + i, and zeros follow the last sample (SIGNAL_TAIL of them at
// least), which the last frames read as padding, as openSMILE's framer pads.
import { SIGNAL_CAPACITY, SIGNAL_TAIL } from './egemaps-frame-kernels.ts';

export class SlidingSignal {
  /** Absolute index of buffer[0], and one past the last sample. */
  start = 0;
  end = 0;
  private keepFrom = 0;

  /**
   * view(): the buffer, SIGNAL_CAPACITY + SIGNAL_TAIL floats; clean(i, n): NaN/Inf -> 0 and
   * clamping of buffer[i, i+n) after new samples land there.
   */
  constructor(private readonly view: () => Float32Array, private readonly clean: (at: number, n: number) => void) {}

  reset(): void {
    this.view().fill(0, 0, this.end - this.start);
    this.start = this.end = this.keepFrom = 0;
  }

  release(before: number): void {
    if (before > this.keepFrom) this.keepFrom = Math.min(before, this.end);
  }

  append(samples: Float32Array): void {
    const buf = this.view(), used = this.end - this.start;
    if (samples.length > SIGNAL_CAPACITY) throw new RangeError(`append: ${samples.length} samples at once`);
    if (used + samples.length > SIGNAL_CAPACITY) {
      const drop = this.keepFrom - this.start;
      buf.copyWithin(0, drop, used);
      buf.fill(0, used - drop, used);
      this.start += drop;
      if (used - drop + samples.length > SIGNAL_CAPACITY) {
        throw new RangeError(`signal window full: ${used - drop} samples still needed`);
      }
    }
    const at = this.end - this.start;
    buf.set(samples, at);
    this.clean(at, samples.length);
    this.end += samples.length;
  }

  /** The buffer as a view (positions relative to start). */
  buffer(): Float32Array {
    return this.view();
  }
}

/** Floats a SlidingSignal's buffer needs. */
export const SLIDING_FLOATS = SIGNAL_CAPACITY + SIGNAL_TAIL;
