// Classification during the VAD's hangover. The VAD hands out a provisional segment as soon
// as the samples of a segment are final (speech plus trailing padding) but before the
// hangover of silence that closes it has passed; it is classified then, and when the same
// segment (same start and end in the stream) closes, its event is published at once with
// that result instead of waiting for features and model. Speech that resumes before the
// close makes the result void (the segment then closes later, with other samples).
import type { SpeechSegment } from '../core/types.ts';

export type SpeculationOutcome = 'used' | 'void';

export class Speculation<T> {
  private pending: { startS: number; endS: number; result: Promise<T> } | null = null;

  constructor(private readonly onOutcome: (outcome: SpeculationOutcome) => void = () => undefined) {}

  /**
   * Starts `predict(seg)` once `after` settles (one classification at a time); returns
   * `after` extended by it, never rejecting (a failed guess is simply not used).
   */
  start(seg: SpeechSegment, after: Promise<void>, predict: (seg: SpeechSegment) => Promise<T>): Promise<void> {
    this.clear();
    const result = after.then(() => predict(seg));
    this.pending = { startS: seg.startS, endS: seg.endS, result };
    return result.then(
      () => undefined,
      () => undefined,
    );
  }

  /** The result computed for this closing segment, if it was guessed; forgets the guess either way. */
  take(seg: SpeechSegment): Promise<T> | undefined {
    const p = this.pending;
    if (!p) return undefined;
    this.pending = null;
    const same = p.startS === seg.startS && p.endS === seg.endS;
    this.onOutcome(same ? 'used' : 'void');
    return same ? p.result : undefined;
  }

  /** Forgets a guess (muting, or a newer one). */
  clear(): void {
    if (this.pending) this.onOutcome('void');
    this.pending = null;
  }
}
