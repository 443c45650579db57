// Events on their way to the broker, kept on disk (`outbox.jsonl` in the state dir) until
// the broker acknowledges them, so they survive an unreachable broker and a daemon restart,
// and are delivered in the order they were made. Delivery is at least once: an event sent
// but not acknowledged before a crash is sent again, and subscribers drop the duplicate by
// its event_id. Bounded: past `maxEvents` the oldest waiting event is dropped and counted.
import { mkdir, open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmotionEvent } from '../core/types.ts';
import { EmotiondError, errorMessage } from '../core/errors.ts';
import { encodeLine, recoverOutbox, type OutboxLine } from './outbox-log.ts';

export interface OutboxOptions {
  /** State directory; created if missing. */
  dir: string;
  maxEvents: number;
  /** fdatasync after each write, so a power cut loses nothing acknowledged as queued. */
  fsync: boolean;
  onError: (err: EmotiondError) => void;
}

interface Entry {
  event: EmotionEvent;
  handedOut: boolean;
}

export class Outbox {
  readonly path: string;
  private entries: Entry[] = [];
  private file: FileHandle | null = null;
  private io: Promise<void> = Promise.resolve();
  private linesInFile = 0;
  private waiters: (() => void)[] = [];
  dropped = 0;

  constructor(private readonly opt: OutboxOptions) {
    this.path = join(opt.dir, 'outbox.jsonl');
  }

  /** Loads what a previous run left; returns how many events were recovered. */
  async start(): Promise<{ recovered: number; unreadable: number }> {
    let text = '';
    try {
      await mkdir(this.opt.dir, { recursive: true, mode: 0o700 });
      text = await readFile(this.path, 'utf8').catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return '';
        throw err;
      });
    } catch (err) {
      throw new EmotiondError('STATE', `outbox ${this.path}: ${errorMessage(err)}`, { cause: err });
    }
    const { events, unreadable } = recoverOutbox(text);
    const kept = events.slice(-this.opt.maxEvents);
    this.dropped += events.length - kept.length;
    this.entries = kept.map((event) => ({ event, handedOut: false }));
    // Rewritten at once: drops delivered lines and a torn last line, which an append would extend.
    await this.rewrite();
    return { recovered: kept.length, unreadable };
  }

  /** Events not yet acknowledged (handed out or not). */
  get depth(): number {
    return this.entries.length;
  }

  add(event: EmotionEvent): void {
    this.entries.push({ event, handedOut: false });
    this.write([{ e: event }]);
    while (this.entries.length > this.opt.maxEvents) {
      const i = this.entries.findIndex((x) => !x.handedOut);
      if (i < 0) break;
      const [gone] = this.entries.splice(i, 1);
      this.dropped++;
      this.write([{ done: gone.event.event_id }]);
    }
  }

  /** Up to `max` events, oldest first, that are not already out for delivery. */
  take(max: number): EmotionEvent[] {
    const out: EmotionEvent[] = [];
    for (const x of this.entries) {
      if (out.length >= max) break;
      if (x.handedOut) continue;
      x.handedOut = true;
      out.push(x.event);
    }
    return out;
  }

  /** The broker has it: forget it. */
  ack(eventId: string): void {
    const i = this.entries.findIndex((x) => x.event.event_id === eventId);
    if (i < 0) return;
    this.entries.splice(i, 1);
    this.write([{ done: eventId }]);
    if (this.entries.length === 0) for (const wake of this.waiters.splice(0)) wake();
  }

  /** Delivery of these failed (connection replaced): they go out again, in their place. */
  giveBack(eventId: string): void {
    const x = this.entries.find((e) => e.event.event_id === eventId);
    if (x) x.handedOut = false;
  }

  /** Resolves when nothing waits, or after `ms`; true if empty. */
  drained(ms: number): Promise<boolean> {
    if (this.entries.length === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        resolve(false);
      }, ms);
      this.waiters.push(wake);
    });
  }

  async stop(): Promise<void> {
    await this.io;
    await this.file?.close().catch(() => undefined);
    this.file = null;
  }

  private write(lines: OutboxLine[]): void {
    this.io = this.io.then(async () => {
      try {
        if (!this.file) return;
        // Everything delivered: start the file afresh rather than let it grow.
        if (this.entries.length === 0 && lines.every((l) => 'done' in l)) {
          await this.file.truncate(0);
          this.linesInFile = 0;
        } else if (this.linesInFile > 1000 && this.linesInFile > 4 * this.entries.length) {
          await this.rewrite();
        } else {
          await this.file.appendFile(lines.map(encodeLine).join(''));
          this.linesInFile += lines.length;
        }
        if (this.opt.fsync) await this.file.datasync();
      } catch (err) {
        this.opt.onError(new EmotiondError('STATE', `outbox ${this.path}: ${errorMessage(err)}`, { cause: err }));
      }
    });
  }

  /** Replaces the file by the waiting events only (temp file + rename: never half-written). */
  private async rewrite(): Promise<void> {
    const tmp = `${this.path}.tmp`;
    try {
      const h = await open(tmp, 'w', 0o600);
      await h.writeFile(this.entries.map((x) => encodeLine({ e: x.event })).join(''));
      if (this.opt.fsync) await h.datasync();
      await h.close();
      await rename(tmp, this.path);
      await this.file?.close();
      this.file = await open(this.path, 'a', 0o600);
      this.linesInFile = this.entries.length;
    } catch (err) {
      throw new EmotiondError('STATE', `outbox ${this.path}: ${errorMessage(err)}`, { cause: err });
    }
  }
}
