// The Viterbi F0 smoother of pitch-viterbi.ts run frame by frame, for streams: the same
// costs and the same incremental decoding (openSMILE's cPitchSmootherViterbi keeps a
// 40-frame path buffer and decides a frame once every path agrees on it, or from the
// cheapest path when the buffer is full), so each frame's state is final at most 40 frames
// after it arrives, and the states equal viterbiStates' over the same frames. Memory is the
// path buffer (7 states x 40 frames) and two frames of candidates, whatever the length.
import { EGEMAPS as E } from './egemaps-config.ts';
import { localCost, transitionCost, type TransitionState } from './pitch-viterbi.ts';

/** Receives frame t's state (0..5 a candidate, 6 unvoiced), in frame order. */
export type StateSink = (t: number, state: number) => void;

export class ViterbiStream {
  private readonly nc = E.shsCandidates;
  private readonly ns = E.shsCandidates + 1;
  private readonly buf = E.viterbiBuffer;
  private paths = new Int32Array(this.ns * this.buf);
  private next = new Int32Array(this.ns * this.buf);
  private cost = new Float64Array(this.ns);
  private costNew = new Float64Array(this.ns);
  private readonly prevLog = new Float64Array(this.nc);
  private readonly curLog = new Float64Array(this.nc);
  private readonly tr: TransitionState = { lastChange: 1 };
  private frames = 0;
  private conv = -1;

  constructor(private readonly sink: StateSink) {}

  reset(): void {
    this.frames = 0;
    this.conv = -1;
    this.tr.lastChange = 1;
  }

  /** Frame count so far, and how many of them are decided. */
  get pushed(): number {
    return this.frames;
  }

  get decided(): number {
    return this.conv + 1;
  }

  /** The next frame's candidates (6 F0 in Hz, 0 empty, and their voicing). */
  push(f0: Float64Array, voicing: Float64Array): void {
    const { nc, ns, buf } = this;
    const f = this.frames++;
    for (let c = 0; c < nc; c++) this.curLog[c] = Math.log(f0[c]);
    let cost = this.cost, costNew = this.costNew, paths = this.paths, next = this.next;
    if (f === 0) {
      for (let i = 0; i < ns; i++) {
        cost[i] = localCost(f0, voicing, 0, i);
        paths[i * buf] = i;
      }
    } else {
      for (let i = 0; i < ns; i++) {
        let arg = 0, min = transitionCost(this.prevLog, 0, this.curLog, 0, i, 0, this.tr) + cost[0];
        for (let j = 1; j < ns; j++) {
          const c = transitionCost(this.prevLog, 0, this.curLog, 0, i, j, this.tr) + cost[j];
          if (c < min) {
            min = c;
            arg = j;
          }
        }
        costNew[i] = min + localCost(f0, voicing, 0, i);
        // Only the undecided frames' entries are read again (decide, flush), so only they move.
        // The ring index wraps by a compare rather than a modulo per entry.
        const t0 = Math.max(this.conv + 1, f - buf + 1), from = arg * buf, to = i * buf;
        for (let t = t0, r = t0 % buf; t < f; t++) {
          next[to + r] = paths[from + r];
          if (++r === buf) r = 0;
        }
        next[i * buf + (f % buf)] = i;
      }
      this.cost = costNew;
      this.costNew = cost;
      this.paths = next;
      this.next = paths;
    }
    for (let c = 0; c < nc; c++) this.prevLog[c] = this.curLog[c];
    this.decide(f + 1);
  }

  /** Decides every remaining frame from the cheapest path (end of input). */
  flush(): void {
    const m = this.best();
    for (let t = this.conv + 1; t < this.frames; t++) this.emit(t, this.paths[m * this.buf + (t % this.buf)]);
  }

  private decide(idx: number): void {
    const { ns, buf, paths } = this;
    if (idx - this.conv > buf) {
      this.emit(this.conv + 1, paths[this.best() * buf + ((this.conv + 1) % buf)]);
      return;
    }
    for (let t = this.conv + 1; t < idx; t++) {
      const r = t % buf, x = paths[r];
      for (let i = 1; i < ns; i++) if (paths[i * buf + r] !== x) return;
      this.emit(t, x);
    }
  }

  private emit(t: number, state: number): void {
    this.conv = t;
    this.sink(t, state);
  }

  private best(): number {
    let m = 0;
    for (let i = 1; i < this.ns; i++) if (this.cost[i] < this.cost[m]) m = i;
    return m;
  }
}
