// The readings behind the room summaries: final events wait here until the interval they end
// in is complete, and the last hour of them is kept for the status page and the events-per-hour
// diagnostic. Intervals are in stream time (seconds of audio since the start), so a replayed
// file and a live microphone are summarised alike: [0, I), [I, 2I), ...
// An interval is complete once the VAD has seen `graceS` past its end: no segment ending
// inside it can still be open then (the hangover and padding are shorter than the grace).
import { summarize, type Summary, type UtteranceReading } from './summary.ts';

export interface TimedReading extends UtteranceReading {
  /** Stream time where the utterance ended. */
  endS: number;
  /** Wall-clock time of its event, ms since the epoch. */
  atMs: number;
}

export interface Interval {
  fromS: number;
  toS: number;
}

const HOUR_MS = 3_600_000;

export class SummaryWindow {
  private pending: TimedReading[] = [];
  private hour: TimedReading[] = [];
  /** End of the next interval to complete. */
  private nextEndS: number;

  constructor(
    private intervalS: number,
    private readonly graceS: number,
  ) {
    this.nextEndS = intervalS;
  }

  /** A new interval length (reload) applies from the next interval on. */
  configure(intervalS: number): void {
    this.intervalS = intervalS;
  }

  add(r: TimedReading): void {
    this.pending.push(r);
    this.hour.push(r);
    this.prune(r.atMs);
  }

  /** Audio reached `streamS`: the intervals that are now complete, oldest first. */
  due(streamS: number): Interval[] {
    const out: Interval[] = [];
    while (streamS >= this.nextEndS + this.graceS) {
      out.push({ fromS: this.nextEndS - this.intervalS, toS: this.nextEndS });
      this.nextEndS += this.intervalS;
    }
    return out;
  }

  /** The summary of one complete interval; its readings are let go. */
  close(iv: Interval, classes: readonly string[]): Summary {
    const inside = this.pending.filter((r) => r.endS >= iv.fromS && r.endS < iv.toS);
    this.pending = this.pending.filter((r) => r.endS >= iv.toS);
    return summarize(inside, iv.toS - iv.fromS, classes);
  }

  /** The last hour of wall-clock time, as one summary. */
  lastHour(nowMs: number, classes: readonly string[]): Summary {
    this.prune(nowMs);
    return summarize(this.hour, 3600, classes);
  }

  eventsLastHour(nowMs: number): number {
    this.prune(nowMs);
    return this.hour.length;
  }

  private prune(nowMs: number): void {
    const from = nowMs - HOUR_MS;
    if (this.hour.length && this.hour[0].atMs < from) this.hour = this.hour.filter((r) => r.atMs >= from);
  }
}
