// The daemon end to end: real espeak-ng speech replayed by the file source, the real
// WASM features and ONNX model, a real mosquitto broker, a real subscriber.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findMosquitto, startMosquitto, type Mosquitto } from '../helpers/mosquitto.ts';
import { subscribe, type Subscriber } from '../helpers/subscriber.ts';
import { hasEspeak, speakSentences } from '../fixtures/speech.ts';
import { decodeAudioFile } from '../../daemon/audio/decode.ts';
import { segmentSpeech } from '../../daemon/vad/speech-detector.ts';
import { createDetector } from '../../daemon/vad/create-detector.ts';
import { validateConfig } from '../../daemon/config/load-config.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MODEL = join(ROOT, 'models/emotion.onnx');
const missing = [
  !findMosquitto() && 'mosquitto',
  !hasEspeak() && 'espeak-ng',
  !existsSync(MODEL) && 'models/emotion.onnx',
].filter(Boolean);
const it = missing.length ? test.skip : test;
if (missing.length) console.log(`SKIP e2e: missing ${missing.join(', ')}`);

const GAP_S = 1.5;
let broker: Mosquitto;
let speech: { dir: string; files: string[] };
let expectedSegments = 0;

/** What the daemon's VAD will make of the files back to back with the gap between them (windows included). */
async function countSegments(files: string[], vad: ReturnType<typeof validateConfig>['vad']): Promise<number> {
  const parts = await Promise.all(files.map(async (f) => (await decodeAudioFile(f)).samples));
  const gap = new Float32Array(Math.round(GAP_S * 16000));
  const total = parts.reduce((n, p) => n + p.length, 0) + gap.length * (parts.length - 1);
  const all = new Float32Array(total);
  let at = 0;
  parts.forEach((p, i) => {
    if (i > 0) at += gap.length;
    all.set(p, at);
    at += p.length;
  });
  const { detector } = await createDetector(vad);
  const n = (await segmentSpeech(all, detector)).length;
  await detector.scorer.dispose();
  return n;
}

function startDaemon(deviceId: string, extra: Record<string, unknown> = {}): ChildProcess {
  const cfg = join(speech.dir, `${deviceId}.json`);
  // JSON is YAML: the config file is written as JSON for exactness.
  writeFileSync(
    cfg,
    JSON.stringify({
      device_id: deviceId,
      state_dir: mkdtempSync(join(tmpdir(), `emotiond-${deviceId}-`)),
      http: { port: 0 },
      source: { type: 'file', path: speech.dir, speed: 3, gap_s: GAP_S, stop_at_end: false, ...extra },
      mqtt: { url: broker.url },
      log: { level: 'info', events_to_stdout: true },
    }),
  );
  return spawn(process.execPath, [join(ROOT, 'bin/emotiond.js'), 'run', '--config', cfg], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(child: ChildProcess): { out: string; err: string } {
  const acc = { out: '', err: '' };
  child.stdout!.on('data', (d) => (acc.out += d));
  child.stderr!.on('data', (d) => (acc.err += d));
  return acc;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (c) => resolve(c))));

test.before(async () => {
  if (missing.length) return;
  broker = await startMosquitto();
  speech = speakSentences();
  expectedSegments = await countSegments(speech.files, validateConfig({}, 'defaults').vad);
});

test.after(async () => {
  await broker?.stop();
});

it('publishes one event per spoken segment, online retained, and offline as the will on SIGKILL', async () => {
  assert.ok(expectedSegments >= 3, `the fixture should hold at least 3 segments, VAD finds ${expectedSegments}`);
  const sub: Subscriber = await subscribe(broker.url, 'emotiond/e2e-kill/#');
  const child = startDaemon('e2e-kill');
  const logs = collect(child);
  try {
    const online = await sub.waitFor((m) => m.topic === 'emotiond/e2e-kill/availability' && m.payload === 'online', 20000);
    assert.is(online.qos, 1);
    const events = () => sub.messages.filter((m) => m.topic === 'emotiond/e2e-kill/event');
    await sub.waitFor(() => events().length >= expectedSegments, 30000).catch(() => {
      throw new Error(`got ${events().length} of ${expectedSegments} events\nstderr:\n${logs.err}`);
    });
    // Give a stray extra event the chance to show up before counting.
    await new Promise((r) => setTimeout(r, 1000));
    const got = events().map((m) => JSON.parse(m.payload));
    assert.is(got.length, expectedSegments, 'one event per segment');
    const ids = new Set(got.map((e) => e.event_id));
    assert.is(ids.size, got.length, 'event ids are unique');
    for (const [i, e] of got.entries()) {
      assert.is(e.device_id, 'e2e-kill');
      assert.ok(!Number.isNaN(Date.parse(e.timestamp)));
      assert.ok(e.end_s > e.start_s);
      assert.ok(e.kind === 'segment' || e.kind === 'window');
      if (i > 0) assert.ok(e.end_s >= got[i - 1].end_s - 1e-6, 'events in stream order');
      const sum = Object.values(e.scores as Record<string, number>).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - 1) < 0.01, `scores sum to 1 (${sum})`);
      assert.is(e.scores[e.emotion], e.confidence);
      assert.ok(e.arousal >= -1 && e.arousal <= 1 && e.valence >= -1 && e.valence <= 1);
    }
    assert.is(events()[0].qos, 1);
    // The same events were printed on stdout as JSON lines.
    const printed = logs.out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    assert.equal(printed.map((e) => e.event_id), got.map((e) => e.event_id));

    child.kill('SIGKILL');
    const offline = await sub.waitFor((m) => m.topic === 'emotiond/e2e-kill/availability' && m.payload === 'offline', 10000);
    assert.ok(offline);
  } finally {
    child.kill('SIGKILL');
    await sub.close();
  }
});

it('stops gracefully on SIGTERM: pending events out, then offline, exit 0', async () => {
  const sub = await subscribe(broker.url, 'emotiond/e2e-term/#');
  const child = startDaemon('e2e-term', { loop: true });
  const logs = collect(child);
  try {
    await sub.waitFor((m) => m.topic === 'emotiond/e2e-term/event', 30000);
    child.kill('SIGTERM');
    assert.is(await exited(child), 0, `exit code 0\n${logs.err}`);
    const avail = sub.messages.filter((m) => m.topic === 'emotiond/e2e-term/availability').map((m) => m.payload);
    await sub.waitFor((m) => m.topic === 'emotiond/e2e-term/availability' && m.payload === 'offline', 5000);
    assert.is(avail[0], 'online');
    assert.match(logs.err, /"msg":"stopped"/);
  } finally {
    child.kill('SIGKILL');
    await sub.close();
  }
});

test.run();
