// What the daemon tells about itself besides events: the retained state (mood, mute, capture),
// the diagnostics, the room summaries and the live status page. It owns the capture health
// (listening, muted, stalled, stopped), the mood's expiry and the state heartbeat, checked
// once a second by tick(). The composition root (daemon.ts) calls it as events and audio pass.
import type { EmotionEvent } from '../core/types.ts';
import type { Logger } from '../log/logger.ts';
import type { Config } from '../config/schema.ts';
import type { MoodState } from '../events/smoothing.ts';
import { SummaryWindow, type Interval } from '../events/summary-window.ts';
import type { Summary } from '../events/summary.ts';
import { UtteranceIds } from '../events/utterance-ids.ts';
import type { CaptureState, StatePayload } from '../sinks/topics.ts';
import { AUDIO_STALE_S, type DaemonParts } from './daemon-parts.ts';
import { LiveStatus } from './live-status.ts';
import { VERSION } from './stage-settings.ts';

export interface ReportsContext {
  /** The config at start (a reload's goes through parts().config). */
  config: Config;
  /** The running parts (a reload replaces some of them); not called before they exist. */
  parts: () => DaemonParts;
  muted: () => boolean;
  /** performance.now() of the last captured chunk. */
  lastAudioAt: () => number;
  log: Logger;
}

export class DaemonReports {
  capture: CaptureState;
  /** The last finished summary interval, for the emotiond_summary_* gauges. */
  lastSummary: { summary: Summary; classes: readonly string[] } | null = null;
  /** Windows and the final segment of one utterance share an id (utterance-ids.ts). */
  readonly utterances = new UtteranceIds();
  readonly summaries: SummaryWindow;
  readonly live: LiveStatus;
  private lastEventAt: string | null = null;
  private lastStateSentMs = 0;

  constructor(private readonly ctx: ReportsContext) {
    const config = ctx.config;
    this.capture = ctx.muted() ? 'muted' : 'listening';
    // An interval is summarised once the VAD is past its end by more than a hangover and padding.
    this.summaries = new SummaryWindow(config.summary.interval_s, config.vad.hangover_s + config.vad.padding_s + 0.5);
    this.live = new LiveStatus({
      deviceId: () => ctx.parts().config.device_id,
      publishesUtterances: () => ctx.parts().config.privacy.publish === 'all',
      state: () => this.state(),
      health: () => {
        const p = ctx.parts();
        return { capture: this.capture, mqtt_connected: p.publisher.connected, model: p.stages.classifier.meta.name, vad: p.runner.engine, outbox_depth: p.publisher.depth };
      },
      lastHour: () => this.summaries.lastHour(Date.now(), ctx.parts().stages.classifier.meta.classes),
    });
  }

  /** Under privacy.publish summaries/none the state says whether the device listens, never a mood. */
  state(): StatePayload {
    const p = this.ctx.parts();
    const since = p.smoother.current.since;
    const mood: MoodState = p.config.privacy.publish === 'all' ? p.smoother.current : { emotion: null, confidence: null, arousal: null, valence: null, since };
    return { ...mood, muted: this.ctx.muted(), capture: this.capture };
  }

  sendState(): void {
    const s = this.state();
    this.lastStateSentMs = Date.now();
    this.ctx.parts().publisher.publishState(s);
    this.live.state(s);
  }

  sendDiagnostics(): void {
    const p = this.ctx.parts();
    p.publisher.publishDiagnostics({
      capture: this.capture,
      last_event: this.lastEventAt,
      model: p.stages.classifier.meta.name,
      events_last_hour: this.summaries.eventsLastHour(Date.now()),
      sw_version: VERSION,
    });
  }

  /** An event was made: the page shows it; a final one also counts in the summaries. */
  event(event: EmotionEvent): void {
    if (event.final) {
      this.summaries.add({ emotion: event.emotion, durationS: event.duration_s, arousal: event.arousal, valence: event.valence, endS: event.end_s, atMs: Date.now() });
      this.lastEventAt = event.timestamp;
    }
    this.live.utterance(event);
    if (event.final) this.sendDiagnostics();
  }

  /** Muted or unmuted (the state is sent by the caller). */
  muted(m: boolean): void {
    this.capture = m ? 'muted' : 'listening';
    if (m) this.utterances.reset();
    this.sendDiagnostics();
    this.live.health();
  }

  /** Complete summary intervals, published (unless privacy.publish is none) and kept for the gauges. */
  closeSummaries(due: Interval[]): void {
    const p = this.ctx.parts();
    const classes = p.stages.classifier.meta.classes;
    for (const iv of due) {
      const summary = this.summaries.close(iv, classes);
      if (p.config.privacy.publish === 'none') continue;
      this.lastSummary = { summary, classes };
      p.publisher.publishSummary({
        device_id: p.config.device_id,
        from_s: Number(iv.fromS.toFixed(3)),
        to_s: Number(iv.toS.toFixed(3)),
        interval_s: Number((iv.toS - iv.fromS).toFixed(3)),
        timestamp: new Date().toISOString(),
        ...summary,
      });
    }
  }

  /** Once a second: capture health, the mood's expiry, the state heartbeat. */
  tick(): void {
    const p = this.ctx.parts();
    const now = Date.now();
    const audioAgeS = (performance.now() - this.ctx.lastAudioAt()) / 1000;
    const next: CaptureState = this.ctx.muted() ? 'muted' : audioAgeS >= AUDIO_STALE_S ? 'stalled' : 'listening';
    if (next !== this.capture && this.capture !== 'stopped') {
      this.capture = next;
      // A dead microphone hears nothing: its last mood is no reading any more.
      if (next === 'stalled') {
        p.smoother.reset(now);
        this.utterances.reset();
        this.ctx.log('warn', `no audio for ${audioAgeS.toFixed(0)} s: capture stalled`, { stage: 'audio', code: 'CAPTURE_STALLED' });
      } else this.ctx.log('info', 'capture delivers audio again', { stage: 'audio' });
      this.sendState();
      this.sendDiagnostics();
      this.live.health();
      return;
    }
    const expireS = p.config.events.state_expire_s;
    // Re-sent at half the expiry, so Home Assistant's expire_after only fires when the daemon is gone.
    if (p.smoother.expire(now) || (expireS > 0 && now - this.lastStateSentMs >= (expireS * 1000) / 2)) this.sendState();
  }

  /** A clean stop: `capture: stopped` is the last retained state (a crash leaves the last one and the will). */
  async stopped(): Promise<void> {
    this.capture = 'stopped';
    this.sendDiagnostics();
    await this.ctx.parts().publisher.finalState(this.state(), 1000);
  }
}
