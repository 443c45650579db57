// Events on their way to the broker, kept on disk (`outbox.jsonl` in the state dir) until
// the broker acknowledges them, so they survive an unreachable broker and a daemon restart,
// and are delivered in the order they were made. Delivery is at least once: an event sent
// but not acknowledged before a crash is sent again, and subscribers drop the duplicate by
// its event_id. Bounded: past `maxEvents` the oldest waiting event is dropped and counted.
//
// File writes are synchronous on purpose: an event is in the file before anyone hears of it
// (a SIGKILL right after cannot lose it: the kernel has it), and appends, truncation and
// compaction can never overtake each other. They are small (one line per event or
// acknowledgement) and rare. The fdatasync that protects a queued event against a power cut
// (`fsync`) runs on libuv's thread pool right after the write instead of before the send:
// it takes 0.5-8 ms here, all of it on the path from a closed segment to its event, and it
// guards against a power cut in the few milliseconds until it completes only.
import { closeSync, fdatasync, fdatasyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
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
  private fd: number | null = null;
  private linesInFile = 0;
  private waiters: (() => void)[] = [];
  /** A background fdatasync is running; `resync`: more was written since it started. */
  private syncing = false;
  private resync = false;
  dropped = 0;

  constructor(private readonly opt: OutboxOptions) {
    this.path = join(opt.dir, 'outbox.jsonl');
  }

  /** Loads what a previous run left; returns how many events were recovered. */
  async start(): Promise<{ recovered: number; unreadable: number }> {
    let text = '';
    try {
      mkdirSync(this.opt.dir, { recursive: true, mode: 0o700 });
      try {
        text = readFileSync(this.path, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      const { events, unreadable } = recoverOutbox(text);
      const kept = events.slice(-this.opt.maxEvents);
      this.dropped += events.length - kept.length;
      this.entries = kept.map((event) => ({ event, handedOut: false }));
      // Rewritten at once: drops delivered lines and a torn last line, which an append would extend.
      this.rewrite();
      return { recovered: kept.length, unreadable };
    } catch (err) {
      throw new EmotiondError('STATE', `outbox ${this.path}: ${errorMessage(err)}`, { cause: err });
    }
  }

  /** Events not yet acknowledged (handed out or not). */
  get depth(): number {
    return this.entries.length;
  }

  add(event: EmotionEvent): void {
    this.entries.push({ event, handedOut: false });
    this.write([{ e: event }], this.opt.fsync);
    while (this.entries.length > this.opt.maxEvents) {
      const i = this.entries.findIndex((x) => !x.handedOut);
      if (i < 0) break;
      const [gone] = this.entries.splice(i, 1);
      this.dropped++;
      this.write([{ done: gone.event.event_id }], false);
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
    // Not synced: losing an acknowledgement to a power cut costs a duplicate, not an event.
    this.write([{ done: eventId }], false);
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
    if (this.fd !== null && this.opt.fsync) fdatasyncSync(this.fd); // whatever a background sync has not covered yet
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private write(lines: OutboxLine[], sync: boolean): void {
    if (this.fd === null) return;
    try {
      if (this.entries.length === 0 && lines.every((l) => 'done' in l)) {
        // Everything delivered: start the file afresh rather than let it grow.
        ftruncateSync(this.fd, 0);
        this.linesInFile = 0;
      } else if (this.linesInFile > 1000 && this.linesInFile > 4 * this.entries.length) {
        this.rewrite();
      } else {
        writeSync(this.fd, lines.map(encodeLine).join(''));
        this.linesInFile += lines.length;
        if (sync) this.syncSoon();
      }
    } catch (err) {
      this.opt.onError(new EmotiondError('STATE', `outbox ${this.path}: ${errorMessage(err)}`, { cause: err }));
    }
  }

  /** fdatasync off the event path; writes that come while one runs are covered by one more. */
  private syncSoon(): void {
    if (this.syncing) {
      this.resync = true;
      return;
    }
    const fd = this.fd;
    if (fd === null) return;
    this.syncing = true;
    fdatasync(fd, (err) => {
      this.syncing = false;
      // EBADF: the file was closed or replaced (stop, compaction) meanwhile; the rename path syncs itself.
      if (err && err.code !== 'EBADF') {
        this.opt.onError(new EmotiondError('STATE', `outbox ${this.path}: ${errorMessage(err)}`, { cause: err }));
      }
      if (this.resync) {
        this.resync = false;
        this.syncSoon();
      }
    });
  }

  /** Replaces the file by the waiting events only (temp file + rename: never half-written). */
  private rewrite(): void {
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, this.entries.map((x) => encodeLine({ e: x.event })).join(''), { mode: 0o600 });
    if (this.opt.fsync) {
      const fd = openSync(tmp, 'r');
      try {
        fdatasyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    renameSync(tmp, this.path);
    if (this.fd !== null) closeSync(this.fd);
    this.fd = openSync(this.path, 'a', 0o600);
    this.linesInFile = this.entries.length;
  }
}
