// The published mood: a smoothed, stable reading of the recent events. One segment's
// label is noisy (a cough, a laugh, a misclassified word); the state follows the score-
// weighted average of the last few confident events, and another emotion takes over only
// when it beats the current one by a margin (hysteresis), so the state does not flicker.
// Pure: events and clock go in, a new state (or null for "no change") comes out.

export interface SmoothingOptions {
  /** Recent events averaged (the newest `window`). */
  window: number;
  /** Events older than this, relative to the newest, no longer count. */
  maxAgeS: number;
  /** Events less confident than this are published but do not move the state. */
  minConfidence: number;
  /** Averaged score by which a new emotion must beat the current one to take over. */
  switchMargin: number;
  /** Change of smoothed arousal or valence that is worth a new state message on its own. */
  dimensionStep: number;
  /** Without a confident observation for this long the state becomes "no reading" (0 = never). */
  expireS: number;
}

/** What one classified stretch of speech says, as the smoother needs it. */
export interface Observation {
  scores: Record<string, number>;
  confidence: number;
  arousal: number;
  valence: number;
  durationS: number;
  /** Wall-clock time of the observation, ms since the epoch. */
  atMs: number;
}

export interface MoodState {
  /** null until a confident reading exists (and after a reset or expiry); then all are null. */
  emotion: string | null;
  /** Averaged score of `emotion` over the window. */
  confidence: number | null;
  arousal: number | null;
  valence: number | null;
  /** Since when `emotion` has been the state (ISO 8601, UTC). */
  since: string;
}

const r4 = (x: number) => Number(x.toFixed(4));

export class EmotionSmoother {
  private history: Observation[] = [];
  private state: MoodState;

  constructor(private opt: SmoothingOptions, startMs: number) {
    this.state = noReading(startMs);
  }

  /** New options (a reloaded config); the history and the state carry over. */
  configure(opt: SmoothingOptions): void {
    this.opt = opt;
  }

  get current(): MoodState {
    return this.state;
  }

  /** Takes one observation; returns the new state when the published one should change. */
  observe(o: Observation): MoodState | null {
    if (!(o.confidence >= this.opt.minConfidence)) return null;
    this.history.push(o);
    const oldest = o.atMs - this.opt.maxAgeS * 1000;
    this.history = this.history.filter((h) => h.atMs >= oldest).slice(-Math.max(1, this.opt.window));

    const avg = new Map<string, number>();
    let total = 0;
    let arousal = 0;
    let valence = 0;
    for (const h of this.history) {
      // Longer speech says more; the floor keeps a very short segment from counting as nothing.
      const w = Math.max(0.25, h.durationS);
      total += w;
      arousal += w * h.arousal;
      valence += w * h.valence;
      for (const [k, v] of Object.entries(h.scores)) avg.set(k, (avg.get(k) ?? 0) + w * v);
    }
    for (const [k, v] of avg) avg.set(k, v / total);
    let best = this.state.emotion;
    for (const [k, v] of avg) if (best === null || v > (avg.get(best) ?? 0)) best = k;
    if (best === null) return null;

    const cur = this.state.emotion;
    const switches = cur === null || (best !== cur && (avg.get(best) ?? 0) - (avg.get(cur) ?? 0) >= this.opt.switchMargin);
    const emotion = switches ? best : cur;
    const next: MoodState = {
      emotion,
      confidence: r4(avg.get(emotion) ?? 0),
      arousal: r4(arousal / total),
      valence: r4(valence / total),
      since: switches ? new Date(o.atMs).toISOString() : this.state.since,
    };
    const moved =
      this.state.arousal === null ||
      this.state.valence === null ||
      Math.abs(next.arousal! - this.state.arousal) >= this.opt.dimensionStep ||
      Math.abs(next.valence! - this.state.valence) >= this.opt.dimensionStep;
    if (!switches && !moved) return null;
    this.state = next;
    return next;
  }

  /** Forgets the history: the state becomes "no reading" as of `atMs` (muting, a stalled capture). */
  reset(atMs: number): MoodState {
    this.history = [];
    this.state = noReading(atMs);
    return this.state;
  }

  /**
   * A reading is only as good as the speech behind it: once the newest confident observation
   * is older than `expireS`, the state becomes "no reading". Returns it when that happens now.
   */
  expire(nowMs: number): MoodState | null {
    if (this.opt.expireS <= 0 || this.state.emotion === null) return null;
    const newest = this.history.at(-1)?.atMs ?? -Infinity;
    if (nowMs - newest < this.opt.expireS * 1000) return null;
    return this.reset(nowMs);
  }
}

function noReading(atMs: number): MoodState {
  return { emotion: null, confidence: null, arousal: null, valence: null, since: new Date(atMs).toISOString() };
}
