// One id per spoken utterance. The VAD hands out, in stream order, sliding windows over
// speech still going on and then the segment that ends it (or a cut at vad.max_speech_s):
// every window until the next final segment belongs to the utterance that segment closes.
// So the id is made at the first window and taken by the final segment.
import { randomUUID } from 'node:crypto';

export class UtteranceIds {
  private open: string | null = null;

  /** The id for a window (a provisional reading of the utterance now being spoken). */
  window(): string {
    this.open ??= randomUUID();
    return this.open;
  }

  /** The id for a final segment; the next window starts another utterance. */
  final(): string {
    const id = this.open ?? randomUUID();
    this.open = null;
    return id;
  }

  /** What was heard is forgotten (muting): its windows have no final segment. */
  reset(): void {
    this.open = null;
  }
}
