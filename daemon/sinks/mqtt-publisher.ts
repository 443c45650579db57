// The MQTT stage as the daemon sees it: events go into the on-disk outbox and from there to
// the broker in order; the retained state and the Home Assistant discovery configs are
// (re)published on every connect; commands arriving on the set topic are validated and
// handed to the owner. The connection itself can be replaced (config reload) while the
// outbox, and so every undelivered event, stays.
import type { EmotionEvent } from '../core/types.ts';
import { EmotiondError, errorMessage } from '../core/errors.ts';
import { MqttSink, type MqttSinkOptions, type SinkLogger } from './mqtt-sink.ts';
import { Outbox, type OutboxFault } from './outbox.ts';
import { parseCommand, type Command } from './commands.ts';
import { discoveryMessages, type DiscoveryInput } from './discovery.ts';
import { discoveryTopics, topicsFor, type StatePayload } from './topics.ts';

export interface PublisherSettings {
  sink: Omit<MqttSinkOptions, 'subscriptions' | 'onMessage' | 'onConnect' | 'logger'>;
  /** Home Assistant discovery: prefix, device name, what the enum sensor offers. */
  discovery?: { prefix: string; name: string; classes: readonly string[]; model: string; swVersion: string };
  /** Events handed to the connection at once; more wait in the outbox (keeps order and memory bounded). */
  window: number;
}

export interface PublisherHooks {
  log: SinkLogger;
  onCommand: (command: Command) => void;
  /** An event was acknowledged by the broker. */
  onDelivered?: (eventId: string) => void;
  onRejectedCommand?: (err: EmotiondError) => void;
}

export class MqttPublisher {
  private sink: MqttSink | null = null;
  private settings: PublisherSettings;
  private state: StatePayload | null = null;
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
    const dt = s.discovery ? discoveryTopics(s.sink.deviceId, s.discovery.prefix) : undefined;
    const sink: MqttSink = new MqttSink({
      ...s.sink,
      logger: (level, msg, fields) => this.hooks.log(level, msg, { stage: 'sinks', ...fields }),
      subscriptions: [topicsFor(s.sink.deviceId, s.sink.topicPrefix).set, ...(dt ? [dt.status] : [])],
      onMessage: (topic, payload, retained) => {
        if (topic === sink.topics.set) this.command(payload, retained);
        else if (dt && topic === dt.status && payload.toString() === 'online') this.announce(sink);
      },
      onConnect: () => {
        this.announce(sink);
        this.sendState();
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
    const keep = new Set(next.discovery ? Object.values(discoveryTopics(next.sink.deviceId, next.discovery.prefix)) : []);
    const { status: _status, ...old } = discoveryTopics(cur.sink.deviceId, cur.discovery.prefix);
    const gone = Object.values(old).filter((t) => !keep.has(t));
    await Promise.allSettled(gone.map((t) => sink.publish(t, '', { qos: 1, retain: true }, 'discovery removal')));
  }

  private command(payload: Buffer, retained: boolean): void {
    // A command acts once, when it is sent. A retained one would be obeyed again at every
    // connect (a retained "mute" re-muting the device after each restart, whatever came since).
    if (retained) {
      if (payload.length > 0) {
        this.hooks.log('warn', 'set command ignored: it is a retained message (commands act once; remove it by publishing an empty retained message to the set topic)', { stage: 'sinks', code: 'COMMAND' });
      }
      return;
    }
    let cmd: Command;
    try {
      cmd = parseCommand(payload);
    } catch (err) {
      const e = err instanceof EmotiondError ? err : new EmotiondError('COMMAND', errorMessage(err));
      this.hooks.log('warn', e.message, { stage: 'sinks', code: e.code });
      this.hooks.onRejectedCommand?.(e);
      return;
    }
    this.hooks.onCommand(cmd);
  }

  private announce(sink: MqttSink): void {
    const d = this.settings.discovery;
    if (!d || sink !== this.sink) return;
    const input: DiscoveryInput = {
      deviceId: this.settings.sink.deviceId,
      name: d.name,
      topics: sink.topics,
      discovery: discoveryTopics(this.settings.sink.deviceId, d.prefix),
      classes: d.classes,
      model: d.model,
      swVersion: d.swVersion,
    };
    for (const [topic, payload] of discoveryMessages(input)) this.send(sink, topic, payload, true, 'discovery config');
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
