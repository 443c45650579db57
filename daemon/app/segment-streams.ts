// Features computed as a segment's audio arrives. The VAD tells each segment's samples as
// soon as they are certain to be kept (SegmentAudio); they go straight into the extractor's
// stream, so when the VAD hands out a provisional segment (speculation.ts) or closes one, only
// the last few frames and the functionals remain: snapshot() or end(), never a second walk
// over the segment's frames. A snapshot taken for a provisional segment is kept: if the
// segment closes with the same samples, it is the segment's features (nothing is computed
// again); if speech resumed, the stream simply goes on.
//
// Every result is checked before it is used: same start, same sample count, and made by the
// extractor the model is running with now (a reload swaps it). Anything else, and backends
// without streams (WebGPU), take the per-segment path: extract() over the segment's samples.
import type { FeatureStream, FeatureVector, SpeechSegment } from '../core/types.ts';
import type { AsyncFeatureExtractor } from '../features/webgpu/async-extractor.ts';
import type { SegmentAudio } from '../vad/segmenter.ts';

/** A segment's features from the stream, with the time its snapshot or end() took. */
export interface StreamedFeatures {
  features: FeatureVector;
  /** The extractor whose stream made them. */
  owner: AsyncFeatureExtractor;
  seconds: number;
}

interface Result extends StreamedFeatures {
  startS: number;
  samples: number;
}

/** Closed segments wait at most this many in `done` (they are taken when handed out, in the same VAD step). */
const DONE_MAX = 8;

export class SegmentStreams implements SegmentAudio {
  private stream: FeatureStream | null = null;
  private owner: AsyncFeatureExtractor | null = null;
  /** Start of the open segment, null when none is open (or it has no stream). */
  private openS: number | null = null;
  private snap: Result | null = null;
  private readonly done: Result[] = [];

  /**
   * `current`: the extractor the model runs with now (followed across reloads at the next
   * segment). `onError`: a stream that throws is reported there and left out until the next
   * segment (which then opens on a fresh stream): the VAD calling in must never see it.
   */
  constructor(
    private readonly current: () => AsyncFeatureExtractor,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  open(startS: number): void {
    this.guard(() => {
      const ex = this.current();
      if (ex !== this.owner || !this.stream) {
        this.owner = ex;
        this.stream = ex.stream?.() ?? null;
      }
      this.stream?.reset();
      this.snap = null;
      this.openS = this.stream ? startS : null;
    });
  }

  samples(frame: Float32Array): void {
    if (this.openS !== null) this.guard(() => this.stream!.push(frame));
  }

  close(kept: boolean): void {
    this.guard(() => this.closeStream(kept));
  }

  /** Runs f; a throw drops the stream (a fresh one opens with the next segment) and is reported. */
  private guard<T>(f: () => T): T | undefined {
    try {
      return f();
    } catch (err) {
      this.openS = null;
      this.snap = null;
      this.stream = null;
      this.onError(err);
      return undefined;
    }
  }

  private closeStream(kept: boolean): void {
    const s = this.stream, startS = this.openS;
    this.openS = null;
    if (!s || startS === null) return;
    if (!kept) {
      s.reset();
      return;
    }
    const snap = this.snap;
    let r: Result;
    if (snap && snap.startS === startS && snap.samples === s.samples) {
      // Handed out provisionally and nothing came since: the snapshot is the segment's.
      r = snap;
      s.reset();
    } else {
      const t0 = performance.now();
      const samples = s.samples, features = s.end();
      r = { startS, samples, features, owner: this.owner!, seconds: (performance.now() - t0) / 1000 };
    }
    this.snap = null;
    this.done.push(r);
    if (this.done.length > DONE_MAX) this.done.shift();
  }

  /**
   * The features of a provisional segment (the open one, or one that closed since), or
   * undefined (then extract() its samples; a stream that throws is reported, as in guard).
   */
  snapshot(seg: SpeechSegment): StreamedFeatures | undefined {
    const n = seg.samples.length;
    if (this.openS === seg.startS && this.stream!.samples === n) {
      return this.guard(() => {
        const t0 = performance.now();
        const features = this.stream!.snapshot();
        this.snap = { startS: seg.startS, samples: n, features, owner: this.owner!, seconds: (performance.now() - t0) / 1000 };
        return this.usable(this.snap);
      });
    }
    const r = this.done.find((d) => d.startS === seg.startS && d.samples === n);
    return r && this.usable(r);
  }

  /** The features of a closed segment, or undefined (then extract() its samples). Forgets them. */
  take(seg: SpeechSegment): StreamedFeatures | undefined {
    const i = this.done.findIndex((d) => d.startS === seg.startS);
    if (i < 0) return undefined;
    const [r] = this.done.splice(i, 1);
    return r.samples === seg.samples.length ? this.usable(r) : undefined;
  }

  private usable(r: Result): StreamedFeatures | undefined {
    return r.owner === this.current() ? r : undefined;
  }
}
