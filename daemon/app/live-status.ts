// What the status page shows, gathered from the running daemon: the snapshot a page gets on
// (re)connect and the updates pushed after it. Per-utterance data is kept and sent only when
// privacy.publish is `all`; the input level is sent at most a few times a second.
import { readFileSync } from 'node:fs';
import type { EmotionEvent } from '../core/types.ts';
import type { Summary } from '../events/summary.ts';
import { LiveFeed } from '../log/live-feed.ts';
import type { StatePayload } from '../sinks/topics.ts';

const RECENT = 100;
const LEVEL_EVERY_MS = 200;

export interface LiveHealth {
  capture: string;
  mqtt_connected: boolean;
  model: string;
  vad: string;
  outbox_depth: number;
}

export interface LiveSources {
  deviceId: () => string;
  publishesUtterances: () => boolean;
  state: () => StatePayload;
  health: () => LiveHealth;
  lastHour: () => Summary;
}

export class LiveStatus {
  readonly html = readFileSync(new URL('../log/status-page/index.html', import.meta.url), 'utf8');
  readonly feed: LiveFeed;
  private readonly recent: EmotionEvent[] = [];
  private lastLevelMs = 0;
  private peak = 0;

  constructor(private readonly src: LiveSources) {
    this.feed = new LiveFeed(() => this.snapshot());
  }

  snapshot(): unknown {
    return {
      device_id: this.src.deviceId(),
      state: this.src.state(),
      health: this.src.health(),
      utterances: this.src.publishesUtterances() ? [...this.recent].sort((a, b) => a.timestamp.localeCompare(b.timestamp)) : [],
      summary_last_hour: this.src.lastHour(),
    };
  }

  utterance(e: EmotionEvent): void {
    if (!this.src.publishesUtterances()) return;
    // A final event replaces its utterance's provisional windows.
    const i = this.recent.findIndex((r) => r.utterance_id === e.utterance_id);
    if (i >= 0) this.recent.splice(i, 1);
    this.recent.push(e);
    if (this.recent.length > RECENT) this.recent.shift();
    this.feed.broadcast('utterance', e);
    if (e.final) this.feed.broadcast('summary', this.src.lastHour());
  }

  state(s: StatePayload): void {
    this.feed.broadcast('state', s);
  }

  health(): void {
    this.feed.broadcast('health', this.src.health());
  }

  /** Called with every captured chunk: the loudest chunk of each period goes out. */
  level(samples: Float32Array, speech: boolean): void {
    if (this.feed.size === 0) return;
    let sum = 0;
    for (let i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
    this.peak = Math.max(this.peak, samples.length ? sum / samples.length : 0);
    const now = Date.now();
    if (now - this.lastLevelMs < LEVEL_EVERY_MS) return;
    this.lastLevelMs = now;
    const dbfs = 10 * Math.log10(this.peak + 1e-10);
    this.peak = 0;
    this.feed.broadcast('level', { dbfs: Number(dbfs.toFixed(1)), speech });
  }
}
