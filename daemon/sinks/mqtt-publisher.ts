// The MQTT stage as the daemon sees it: events go into the on-disk outbox and from there to
// the broker in order; the retained state and the Home Assistant discovery configs are
// (re)published on every connect; commands arriving on the set topic are validated and
// handed to the owner. The connection itself can be replaced (config reload) while the
// outbox, and so every undelivered event, stays.
import type { EmotionEvent } from '../core/types.ts';
import { EmotiondError, errorMessage } from '../core/errors.ts';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { MqttSink, type MqttSinkOptions, type RequestProperties, type SinkLogger } from './mqtt-sink.ts';
import { Outbox, type OutboxFault } from './outbox.ts';
import { commandName, parseCommand, peekCorrelation, type Command } from './commands.ts';
import { discoveryMessages, type DiscoveryInput } from './discovery.ts';
import {
  discoveryTopics,
  topicsFor,
  type CommandResponse,
  type DiagnosticsPayload,
  type HelloPayload,
  type StatePayload,
  type SummaryPayload,
} from './topics.ts';

export interface PublisherSettings {
  sink: Omit<MqttSinkOptions, 'subscriptions' | 'onMessage' | 'onConnect' | 'logger'>;
  /** Home Assistant discovery: prefixes, device name, what the entities offer (DiscoveryInput). */
  discovery?: Omit<DiscoveryInput, 'deviceId' | 'topics' | 'discovery'> & { prefix: string; statusTopic?: string };
  /** Events handed to the connection at once; more wait in the outbox (keeps order and memory bounded). */
  window: number;
}

/** What the owner says a command did. */
export interface CommandOutcome {
  ok: boolean;
  muted?: boolean;
  error?: string;
}

export interface PublisherHooks {
  log: SinkLogger;
  onCommand: (command: Command) => Promise<CommandOutcome>;
  /** An event was acknowledged by the broker. */
  onDelivered?: (eventId: string) => void;
  onRejectedCommand?: (err: EmotiondError) => void;
  /** Another process announced itself under this device's topics. */
  onDuplicate?: (other: HelloPayload) => void;
}

/** Longest response topic an MQTT 5 request may name (any other is answered on `…/response`). */
const MAX_RESPONSE_TOPIC = 256;

export class MqttPublisher {
  private sink: MqttSink | null = null;
  private settings: PublisherSettings;
  private state: StatePayload | null = null;
  private summary: SummaryPayload | null = null;
  private diagnostics: DiagnosticsPayload | null = null;
  private readonly hello: HelloPayload = { instance: randomUUID(), host: hostname(), pid: process.pid };
  /** Other instances already answered, so two daemons greet each other once, not forever. */
  private readonly greeted = new Set<string>();
  private pumping = false;
  /** Events handed to the current connection and not yet acknowledged. */
  private eventsOut = 0;

  constructor(
    settings: PublisherSettings,
    private readonly outbox: Outbox,
    private readonly hooks: PublisherHooks,
  ) {
    this.settings = settings;
  }

  get connected(): boolean {
    return this.sink?.connected ?? false;
  }

  get depth(): number {
    return this.outbox.depth;
  }

  get dropped(): number {
    return this.outbox.dropped;
  }

  /** The outbox file's write fault (disk full, I/O error), while there is one. */
  get outboxFault(): OutboxFault | null {
    return this.outbox.fault;
  }

  get outboxWriteErrors(): number {
    let n = 0;
    for (const v of this.outbox.writeErrors.values()) n += v;
    return n;
  }

  async start(): Promise<void> {
    const { recovered, unreadable } = await this.outbox.start();
    if (recovered) this.hooks.log('info', `outbox: ${recovered} undelivered events from the last run will be sent first`, { stage: 'sinks' });
    if (unreadable) this.hooks.log('warn', `outbox: ${unreadable} unreadable lines skipped`, { stage: 'sinks' });
    await this.connect();
  }

  /** Swaps the connection for one with new settings; `offline` from the old goes before `online` from the new. */
  async reconfigure(settings: PublisherSettings): Promise<void> {
    await this.withdrawDiscovery(settings);
    await this.sink?.stop();
    this.sink = null;
    this.eventsOut = 0;
    this.settings = settings;
    await this.connect();
  }

