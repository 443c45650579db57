// Room summaries over 10 minutes of replayed speech (espeak-ng sentences with pauses, played
// 20x real time through the whole daemon and a real mosquitto): every summary's values are
// recomputed here from the final events that ended in its interval. And with
// privacy.publish: summaries, no per-utterance payload leaves the process.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findMosquitto, startMosquitto, type Mosquitto } from '../helpers/mosquitto.ts';
import { subscribe } from '../helpers/subscriber.ts';
import { hasEspeak, speakSentences } from '../fixtures/speech.ts';
import { ROOT, startDaemonProcess, type DaemonProcess } from '../helpers/daemon-process.ts';
import { decodeAudioFile } from '../../daemon/audio/decode.ts';

const missing = [!findMosquitto() && 'mosquitto', !hasEspeak() && 'espeak-ng', !existsSync(join(ROOT, 'models/emotion.onnx')) && 'models/emotion.onnx'].filter(Boolean);
const it = missing.length ? test.skip : test;
if (missing.length) console.log(`SKIP summaries e2e: missing ${missing.join(', ')}`);

const GAP_S = 2;
let broker: Mosquitto;
const running: DaemonProcess[] = [];

/** A folder of copies of the fixture sentences that plays for at least `seconds` (with the gaps). */
async function replayFolder(seconds: number): Promise<string> {
  const src = speakSentences();
  const lengths = await Promise.all(src.files.map(async (f) => (await decodeAudioFile(f)).samples.length / 16000));
  const dir = mkdtempSync(join(tmpdir(), 'emotiond-replay-'));
  let total = 0;
  for (let i = 0; total < seconds; i++) {
    const k = i % src.files.length;
    copyFileSync(src.files[k], join(dir, `${String(i).padStart(4, '0')}.wav`));
    total += lengths[k] + GAP_S;
  }
  return dir;
}

test.before(async () => {
  if (!missing.length) broker = await startMosquitto();
});
test.after(async () => {
  for (const d of running) d.child.kill('SIGKILL');
  await broker?.stop();
});

function daemon(id: string, path: string, extra: Record<string, unknown>): DaemonProcess {
  const dir = mkdtempSync(join(tmpdir(), `emotiond-${id}-`));
  const d = startDaemonProcess(join(dir, 'config.json'), {
    device_id: id,
    state_dir: join(dir, 'state'),
    http: { port: 0 },
    source: { type: 'file', path, speed: 20, gap_s: GAP_S, stop_at_end: false },
    vad: { engine: 'energy' },
    mqtt: { url: broker.url },
    log: { level: 'info', events_to_stdout: true },
    ...extra,
  });
  running.push(d);
  return d;
}

interface Ev { final: boolean; end_s: number; duration_s: number; emotion: string; arousal: number; valence: number }

/** The summary of the final events ending in [from, to), the way README "Summaries" defines it. */
function expected(events: Ev[], from: number, to: number, classes: string[]) {
  const inside = events.filter((e) => e.final && e.end_s >= from && e.end_s < to);
  const total = inside.reduce((a, e) => a + e.duration_s, 0);
  const shares = Object.fromEntries(classes.map((c) => [c, inside.filter((e) => e.emotion === c).reduce((a, e) => a + e.duration_s, 0) / total]));
  const mean = (k: 'arousal' | 'valence') => inside.reduce((a, e) => a + e.duration_s * e[k], 0) / total;
  const std = (k: 'arousal' | 'valence') => Math.sqrt(inside.reduce((a, e) => a + e.duration_s * (e[k] - mean(k)) ** 2, 0) / total);
  const dominant = Object.entries(shares).reduce((best, [k, v]) => (v > shares[best] ? k : best), classes[0]);
  return {
    utterances: inside.length,
    speech_s: total,
    shares,
    dominant,
    arousal_mean: mean('arousal'),
    arousal_std: std('arousal'),
    valence_mean: mean('valence'),
    valence_std: std('valence'),
    engagement: Math.min(1, total / (to - from)) * ((mean('arousal') + 1) / 2),
  };
}

