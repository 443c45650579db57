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
//
// A full disk (ENOSPC) or a failing one (EIO) must not cost an event: every append is
// checked for its length, a short one is cut back off the file (the next append would
// otherwise extend the torn line and both would be lost), the events stay in memory and the
// file is rewritten whole at the next write that succeeds. Meanwhile `fault` says what is
// wrong, for /healthz and the metrics.
import { closeSync, fdatasync, fdatasyncSync, fstatSync, ftruncateSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { EmotionEvent } from '../core/types.ts';
import { EmotiondError, errorMessage } from '../core/errors.ts';
import { encodeLine, type OutboxLine } from './outbox-log.ts';
import { readOutboxFile } from './outbox-reader.ts';

/** The last write that failed, while the file is behind what is in memory. */
export interface OutboxFault {
  /** ENOSPC, EIO, ... (the errno code), or SHORT_WRITE. */
  code: string;
  message: string;
  since: string;
}

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
  /** Bytes in the file as far as this outbox wrote them: where a short append is cut back to. */
  private fileBytes = 0;
  /** A write failed: the file misses something memory holds, so the next write rewrites it whole. */
  private behind = false;
  dropped = 0;
  fault: OutboxFault | null = null;
  /** Failed writes so far, by code. */
  readonly writeErrors = new Map<string, number>();

  constructor(private readonly opt: OutboxOptions) {
    this.path = join(opt.dir, 'outbox.jsonl');
  }

  /** Loads what a previous run left; returns how many events were recovered. */
  async start(): Promise<{ recovered: number; unreadable: number }> {
    try {
      mkdirSync(this.opt.dir, { recursive: true, mode: 0o700 });
      const { events, unreadable, dropped } = await readOutboxFile(this.path, this.opt.maxEvents);
      this.dropped += dropped;
      this.entries = events.map((event) => ({ event, handedOut: false }));
      // Rewritten at once: drops delivered lines and a torn last line, which an append would extend.
      try {
        this.rewrite();
      } catch (err) {
        // A full disk at start: the old file is intact (the rewrite goes through a temp
        // file), the events are in memory; run on and rewrite once a write succeeds.
        this.fd = openSync(this.path, 'a', 0o600);
        this.fileBytes = fstatSync(this.fd).size;
        this.failed(err);
      }
      return { recovered: events.length, unreadable };
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
        this.fileBytes = 0;
      } else if (this.behind || (this.linesInFile > 1000 && this.linesInFile > 4 * this.entries.length)) {
        this.rewrite();
      } else {
        this.append(Buffer.from(lines.map(encodeLine).join('')));
        this.linesInFile += lines.length;
        if (sync) this.syncSoon();
      }
      this.behind = false;
      this.fault = null;
    } catch (err) {
      this.failed(err);
    }
  }

  /** One append, all of it or nothing: a short write is cut back off the file and reported. */
  private append(bytes: Buffer): void {
    const fd = this.fd!;
    let written = 0;
    try {
      written = writeSync(fd, bytes);
    } finally {
      if (written !== bytes.length) {
        try {
          ftruncateSync(fd, this.fileBytes);
        } catch {
          // Cannot cut it either: the rewrite at the next write (or the next start) repairs it.
        }
      }
    }
    if (written !== bytes.length) {
      throw Object.assign(new Error(`short write: ${written} of ${bytes.length} bytes (disk full?)`), { code: 'SHORT_WRITE' });
    }
    this.fileBytes += written;
  }

  /** The file is now behind memory: say so (once per kind of fault) and catch up at the next write. */
  private failed(err: unknown): void {
    this.behind = true;
    const code = String((err as NodeJS.ErrnoException).code ?? 'EUNKNOWN');
    this.writeErrors.set(code, (this.writeErrors.get(code) ?? 0) + 1);
    const message = `outbox ${this.path}: ${errorMessage(err)}; ${this.entries.length} events kept in memory until the file can be written`;
    const repeat = this.fault?.code === code;
    this.fault = { code, message, since: repeat ? this.fault!.since : new Date().toISOString() };
    if (!repeat) this.opt.onError(new EmotiondError('STATE', message, { cause: err }));
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
    try {
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
    } catch (err) {
      rmSync(tmp, { force: true }); // a half-written temp file would only hold on to the space
      throw err;
    }
    if (this.fd !== null) closeSync(this.fd);
    this.fd = openSync(this.path, 'a', 0o600);
    this.fileBytes = fstatSync(this.fd).size;
    this.linesInFile = this.entries.length;
  }
}
