// The signal layout of signal-layout.ts (sanitised input, DC-blocked level 0, the decimated
// pitch levels) built as samples arrive, in fixed buffers. Positions are those load() uses
// for the whole signal (padded: sample k at ANALYSIS.padding + k), so a frame reads the same
// values at the same positions; each buffer holds a sliding window of its level, and what no
// frame or filter will read again is dropped when room is needed.
//
// A value is final once every input it reads is final: the sanitised and DC-blocked samples
// as they arrive (the DC blocker is a recursion carried across pieces, in the backend's
// arithmetic), decimated output m of level j once level j-1 is final up to 2m + 15 (the
// filter's look-ahead). pad() then computes what batch computes past the last sample, from
// the zeros that follow it, without making it final: the stream may go on (a snapshot) and
// recompute those positions from real samples.
import { ANALYSIS, PITCH_GEOMETRY, frameCount } from './analysis-config.ts';
import { frameStart16, pitchStartCoarse, signalLayout } from './signal-layout.ts';

const A = ANALYSIS;
const G = PITCH_GEOMETRY;
const HALF = (A.decimatorTaps - 1) >> 1;

/** The most samples one append() takes (the stream cuts longer pieces). */
export const STREAM_CHUNK = 4096;
/** Floats of level 0 and 1 a buffer holds: the padding, two chunks and what frames still need. */
const CAPACITY = A.padding + 2 * STREAM_CHUNK + 4096;
/** Zeros kept past the capacity: reads and pad() writes beyond the last final value. */
const TAIL = 2048;
/** Coarse and full-rate extents of one frame's pitch search past its window start (pitch.ts reads up to win + maxLag + 1 lags on). */
const PITCH_COARSE_READ = G.win + G.maxLag + 2;
const PITCH_FULL_READ = G.factor * PITCH_COARSE_READ;

/** Where a backend keeps the levels: 0 sanitised input, 1 DC-blocked, 2.. each decimation. */
export interface LevelStore {
  /** Level L's buffer (size(L) floats; re-read after every call into the backend). */
  view(level: number): Float32Array;
  /** NaN/Inf -> 0, clamp, in place, on level 0's buffer [at, at + n). */
  sanitize(at: number, n: number): void;
  /** Level L outputs [outAt, outAt + count) from level L-1's buffer read from inAt (decimate2). */
  decimate(level: number, inAt: number, count: number, outAt: number): void;
  /** The DC blocker's arithmetic: Math.fround for the f32 kernels, identity for the f64 references. */
  readonly round: (x: number) => number;
  /** Told where each buffer now starts (padded position of its element 0). */
  moved(origins: readonly number[]): void;
}

export const LEVELS = 2 + signalLayout(0).steps.length;

/** Floats the backend allocates for level L. */
export const levelSize = (level: number): number => (level < 2 ? CAPACITY : CAPACITY >> (level - 1)) + TAIL;

/** The state a snapshot restores (everything else it touches is recomputed before it is read). */
export interface SignalCheckpoint {
  n: number;
  next: number[];
  xPrev: number;
  yPrev: number;
  frame: number;
}

export class StreamedSignal {
  /** Samples appended. */
  n = 0;
  /** Padded position of each buffer's element 0. */
  private readonly origin = new Array<number>(LEVELS).fill(0);
  /** Level L >= 2: the next output to compute (all before it are final). */
  private readonly next = new Array<number>(LEVELS).fill(0);
  private xPrev = 0;
  private yPrev = 0;
  /** The first frame not yet computed: nothing before its inputs is read again. */
  private frame = 0;
  private readonly steps = signalLayout(0).steps;
  private readonly a: number;

  constructor(private readonly store: LevelStore) {
    this.a = store.round(A.dcBlockPole);
    this.reset();
  }

  reset(): void {
    for (let l = 0; l < LEVELS; l++) {
      this.store.view(l).fill(0);
      this.origin[l] = 0;
      // Batch leaves the outputs before `from` at 0 (they read only the leading zeros).
      this.next[l] = l >= 2 ? this.steps[l - 2].from : 0;
    }
    this.n = this.xPrev = this.yPrev = this.frame = 0;
    this.store.moved(this.origin);
  }

  /** Final values of level L end here (exclusive). */
  private final(level: number): number {
    return level < 2 ? A.padding + this.n : this.next[level];
  }

