// The voice activity detector: cuts the stream into the scorer's frames, turns scores into
// speech/non-speech with hysteresis, and feeds the segmenter. Pure apart from the scorer,
// so with the energy scorer it is tested on synthetic audio without any I/O.
import type { AudioChunk, SpeechSegment } from '../core/types.ts';
import { SAMPLE_RATE } from '../core/types.ts';
import type { FrameScorer } from './frame-scorer.ts';
import { Segmenter, type SegmentAudio, type VadSegment } from './segmenter.ts';

export interface DetectorOptions {
  /** A frame scoring at least this opens (or continues) speech. */
  threshold: number;
  /** Once in speech, frames stay speech down to this score (hysteresis; <= threshold). */
  negThreshold: number;
  minSpeechS: number;
  maxSpeechS: number;
  hangoverS: number;
  paddingS: number;
  /** Sliding windows over long speech (see Segmenter); 0 = off. */
  windowS: number;
  hopS: number;
}

const EMPTY = new Float32Array(0);

export class SpeechDetector {
  readonly scorer: FrameScorer;
  private readonly segmenter: Segmenter;
  private carry = new Float32Array(0);
  private carryStartS = 0;
  private nextS: number | null = null;
  private speaking = false;

  constructor(scorer: FrameScorer, private readonly opt: DetectorOptions) {
    this.scorer = scorer;
    this.segmenter = new Segmenter({
      frameSamples: scorer.frameSamples,
      minSpeechS: opt.minSpeechS,
      maxSpeechS: opt.maxSpeechS,
      hangoverS: opt.hangoverS,
      paddingS: opt.paddingS,
      // Silero's 32 ms frames are already smoothed by the model: two make an onset.
      onsetFrames: scorer.frameSamples >= 400 ? 2 : 3,
      windowS: opt.windowS,
      hopS: opt.hopS,
    });
  }

  /**
   * Also hand out provisional segments (VadSegment), in stream order with the rest: the
   * daemon classifies a segment during its hangover. Off for batch segmentation.
   */
  get speculate(): boolean {
    return this.segmenter.speculate;
  }
  set speculate(on: boolean) {
    this.segmenter.speculate = on;
  }

  /** True once the open segment is sure to be handed out when it closes (Segmenter.kept). */
  get speechCertain(): boolean {
    return this.segmenter.kept;
  }

  /** True while a segment is open (speech or its hangover): the status page's VAD activity. */
  get inSpeech(): boolean {
    return this.segmenter.open;
  }

  /** Told each segment's samples as they become certain (see SegmentAudio). */
  get audio(): SegmentAudio | null {
    return this.segmenter.audio;
  }
  set audio(a: SegmentAudio | null) {
    this.segmenter.audio = a;
  }

  /** Feeds audio (calls must not overlap); returns the segments and windows that closed in it. */
  async push(chunk: AudioChunk): Promise<VadSegment[]> {
    const out: VadSegment[] = [];
    const frameS = this.scorer.frameSamples / SAMPLE_RATE;
    // A jump in stream time (a capture outage) ends whatever was open: the audio on
    // either side of the hole is not one utterance.
    if (this.nextS !== null && Math.abs(chunk.startS - this.nextS) > frameS) out.push(...this.gap());
    this.nextS = chunk.startS + chunk.samples.length / SAMPLE_RATE;

    let buf = chunk.samples;
    let bufStartS = chunk.startS;
    if (this.carry.length) {
      buf = new Float32Array(this.carry.length + chunk.samples.length);
      buf.set(this.carry);
      buf.set(chunk.samples, this.carry.length);
      bufStartS = this.carryStartS;
    }
    const n = this.scorer.frameSamples;
    let i = 0;
    for (; i + n <= buf.length; i += n) {
      // A chunk that is exactly one frame (live capture's default) is used as the frame
      // itself, not copied: sources hand over chunks they no longer touch.
      const frame = i === 0 && n === buf.length ? buf : buf.slice(i, i + n);
      const score = await this.scorer.score(frame);
      this.speaking = score >= (this.speaking ? this.opt.negThreshold : this.opt.threshold);
      const seg = this.segmenter.push(frame, this.speaking, bufStartS + i / SAMPLE_RATE);
      if (seg) out.push(seg);
    }
    this.carry = i === buf.length ? EMPTY : buf.slice(i);
    this.carryStartS = bufStartS + i / SAMPLE_RATE;
    return out;
  }

  /** Ends the stream: closes any open segment (the part-frame left over is too short to matter). */
  flush(): SpeechSegment[] {
    const seg = this.segmenter.flush();
    this.carry = new Float32Array(0);
    this.speaking = false;
    return seg ? [seg] : [];
  }

  /** Forgets everything heard so far without handing any of it out (muting). */
  discard(): void {
    this.segmenter.discard();
    this.carry = new Float32Array(0);
    this.speaking = false;
    this.nextS = null;
    this.scorer.reset();
  }

  /** A hole in the stream: closes what was open and starts the scorer afresh. */
  gap(): SpeechSegment[] {
    const out = this.flush();
    this.scorer.reset();
    return out;
  }
}

/** Cuts a whole recording into speech segments: the batch path of the same detector. */
export async function segmentSpeech(samples: Float32Array, detector: SpeechDetector): Promise<SpeechSegment[]> {
  const out = await detector.push({ samples, startS: 0 });
  return [...out, ...detector.flush()];
}
