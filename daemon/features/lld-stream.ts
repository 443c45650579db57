// computeLlds (lld-pipeline.ts) as audio arrives, in fixed memory. Each push computes every
// frame whose analysis window and pitch search (with the decimation filters' look-ahead)
// read only samples already in (stream-signal.ts), about 35 ms behind the last sample; the
// signal is kept in sliding buffers of fixed size, and only the LLD rows grow (the
// functionals need all of them). end() pads with zeros as load() does and runs the last
// frames, so any split of a signal into pushes gives computeLlds' matrix bit for bit.
// snapshot() gives the matrix of what was pushed so far without ending: it runs the last
// frames as end() would, then takes them back (only those few frames are computed twice).
import type { StreamingFrameKernels } from './frame-kernels.ts';
import { ContourStore } from './contour-store.ts';
import { FrameWalker, type LldMatrix } from './lld-pipeline.ts';
import { DEFAULT_LLDS, type LldDef } from './lld-registry.ts';
import { STREAM_CHUNK, type StreamedSignal } from './stream-signal.ts';

export class LldStream {
  private readonly walker: FrameWalker;
  private readonly store: ContourStore;
  private signal: StreamedSignal;
  /** Frames computed and stored. */
  private next = 0;

  /** Takes the kernels over: do not load() them while the stream is in use. */
  constructor(private readonly k: StreamingFrameKernels, llds: readonly LldDef[] = DEFAULT_LLDS) {
    this.walker = new FrameWalker(llds);
    this.store = new ContourStore(this.walker.names.length);
    this.signal = k.openStream();
  }

  get names(): readonly string[] {
    return this.walker.names;
  }

  /** Samples pushed since the last end(). */
  get samples(): number {
    return this.signal.n;
  }

  /** Frames computed so far (the rest wait for samples, or for end()). */
  get frames(): number {
    return this.next;
  }

  /** The next piece of 16 kHz mono audio: any length (0 too), NaN/Inf and huge values allowed. */
  push(samples: Float32Array): void {
    for (let at = 0; at < samples.length; at += STREAM_CHUNK) {
      this.signal.append(samples.subarray(at, Math.min(at + STREAM_CHUNK, samples.length)));
      const ready = this.signal.framesReady();
      while (this.next < ready) this.store.push(this.walker.walk(this.k, this.next++));
      this.signal.release(this.next);
    }
  }

  /** The LLDs of everything pushed since the last end(); the stream goes on as if not asked. */
  snapshot(): LldMatrix {
    const sig = this.signal.save(), state = this.k.saveFrameState(), rows = this.store.length;
    try {
      return this.finish();
    } finally {
      this.store.length = rows;
      this.k.restoreFrameState(state);
      this.signal.restore(sig);
    }
  }

  /** Ends the segment: its LLDs (computeLlds of all it was given); the stream starts afresh. */
  end(): LldMatrix {
    const m = this.finish();
    this.reset();
    return m;
  }

  /** Drops everything pushed since the last end(). */
  reset(): void {
    this.signal = this.k.openStream();
    this.store.length = 0;
    this.next = 0;
  }

  /** Bytes held: the backend's (fixed) and the segment's LLD rows (one per 10 ms). */
  stateBytes(): { backend: number; columns: number } {
    return { backend: this.k.memoryBytes(), columns: this.store.bytes() };
  }

  private finish(): LldMatrix {
    const frames = this.signal.pad();
    for (let f = this.next; f < frames; f++) this.store.push(this.walker.walk(this.k, f));
    return this.store.matrix(this.walker.names);
  }
}
