// The whole daemon as deployed: speech made by espeak-ng is fed through ALSA's file plugin
// (a named pipe at a microphone's pace) into PortAudio capture, then Silero VAD, features,
// the ONNX model, smoothing and the outbox, to a real mosquitto where a subscriber checks
// the events, the retained state, Home Assistant discovery, set-topic commands, and SIGHUP
// reloads (good and bad) that must not drop the audio stream.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'mqtt';
import { findMosquitto, startMosquitto, type Mosquitto } from '../helpers/mosquitto.ts';
import { subscribe, type Subscriber } from '../helpers/subscriber.ts';
import { hasEspeak, speakSentences } from '../fixtures/speech.ts';
import { FifoFeeder, alsaFifoHome, hasMkfifo } from '../helpers/fifo-capture.ts';
import { ROOT, httpGet, startDaemonProcess, statusPort, writeConfig, type DaemonProcess } from '../helpers/daemon-process.ts';
import { tempDir } from '../unit/audio/audio-test-kit.ts';
import { decodeAudioFile } from '../../daemon/audio/decode.ts';
import { validateConfig } from '../../daemon/config/load-config.ts';
import { createDetector } from '../../daemon/vad/create-detector.ts';
import { segmentSpeech } from '../../daemon/vad/speech-detector.ts';

const SR = 16000;
const SPEED = 2; // twice real time: the pipe still paces capture, the test takes half as long
const missing = [
  !findMosquitto() && 'mosquitto',
  !hasEspeak() && 'espeak-ng',
  !hasMkfifo() && 'mkfifo',
  !existsSync('/usr/share/alsa/alsa.conf') && 'ALSA (libasound2)',
  !existsSync(join(ROOT, 'node_modules/naudiodon/build/Release/naudiodon.node')) && 'naudiodon build',
].filter(Boolean);
const it = missing.length ? test.skip : test;
if (missing.length) console.log(`  SKIPPED: PortAudio daemon e2e (missing ${missing.join(', ')})`);

const ID = 'pa-e2e';
const T = (leaf: string) => `emotiond/${ID}/${leaf}`;
let broker: Mosquitto;
let sub: Subscriber;
let feeder: FifoFeeder;
let daemon: DaemonProcess;
let port = 0;
let cfgFile = '';
let stateDir = '';
let cwd = '';
let sentences: Float32Array[] = [];
let want = { segments: 0, windows: 0 };
const gap = new Float32Array(Math.round(1.5 * SR));

function config(extra: Record<string, unknown> = {}) {
  return {
    device_id: ID,
    state_dir: stateDir,
    source: { type: 'portaudio', sample_rate: 16000, channels: 1 },
    mqtt: { url: broker.url, discovery: { name: 'Test kiosk' } },
    http: { port: 0 },
    log: { level: 'info', events_to_stdout: true },
    ...extra,
  };
}

const events = () => sub.messages.filter((m) => m.topic === T('event')).map((m) => JSON.parse(m.payload));
const states = () => sub.messages.filter((m) => m.topic === T('state')).map((m) => JSON.parse(m.payload));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Plays `parts` back to back and waits until the pipe has taken them and the VAD's hangover has passed. */
async function play(...parts: Float32Array[]): Promise<void> {
  let end = 0;
  for (const p of parts) end = feeder.play(p) + p.length;
  await feeder.whenWritten(end);
  await sleep(1500 / SPEED + 700);
}

/** What the daemon's VAD makes of the same samples, laid out on the same 512-sample grid. */
async function expectedOutputs(parts: Float32Array[]): Promise<{ segments: number; windows: number }> {
  let len = 0;
  for (const p of parts) len = Math.ceil(len / 512) * 512 + p.length;
  const x = new Float32Array(len + SR);
  let at = 0;
  for (const p of parts) {
    at = Math.ceil(at / 512) * 512;
    x.set(p, at);
    at += p.length;
  }
  const { detector } = await createDetector(validateConfig({}, 'defaults').vad);
  const out = await segmentSpeech(x, detector);
  await detector.scorer.dispose();
  return { segments: out.filter((s) => !s.partial).length, windows: out.filter((s) => s.partial).length };
}

test.before(async () => {
  if (missing.length) return;
  broker = await startMosquitto();
  const { files } = speakSentences();
  sentences = await Promise.all(files.map(async (f) => (await decodeAudioFile(f)).samples));
  // Before the feeder starts: running the VAD here holds this process up for seconds.
  want = await expectedOutputs([sentences[0], gap, sentences[1], gap, sentences[2]]);
  const home = tempDir('pa-home');
  stateDir = tempDir('pa-state');
  cwd = tempDir('pa-cwd');
  cfgFile = join(tempDir('pa-cfg'), 'emotiond.yaml');
  feeder = new FifoFeeder(join(home, 'capture.fifo'), SPEED);
  alsaFifoHome(home, feeder.path);
  sub = await subscribe(broker.url, '#');
  feeder.start();
  // cwd: a folder of its own, so the privacy check below sees everything the daemon wrote.
  daemon = startDaemonProcess(cfgFile, config(), { env: { HOME: home }, cwd });
  port = await statusPort(daemon);
  await daemon.waitLog((l) => l.msg === 'listening');
});

