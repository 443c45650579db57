// Runs the speech detector off the audio callback. Capture hands chunks over synchronously;
// scoring (Silero) is asynchronous and may fall behind on a loaded machine, so chunks wait
// in a queue bounded by seconds of audio. Past the bound new audio is dropped and counted:
// memory stays flat and the capture stream is never held up.
import type { AudioChunk } from '../core/types.ts';
import { SAMPLE_RATE } from '../core/types.ts';
import type { SpeechDetector } from './speech-detector.ts';
import type { SegmentAudio, VadSegment } from './segmenter.ts';

export interface VadRunnerOptions {
  /** Most audio allowed to wait for the detector, in seconds. */
  maxBacklogS: number;
  /** Segments and windows, and provisional segments when `speculate` is on (VadSegment). */
  onSegment: (segment: VadSegment) => void;
  /** Ask the detector for provisional segments (classification during the hangover). */
  speculate?: boolean;
  /** Told each segment's samples as they become certain, before it closes (SegmentAudio). */
  segmentAudio?: SegmentAudio;
  /** Audio dropped because the backlog was full. */
  onDrop?: (seconds: number) => void;
  onError: (err: unknown) => void;
}

type Job = { chunk: AudioChunk } | { run: () => Promise<void> };

export class VadRunner {
  private detector: SpeechDetector;
  private readonly queue: Job[] = [];
  private backlogSamples = 0;
  private busy: Promise<void> | null = null;
  private muted = false;

  constructor(detector: SpeechDetector, private readonly opt: VadRunnerOptions) {
    this.detector = detector;
    detector.speculate = !!opt.speculate;
    detector.audio = opt.segmentAudio ?? null;
  }

  get engine(): string {
    return this.detector.scorer.engine;
  }

  /** True while the detector has a segment open (speech, or the hangover after it). */
  get inSpeech(): boolean {
    return !this.muted && this.detector.inSpeech;
  }

  /** Seconds of audio waiting for the detector. */
  get backlogS(): number {
    return this.backlogSamples / SAMPLE_RATE;
  }

  accept(chunk: AudioChunk): void {
    if (this.muted) return;
    if (this.backlogSamples + chunk.samples.length > this.opt.maxBacklogS * SAMPLE_RATE) {
      this.opt.onDrop?.(chunk.samples.length / SAMPLE_RATE);
      return;
    }
    this.backlogSamples += chunk.samples.length;
    this.enqueue({ chunk });
  }

  /** While muted, audio is not even queued, and what was heard but not yet handed out is forgotten. */
  setMuted(muted: boolean): Promise<void> {
    if (muted === this.muted) return this.idle();
    this.muted = muted;
    if (muted) {
      for (const job of this.queue.splice(0)) if ('chunk' in job) this.backlogSamples -= job.chunk.samples.length;
      return this.after(async () => this.detector.discard());
    }
    return this.idle();
  }

  /** Closes any open segment (end of the stream) once the queued audio is through. */
  flush(): Promise<void> {
    return this.after(async () => this.emit(this.detector.flush()));
  }

  /**
   * Switches to another detector (a reloaded config) between two chunks: what the old one
   * had open is handed out first, then it is released.
   */
  replace(next: SpeechDetector): Promise<void> {
    return this.after(async () => {
      const old = this.detector;
      this.emit(old.flush());
      next.speculate = !!this.opt.speculate;
      next.audio = this.opt.segmentAudio ?? null;
      this.detector = next;
      await old.scorer.dispose();
    });
  }

  /** Resolves once everything queued so far has been processed. */
  idle(): Promise<void> {
    return this.after(async () => undefined);
  }

  async dispose(): Promise<void> {
    await this.idle();
    await this.detector.scorer.dispose();
  }

  private after(run: () => Promise<void>): Promise<void> {
    return new Promise<void>((resolve) => {
      this.enqueue({
        run: async () => {
          try {
            await run();
          } finally {
            resolve();
          }
        },
      });
    });
  }

  private enqueue(job: Job): void {
    this.queue.push(job);
    this.busy ??= this.work();
  }

  private async work(): Promise<void> {
    for (let job = this.queue.shift(); job; job = this.queue.shift()) {
      try {
        if ('chunk' in job) {
          this.backlogSamples -= job.chunk.samples.length;
          this.emit(await this.detector.push(job.chunk));
        } else {
          await job.run();
        }
      } catch (err) {
        this.opt.onError(err);
      }
    }
    this.busy = null;
  }

  private emit(segments: VadSegment[]): void {
    for (const s of segments) {
      try {
        this.opt.onSegment(s);
      } catch (err) {
        this.opt.onError(err);
      }
    }
  }
}