it('10 minutes of speech: 10 summaries whose values are recomputed from the final events', async () => {
  const path = await replayFolder(605);
  const sub = await subscribe(broker.url, 'emotiond/room-1/+');
  const d = daemon('room-1', path, { summary: { interval_s: 60 } });
  try {
    const summaries = () => sub.messages.filter((m) => m.topic === 'emotiond/room-1/summary').map((m) => JSON.parse(m.payload));
    await sub.waitFor(() => summaries().length >= 10, 240_000).catch((e) => {
      throw new Error(`${e.message}\n${d.err.slice(-2000)}`);
    });
    const events: Ev[] = sub.messages.filter((m) => m.topic === 'emotiond/room-1/event').map((m) => JSON.parse(m.payload));
    const classes = JSON.parse(readFileSync(join(ROOT, 'models/emotion.json'), 'utf8')).classes as string[];
    const got = summaries().slice(0, 10);
    assert.equal(got.map((s) => [s.from_s, s.to_s]), Array.from({ length: 10 }, (_, i) => [60 * i, 60 * (i + 1)]));
    let utterances = 0;
    for (const s of got) {
      const e = expected(events, s.from_s, s.to_s, classes);
      const where = `summary ${s.from_s}-${s.to_s}`;
      assert.is(s.utterances, e.utterances, where);
      assert.ok(e.utterances >= 5, `${where}: speech in every minute (${e.utterances})`);
      utterances += s.utterances;
      // Events carry rounded values (4 digits, times 3): allow for it.
      assert.ok(Math.abs(s.speech_s - e.speech_s) < 0.01 * e.utterances, `${where} speech_s ${s.speech_s} vs ${e.speech_s}`);
      for (const c of classes) assert.ok(Math.abs(s.shares[c] - e.shares[c]) < 2e-3, `${where} share ${c} ${s.shares[c]} vs ${e.shares[c]}`);
      assert.is(s.dominant, e.dominant, where);
      for (const k of ['arousal_mean', 'arousal_std', 'valence_mean', 'valence_std', 'engagement'] as const) {
        assert.ok(Math.abs(s[k] - e[k]) < 2e-3, `${where} ${k} ${s[k]} vs ${e[k]}`);
      }
    }
    // Every final event of the first 600 s counted once.
    assert.is(utterances, events.filter((e) => e.final && e.end_s < 600).length);
    // The same figures as gauges.
    const port = Number(new URL(String((await d.waitLog((l) => l.msg === 'status endpoints listening')).url)).port);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    assert.match(metrics, /^emotiond_summary_utterances \d+$/m);
    for (const c of classes) assert.match(metrics, new RegExp(`^emotiond_summary_emotion_share\\{emotion="${c}"\\} `, 'm'));
    assert.match(metrics, /^emotiond_summary_engagement [0-9.]+$/m);
    assert.match(metrics, /^emotiond_build_info\{version="[^"]+",model="emotion",node="[^"]+"\} 1$/m);
  } finally {
    d.child.kill('SIGTERM');
    await d.exited;
    await sub.close();
  }
});

it('privacy.publish: summaries sends summaries and no per-utterance payload (MQTT, stdout, outbox)', async () => {
  const path = await replayFolder(130);
  const sub = await subscribe(broker.url, 'emotiond/room-2/#');
  const disc = await subscribe(broker.url, 'homeassistant/+/emotiond_room-2/+/config');
  const d = daemon('room-2', path, { summary: { interval_s: 30 }, privacy: { publish: 'summaries' } });
  try {
    await sub.waitFor((m) => m.topic === 'emotiond/room-2/summary' && JSON.parse(m.payload).utterances > 0 && JSON.parse(m.payload).to_s >= 120, 120_000);
    const topics = new Set(sub.messages.map((m) => m.topic.split('/').at(-1)));
    assert.is(topics.has('event'), false, 'no event published');
    for (const t of topics) assert.ok(['availability', 'state', 'summary', 'diagnostics', 'hello'].includes(t!), t);
    for (const m of sub.messages.filter((m) => m.topic.endsWith('/state'))) {
      const s = JSON.parse(m.payload);
      assert.equal([s.emotion, s.confidence, s.arousal, s.valence], [null, null, null, null], 'the state carries no mood');
    }
    assert.is(d.out.split('\n').filter((l) => l.startsWith('{')).length, 0, 'no event on stdout');
    const stateDir = join(JSON.parse(readFileSync(join(d.child.spawnargs.at(-1)!), 'utf8')).state_dir);
    const outbox = existsSync(join(stateDir, 'outbox.jsonl')) ? readFileSync(join(stateDir, 'outbox.jsonl'), 'utf8') : '';
    assert.is(outbox.trim(), '', `outbox empty (${readdirSync(stateDir).join(', ')})`);
    // Home Assistant: the per-utterance entities are removed (empty retained configs).
    await disc.waitFor(() => disc.messages.length >= 14);
    const removed = disc.messages.filter((m) => m.payload === '').map((m) => m.topic.split('/')[3]).sort();
    assert.equal(removed, ['arousal', 'emotion', 'utterance', 'valence']);
  } finally {
    d.child.kill('SIGTERM');
    await d.exited;
    await sub.close();
    await disc.close();
  }
});

test.run();
