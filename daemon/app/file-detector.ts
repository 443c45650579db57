// The speech detector of the batch path, one per thread and reused file after file:
// loading Silero's ONNX session costs more CPU than scoring a short file, so creating one
// per file tripled the CPU time of `analyze`. Each file starts from a detector with
// nothing heard (discard resets the segmenter, the carry and the scorer's state), so a
// file's segments do not depend on the files before it or on the thread that runs it.
import { createDetector, type VadSettings } from '../vad/create-detector.ts';
import { segmentSpeech, type SpeechDetector } from '../vad/speech-detector.ts';
import { SAMPLE_RATE, type SpeechSegment } from '../core/types.ts';
import { resolvePath } from './resolve-path.ts';

export class FileDetector {
  private constructor(private readonly detector: SpeechDetector) {}

  /** Silero falling back to the energy detector is told once, through `onWarning`. */
  static async create(vad: VadSettings, onWarning: (message: string) => void): Promise<FileDetector> {
    const { detector, fallbackReason } = await createDetector(vad, resolvePath);
    if (fallbackReason) onWarning(`Silero VAD unavailable, using the energy VAD: ${fallbackReason}`);
    return new FileDetector(detector);
  }

  /** A whole recording's complete speech segments (no sliding windows: those are for live updates). */
  async segments(samples: Float32Array): Promise<SpeechSegment[]> {
    this.detector.discard();
    const segments = await segmentSpeech(samples, this.detector);
    return segments.filter((s) => !s.partial);
  }

  /**
   * Whether the recording has speech: the same answer as `segments(samples).length > 0`,
   * but the detector stops at the first segment sure to be kept, so a file analysed whole
   * (`analyze --whole`) is scanned only up to its first words, not to its end.
   */
  async hasSpeech(samples: Float32Array): Promise<boolean> {
    this.detector.discard();
    const step = SAMPLE_RATE / 2;
    for (let at = 0; at < samples.length; at += step) {
      const closed = await this.detector.push({ samples: samples.subarray(at, at + step), startS: at / SAMPLE_RATE });
      if (closed.some((s) => !s.partial) || this.detector.speechCertain) return true;
    }
    return this.detector.flush().some((s) => !s.partial);
  }

  async dispose(): Promise<void> {
    await this.detector.scorer.dispose();
  }
}
