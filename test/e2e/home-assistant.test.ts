// What Home Assistant sees, end to end: the daemon (real espeak-ng speech, WASM features, ONNX
// model) against a real mosquitto; every discovery config checked against the keys and rules
// of Home Assistant's MQTT platforms and every value template rendered (Jinja2, as Home
// Assistant does) against the payloads the daemon really published.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'mqtt';
import { findMosquitto, startMosquitto, type Mosquitto } from '../helpers/mosquitto.ts';
import { subscribe, type Received, type Subscriber } from '../helpers/subscriber.ts';
import { hasEspeak, speakSentences, SENTENCES } from '../fixtures/speech.ts';
import { ROOT, startDaemonProcess, type DaemonProcess } from '../helpers/daemon-process.ts';
import { discoveryProblems } from '../helpers/home-assistant-rules.ts';

const hasJinja = spawnSync('python3', ['-c', 'import jinja2'], { encoding: 'utf8' }).status === 0;
const hasUnshare = spawnSync('unshare', ['-u', 'true']).status === 0;
const missing = [
  !findMosquitto() && 'mosquitto',
  !hasEspeak() && 'espeak-ng',
  !existsSync(join(ROOT, 'models/emotion.onnx')) && 'models/emotion.onnx',
  !hasJinja && 'python3-jinja2',
].filter(Boolean);
const it = missing.length ? test.skip : test;
if (missing.length) console.log(`SKIP home-assistant e2e: missing ${missing.join(', ')}`);

let broker: Mosquitto;
let speech: { dir: string; files: string[] };
const running: DaemonProcess[] = [];

test.before(async () => {
  if (missing.length) return;
  broker = await startMosquitto();
  // A longer sentence too, so that sliding windows (window_s 1.5) are made before it ends.
  speech = speakSentences([
    ...SENTENCES,
    { text: 'I really cannot believe that you would do such a thing to me after everything we went through together.', args: ['-s', '140', '-p', '60'] },
  ]);
});

test.after(async () => {
  for (const d of running) d.child.kill('SIGKILL');
  await broker?.stop();
});

function daemon(name: string, config: Record<string, unknown>, wrap?: string[]): DaemonProcess {
  const d = startDaemonProcess(join(mkdtempSync(join(tmpdir(), `emotiond-${name}-`)), 'config.json'), {
    state_dir: mkdtempSync(join(tmpdir(), `emotiond-${name}-state-`)),
    http: { port: 0 },
    mqtt: { url: broker.url },
    log: { level: 'info', events_to_stdout: false },
    ...config,
  }, { wrap });
  running.push(d);
  return d;
}

