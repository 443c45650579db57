// Energy VAD: frame level against a tracked noise floor, driving the segmenter.
// Accepts chunks of any length; keeps the remainder until a full frame is there.
import type { AudioChunk, SpeechSegment } from '../core/types.ts';
import { SAMPLE_RATE } from '../core/types.ts';
import { frameDbfs, NoiseFloor, VAD_FRAME } from './frame-level.ts';
import { Segmenter } from './segmenter.ts';

export interface EnergyVadOptions {
  threshold_db: number;
  min_level_dbfs: number;
  min_speech_s: number;
  max_speech_s: number;
  hangover_s: number;
  padding_s: number;
}

export class EnergyVad {
  private readonly segmenter: Segmenter;
  private readonly floor = new NoiseFloor();
  private carry = new Float32Array(0);
  private carryStartS = 0;

  constructor(private readonly opt: EnergyVadOptions) {
    this.segmenter = new Segmenter({
      frameSamples: VAD_FRAME,
      minSpeechS: opt.min_speech_s,
      maxSpeechS: opt.max_speech_s,
      hangoverS: opt.hangover_s,
      paddingS: opt.padding_s,
    });
  }

  /** Feeds audio; returns the segments that closed within it (usually none or one). */
  push(chunk: AudioChunk): SpeechSegment[] {
    let buf = chunk.samples;
    let bufStartS = chunk.startS;
    if (this.carry.length) {
      const joined = new Float32Array(this.carry.length + buf.length);
      joined.set(this.carry);
      joined.set(buf, this.carry.length);
      buf = joined;
      bufStartS = this.carryStartS;
    }
    const out: SpeechSegment[] = [];
    let i = 0;
    for (; i + VAD_FRAME <= buf.length; i += VAD_FRAME) {
      const frame = buf.slice(i, i + VAD_FRAME);
      const level = frameDbfs(frame, 0, VAD_FRAME);
      // Judge against the floor before this frame moves it.
      const speech = level >= this.opt.min_level_dbfs && level >= this.floor.value + this.opt.threshold_db;
      this.floor.update(level);
      const seg = this.segmenter.push(frame, speech, bufStartS + i / SAMPLE_RATE);
      if (seg) out.push(seg);
    }
    this.carry = buf.slice(i);
    this.carryStartS = bufStartS + i / SAMPLE_RATE;
    return out;
  }

  /** Ends the stream: closes any open segment. */
  flush(): SpeechSegment[] {
    const seg = this.segmenter.flush();
    this.carry = new Float32Array(0);
    return seg ? [seg] : [];
  }
}

/** Cuts a whole recording into speech segments (the batch path of the same VAD). */
export function segmentSpeech(samples: Float32Array, opt: EnergyVadOptions): SpeechSegment[] {
  const vad = new EnergyVad(opt);
  return [...vad.push({ samples, startS: 0 }), ...vad.flush()];
}
