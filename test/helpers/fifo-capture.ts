// Live-like capture for the daemon without a sound card: ALSA's `file` plugin reads its
// capture data from a named pipe that this feeder fills at a steady pace (silence when
// there is nothing to say), so PortAudio delivers audio at the pace of a microphone rather
// than as fast as the null device allows (see STACK.md, "PortAudio").
// Writes are whole 512-sample blocks (1024 bytes, under PIPE_BUF, so atomic): with the
// daemon's 16 kHz mono capture reading 512 frames at a time, every read gets one whole
// block and the daemon sees exactly the samples written here.
import { spawnSync } from 'node:child_process';
import { closeSync, constants, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const BLOCK = 512;
const RATE = 16000;

export function hasMkfifo(): boolean {
  return spawnSync('mkfifo', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Writes `.asoundrc` into `home` so that its default capture device reads `fifo`. */
export function alsaFifoHome(home: string, fifo: string): void {
  writeFileSync(join(home, '.asoundrc'), `pcm.!default { type file; slave.pcm "null"; file "/dev/null"; infile "${fifo}"; format "raw" }\n`);
}

export class FifoFeeder {
  /** Samples written so far: the daemon's stream position, in samples. */
  written = 0;
  private fd = -1;
  private pending: Int16Array[] = [];
  private pendingOffset = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private startedAt = 0;
  private marks: { at: number; resolve: (ms: number) => void }[] = [];
  /** Date.now() at which each block was written, by block index. */
  private readonly blockTimes: number[] = [];

  /** `speed` 1 = real time; the pipe's own buffer holds about 2 s ahead of the reader. */
  constructor(readonly path: string, private readonly speed = 1) {
    const r = spawnSync('mkfifo', ['-m', '600', path], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`mkfifo ${path}: ${r.stderr}`);
    // Read-write and non-blocking: opening never waits for the reader, a full pipe is EAGAIN.
    this.fd = openSync(path, constants.O_RDWR | constants.O_NONBLOCK);
  }

  start(): void {
    this.startedAt = performance.now();
    this.timer = setInterval(() => this.tick(), 10);
  }

  /**
   * Queues float samples after what is queued, starting on a multiple of `align` samples
   * (Silero's 512-sample frame grid, so offline runs of the VAD frame them the same way).
   * Resolves with the stream position (samples) where they start.
   */
  play(samples: Float32Array, align = 512): number {
    const queued = this.written + this.pendingLength();
    const pad = (align - (queued % align)) % align;
    if (pad) this.pending.push(new Int16Array(pad));
    const ints = new Int16Array(samples.length);
    for (let i = 0; i < samples.length; i++) ints[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i] * 32768)));
    this.pending.push(ints);
    return queued + pad;
  }

  /** Resolves with Date.now() when the sample at stream position `sample` has been written. */
  whenWritten(sample: number): Promise<number> {
    if (sample < this.written) return Promise.resolve(Date.now());
    return new Promise((resolve) => this.marks.push({ at: sample, resolve }));
  }

  /** Date.now() when the sample at stream position `sample` was written; undefined if not yet. */
  writtenAt(sample: number): number | undefined {
    return this.blockTimes[Math.floor(sample / BLOCK)];
  }

  /** True once everything queued has been written. */
  get idle(): boolean {
    return this.pendingLength() === 0;
  }

  stop(): void {
    clearInterval(this.timer);
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  private pendingLength(): number {
    return this.pending.reduce((n, p) => n + p.length, 0) - this.pendingOffset;
  }

  private tick(): void {
    const due = Math.floor((((performance.now() - this.startedAt) / 1000) * RATE * this.speed) / BLOCK) * BLOCK;
    while (this.written < due) {
      const block = this.nextBlock();
      try {
        writeSync(this.fd, block);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
          this.unread(block); // the pipe is full: the reader is behind or not there yet
          return;
        }
        throw err;
      }
      this.written += BLOCK;
      const now = Date.now();
      this.blockTimes.push(now);
      this.marks = this.marks.filter((m) => (m.at < this.written ? (m.resolve(now), false) : true));
    }
  }

  /** The next BLOCK samples: queued audio, padded with silence. */
  private nextBlock(): Uint8Array {
    const out = new Int16Array(BLOCK);
    let n = 0;
    while (n < BLOCK && this.pending.length) {
      const head = this.pending[0];
      const take = Math.min(BLOCK - n, head.length - this.pendingOffset);
      out.set(head.subarray(this.pendingOffset, this.pendingOffset + take), n);
      n += take;
      this.pendingOffset += take;
      if (this.pendingOffset >= head.length) {
        this.pending.shift();
        this.pendingOffset = 0;
      }
    }
    this.lastTaken = n;
    return new Uint8Array(out.buffer);
  }

  private lastTaken = 0;

  private unread(block: Uint8Array): void {
    if (this.lastTaken === 0) return;
    const ints = new Int16Array(block.buffer, 0, this.lastTaken);
    // Put the taken samples back in front of what is still queued.
    const rest = this.pending.length ? [this.pending[0].subarray(this.pendingOffset), ...this.pending.slice(1)] : [];
    this.pending = [Int16Array.from(ints), ...rest];
    this.pendingOffset = 0;
  }
}
