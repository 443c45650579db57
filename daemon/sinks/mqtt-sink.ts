// The MQTT connection of the daemon, zigbee2mqtt style: a retained QoS 1 `offline` last
// will, a retained `online` on every (re)connect, subscriptions renewed on every connect,
// and a hook that lets the owner republish its retained messages (state, discovery).
//
// Contract for a broker that cannot be reached: start() never rejects for it. It resolves
// once the first attempt has succeeded (`online` acknowledged) or failed, or after
// `startWaitMs`; the fault is logged and the client keeps retrying with backoff in the
// background. start() rejects (EmotiondError 'BROKER', naming the URL) only for a URL that
// can never work, a configuration fault that retrying cannot fix.
//
// QoS 1 messages published while disconnected wait in mqtt.js's in-memory outgoing store
// and are replayed in order after a reconnect; what must survive a restart is kept by the
// outbox (outbox.ts), which hands events to this sink.
import { connect, type MqttClient } from 'mqtt';
import type { EmotionEvent } from '../core/types.ts';
import { EmotiondError, errorMessage } from '../core/errors.ts';
import { topicsFor, type Availability, type Topics } from './topics.ts';
import { nextBackoff } from './backoff.ts';
import { checkBrokerUrl, redactUrl, settlesWithin } from './mqtt-util.ts';
import type { TlsOptions } from './mqtt-tls.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type SinkLogger = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

export interface MqttSinkOptions {
  /** mqtt://, mqtts://, ws:// or wss://. `embedded` must be resolved by the caller first. */
  url: string;
  deviceId: string;
  topicPrefix?: string;
  clientId?: string;
  username?: string;
  password?: string;
  /** 4 = MQTT 3.1.1 (default; the only one the embedded broker speaks), 5 = MQTT 5. */
  protocolVersion?: 4 | 5;
  logger?: SinkLogger;
  /** First and largest wait between reconnect attempts (default 1 s and 30 s). */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** How long one attempt may wait for the broker's CONNACK (default 10 s). */
  connectTimeoutMs?: number;
  /** Longest start() waits for the first attempt (default 3 s). */
  startWaitMs?: number;
  /** Cap on stop(), a dead broker included (default 2 s). */
  stopTimeoutMs?: number;
  /** Messages allowed to wait for acknowledgement before publish() refuses more (default 10000). */
  maxPending?: number;
  tls?: TlsOptions;
  /** Seconds between keepalive pings (default 30). */
  keepaliveS?: number;
  /** Topic filters subscribed (QoS 1) on every connect; messages go to `onMessage`. */
  subscriptions?: string[];
  /**
   * `request`: an MQTT 5 message's response topic and correlation data, when it has them.
   * `retained`: the broker kept this message and delivers it because of our subscription.
   */
  onMessage?: (topic: string, payload: Buffer, request: RequestProperties | undefined, retained: boolean) => void;
  /** Called after every (re)connect, once `online` is out: republish retained messages here. */
  onConnect?: () => void;
}

export interface PublishOptions {
  qos: 0 | 1;
  retain: boolean;
  /** MQTT 5 only: correlation data of the request this answers. */
  correlationData?: Buffer;
}

export interface RequestProperties {
  responseTopic?: string;
  correlationData?: Buffer;
}

function defaultLogger(level: LogLevel, msg: string, fields?: Record<string, unknown>): void {
  // Faults must reach someone even when no logger is wired; debug chatter need not.
  if (level !== 'debug') console.error(`[${level}] mqtt-sink: ${msg}`, fields ?? '');
}

export class MqttSink {
  readonly topics: Topics;
  private readonly opts: MqttSinkOptions;
  private readonly log: SinkLogger;
  private readonly safeUrl: string;
  private client: MqttClient | undefined;
  private stopping = false;
  private readonly pending = new Set<(err: Error) => void>();
  private lastFault = '';
  private settleStart: (() => void) | undefined;

