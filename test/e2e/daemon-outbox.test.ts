// The outbox end to end: events made while the broker is away (a short outage, and across
// a daemon killed and started again) all reach a subscriber, in the order they were made.
// Delivery is at least once: the subscriber drops duplicates by event_id, as documented.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findMosquitto, startMosquitto, type Mosquitto } from '../helpers/mosquitto.ts';
import { subscribe, type Subscriber } from '../helpers/subscriber.ts';
import { hasEspeak, speakSentences } from '../fixtures/speech.ts';
import { ROOT, startDaemonProcess, type DaemonProcess } from '../helpers/daemon-process.ts';
import { tempDir } from '../unit/audio/audio-test-kit.ts';

const missing = [!findMosquitto() && 'mosquitto', !hasEspeak() && 'espeak-ng', !existsSync(join(ROOT, 'models/emotion.onnx')) && 'model'].filter(Boolean);
const it = missing.length ? test.skip : test;
if (missing.length) console.log(`  SKIPPED: outbox e2e (missing ${missing.join(', ')})`);

let broker: Mosquitto;
let speechDir = '';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test.before(async () => {
  if (missing.length) return;
  broker = await startMosquitto();
  speechDir = speakSentences().dir;
});
test.after(async () => {
  await broker?.stop();
});

function config(id: string, stateDir: string, source: Record<string, unknown>) {
  return {
    device_id: id,
    state_dir: stateDir,
    source: { type: 'file', path: speechDir, gap_s: 1, stop_at_end: false, ...source },
    // MQTT 5 here (the other daemon tests use 3.1.1).
    mqtt: { url: broker.url, protocol_version: 5, discovery: { enabled: false }, stop_timeout_s: 1 },
    http: { enabled: false },
    log: { level: 'info', events_to_stdout: true },
  };
}

/** Event ids in the order the daemon made them (its stdout). */
const made = (d: DaemonProcess) => d.out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l).event_id as string);

/** Event ids in the order they arrived, duplicates dropped. */
function received(sub: Subscriber, topic: string): string[] {
  const seen = new Set<string>();
  return sub.messages.filter((m) => m.topic === topic).map((m) => JSON.parse(m.payload).event_id as string).filter((id) => !seen.has(id) && !!seen.add(id));
}

// A subscriber with a persistent session: the broker keeps its subscription and queue across
// the broker's own restart, so what it receives is what the daemon delivered.
const persistentSub = (id: string) => subscribe(broker.url, `emotiond/${id}/event`, { clientId: `outbox-sub-${id}`, clean: false });

it('a short broker outage: events made meanwhile arrive after it, all of them, in order', async () => {
  const id = 'outbox-outage';
  const sub = await persistentSub(id);
  const d = startDaemonProcess(join(tempDir('ob-cfg'), 'c.yaml'), config(id, tempDir('ob-state'), { speed: 3, loop: true }));
  try {
    await sub.waitFor((m) => m.topic.endsWith('/event'), 30000);
    await broker.stop();
    const during = made(d).length;
    await sleep(3500); // about two segments at 3x
    assert.ok(made(d).length > during, 'events were made during the outage');
    await broker.restart();
    await d.waitLog((l) => String(l.msg).startsWith('connected to') && d.logs().filter((x) => String(x.msg).startsWith('connected to')).length >= 2, 20000);
    await sleep(1500);
    d.child.kill('SIGTERM');
    assert.is(await d.exited, 0, d.err.slice(-2000));
    const want = made(d);
    await sub.waitFor(() => received(sub, `emotiond/${id}/event`).length >= want.length, 10000).catch(() => undefined);
    assert.equal(received(sub, `emotiond/${id}/event`), want);
  } finally {
    d.child.kill('SIGKILL');
    await sub.close();
  }
});

it('across a daemon restart: killed with the broker down, started again, the outbox is delivered in order', async () => {
  const id = 'outbox-restart';
  const stateDir = tempDir('ob-restart');
  const cfg = join(tempDir('ob-cfg2'), 'c.yaml');
  const sub = await persistentSub(id);
  await broker.stop();
  // No loop: the files play once, then the daemon idles, so the kill lands between events.
  const first = startDaemonProcess(cfg, config(id, stateDir, { speed: 4 }));
  let second: DaemonProcess | undefined;
  try {
    await first.waitLog((l) => l.msg === 'listening', 30000);
    // The three sentences at 4x, then quiet: no event may be on its way when the kill lands.
    for (let n = -1; n !== made(first).length || n < 3; ) {
      n = made(first).length;
      await sleep(1500);
    }
    const before = made(first);
    assert.ok(before.length >= 3, `events made while the broker was down: ${before.length}`);
    first.child.kill('SIGKILL');
    await first.exited;

    await broker.restart();
    second = startDaemonProcess(cfg, config(id, stateDir, { speed: 4 }));
    const recovered = await second.waitLog((l) => /undelivered events from the last run/.test(String(l.msg)), 30000);
    assert.match(String(recovered.msg), new RegExp(`^outbox: ${before.length} undelivered`));
    await sub.waitFor(() => received(sub, `emotiond/${id}/event`).length >= before.length, 15000);
    second.child.kill('SIGTERM');
    assert.is(await second.exited, 0, second.err.slice(-2000));
    const want = [...before, ...made(second)];
    await sub.waitFor(() => received(sub, `emotiond/${id}/event`).length >= want.length, 10000).catch(() => undefined);
    assert.equal(received(sub, `emotiond/${id}/event`), want);
  } finally {
    first.child.kill('SIGKILL');
    second?.child.kill('SIGKILL');
    await sub.close();
  }
});

test.run();
