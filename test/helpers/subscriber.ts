// A test-side MQTT client that subscribes to a topic filter and keeps every message, so a
// test can wait for the one it expects (or fail with a list of what did arrive).
import { connect, type MqttClient } from 'mqtt';

export interface Received {
  topic: string;
  payload: string;
  qos: number;
  retain: boolean;
  /** Date.now() when it arrived, for "promptly" checks. */
  at: number;
}

export interface Subscriber {
  readonly messages: Received[];
  /** The first message (already received or still to come) matching `predicate`. */
  waitFor(predicate: (m: Received) => boolean, timeoutMs?: number): Promise<Received>;
  close(): Promise<void>;
}

export async function subscribe(
  url: string,
  filter: string,
  // A fixed clientId with clean: false keeps the subscription (and QoS 1 messages queued
  // for it) on the broker while this client or the broker is down.
  opts: { protocolVersion?: 4 | 5; clientId?: string; clean?: boolean } = {},
): Promise<Subscriber> {
  const messages: Received[] = [];
  const waiters = new Set<() => void>();
  const client: MqttClient = connect(url, {
    protocolVersion: opts.protocolVersion ?? 4,
    clientId: opts.clientId ?? `test-sub-${globalThis.crypto.randomUUID().slice(0, 8)}`,
    clean: opts.clean ?? true,
    reconnectPeriod: 200,
    connectTimeout: 5000,
  });
  client.on('error', () => {
    // reconnects by itself; a test that needs messages fails on its own timeout
  });
  client.on('message', (topic, payload, packet) => {
    messages.push({ topic, payload: payload.toString('utf8'), qos: packet.qos, retain: packet.retain, at: Date.now() });
    for (const wake of [...waiters]) wake();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`subscriber: no connection to ${url} within 5 s`)), 5000);
    client.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  await client.subscribeAsync(filter, { qos: 1 });

  return {
    messages,
    waitFor(predicate, timeoutMs = 5000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<Received>((resolve, reject) => {
        const check = (): void => {
          const m = messages.find(predicate);
          if (!m) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(m);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const seen = messages.map((m) => `${m.topic}=${m.payload.slice(0, 80)}${m.retain ? ' (retained)' : ''}`);
          reject(new Error(`no matching message on ${filter} within ${timeoutMs} ms; got [${seen.join(', ')}]`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    close: () => client.endAsync(true),
  };
}

/**
 * The event ids of received emotion events in order of first arrival, duplicates dropped:
 * QoS 1 is at-least-once, so redeliveries are allowed while gaps and reordering are not.
 */
export function distinctEventIds(messages: readonly Received[]): string[] {
  const seen: string[] = [];
  for (const m of messages) {
    const id = JSON.parse(m.payload).event_id as string;
    if (!seen.includes(id)) seen.push(id);
  }
  return seen;
}
