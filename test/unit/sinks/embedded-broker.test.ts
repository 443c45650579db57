// MqttSink against the in-process aedes broker (MQTT 3.1.1): connect, publish, receive, will.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../../daemon/sinks/embedded-broker.ts';
import { MqttSink } from '../../../daemon/sinks/mqtt-sink.ts';
import { EmotiondError } from '../../../daemon/core/errors.ts';
import { assertWillOnSigkill } from '../../helpers/killed-sink.ts';
import { subscribe } from '../../helpers/subscriber.ts';
import { makeEvent } from '../../helpers/emotion-event.ts';

let broker: EmbeddedBroker;

test.before(async () => {
  broker = await startEmbeddedBroker();
});
test.after(async () => {
  await broker.close();
});

test('listens on 127.0.0.1 on a port of its own when given port 0', () => {
  assert.ok(broker.port > 0);
  assert.is(broker.url, `mqtt://127.0.0.1:${broker.port}`);
});

test('connect, online retained, publish, receive, graceful offline', async () => {
  const s = new MqttSink({ url: broker.url, deviceId: 'emb', protocolVersion: 4, logger: () => {} });
  await s.start();
  assert.ok(s.connected);
  const avail = await subscribe(broker.url, 'emotiond/emb/availability');
  assert.ok((await avail.waitFor((m) => m.payload === 'online')).retain, 'online is retained');
  const events = await subscribe(broker.url, 'emotiond/emb/event');
  const e = makeEvent('emb', 7);
  await s.publishEvent(e);
  const m = await events.waitFor((x) => x.payload.includes(e.event_id));
  assert.equal(JSON.parse(m.payload), e);
  assert.is(m.qos, 1);
  await s.stop();
  await avail.waitFor((x) => x.payload === 'offline', 2000);
  await avail.close();
  await events.close();
});

test('last will: a SIGKILLed sink process is reported offline', async () => {
  await assertWillOnSigkill(broker.url, 'emb-crash', 4);
});

test('a taken port is reported as BROKER with the address', async () => {
  const err = await startEmbeddedBroker({ port: broker.port }).then(() => undefined, (e: unknown) => e);
  assert.instance(err, EmotiondError);
  assert.is((err as EmotiondError).code, 'BROKER');
  assert.match((err as Error).message, `127.0.0.1:${broker.port}`);
});

test('freePortIfTaken: a taken port (a system mosquitto on 1883) gives way to a free one, and says which', async () => {
  const b = await startEmbeddedBroker({ port: broker.port, freePortIfTaken: true });
  try {
    assert.is(b.takenPort, broker.port);
    assert.ok(b.port > 0 && b.port !== broker.port, `moved to ${b.port}`);
    const s = new MqttSink({ url: b.url, deviceId: 'emb-moved', protocolVersion: 4, logger: () => {} });
    await s.start();
    assert.ok(s.connected, 'the moved broker serves clients');
    await s.stop();
  } finally {
    await b.close();
  }
});

test('close() is bounded with clients still connected, and safe twice', async () => {
  const b = await startEmbeddedBroker();
  const s = new MqttSink({ url: b.url, deviceId: 'emb-close', logger: () => {}, reconnectMinMs: 100 });
  await s.start();
  const t0 = Date.now();
  await b.close();
  await b.close();
  assert.ok(Date.now() - t0 < 2000);
  const t1 = Date.now();
  await s.stop();
  assert.ok(Date.now() - t1 < 1000, `stop() after the broker went away took ${Date.now() - t1} ms`);
});

test.run();