test.after(async () => {
  daemon?.child.kill('SIGKILL');
  feeder?.stop();
  await sub?.close();
  await broker?.stop();
});

it('speech through PortAudio: one event per segment (and window), online, discovery, state', async () => {
  assert.ok(want.segments >= 3, `the fixture holds at least 3 segments (${JSON.stringify(want)})`);
  await play(sentences[0], gap, sentences[1], gap, sentences[2]);
  await sub.waitFor(() => events().length >= want.segments + want.windows, 20000).catch(() => {
    throw new Error(`got ${events().length} events, want ${JSON.stringify(want)}\n${daemon.err.slice(-3000)}`);
  });
  await sleep(500);
  const got = events();
  assert.is(got.filter((e) => e.kind === 'segment').length, want.segments, 'one event per segment');
  assert.is(got.filter((e) => e.kind === 'window').length, want.windows, 'and one per sliding window');
  assert.is(new Set(got.map((e) => e.event_id)).size, got.length, 'unique event ids');
  for (const e of got) {
    assert.is(e.device_id, ID);
    assert.ok(e.end_s > e.start_s && e.confidence > 0 && e.confidence <= 1);
  }
  const evMsg = sub.messages.find((m) => m.topic === T('event'))!;
  assert.is(evMsg.qos, 1);
  assert.not.ok(evMsg.retain);

  const online = sub.messages.find((m) => m.topic === T('availability'));
  assert.is(online?.payload, 'online');

  // A client that connects now (Home Assistant after a restart) gets discovery and state retained.
  const late = await subscribe(broker.url, `homeassistant/+/emotiond_${ID}/+/config`);
  const emotionCfg = await late.waitFor((m) => m.topic === `homeassistant/sensor/emotiond_${ID}/emotion/config`);
  await late.waitFor(() => late.messages.length >= 4);
  const disc = late.messages;
  assert.ok(disc.every((m) => m.retain), 'discovery configs are retained');
  await late.close();
  const cfg = JSON.parse(emotionCfg.payload);
  assert.is(cfg.device_class, 'enum');
  assert.equal(cfg.options, JSON.parse(readFileSync(join(ROOT, 'models/emotion.json'), 'utf8')).classes);
  assert.is(cfg.device.name, 'Test kiosk');
  for (const o of ['arousal', 'valence']) assert.ok(disc.some((m) => m.topic === `homeassistant/sensor/emotiond_${ID}/${o}/config`), o);
  assert.ok(disc.some((m) => m.topic === `homeassistant/switch/emotiond_${ID}/mute/config`), 'mute switch');

  const st = states();
  assert.is(st[0].emotion, null, 'no reading at start');
  assert.is(st[0].muted, false);
  const last = st[st.length - 1];
  assert.ok(cfg.options.includes(last.emotion), `a state with an emotion after speech: ${JSON.stringify(last)}`);
  for (const k of ['arousal', 'valence', 'since', 'confidence']) assert.ok(k in last, k);
  const lateState = await subscribe(broker.url, T('state'));
  const retained = await lateState.waitFor((m) => m.topic === T('state'));
  assert.ok(retained.retain, 'state is retained');
  assert.equal(JSON.parse(retained.payload), last);
  await lateState.close();

  // The same events were printed on stdout.
  // (naudiodon prints diagnostics of its own on stdout: events are the JSON lines.)
  const printed = daemon.out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l).event_id);
  assert.equal(printed, got.map((e) => e.event_id));
});

