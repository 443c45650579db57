// Band-limited sample-rate conversion, any integer rate to any integer rate.
// The filter is designed in resample-filter.ts; this file runs it over a stream.
//
// The one-shot `resample` is the streaming class fed one chunk and flushed, so the two
// paths share every multiply: streamed output equals one-shot output exactly.

import { EmotiondError } from '../core/errors.ts';
import { designFilter, fillRow, type PolyphaseFilter } from './resample-filter.ts';

const filters = new Map<string, PolyphaseFilter>();

/** Designs are shared: a capture reopened or a folder of files at one rate pays once. */
function filterFor(fromRate: number, toRate: number): PolyphaseFilter {
  const key = `${fromRate}>${toRate}`;
  let f = filters.get(key);
  if (!f) {
    f = designFilter(fromRate, toRate);
    filters.set(key, f);
  }
  return f;
}

function checkRate(name: string, rate: number): void {
  if (!Number.isInteger(rate) || rate <= 0) {
    throw new EmotiondError('USAGE', `resampler: ${name} must be a positive integer number of Hz, got ${rate}`);
  }
}

/** Stateful resampler for live capture: feed chunks of any size, get the converted samples so far. */
export class StreamResampler {
  readonly fromRate: number;
  readonly toRate: number;
  private readonly f: PolyphaseFilter | null;
  private readonly row: Float64Array | null;
  /** Input history: buf[0] is absolute input index `bufStart`; `bufLen` samples are valid. */
  private buf = new Float32Array(0);
  private bufStart = 0;
  private bufLen = 0;
  /** Next output's base input index (floor of its position) and phase (numerator over `up`). */
  private k0 = 0;
  private phase = 0;
  private totalIn = 0;
  private ended = false;

  constructor(fromRate: number, toRate: number) {
    checkRate('input rate', fromRate);
    checkRate('output rate', toRate);
    this.fromRate = fromRate;
    this.toRate = toRate;
    this.f = fromRate === toRate ? null : filterFor(fromRate, toRate);
    this.row = this.f && !this.f.table ? new Float64Array(this.f.taps) : null;
    this.reset();
  }

  /** Samples of latency: how far input must run ahead of an output before it can be made. */
  get delayInput(): number {
    return this.f ? this.f.half : 0;
  }

  /** Starts over as if new (after a capture gap, the old history must not leak into the new stream). */
  reset(): void {
    const lead = this.f ? this.f.half - 1 : 0;
    // Zeros stand in for the input before the first sample.
    this.buf = new Float32Array(Math.max(1024, lead * 2));
    this.bufStart = -lead;
    this.bufLen = lead;
    this.k0 = 0;
    this.phase = 0;
    this.totalIn = 0;
    this.ended = false;
  }

  /** Converts the next chunk. With equal rates it returns `input` itself. */
  process(input: Float32Array): Float32Array {
    if (this.ended) throw new EmotiondError('USAGE', 'resampler: process() after flush(); call reset() first');
    if (!this.f) return input;
    this.append(input);
    this.totalIn += input.length;
    return this.run(this.totalIn - 1);
  }

  /** Ends the stream: treats the input after the last sample as zeros and returns the tail. */
  flush(): Float32Array {
    if (this.ended) return new Float32Array(0);
    this.ended = true;
    if (!this.f) return new Float32Array(0);
    this.append(new Float32Array(this.f.half));
    return this.run(this.totalIn - 1, true);
  }

  private append(input: Float32Array): void {
    const f = this.f as PolyphaseFilter;
    // Drop history no output can still reach: everything before k0 - half + 1.
    const keepFrom = this.k0 - f.half + 1;
    const drop = Math.min(this.bufLen, Math.max(0, keepFrom - this.bufStart));
    const need = this.bufLen - drop + input.length;
    if (need > this.buf.length) {
      const next = new Float32Array(Math.max(need, this.buf.length * 2));
      next.set(this.buf.subarray(drop, this.bufLen));
      this.buf = next;
    } else if (drop > 0) {
      this.buf.copyWithin(0, drop, this.bufLen);
    }
    this.bufStart += drop;
    this.bufLen -= drop;
    this.buf.set(input, this.bufLen);
    this.bufLen += input.length;
  }

  /**
   * Makes every output whose taps are all available. Outputs need input up to k0 + half; while
   * streaming that must be real input (<= lastReal), at the end the appended zeros supply it,
   * and outputs stop at the input's end (k0 <= last real index) so the length is ceil(n*up/down).
   */
  private run(lastReal: number, ending = false): Float32Array {
    const f = this.f as PolyphaseFilter;
    const { up, down, taps, half, table } = f;
    const lastK0 = ending ? lastReal : lastReal - half;
    if (this.k0 > lastK0) return new Float32Array(0);
    const count = Math.floor(((lastK0 - this.k0 + 1) * up - this.phase - 1) / down) + 1;
    const out = new Float32Array(count);
    const buf = this.buf;
    let k0 = this.k0;
    let phase = this.phase;
    for (let n = 0; n < count; n++) {
      const base = k0 - half + 1 - this.bufStart;
      let acc = 0;
      if (table) {
        const r = phase * taps;
        for (let i = 0; i < taps; i++) acc += buf[base + i] * table[r + i];
      } else {
        const row = this.row as Float64Array;
        fillRow(f, phase, row);
        for (let i = 0; i < taps; i++) acc += buf[base + i] * row[i];
      }
      out[n] = acc;
      phase += down;
      if (phase >= up) {
        const q = Math.floor(phase / up);
        k0 += q;
        phase -= q * up;
      }
    }
    this.k0 = k0;
    this.phase = phase;
    return out;
  }
}

/** Converts a whole signal from `fromRate` to `toRate`; returns `input` itself when they are equal. */
export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  const r = new StreamResampler(fromRate, toRate);
  if (fromRate === toRate) return input;
  const head = r.process(input);
  const tail = r.flush();
  const out = new Float32Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