  constructor(opts: MqttSinkOptions) {
    this.opts = opts;
    this.log = opts.logger ?? defaultLogger;
    this.safeUrl = redactUrl(opts.url);
    // Throws CONFIG_INVALID for a bad device id now rather than at the first publish.
    this.topics = topicsFor(opts.deviceId, opts.topicPrefix);
  }

  /** True while a session with the broker is up. */
  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  async start(): Promise<void> {
    if (this.client) return;
    checkBrokerUrl(this.opts.url);
    const o = this.opts;
    const minMs = o.reconnectMinMs ?? 1000;
    const maxMs = o.reconnectMaxMs ?? 30_000;
    const startWaitMs = o.startWaitMs ?? 3000;
    const client = connect(o.url, {
      clientId: o.clientId ?? `emotiond-${o.deviceId}-${globalThis.crypto.randomUUID().slice(0, 8)}`,
      username: o.username,
      password: o.password,
      protocolVersion: o.protocolVersion ?? 4,
      clean: true,
      // Subscriptions are renewed in our 'connect' handler, once per connect.
      resubscribe: false,
      ...(o.tls ?? {}),
      keepalive: o.keepaliveS ?? 30,
      connectTimeout: o.connectTimeoutMs ?? 10_000,
      reconnectPeriod: minMs,
      // A refused CONNACK (bad credentials, broker not ready) may be fixed broker-side:
      // keep retrying rather than going silent forever.
      reconnectOnConnackError: true,
      will: { topic: this.topics.availability, payload: 'offline' satisfies Availability, qos: 1, retain: true },
      // mqtt-packet would otherwise keep a 2-byte Buffer for each of the 65536 packet ids
      // (~6 MiB of heap, for the daemon's few messages a second).
      writeCache: false,
    });
    this.client = client;
    const started = new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.settleStart?.(), startWaitMs);
      this.settleStart = () => {
        clearTimeout(timer);
        this.settleStart = undefined;
        resolve();
      };
    });

    client.on('connect', () => {
      if (this.stopping) return;
      client.options.reconnectPeriod = minMs;
      this.log('info', `connected to ${this.safeUrl}`, { client_id: client.options.clientId });
      this.lastFault = '';
      client.publish(this.topics.availability, 'online' satisfies Availability, { qos: 1, retain: true }, (err) => {
        if (err) this.log('warn', `could not publish online to ${this.safeUrl}: ${err.message}`);
        this.settleStart?.();
      });
      if (o.subscriptions?.length) {
        client.subscribe(o.subscriptions, { qos: 1 }, (err) => {
          if (err) this.log('warn', `could not subscribe to ${o.subscriptions!.join(', ')} on ${this.safeUrl}: ${err.message}`);
        });
      }
      try {
        o.onConnect?.();
      } catch (err) {
        this.log('error', `connect hook failed: ${errorMessage(err)}`, { stage: 'sinks' });
      }
    });
    client.on('message', (topic, payload, packet) => {
      try {
        const p = packet.properties;
        o.onMessage?.(topic, payload, p ? { responseTopic: p.responseTopic, correlationData: p.correlationData } : undefined, packet.retain);
      } catch (err) {
        // One bad message handler must not take the connection down.
        this.log('error', `handler for a message on ${topic} failed: ${errorMessage(err)}`, { stage: 'sinks' });
      }
    });
    // mqtt.js reads reconnectPeriod each time it arms its timer; 'reconnect' fires at the
    // start of an attempt, so widening it here sets the wait after this attempt fails.
    client.on('reconnect', () => {
      client.options.reconnectPeriod = nextBackoff(client.options.reconnectPeriod ?? minMs, { minMs, maxMs });
      this.log('debug', `reconnecting to ${this.safeUrl}`);
    });
    client.on('close', () => {
      if (this.stopping) return;
      this.log('debug', `connection to ${this.safeUrl} closed; next attempt in ${client.options.reconnectPeriod} ms`);
      this.settleStart?.();
    });
    client.on('offline', () => {
      if (!this.stopping) this.log('warn', `MQTT broker ${this.safeUrl} unreachable; events wait in the outbox`);
    });
    // Without an 'error' listener an EventEmitter throws, which would take the daemon down.
    client.on('error', (err) => this.fault(err));
    await started;
  }

  /** Publishes one event (QoS 1, not retained); resolves once the broker acknowledged it. */
  publishEvent(event: EmotionEvent): Promise<void> {
    return this.publish(this.topics.event, JSON.stringify(event), { qos: 1, retain: false }, `event ${event.event_id}`);
  }

  /**
   * Publishes one message; a QoS 1 one resolves once the broker acknowledged it, which may
   * be after any number of reconnects. Rejects (BROKER) only when refused or stopped.
   */
  publish(topic: string, payload: string, opts: PublishOptions, what = 'message'): Promise<void> {
    const client = this.client;
    if (!client || this.stopping) {
      return Promise.reject(new EmotiondError('BROKER', `MQTT sink for ${this.safeUrl} is not running`));
    }
    const max = this.opts.maxPending ?? 10_000;
    if (this.pending.size >= max) {
      return Promise.reject(new EmotiondError('BROKER', `${max} messages already wait for ${this.safeUrl}; ${what} refused`));
    }
    return new Promise<void>((resolve, reject) => {
      const fail = (err: Error): void => {
        this.pending.delete(fail);
        reject(new EmotiondError('BROKER', `${what} to ${topic} on ${this.safeUrl}: ${err.message}`, { cause: err }));
      };
      this.pending.add(fail);
      const { correlationData, ...base } = opts;
      // MQTT 3.1.1 has no properties: the correlation goes in the payload instead (commands.ts).
      const withProps = correlationData && this.opts.protocolVersion === 5 ? { ...base, properties: { correlationData } } : base;
      client.publish(topic, payload, withProps, (err) => {
        if (!this.pending.has(fail)) return; // already failed by stop()
        if (err) return fail(err);
        this.pending.delete(fail);
        resolve();
      });
    });
  }

  /** Publishes `offline` and disconnects; returns within `stopTimeoutMs` even if the broker is dead. */
  async stop(): Promise<void> {
    const client = this.client;
    if (!client || this.stopping) return;
    this.stopping = true;
    this.settleStart?.();
    const deadline = Date.now() + (this.opts.stopTimeoutMs ?? 2000);
    const left = (): number => Math.max(0, deadline - Date.now());
    let graceful = false;
    if (client.connected) {
      // Goes out after any queued events, so its PUBACK means those were delivered too.
      const offline = client.publishAsync(this.topics.availability, 'offline' satisfies Availability, { qos: 1, retain: true });
      // A connection that drops meanwhile will never bring the PUBACK: stop waiting then.
      const dropped = new Promise<never>((_, reject) => client.once('close', () => reject(new Error('closed'))));
      graceful = await settlesWithin(Promise.race([offline, dropped]), left());
    }
    // A clean DISCONNECT makes the broker drop the will, which is why `offline` went first.
    const ended = settlesWithin(new Promise<void>((resolve) => client.end(!graceful, {}, () => resolve())), left());
    if (!(await ended)) client.stream?.destroy(); // end(false) waits for acks that will never come
    if (this.pending.size > 0) {
      this.log('warn', `${this.pending.size} messages not acknowledged by ${this.safeUrl} before stop`);
      for (const fail of [...this.pending]) fail(new Error('sink stopped before the broker acknowledged it'));
    }
    this.log('info', `disconnected from ${this.safeUrl}`);
  }

  private fault(err: Error): void {
    // The same fault repeats on every retry: say it once as a warning, then quietly.
    const msg = errorMessage(err);
    const level: LogLevel = msg === this.lastFault ? 'debug' : 'warn';
    this.lastFault = msg;
    this.log(level, `MQTT broker ${this.safeUrl}: ${msg}`, { code: (err as { code?: unknown }).code });
  }
}
