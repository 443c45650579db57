// The VAD's segmenter: a pure state machine over per-frame speech decisions.
// It knows nothing of how a frame was judged, so any scorer (energy, Silero) can drive it.
import type { SpeechSegment } from '../core/types.ts';
import { SAMPLE_RATE } from '../core/types.ts';

export interface SegmenterOptions {
  frameSamples: number;
  /** Speech shorter than this (onset to last speech frame) is dropped as a click or cough. */
  minSpeechS: number;
  /** Longer speech is cut into segments of at most this length. */
  maxSpeechS: number;
  /** Non-speech that ends a segment. */
  hangoverS: number;
  /** Audio kept before the first and after the last speech frame. */
  paddingS: number;
  /** Consecutive speech frames needed to open a segment (debounces single loud frames). */
  onsetFrames?: number;
  /**
   * Sliding windows over long speech: once a segment is `windowS` long, every `hopS` the
   * last `windowS` of it is handed out as a partial segment, so speech that goes on for a
   * while is classified before it ends. 0 (default) = off.
   */
  windowS?: number;
  hopS?: number;
}

/**
 * A segment as the segmenter hands it out. `provisional`: the segment that will close if
 * the silence now under way lasts the hangover; its samples are final already (speech plus
 * the trailing padding), so it can be classified during the hangover and the result used
 * when the same segment (same start and end) closes. Speech that resumes makes it void.
 */
export type VadSegment = SpeechSegment & { provisional?: true };

/**
 * Told a segment's samples as they become certain, so that a consumer can work on them
 * before the segment closes (the daemon computes features as audio arrives). A frame is
 * certain once it will be kept whatever follows: up to `padding` frames after the last speech
 * frame. So when a segment closes or is handed out provisionally, exactly its samples have
 * been given, in order.
 */
export interface SegmentAudio {
  /** A segment opens; it will be handed out (if it is) with this startS. */
  open(startS: number): void;
  /** The next certain samples of the open segment. */
  samples(frame: Float32Array): void;
  /** The open segment ends: handed out (kept) or dropped (too short, muted). */
  close(kept: boolean): void;
}

export class Segmenter {
  /** Hand out provisional segments (see VadSegment); off by default (batch segmentation). */
  speculate = false;
  /** Told the open segment's samples as they become certain (see SegmentAudio); none by default. */
  audio: SegmentAudio | null = null;
  /** Frames of the open segment given to `audio`. */
  private fed = 0;
  private readonly pre: Float32Array[] = []; // last few non-speech frames, for leading padding
  private frames: Float32Array[] = []; // the open segment's frames
  private inSpeech = false;
  private pendingOnset: Float32Array[] = [];
  private silenceRun = 0;
  private lastSpeechIndex = -1; // index in `frames` of the last speech frame
  private segStartS = 0;
  private readonly padFrames: number;
  private readonly hangFrames: number;
  private readonly maxFrames: number;
  private readonly minFrames: number;
  private readonly onset: number;
  private readonly windowFrames: number;
  private readonly hopFrames: number;

  constructor(private readonly opt: SegmenterOptions) {
    const fs = opt.frameSamples / SAMPLE_RATE;
    this.padFrames = Math.round(opt.paddingS / fs);
    this.hangFrames = Math.max(1, Math.round(opt.hangoverS / fs));
    this.maxFrames = Math.max(1, Math.round(opt.maxSpeechS / fs));
    this.minFrames = Math.max(1, Math.round(opt.minSpeechS / fs));
    this.onset = opt.onsetFrames ?? 3;
    this.windowFrames = opt.windowS ? Math.max(1, Math.round(opt.windowS / fs)) : 0;
    this.hopFrames = opt.hopS ? Math.max(1, Math.round(opt.hopS / fs)) : this.windowFrames;
  }

  /** True while a segment is open (speech, or the hangover after it). */
  get open(): boolean {
    return this.inSpeech;
  }

  /**
   * True once the open segment holds enough speech to be handed out whenever it closes
   * (by hangover, maximum length or the end of the stream): its speech frames only grow.
   */
  get kept(): boolean {
    return this.inSpeech && this.lastSpeechIndex + 1 >= this.minFrames;
  }