  publishEvent(event: EmotionEvent): void {
    this.outbox.add(event);
    this.pump();
  }

  /** Sets the retained state; sent now if connected, else on the next connect. */
  publishState(state: StatePayload): void {
    this.state = state;
    this.sendState();
  }

  /** Sets the retained summary (sent now if connected, else on the next connect). */
  publishSummary(summary: SummaryPayload): void {
    this.summary = summary;
    this.sendRetained('summary');
  }

  /** Sets the retained diagnostics (capture, last event, model, events in the last hour). */
  publishDiagnostics(d: DiagnosticsPayload): void {
    this.diagnostics = d;
    this.sendRetained('diagnostics');
  }

  /**
   * The last retained state before a clean stop (`capture: stopped`), so that it can be told
   * from a crash, after which the state keeps its last value and availability turns offline.
   * Resolves once acknowledged or after `ms`.
   */
  async finalState(state: StatePayload, ms: number): Promise<void> {
    this.state = state;
    const sink = this.sink;
    if (!sink?.connected) return;
    const sent = sink.publish(sink.topics.state, JSON.stringify(state), { qos: 1, retain: true }, 'state').catch(() => undefined);
    await Promise.race([sent, new Promise((r) => setTimeout(r, ms).unref())]);
  }

  /** Waits (at most `ms`) for the outbox to empty, then says `offline` and disconnects. */
  async stop(ms: number): Promise<boolean> {
    const drained = this.connected ? await this.outbox.drained(ms) : this.outbox.depth === 0;
    await this.sink?.stop();
    this.sink = null;
    await this.outbox.stop();
    return drained;
  }

  private async connect(): Promise<void> {
    const s = this.settings;
    const dt = s.discovery ? discoveryTopics(s.sink.deviceId, s.discovery.prefix, s.discovery.statusTopic) : undefined;
    const own = topicsFor(s.sink.deviceId, s.sink.topicPrefix);
    const sink: MqttSink = new MqttSink({
      ...s.sink,
      logger: (level, msg, fields) => this.hooks.log(level, msg, { stage: 'sinks', ...fields }),
      subscriptions: [own.set, own.hello, ...(dt ? [dt.status] : [])],
      onMessage: (topic, payload, request, retained) => {
        if (topic === sink.topics.set) void this.command(sink, payload, request, retained);
        else if (topic === sink.topics.hello) this.greet(sink, payload);
        else if (dt && topic === dt.status && payload.toString() === 'online') this.announce(sink);
      },
      onConnect: () => {
        this.send(sink, sink.topics.hello, JSON.stringify(this.hello), false, 'hello');
        this.announce(sink);
        this.sendState();
        this.sendRetained('summary');
        this.sendRetained('diagnostics');
        this.pump();
      },
    });
    this.sink = sink;
    await sink.start();
  }

  /**
   * Entities announced under topics the new settings no longer use (another device id or
   * prefix, discovery turned off) are removed from Home Assistant: an empty retained config.
   */
  private async withdrawDiscovery(next: PublisherSettings): Promise<void> {
    const sink = this.sink;
    const cur = this.settings;
    if (!sink?.connected || !cur.discovery) return;
    const keep = new Set(next.discovery ? Object.values(discoveryTopics(next.sink.deviceId, next.discovery.prefix).configs) : []);
    const old = discoveryTopics(cur.sink.deviceId, cur.discovery.prefix).configs;
    const gone = Object.values(old).filter((t) => !keep.has(t));
    await Promise.allSettled(gone.map((t) => sink.publish(t, '', { qos: 1, retain: true }, 'discovery removal')));
  }