  /** Appends at most STREAM_CHUNK samples and computes every level value they make final. */
  append(samples: Float32Array): void {
    const len = samples.length, s = this.store;
    if (len === 0) return;
    if (len > STREAM_CHUNK) throw new RangeError(`append: ${len} samples at once (at most ${STREAM_CHUNK})`);
    const q = A.padding + this.n;
    this.room(0, q + len);
    this.room(1, q + len);
    const at0 = q - this.origin[0];
    s.view(0).set(samples, at0);
    s.sanitize(at0, len);
    // The DC blocker of dc-block.ts carried across pieces: its state starts as if the first
    // sample had always been there.
    const x = s.view(0), d = s.view(1), at1 = q - this.origin[1], r = s.round, a = this.a;
    if (this.n === 0) this.xPrev = x[at0];
    let xPrev = this.xPrev, yPrev = this.yPrev;
    for (let i = 0; i < len; i++) {
      const xi = x[at0 + i];
      const y = r(r(xi - xPrev) + r(a * yPrev));
      d[at1 + i] = y;
      xPrev = xi;
      yPrev = y;
    }
    this.xPrev = xPrev;
    this.yPrev = yPrev;
    this.n += len;
    for (let l = 2; l < LEVELS; l++) {
      // Output m reads level l-1 [2m - HALF, 2m + HALF].
      const last = Math.floor((this.final(l - 1) - 1 - HALF) / 2);
      this.decimate(l, last + 1);
    }
  }

  /**
   * Computes the level values batch computes past the last sample (the zeros after it),
   * without making them final; returns the frame count of the signal so far.
   */
  pad(): number {
    const l0 = signalLayout(this.n);
    for (let l = 2; l < LEVELS; l++) {
      const st = l0.steps[l - 2];
      const saved = this.next[l];
      this.decimate(l, st.from + st.count);
      this.next[l] = saved;
    }
    return frameCount(this.n);
  }

  /** Frames (from 0) whose window and pitch search read only final values. */
  framesReady(): number {
    let f = this.frame;
    const last = LEVELS - 1;
    while (
      frameStart16(f) + A.frameLength <= this.final(0) &&
      G.factor * pitchStartCoarse(f) + PITCH_FULL_READ <= this.final(1) &&
      pitchStartCoarse(f) + PITCH_COARSE_READ <= this.final(last)
    ) f++;
    return f;
  }

  /** Frames before `frame` will not be read again. */
  release(frame: number): void {
    this.frame = frame;
  }

  save(): SignalCheckpoint {
    return { n: this.n, next: [...this.next], xPrev: this.xPrev, yPrev: this.yPrev, frame: this.frame };
  }

  restore(c: SignalCheckpoint): void {
    this.n = c.n;
    c.next.forEach((v, l) => (this.next[l] = v));
    this.xPrev = c.xPrev;
    this.yPrev = c.yPrev;
    this.frame = c.frame;
  }

  /** Level l outputs [next, to). */
  private decimate(l: number, to: number): void {
    const from = this.next[l];
    if (to <= from) return;
    this.room(l, to);
    this.store.decimate(l, 2 * from - HALF - this.origin[l - 1], to - from, from - this.origin[l]);
    this.next[l] = to;
  }

  /** The first position of level l that will be read again. */
  private keep(l: number): number {
    const f = this.frame, s = pitchStartCoarse(f);
    const byNext = l + 1 < LEVELS ? 2 * this.next[l + 1] - HALF : Infinity;
    if (l === 0) return frameStart16(f);
    if (l === 1) return Math.min(G.factor * s, byNext);
    return l === LEVELS - 1 ? s : byNext;
  }

  /** Makes room in level l's buffer for positions below `end` (slides the window if needed). */
  private room(l: number, end: number): void {
    const size = levelSize(l), cap = size - TAIL;
    if (end - this.origin[l] <= cap) return;
    const keep = Math.max(this.origin[l], Math.min(this.keep(l), end));
    const drop = keep - this.origin[l];
    if (end - keep > cap) throw new RangeError(`stream level ${l}: ${end - keep} values still needed, room for ${cap}`);
    const v = this.store.view(l);
    v.copyWithin(0, drop, size);
    v.fill(0, size - drop, size);
    this.origin[l] = keep;
    this.store.moved(this.origin);
  }
}