  /** Feeds one frame starting at stream time `startS`; returns a segment when one closes. */
  push(frame: Float32Array, isSpeech: boolean, startS: number): VadSegment | null {
    const fs = this.opt.frameSamples / SAMPLE_RATE;
    if (!this.inSpeech) {
      if (isSpeech) {
        this.pendingOnset.push(frame);
        if (this.pendingOnset.length >= this.onset) {
          this.inSpeech = true;
          const lead = this.pre.splice(Math.max(0, this.pre.length - this.padFrames));
          this.segStartS = startS - (this.pendingOnset.length - 1 + lead.length) * fs;
          this.frames = [...lead, ...this.pendingOnset];
          this.lastSpeechIndex = this.frames.length - 1;
          this.pendingOnset = [];
          this.silenceRun = 0;
          this.opened();
        }
        return null;
      }
      // A broken onset: its frames become ordinary leading context.
      for (const f of this.pendingOnset) this.keepPre(f);
      this.pendingOnset = [];
      this.keepPre(frame);
      return null;
    }
    this.frames.push(frame);
    if (isSpeech) {
      this.silenceRun = 0;
      this.lastSpeechIndex = this.frames.length - 1;
    } else {
      this.silenceRun++;
    }
    this.feed();
    if (this.silenceRun >= this.hangFrames) return this.close(false);
    if (this.frames.length >= this.maxFrames) return this.close(true);
    const w = this.window();
    if (w) return w;
    // Once the trailing padding is in, the segment's samples are known: hand it out now
    // if it would be kept (long enough), so that classifying it overlaps the hangover.
    if (this.speculate && this.silenceRun === Math.max(1, this.padFrames) && this.silenceRun < this.hangFrames && this.lastSpeechIndex + 1 >= this.minFrames) {
      return this.provisional();
    }
    return null;
  }

  /** Drops any open segment without handing it out (muting: what was heard is forgotten). */
  discard(): void {
    if (this.inSpeech) this.audio?.close(false);
    this.pendingOnset = [];
    this.frames = [];
    this.pre.length = 0;
    this.inSpeech = false;
    this.silenceRun = 0;
    this.lastSpeechIndex = -1;
  }

  /** Closes any open segment at the end of the stream. */
  flush(): SpeechSegment | null {
    this.pendingOnset = [];
    return this.inSpeech ? this.close(false) : null;
  }

  private window(): SpeechSegment | null {
    const n = this.frames.length;
    const w = this.windowFrames;
    if (w === 0 || n < w || (n - w) % this.hopFrames !== 0) return null;
    const fs = this.opt.frameSamples / SAMPLE_RATE;
    const startS = this.segStartS + (n - w) * fs;
    return { ...this.join(this.frames.slice(n - w)), startS, endS: startS + w * fs, closedAtMs: Date.now(), partial: true };
  }

  private provisional(): VadSegment {
    const fs = this.opt.frameSamples / SAMPLE_RATE;
    // The same frames and times as close() will take, so the two can be matched.
    const keep = Math.min(this.frames.length, this.lastSpeechIndex + 1 + this.padFrames);
    const startS = this.segStartS;
    return { ...this.join(this.frames.slice(0, keep)), startS, endS: startS + keep * fs, closedAtMs: Date.now(), provisional: true };
  }

  private join(frames: Float32Array[]): { samples: Float32Array } {
    const samples = new Float32Array(frames.length * this.opt.frameSamples);
    frames.forEach((f, i) => samples.set(f, i * this.opt.frameSamples));
    return { samples };
  }

  /** A segment opened with the frames now held: they are all certain. */
  private opened(): void {
    this.fed = 0;
    this.audio?.open(this.segStartS);
    this.feed();
  }

  /** Gives `audio` the frames that became certain. */
  private feed(): void {
    const certain = Math.min(this.frames.length, this.lastSpeechIndex + 1 + this.padFrames);
    for (; this.fed < certain; this.fed++) this.audio?.samples(this.frames[this.fed]);
  }

  private keepPre(frame: Float32Array): void {
    this.pre.push(frame);
    if (this.pre.length > this.padFrames) this.pre.shift();
  }

  private close(continuing: boolean): SpeechSegment | null {
    const fs = this.opt.frameSamples / SAMPLE_RATE;
    const keep = Math.min(this.frames.length, this.lastSpeechIndex + 1 + this.padFrames);
    const kept = this.frames.slice(0, keep);
    const speechFrames = this.lastSpeechIndex + 1;
    const startS = this.segStartS;
    // Frames after the kept part are context for the next segment.
    const rest = this.frames.slice(keep);
    this.frames = [];
    this.inSpeech = continuing;
    this.silenceRun = 0;
    this.lastSpeechIndex = -1;
    this.segStartS = startS + kept.length * fs;
    this.audio?.close(speechFrames >= this.minFrames);
    if (continuing) {
      // Speech goes on past max length: the next segment starts right here.
      this.frames = rest;
      this.lastSpeechIndex = rest.length - 1;
      this.opened();
    } else {
      for (const f of rest) this.keepPre(f);
    }
    if (speechFrames < this.minFrames) return null;
    return { ...this.join(kept), startS, endS: startS + kept.length * fs, closedAtMs: Date.now() };
  }
}
