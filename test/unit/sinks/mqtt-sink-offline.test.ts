// MqttSink when the broker is away: queued events survive, shutdown stays bounded,
// unusable URLs fail with a clear error.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MqttSink, type MqttSinkOptions, type LogLevel } from '../../../daemon/sinks/mqtt-sink.ts';
import { EmotiondError } from '../../../daemon/core/errors.ts';
import { findMosquitto, startMosquitto, type Mosquitto } from '../../helpers/mosquitto.ts';
import { distinctEventIds, subscribe } from '../../helpers/subscriber.ts';
import { makeEvent } from '../../helpers/emotion-event.ts';
import { freePort } from '../../helpers/free-port.ts';

const have = findMosquitto() !== undefined;
if (!have) console.log('SKIP: mosquitto is not installed; broker tests need it (apt-get install mosquitto)');
const withBroker = have ? test : test.skip;
let broker: Mosquitto | undefined;

test.after(async () => {
  await broker?.stop();
});

function sink(url: string, deviceId: string, extra: Partial<MqttSinkOptions> = {}) {
  const logs: { level: LogLevel; msg: string }[] = [];
  const s = new MqttSink({
    url,
    deviceId,
    reconnectMinMs: 100,
    reconnectMaxMs: 400,
    logger: (level, msg) => logs.push({ level, msg }),
    ...extra,
  });
  return { s, logs };
}

async function rejection(p: Promise<unknown>): Promise<EmotiondError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  assert.instance(err, EmotiondError, 'expected an EmotiondError');
  return err as EmotiondError;
}

/** A TCP server that accepts and then says nothing: a hung broker. */
async function silentServer(): Promise<{ url: string; accepted: () => number; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  const server = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    accepted: () => sockets.length,
    // Its sockets are never read, so they never notice the client's FIN: destroy them,
    // else server.close() waits forever.
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

withBroker('events published while the broker is down arrive in order once it is up', async () => {
  broker = await startMosquitto();
  const id = 'outage';
  // A persistent session: the broker keeps queueing for it across its own restart.
  const sub = await subscribe(broker.url, `emotiond/${id}/event`, { clientId: 'outage-sub', clean: false });
  await broker.stop();

  const { s, logs } = sink(broker.url, id);
  const t0 = Date.now();
  await s.start();
  assert.ok(Date.now() - t0 < 3500, 'start() does not hang on a down broker');
  assert.not.ok(s.connected);
  assert.ok(logs.some((l) => l.level === 'warn' && l.msg.includes(broker!.url)), 'the fault is logged with the URL');

  const events = Array.from({ length: 20 }, (_, i) => makeEvent(id, i));
  let acked = 0;
  const published = events.slice(0, 10).map((e) => s.publishEvent(e).then(() => acked++));
  await new Promise((r) => setTimeout(r, 300));
  assert.is(acked, 0, 'nothing is acknowledged while the broker is down');

  await broker.restart();
  await Promise.all(published);
  // Once back, a second outage in the middle of the stream must not lose anything either.
  await broker.stop();
  published.push(...events.slice(10).map((e) => s.publishEvent(e).then(() => acked++)));
  await broker.restart();
  await Promise.all(published);
  assert.is(acked, 20);

  await sub.waitFor((m) => JSON.parse(m.payload).event_id === events[19].event_id, 5000);
  assert.equal(distinctEventIds(sub.messages), events.map((e) => e.event_id));
  await s.stop();
  await sub.close();
});

withBroker('a broker restart in the middle of a stream of events loses none', async () => {
  broker ??= await startMosquitto();
  const id = 'midstream';
  const sub = await subscribe(broker.url, `emotiond/${id}/event`, { clientId: 'midstream-sub', clean: false });
  const { s } = sink(broker.url, id);
  await s.start();
  const events = Array.from({ length: 150 }, (_, i) => makeEvent(id, i));
  const published: Promise<void>[] = [];
  // Publish without waiting for acks, so some are in flight when the broker goes away.
  const outage = (async () => {
    await new Promise((r) => setTimeout(r, 150));
    await broker!.stop();
    await new Promise((r) => setTimeout(r, 300));
    await broker!.restart();
  })();
  for (const e of events) {
    published.push(s.publishEvent(e));
    await new Promise((r) => setTimeout(r, 5));
  }
  await outage;
  await Promise.all(published);
  await sub.waitFor((m) => JSON.parse(m.payload).event_id === events[149].event_id, 5000);
  assert.equal(distinctEventIds(sub.messages), events.map((e) => e.event_id));
  await s.stop();
  await sub.close();
});

test('refused connection: start() resolves, keeps retrying with backoff, stop() is bounded', async () => {
  const port = await freePort();
  let attempts = 0;
  // Count attempts by answering each with a hang-up: the sink sees a dead broker.
  const server = createServer((sock) => {
    attempts++;
    sock.destroy();
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const { s } = sink(`mqtt://127.0.0.1:${port}`, 'refused');
  await s.start();
  assert.not.ok(s.connected);
  const pending = s.publishEvent(makeEvent('refused', 1));
  await new Promise((r) => setTimeout(r, 2000));
  // Backoff 100, 200, 400, 400... ms gives about 6 tries in 2 s; a fixed 100 ms would give 20.
  assert.ok(attempts >= 3 && attempts <= 10, `${attempts} attempts in 2 s`);
  const t0 = Date.now();
  await s.stop();
  assert.ok(Date.now() - t0 < 3000, `stop() took ${Date.now() - t0} ms`);
  assert.is((await rejection(pending)).code, 'BROKER');
  await new Promise<void>((r) => server.close(() => r()));
});

test('hung broker (accepts, never answers): start() and stop() are both bounded', async () => {
  const hung = await silentServer();
  const { s } = sink(hung.url, 'hung', { startWaitMs: 500 });
  const t0 = Date.now();
  await s.start();
  assert.ok(Date.now() - t0 < 1500, `start() took ${Date.now() - t0} ms`);
  assert.ok(hung.accepted() >= 1);
  const pending = s.publishEvent(makeEvent('hung', 1));
  const t1 = Date.now();
  await s.stop();
  assert.ok(Date.now() - t1 < 3000, `stop() took ${Date.now() - t1} ms`);
  assert.is((await rejection(pending)).code, 'BROKER');
  await hung.close();
});

test('nothing listening at all: stop() returns within a few seconds', async () => {
  const { s } = sink(`mqtt://127.0.0.1:${await freePort()}`, 'nobody');
  await s.start();
  const t0 = Date.now();
  await s.stop();
  assert.ok(Date.now() - t0 < 3000);
});

test('unusable URLs reject with BROKER, naming the URL without its password', async () => {
  const bad = new MqttSink({ url: 'http://user:hunter2@example.invalid', deviceId: 'x', logger: () => {} });
  const err = await rejection(bad.start());
  assert.is(err.code, 'BROKER');
  assert.match(err.message, 'http://user:***@example.invalid');
  assert.not.match(err.message, 'hunter2');
  const embedded = await rejection(new MqttSink({ url: 'embedded', deviceId: 'x' }).start());
  assert.match(embedded.message, /embedded broker/);
});

test('a bad device id is refused at construction', () => {
  assert.throws(() => new MqttSink({ url: 'mqtt://127.0.0.1:1', deviceId: 'a/b' }), /device_id/);
});

test.run();
