// The outbox's file format, pure so recovery is tested on strings: one JSON object per
// line, appended only. `{"e": EVENT}` queues an event; `{"done": ID}` says it was delivered
// (or dropped to stay within bounds). A line cut short by a crash is skipped, never fatal.
import type { EmotionEvent } from '../core/types.ts';

export type OutboxLine = { e: EmotionEvent } | { done: string };

export function encodeLine(line: OutboxLine): string {
  return JSON.stringify(line) + '\n';
}

/** Events still waiting, in the order they were queued, and how many lines were unreadable. */
export function recoverOutbox(text: string): { events: EmotionEvent[]; unreadable: number } {
  const waiting = new Map<string, EmotionEvent>();
  let unreadable = 0;
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    let line: unknown;
    try {
      line = JSON.parse(raw);
    } catch {
      unreadable++;
      continue;
    }
    const l = line as Partial<{ e: EmotionEvent; done: string }>;
    if (l.e && typeof l.e.event_id === 'string') waiting.set(l.e.event_id, l.e);
    else if (typeof l.done === 'string') waiting.delete(l.done);
    else unreadable++;
  }
  return { events: [...waiting.values()], unreadable };
}