/** Renders templates as Home Assistant does (test/helpers/render-templates.py). */
function render(jobs: { template: string; payload: string }[]): (string | { error: string })[] {
  const r = spawnSync('python3', [join(ROOT, 'test/helpers/render-templates.py')], { input: JSON.stringify(jobs), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`render-templates.py: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
const render1 = (template: string, payload: string) => render([{ template, payload }])[0];

const json = (m: Received) => JSON.parse(m.payload);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('state truth, one vote per utterance, discovery valid for Home Assistant, templates render, commands answered', async () => {
  const sub: Subscriber = await subscribe(broker.url, 'emotiond/ha-1/#');
  const disc = await subscribe(broker.url, 'homeassistant/+/emotiond_ha-1/+/config');
  const d = daemon('ha-1', {
    device_id: 'ha-1',
    source: { type: 'file', path: speech.dir, speed: 3, gap_s: 1.5, stop_at_end: false },
    vad: { window_s: 1.5, hop_s: 1 },
    events: { state_expire_s: 4 },
    summary: { interval_s: 5 },
    mqtt: { url: broker.url, protocol_version: 5 },
  });
  let v5: ReturnType<typeof connect> | undefined;
  let v4: ReturnType<typeof connect> | undefined;
  const states = () => sub.messages.filter((m) => m.topic === 'emotiond/ha-1/state').map(json);
  try {
    // At start: no reading is null, and Home Assistant renders it as None (unknown), never 0.
    const first = await sub.waitFor((m) => m.topic === 'emotiond/ha-1/state', 30000);
    assert.equal([json(first).emotion, json(first).arousal, json(first).valence, json(first).confidence], [null, null, null, null]);
    await disc.waitFor(() => disc.messages.length >= 14, 10000);
    const configs = new Map(disc.messages.map((m) => [m.topic, json(m)]));
    const cfg = (component: string, object: string) => configs.get(`homeassistant/${component}/emotiond_ha-1/${object}/config`);
    assert.is(render1(cfg('sensor', 'arousal').value_template, first.payload), 'None');
    assert.is(render1(cfg('sensor', 'valence').value_template, first.payload), 'None');
    assert.is(render1(cfg('sensor', 'emotion').value_template, first.payload), 'None');

    // Every discovery config passes Home Assistant's schema for its platform.
    assert.is(configs.size, 14);
    for (const [topic, c] of configs) {
      const component = topic.split('/')[1];
      assert.equal(discoveryProblems(component, c), [], topic);
      assert.is(c.availability_topic, 'emotiond/ha-1/availability');
    }
    assert.is(new Set([...configs.values()].map((c) => c.unique_id)).size, 14);

    // Speech: a reading, then (state_expire_s 4 after the last utterance) no reading again.
    await sub.waitFor(() => states().some((s) => s.emotion !== null), 60000);
    const lastWithMood = () => states().reduce((at: number, s: { emotion: string | null }, i: number) => (s.emotion !== null ? i : at), -1);
    await sub.waitFor(() => states().slice(lastWithMood() + 1).some((s) => s.emotion === null && s.capture === 'listening'), 30000);
    const decayed = states().slice(lastWithMood() + 1).find((s) => s.emotion === null)!;
    assert.equal([decayed.arousal, decayed.valence, decayed.confidence, decayed.muted], [null, null, null, false]);

    // One final event per utterance; its windows share its id, come before it and are not final.
    const events = sub.messages.filter((m) => m.topic === 'emotiond/ha-1/event').map(json);
    const finals = events.filter((e) => e.final);
    const windows = events.filter((e) => !e.final);
    assert.ok(finals.length >= 4, `${finals.length} final events`);
    assert.ok(windows.length >= 1, 'the long sentence makes windows');
    assert.is(new Set(finals.map((e) => e.utterance_id)).size, finals.length, 'one final event per utterance');
    for (const e of finals) assert.equal([e.kind, e.event_type], ['segment', e.emotion]);
    for (const w of windows) {
      assert.is(w.kind, 'window');
      const f = finals.findIndex((e) => e.utterance_id === w.utterance_id);
      assert.ok(f >= 0, `window ${w.event_id} is superseded by a final event`);
      assert.ok(events.indexOf(w) < events.indexOf(finals[f]));
    }

    // Templates against the real payloads: state with a mood, events, diagnostics, summary.
    const withMood = sub.messages.find((m) => m.topic === 'emotiond/ha-1/state' && json(m).emotion !== null)!;
    const classes: string[] = cfg('sensor', 'emotion').options;
    const [emo, aro, val, mute] = render([
      { template: cfg('sensor', 'emotion').value_template, payload: withMood.payload },
      { template: cfg('sensor', 'arousal').value_template, payload: withMood.payload },
      { template: cfg('sensor', 'valence').value_template, payload: withMood.payload },
      { template: cfg('switch', 'mute').value_template, payload: withMood.payload },
    ]);
    assert.ok(classes.includes(emo as string), String(emo));
    assert.ok(Number.isFinite(Number(aro)) && Number.isFinite(Number(val)), `${aro} ${val}`);
    assert.is(mute, 'OFF');
    const eventTpl = cfg('event', 'utterance').value_template;
    const finalMsg = sub.messages.find((m) => m.topic === 'emotiond/ha-1/event' && json(m).final)!;
    const windowMsg = sub.messages.find((m) => m.topic === 'emotiond/ha-1/event' && !json(m).final)!;
    const [fired, ignored] = render([{ template: eventTpl, payload: finalMsg.payload }, { template: eventTpl, payload: windowMsg.payload }]);
    const firedJson = JSON.parse(fired as string);
    assert.ok(cfg('event', 'utterance').event_types.includes(firedJson.event_type));
    assert.is(firedJson.utterance_id, json(finalMsg).utterance_id);
    assert.is(ignored, '', 'a window event renders empty: Home Assistant ignores it');
    const diag = await sub.waitFor((m) => m.topic === 'emotiond/ha-1/diagnostics' && json(m).last_event !== null);
    const [cap, problem, last, model, perHour] = render(
      ['capture', 'capture_problem', 'last_event', 'model', 'events_per_hour'].map((o) => ({
        template: cfg(o === 'capture_problem' ? 'binary_sensor' : 'sensor', o).value_template,
        payload: diag.payload,
      })),
    );
    assert.ok(cfg('sensor', 'capture').options.includes(cap), String(cap));
    assert.ok(problem === 'ON' || problem === 'OFF');
    assert.ok(!Number.isNaN(Date.parse(last as string)) && /Z$|[+-]\d\d:\d\d$/.test(last as string), `timestamp ${last}`);
    assert.is(model, 'emotion');
    assert.ok(Number(perHour) >= 1);
    const summary = await sub.waitFor((m) => m.topic === 'emotiond/ha-1/summary' && json(m).utterances > 0, 20000);
    const [eng, dom, speechS] = render(['engagement', 'dominant_emotion', 'speech_time'].map((o) => ({ template: cfg('sensor', o).value_template, payload: summary.payload })));
    assert.ok(Number(eng) >= 0 && Number(eng) <= 1);
    assert.ok(classes.includes(dom as string));
    assert.ok(Number(speechS) > 0);

    // Commands: an MQTT 5 request with response topic and correlation data...
    v5 = connect(broker.url, { protocolVersion: 5 });
    await new Promise((r) => v5!.once('connect', r));
    const answers: { topic: string; payload: Record<string, unknown>; correlation?: string }[] = [];
    v5.on('message', (topic, payload, packet) =>
      answers.push({ topic, payload: JSON.parse(payload.toString()), correlation: packet.properties?.correlationData?.toString() }),
    );
    await v5.subscribeAsync(['test/answers', 'emotiond/ha-1/response'], { qos: 1 });
    const waitAnswer = async (pred: (a: (typeof answers)[number]) => boolean) => {
      for (let i = 0; i < 100; i++) {
        const a = answers.find(pred);
        if (a) return a;
        await sleep(100);
      }
      throw new Error(`no answer; got ${JSON.stringify(answers)}`);
    };
    await v5.publishAsync('emotiond/ha-1/set', cfg('switch', 'mute').payload_on, {
      qos: 1,
      properties: { responseTopic: 'test/answers', correlationData: Buffer.from('corr-1') },
    });
    const a1 = await waitAnswer((a) => a.correlation === 'corr-1');
    assert.is(a1.topic, 'test/answers');
    assert.equal(a1.payload, { ok: true, command: 'mute', muted: true });
    // ...muted: no reading, None in Home Assistant, the switch ON.
    const mutedState = await sub.waitFor((m) => m.topic === 'emotiond/ha-1/state' && json(m).muted === true);
    assert.equal(render([{ template: cfg('sensor', 'arousal').value_template, payload: mutedState.payload }, { template: cfg('switch', 'mute').value_template, payload: mutedState.payload }]), ['None', 'ON']);
    assert.is(json(mutedState).capture, 'muted');

    // An MQTT 3.1.1 client: the correlation goes in the JSON and comes back in the answer.
    v4 = connect(broker.url, { protocolVersion: 4 });
    await new Promise((r) => v4!.once('connect', r));
    await v4.publishAsync('emotiond/ha-1/set', '{"mute": false, "correlation_data": "corr-2"}', { qos: 1 });
    const a2 = await waitAnswer((a) => a.payload.correlation_data === 'corr-2');
    assert.is(a2.topic, 'emotiond/ha-1/response');
    assert.equal(a2.payload, { ok: true, command: 'unmute', muted: false, correlation_data: 'corr-2' });
    await v4.publishAsync('emotiond/ha-1/set', cfg('button', 'reload').payload_press, { qos: 1 });
    assert.equal((await waitAnswer((a) => a.payload.command === 'reload')).payload, { ok: true, command: 'reload' });

    // Bad input: garbage, 10 MB, wrong types. An error answer and a log line each; nothing else.
    await sleep(1500);
    const before = sub.messages.filter((m) => m.topic === 'emotiond/ha-1/state').length;
    const warnsBefore = d.logs().filter((l) => l.code === 'COMMAND').length;
    await v4.publishAsync('emotiond/ha-1/set', Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0xff]), { qos: 1 });
    await v4.publishAsync('emotiond/ha-1/set', Buffer.alloc(10 * 1024 * 1024, 0x61), { qos: 1 });
    await v4.publishAsync('emotiond/ha-1/set', '{"mute": "yes", "correlation_data": "corr-3"}', { qos: 1 });
    await v5.publishAsync('emotiond/ha-1/set', '{"mute": 1}', { qos: 1, properties: { responseTopic: 'test/answers', correlationData: Buffer.from('corr-4') } });
    const bad3 = await waitAnswer((a) => a.payload.correlation_data === 'corr-3');
    assert.is(bad3.payload.ok, false);
    assert.match(String(bad3.payload.error), /expected \{"mute": true\|false\}/);
    const bad4 = await waitAnswer((a) => a.correlation === 'corr-4');
    assert.is(bad4.payload.ok, false);
    const refusals = answers.filter((a) => a.topic === 'emotiond/ha-1/response' && a.payload.ok === false);
    assert.ok(refusals.some((a) => /not UTF-8/.test(String(a.payload.error))), JSON.stringify(refusals));
    assert.ok(refusals.some((a) => /10485760 bytes \(at most 1024\)/.test(String(a.payload.error))), JSON.stringify(refusals));
    await sleep(1000);
    assert.is(d.logs().filter((l) => l.code === 'COMMAND').length - warnsBefore, 4, 'one log line per refused command');
    // The state is re-sent (every state_expire_s / 2) and may turn `stalled` (the file ended): the
    // refused commands must not have changed what it says otherwise.
    const what = (m: Received) => JSON.stringify({ ...json(m), since: undefined, capture: undefined });
    const lastBefore = what(sub.messages.filter((m) => m.topic === 'emotiond/ha-1/state')[before - 1]);
    for (const m of sub.messages.filter((m) => m.topic === 'emotiond/ha-1/state').slice(before)) assert.is(what(m), lastBefore, 'no state change');
    assert.is(d.child.exitCode, null, 'still running');

    // The file has ended and no audio comes: after 10 s the capture is stalled, which Home
    // Assistant's problem sensor shows, and the state has no reading.
    const stalled = await sub.waitFor((m) => m.topic === 'emotiond/ha-1/diagnostics' && json(m).capture === 'stalled', 30000);
    assert.is(render1(cfg('binary_sensor', 'capture_problem').value_template, stalled.payload), 'ON');
    const stalledState = await sub.waitFor((m) => m.topic === 'emotiond/ha-1/state' && json(m).capture === 'stalled');
    assert.is(render1(cfg('sensor', 'valence').value_template, stalledState.payload), 'None');

    // A clean stop leaves `capture: stopped` retained, then offline.
    d.child.kill('SIGTERM');
    assert.is(await d.exited, 0);
    const late = await subscribe(broker.url, 'emotiond/ha-1/+');
    await late.waitFor((m) => m.topic === 'emotiond/ha-1/availability' && m.payload === 'offline');
    assert.is(json(await late.waitFor((m) => m.topic === 'emotiond/ha-1/state')).capture, 'stopped');
    const retainedSummary = await late.waitFor((m) => m.topic === 'emotiond/ha-1/summary');
    assert.ok(retainedSummary.retain, 'the summary is retained');
    await late.close();
  } finally {
    d.child.kill('SIGKILL');
    await v5?.endAsync(true);
    await v4?.endAsync(true);
    await sub.close();
    await disc.close();
  }
});

(hasUnshare ? it : test.skip)('two devices with different host names do not collide; two with one id are warned about', async () => {
  const sub = await subscribe(broker.url, 'emotiond/+/availability');
  const disc = await subscribe(broker.url, 'homeassistant/sensor/+/emotion/config');
  const source = { type: 'file', path: speech.dir, speed: 1, loop: true };
  // No device_id: each takes its host name, set in a UTS namespace of its own.
  const host = (name: string) => ['unshare', '-u', 'sh', '-c', 'hostname "$0" && exec "$@"', name];
  const a = daemon('host-a', { source, vad: { engine: 'energy' } }, host('Kiosk-A.lan'));
  const b = daemon('host-b', { source, vad: { engine: 'energy' } }, host('KIOSK-B'));
  try {
    await sub.waitFor((m) => m.topic === 'emotiond/kiosk-a/availability' && m.payload === 'online', 60000);
    await sub.waitFor((m) => m.topic === 'emotiond/kiosk-b/availability' && m.payload === 'online', 60000);
    await disc.waitFor((m) => m.topic.includes('emotiond_kiosk-a'));
    await disc.waitFor((m) => m.topic.includes('emotiond_kiosk-b'));
    assert.is.not(
      JSON.parse(disc.messages.find((m) => m.topic.includes('kiosk-a'))!.payload).unique_id,
      JSON.parse(disc.messages.find((m) => m.topic.includes('kiosk-b'))!.payload).unique_id,
    );
    // One stopping says offline for itself only.
    a.child.kill('SIGTERM');
    await a.exited;
    await sub.waitFor((m) => m.topic === 'emotiond/kiosk-a/availability' && m.payload === 'offline');
    await sleep(500);
    assert.is(sub.messages.filter((m) => m.topic === 'emotiond/kiosk-b/availability').at(-1)!.payload, 'online');
    assert.is(a.logs().some((l) => l.code === 'DUPLICATE_DEVICE_ID') || b.logs().some((l) => l.code === 'DUPLICATE_DEVICE_ID'), false);
    b.child.kill('SIGTERM');
    await b.exited;

    // Two daemons told the same device_id: both say so.
    const t1 = daemon('twin-1', { device_id: 'twin', source, vad: { engine: 'energy' } });
    await t1.waitLog((l) => l.msg === 'listening', 60000);
    const t2 = daemon('twin-2', { device_id: 'twin', source, vad: { engine: 'energy' } });
    const w2 = await t2.waitLog((l) => l.code === 'DUPLICATE_DEVICE_ID', 60000);
    const w1 = await t1.waitLog((l) => l.code === 'DUPLICATE_DEVICE_ID', 10000);
    assert.is(w1.level, 'warn');
    assert.match(String(w2.msg), /device_id "twin"/);
    t1.child.kill('SIGTERM');
    t2.child.kill('SIGTERM');
    await Promise.all([t1.exited, t2.exited]);
  } finally {
    await sub.close();
    await disc.close();
  }
});

test.run();
