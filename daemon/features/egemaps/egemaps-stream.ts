// The eGeMAPSv02 LLDs computed as audio arrives, in fixed memory. Each 20 ms frame is
// analysed once its samples are in (spectral LLDs, MFCC); each 60 ms frame gives
// its F0 candidates and is kept (magnitudes, in LONG_SLOTS ring slots) until the Viterbi
// smoother decides its F0, at most 40 frames (0.4 s) later; then its formants (voiced frames
// only: no eGeMAPS value reads an unvoiced frame's formants, and the LPC resampling and root
// solving were about a quarter of the time), harmonics and the jitter/shimmer period
// matching run and its LLD row is final. The signal window still holds the 20 ms frame then
// (it keeps everything from the first undecided frame on). So the state is the sliding
// signal window (about 0.7 s of it is ever needed), 64 frame slots and the smoother's path
// buffer, whatever the length of the input; only the LLD contours of the segment grow, one
// row per 10 ms, until end() hands them over (the functionals need all of them).
// end() pads the input with zeros as batch extraction does, so pushing a signal in pieces
// and ending gives exactly what computeEgemapsLlds gives for the whole signal.
import { EGEMAPS as E, egemapsFrameCount, egemapsShortFrameCount } from './egemaps-config.ts';
import { APPEND_CHUNK, LONG_SLOTS, SHORT_LLDS, type EgemapsFrameKernels } from './egemaps-frame-kernels.ts';
import { harmonics, type HarmonicsOut } from './harmonics.ts';
import { JitterTracker, type SignalWindow } from './jitter-shimmer.ts';
import { LldColumns } from './lld-columns.ts';
import type { EgemapsLld, EgemapsLldFrames } from './egemaps-lld-types.ts';
import { newCandidates } from './pitch-candidates.ts';
import { ViterbiStream } from './pitch-viterbi-stream.ts';
import { checkpointFields } from './checkpoint.ts';
import { semitone } from './semitone.ts';

const NC = E.shsCandidates, NF = E.nFormants, BINS = E.longFft / 2 + 1;

/** Per-60 ms-frame LLDs, in column order of the stream's long columns. */
const LONG_COLUMNS = [
  'F0semitoneFrom27.5Hz', 'jitterLocal', 'shimmerLocaldB', 'HNRdBACF', 'logRelF0-H1-H2', 'logRelF0-H1-A3',
  'F1frequency', 'F1bandwidth', 'F1amplitudeLogRelF0', 'F2frequency', 'F2bandwidth', 'F2amplitudeLogRelF0',
  'F3frequency', 'F3bandwidth', 'F3amplitudeLogRelF0',
] as const;
/** After them: F0 in Hz, then F1..F3 (0 on unvoiced frames). */
const COL_F0_HZ = LONG_COLUMNS.length, COL_FORMANTS_ALL = COL_F0_HZ + 1, LONG_COUNT = COL_FORMANTS_ALL + 3;

export class EgemapsLldStream {
  private readonly short = new LldColumns(SHORT_LLDS.length);
  private readonly long = new LldColumns(LONG_COUNT);
  private readonly shortRow = new Float64Array(SHORT_LLDS.length);
  private readonly longRow = new Float64Array(LONG_COUNT);
  // Ring slots, frame f in slot f % LONG_SLOTS.
  private readonly candF0 = new Float64Array(LONG_SLOTS * NC);
  private readonly candV = new Float64Array(LONG_SLOTS * NC);
  private readonly rms = new Float64Array(LONG_SLOTS);
  private readonly cand = newCandidates();
  private readonly fF = new Float64Array(NF);
  private readonly fB = new Float64Array(NF);
  private readonly h: HarmonicsOut = { hnr: 0, h1h2: 0, h1a3: 0, formantAmp: new Float64Array(3) };
  private readonly jitter = new JitterTracker();
  private readonly viterbi = new ViterbiStream((t, s) => this.decided(t, s));
  private total = 0;
  private nextShort = 0;
  private nextLong = 0;
  private acfFrame = 0;
  private readonly acf = (lag: number): number => this.k.longAcf(this.acfFrame, lag);
  private readonly sig = (): SignalWindow => this.k.window();
  private readonly scan = (a: number, t0: number, t1: number, out: Float64Array): void => this.k.xcorrScan(a, t0, t1, out);

  constructor(private readonly k: EgemapsFrameKernels) {
    k.reset();
  }

  /** Samples pushed since the last end(). */
  get samples(): number {
    return this.total;
  }