it('set commands: junk refused and counted, mute stops listening, unmute resumes; HA restart re-announces', async () => {
  const pub = connect(broker.url, { protocolVersion: 5 });
  await new Promise((r) => pub.once('connect', r));
  for (const junk of ['shutdown', '{"mute": "yes"}', '{"mute": true, "rm": "-rf"}', 'x'.repeat(5000)]) {
    await pub.publishAsync(T('set'), junk, { qos: 1 });
  }
  await daemon.waitLog((l) => String(l.msg).startsWith('set command rejected') && /bytes/.test(String(l.msg)), 5000);
  const rejected = daemon.logs().filter((l) => String(l.msg).startsWith('set command rejected'));
  assert.is(rejected.length, 4, JSON.stringify(rejected));
  assert.ok(rejected.every((l) => l.code === 'COMMAND' && l.level === 'warn'));
  assert.match((await httpGet(port, '/metrics')).body, /emotiond_commands_total\{command="invalid",result="rejected"\} 4/);

  await pub.publishAsync(T('set'), '{"mute": true}', { qos: 1 });
  const mutedState = await sub.waitFor((m) => m.topic === T('state') && JSON.parse(m.payload).muted === true, 5000);
  assert.is(JSON.parse(mutedState.payload).emotion, null, 'muting forgets the mood');
  const health = JSON.parse((await httpGet(port, '/healthz')).body);
  assert.is(health.muted, true);
  const before = events().length;
  await play(sentences[1]);
  assert.is(events().length, before, 'nothing heard while muted');

  await pub.publishAsync(T('set'), 'unmute', { qos: 1 });
  await sub.waitFor((m) => m.topic === T('state') && JSON.parse(m.payload).muted === false && m.at > mutedState.at, 5000);
  await play(sentences[1]);
  await sub.waitFor(() => events().length > before, 10000);

  const announced = () => sub.messages.filter((m) => m.topic === `homeassistant/sensor/emotiond_${ID}/emotion/config`).length;
  const n = announced();
  await pub.publishAsync('homeassistant/status', 'online', { qos: 1 });
  await sub.waitFor(() => announced() > n, 5000);
  await pub.endAsync();
});

it('SIGHUP: a good config applies without reopening the audio stream; a bad config or model keeps the old', async () => {
  let metrics = '';
  const scrape = async () => (metrics = (await httpGet(port, '/metrics')).body);
  const audio = () => Number(/^emotiond_audio_seconds_total (\S+)$/m.exec(metrics)?.[1] ?? 0);

  writeConfig(cfgFile, config({ vad: { hangover_s: 0.4 }, events: { min_confidence: 0.2 } }));
  daemon.child.kill('SIGHUP');
  const ok = await daemon.waitLog((l) => l.msg === 'config reloaded', 20000);
  assert.equal(ok.changed, ['vad', 'events']);
  let before = events().length;
  await play(sentences[2]);
  await sub.waitFor(() => events().length > before, 10000);

  writeConfig(cfgFile, 'vad:\n  hangover_s: [unclosed\n');
  daemon.child.kill('SIGHUP');
  const bad = await daemon.waitLog((l) => String(l.msg).startsWith('reload failed, the running config stays'), 10000);
  assert.match(String(bad.msg), /not valid YAML at line/);

  writeConfig(cfgFile, config({ model: { path: '/nonexistent/other.onnx' } }));
  daemon.child.kill('SIGHUP');
  const badModel = await daemon.waitLog((l) => String(l.msg).startsWith('reload failed, the running config and model stay'), 20000);
  assert.match(String(badModel.msg), /other\.onnx/);
  assert.is(badModel.code, 'MODEL_INVALID');

  await scrape();
  const a0 = audio();
  before = events().length;
  await play(sentences[0]);
  await sub.waitFor(() => events().length > before, 10000);
  await scrape();
  assert.ok(audio() > a0 + 1, 'audio kept flowing');
  assert.match(metrics, /emotiond_reloads_total\{result="applied"\} 1/);
  assert.match(metrics, /emotiond_reloads_total\{result="failed"\} 2/);
  // One stream from start to end: never lost, never reopened.
  assert.not.ok(daemon.logs().some((l) => l.stage === 'audio'), JSON.stringify(daemon.logs().filter((l) => l.stage === 'audio')));
});

it('/healthz and /metrics on loopback; SIGTERM stops with offline; no audio on disk', async () => {
  const h = await httpGet(port, '/healthz');
  assert.is(h.status, 200);
  const health = JSON.parse(h.body);
  assert.equal([health.ok, health.vad, health.mqtt_connected, health.outbox_depth], [true, 'silero', true, 0]);
  const m = (await httpGet(port, '/metrics')).body;
  for (const name of [
    'emotiond_segments_total{kind="segment"}', 'emotiond_events_total{kind="segment"}', 'emotiond_outbox_depth 0',
    'emotiond_event_latency_seconds_bucket{le="+Inf"}', 'process_cpu_seconds_total', 'process_resident_memory_bytes',
    // Segments' features computed as their audio arrived (segment-streams.ts), reloads included.
    'emotiond_features_total{path="stream"}',
  ]) assert.ok(m.includes(name), `metrics lack ${name}`);
  assert.is((await httpGet(port, '/nope')).status, 404);

  daemon.child.kill('SIGTERM');
  assert.is(await daemon.exited, 0, daemon.err.slice(-2000));
  await sub.waitFor((m) => m.topic === T('availability') && m.payload === 'offline', 5000);

  // Privacy: the state dir holds the (empty) outbox and the mute flag; the working dir nothing.
  assert.equal(readdirSync(stateDir).sort(), ['outbox.jsonl', 'state.json']);
  for (const f of readdirSync(stateDir)) assert.ok(statSync(join(stateDir, f)).size < 1024, `${f} is small`);
  assert.equal(readdirSync(cwd), []);
});

test.run();
