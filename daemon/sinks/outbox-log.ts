// The outbox's file format, pure so recovery is tested on strings: one JSON object per
// line, appended only. `{"e": EVENT}` queues an event; `{"done": ID}` says it was delivered
// (or dropped to stay within bounds). A line cut short by a crash or a full disk (a torn
// tail), and any other line that is not one of the two forms, is skipped and counted,
// never fatal.
import type { EmotionEvent } from '../core/types.ts';

export type OutboxLine = { e: EmotionEvent } | { done: string };

export function encodeLine(line: OutboxLine): string {
  return JSON.stringify(line) + '\n';
}

export interface Recovered {
  /** Events still waiting, in the order they were queued (at most `maxEvents`, the newest). */
  events: EmotionEvent[];
  unreadable: number;
  /** Waiting events beyond `maxEvents`, dropped oldest first while reading. */
  dropped: number;
}

/**
 * Replays the lines of an outbox file one at a time (the file is read as a stream, so its
 * size is not bounded by the largest string), keeping at most `maxEvents` waiting events.
 */
export class OutboxRecovery {
  private readonly waiting = new Map<string, EmotionEvent>();
  private unreadable = 0;
  private dropped = 0;

  constructor(private readonly maxEvents = Infinity) {}

  line(raw: string): void {
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      this.unreadable++;
      return;
    }
    // `null`, numbers, arrays and strings are valid JSON but not outbox lines.
    const l = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Partial<{ e: unknown; done: unknown }>) : {};
    const e = l.e as Partial<EmotionEvent> | null | undefined;
    if (typeof e === 'object' && e !== null && typeof e.event_id === 'string') {
      this.waiting.delete(e.event_id); // a re-queued event takes its new place
      this.waiting.set(e.event_id, e as EmotionEvent);
      if (this.waiting.size > this.maxEvents) {
        this.waiting.delete(this.waiting.keys().next().value!);
        this.dropped++;
      }
    } else if (typeof l.done === 'string') this.waiting.delete(l.done);
    else this.unreadable++;
  }

  /** A line too long to be one the daemon wrote: counted, never held in memory. */
  skipped(): void {
    this.unreadable++;
  }

  result(): Recovered {
    return { events: [...this.waiting.values()], unreadable: this.unreadable, dropped: this.dropped };
  }
}

/** Events still waiting, in the order they were queued, and how many lines were unreadable. */
export function recoverOutbox(text: string, maxEvents = Infinity): Recovered {
  const r = new OutboxRecovery(maxEvents);
  for (const raw of text.split('\n')) r.line(raw);
  return r.result();
}