  /** The next piece of 16 kHz mono audio; any length, NaN/Inf and huge values allowed. */
  push(samples: Float32Array): void {
    for (let at = 0; at < samples.length; at += APPEND_CHUNK) {
      const piece = samples.subarray(at, Math.min(at + APPEND_CHUNK, samples.length));
      this.k.append(piece);
      this.total += piece.length;
      while (E.hop * this.nextShort + E.shortFrame <= this.total) this.shortFrame(this.nextShort++);
      while (E.hop * this.nextLong + E.longFrame <= this.total) this.longFrame(this.nextLong++);
      this.k.release(Math.min(this.jitter.readsFrom(), E.hop * this.viterbi.decided));
    }
  }

  /** Ends the segment: the LLDs of everything pushed since the last end(); the stream starts afresh. */
  end(): EgemapsLldFrames {
    const out = this.finish();
    this.reset();
    return out;
  }

  /**
   * The LLDs of everything pushed since the last end(), without ending: the end is run on
   * the live state (the last frames, the smoother's flush and what it decides), then the
   * state is put back as it was (checkpoint.ts), so the stream goes on as if not asked.
   */
  snapshot(): EgemapsLldFrames {
    const undo = [
      this.k.checkpoint(),
      checkpointFields(this, []),
      checkpointFields(this.jitter, []),
      checkpointFields(this.viterbi, ['tr']),
    ];
    const rows = [this.short.length, this.long.length];
    try {
      return this.finish();
    } finally {
      undo.forEach((u) => u());
      [this.short.length, this.long.length] = rows;
    }
  }

  private finish(): EgemapsLldFrames {
    const n = this.total, frames = egemapsFrameCount(n), shortFrames = Math.max(egemapsShortFrameCount(n), frames);
    while (this.nextShort < shortFrames) this.shortFrame(this.nextShort++);
    while (this.nextLong < frames) this.longFrame(this.nextLong++);
    this.viterbi.flush();
    const raw = {} as Record<EgemapsLld, Float64Array>;
    SHORT_LLDS.forEach((name, c) => {
      if (c > 0) raw[name as EgemapsLld] = this.short.column(c).slice(0, shortFrames);
    });
    LONG_COLUMNS.forEach((name, c) => (raw[name] = this.long.column(c).slice(0, frames)));
    const all = new Float64Array(frames * 3);
    for (let i = 0; i < 3; i++) {
      const col = this.long.column(COL_FORMANTS_ALL + i);
      for (let f = 0; f < frames; f++) all[f * 3 + i] = col[f];
    }
    const out: EgemapsLldFrames = {
      frames, shortFrames, raw, f0Hz: this.long.column(COL_F0_HZ).slice(0, frames),
      energy: this.short.column(0).slice(0, shortFrames), formantsAll: all,
    };
    return out;
  }

  /** Drops everything pushed since the last end(). */
  reset(): void {
    this.k.reset();
    this.short.clear();
    this.long.clear();
    this.jitter.reset();
    this.viterbi.reset();
    this.total = this.nextShort = this.nextLong = 0;
  }

  /** Bytes held: the backend's memory, the rings and the contour columns (these grow with a segment). */
  stateBytes(): { backend: number; columns: number } {
    return { backend: this.k.memoryBytes(), columns: this.short.bytes() + this.long.bytes() };
  }

  private shortFrame(f: number): void {
    this.k.shortLlds(f, this.shortRow);
    this.short.push(this.shortRow);
  }

  private longFrame(f: number): void {
    const slot = f % LONG_SLOTS;
    this.rms[slot] = this.k.longFrame(f, slot, this.cand);
    this.candF0.set(this.cand.f0, slot * NC);
    this.candV.set(this.cand.voicing, slot * NC);
    this.viterbi.push(this.cand.f0, this.cand.voicing);
  }

  /** Frame t's F0 state is final: its remaining LLDs. */
  private decided(t: number, state: number): void {
    const slot = t % LONG_SLOTS, row = this.longRow, h = this.h;
    const f0 = state < NC && this.rms[slot] > E.voicedRmsMin ? this.candF0[slot * NC + state] : 0;
    row[0] = semitone(f0);
    this.jitter.next(f0, this.sig, this.scan);
    row[1] = this.jitter.jitter;
    row[2] = this.jitter.shimmer;
    const ff = this.fF, fb = this.fB, voiced = f0 > 0;
    if (voiced) this.k.formants(t, ff, fb);
    else {
      ff.fill(0);
      fb.fill(0);
    }
    this.acfFrame = t;
    harmonics(f0, this.k.longMagnitude(slot), BINS, this.acf, ff, h);
    row[3] = h.hnr;
    row[4] = h.h1h2;
    row[5] = h.h1a3;
    for (let i = 0; i < 3; i++) {
      row[6 + 3 * i] = ff[i];
      row[7 + 3 * i] = fb[i];
      row[8 + 3 * i] = h.formantAmp[i];
      row[COL_FORMANTS_ALL + i] = ff[i];
    }
    row[COL_F0_HZ] = f0;
    this.long.push(row);
  }
}