  /**
   * Every command gets an answer: on the MQTT 5 request's response topic with its correlation
   * data, else on `…/response` with the `correlation_data` of the JSON command echoed.
   * A retained command is neither obeyed nor answered (see below).
   */
  private async command(sink: MqttSink, payload: Buffer, request: RequestProperties | undefined, retained: boolean): Promise<void> {
    // A command acts once, when it is sent. A retained one would be obeyed again at every
    // connect (a retained "mute" re-muting the device after each restart, whatever came since).
    if (retained) {
      if (payload.length > 0) {
        this.hooks.log('warn', 'set command ignored: it is a retained message (commands act once; remove it by publishing an empty retained message to the set topic)', { stage: 'sinks', code: 'COMMAND' });
      }
      return;
    }
    const rt = request?.responseTopic;
    const to = rt && rt.length <= MAX_RESPONSE_TOPIC && !/[+#\u0000]/.test(rt) ? rt : sink.topics.response;
    let response: CommandResponse;
    let correlation: string | undefined;
    try {
      const cmd = parseCommand(payload);
      correlation = cmd.correlation;
      const outcome = await this.hooks.onCommand(cmd);
      response = { ok: outcome.ok, command: commandName(cmd), ...(outcome.muted === undefined ? {} : { muted: outcome.muted }), ...(outcome.error ? { error: outcome.error } : {}) };
    } catch (err) {
      const e = err instanceof EmotiondError ? err : new EmotiondError('COMMAND', errorMessage(err));
      this.hooks.log('warn', e.message, { stage: 'sinks', code: e.code });
      this.hooks.onRejectedCommand?.(e);
      correlation = peekCorrelation(payload);
      response = { ok: false, error: e.message };
    }
    if (correlation !== undefined) response.correlation_data = correlation;
    if (sink !== this.sink) return;
    sink
      .publish(to, JSON.stringify(response), { qos: 1, retain: false, correlationData: request?.correlationData }, 'command response')
      .catch((err: unknown) => this.hooks.log('warn', `command response not published: ${errorMessage(err)}`, { stage: 'sinks' }));
  }

  /** A hello from another process under our topics: two devices share this device id. */
  private greet(sink: MqttSink, payload: Buffer): void {
    let other: HelloPayload;
    try {
      other = JSON.parse(payload.toString('utf8')) as HelloPayload;
    } catch {
      return;
    }
    if (!other || typeof other.instance !== 'string' || other.instance === this.hello.instance) return;
    this.hooks.onDuplicate?.(other);
    // Answer once, so the other one learns of us too (it may have connected first).
    if (this.greeted.has(other.instance)) return;
    this.greeted.add(other.instance);
    this.send(sink, sink.topics.hello, JSON.stringify(this.hello), false, 'hello');
  }

  private announce(sink: MqttSink): void {
    const d = this.settings.discovery;
    if (!d || sink !== this.sink) return;
    const { prefix, statusTopic, ...rest } = d;
    const input: DiscoveryInput = {
      ...rest,
      deviceId: this.settings.sink.deviceId,
      topics: sink.topics,
      discovery: discoveryTopics(this.settings.sink.deviceId, prefix, statusTopic),
    };
    for (const [topic, payload] of discoveryMessages(input)) this.send(sink, topic, payload, true, 'discovery config');
  }

  private sendRetained(which: 'summary' | 'diagnostics'): void {
    const sink = this.sink;
    const payload = this[which];
    if (!sink?.connected || !payload) return;
    this.send(sink, sink.topics[which], JSON.stringify(payload), true, which);
  }

  private sendState(): void {
    const sink = this.sink;
    if (!sink?.connected || !this.state) return;
    this.send(sink, sink.topics.state, JSON.stringify(this.state), true, 'state');
  }

  private send(sink: MqttSink, topic: string, payload: string, retain: boolean, what: string): void {
    sink.publish(topic, payload, { qos: 1, retain }, what).catch((err: unknown) => {
      this.hooks.log('warn', `${what} not published: ${errorMessage(err)}`, { stage: 'sinks' });
    });
  }

  /** Hands waiting events to the connection, oldest first, at most `window` unacknowledged. */
  private pump(): void {
    const sink = this.sink;
    if (!sink || this.pumping) return;
    this.pumping = true;
    try {
      const room = this.settings.window - this.eventsOut;
      for (const event of this.outbox.take(Math.max(0, room))) {
        this.eventsOut++;
        sink.publishEvent(event).then(
          () => {
            this.outbox.ack(event.event_id);
            this.hooks.onDelivered?.(event.event_id);
            if (sink === this.sink) this.eventsOut--;
            this.pump();
          },
          () => {
            // Only a stopped (replaced) connection fails a publish: the next one sends it again.
            this.outbox.giveBack(event.event_id);
          },
        );
      }
    } finally {
      this.pumping = false;
    }
  }
}
