// model.adapt: running in the real daemon: espeak-ng speech replayed by the file source
// through VAD, WASM features and the shipped ONNX model; every final utterance is learnt
// once (windows and speculation never), the statistics survive a restart in state_dir, a
// model without training statistics is refused with a clear line.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasEspeak, speakSentences } from '../fixtures/speech.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const it = hasEspeak() ? test : test.skip;
if (!hasEspeak()) console.log('SKIP e2e adaptation: espeak-ng missing');

let dir = '';
let speech: { dir: string; files: string[] };
test.before(() => {
  dir = mkdtempSync(join(tmpdir(), 'emotiond-adapt-'));
  if (hasEspeak()) speech = speakSentences();
});
test.after(() => rmSync(dir, { recursive: true, force: true }));

function run(stateDir: string, model = join(ROOT, 'models/emotion.onnx'), adapt = 'running') {
  const cfg = join(dir, 'cfg.json');
  writeFileSync(cfg, JSON.stringify({
    device_id: 'adapt-test', state_dir: stateDir, http: { enabled: false },
    source: { type: 'file', path: speech.dir, speed: 0, gap_s: 1.5, stop_at_end: true },
    vad: { engine: 'energy' },
    model: { path: model, adapt },
    mqtt: { url: 'embedded', embedded_port: 0, discovery: { enabled: false } },
    log: { level: 'info', events_to_stdout: true },
  }));
  return spawnSync(process.execPath, [join(ROOT, 'bin/emotiond.js'), 'run', '--config', cfg], { encoding: 'utf8', timeout: 120_000 });
}

const segments = (out: string) => out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).filter((e) => e.kind === 'segment');

it('learns each final utterance once, keeps the statistics across a restart, in state_dir only', () => {
  const state = join(dir, 'state');
  const first = run(state);
  assert.is(first.status, 0, first.stderr);
  const n1 = segments(first.stdout).length;
  assert.ok(n1 >= 3, `segments ${n1}`);
  const file = join(state, 'adaptation.json');
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  assert.is(saved.state.count, n1);
  assert.is(statSync(file).mode & 0o777, 0o600);
  assert.equal(readdirSync(state).sort(), ['adaptation.json', 'outbox.jsonl', 'state.json'].filter((f) => existsSync(join(state, f))).sort());
  assert.match(first.stderr, /"utterances":0/);
  const second = run(state);
  assert.is(second.status, 0, second.stderr);
  assert.match(second.stderr, new RegExp(`"utterances":${n1}\\b`));
  assert.is(JSON.parse(readFileSync(file, 'utf8')).state.count, n1 + segments(second.stdout).length);
});

it('a model without training statistics is refused at start, with one clear line', () => {
  const meta = JSON.parse(readFileSync(join(ROOT, 'models/emotion.json'), 'utf8'));
  delete meta.featureStatistics;
  writeFileSync(join(dir, 'old.json'), JSON.stringify(meta));
  copyFileSync(join(ROOT, 'models/emotion.onnx'), join(dir, 'old.onnx'));
  const r = run(join(dir, 'state2'), join(dir, 'old.onnx'));
  assert.is.not(r.status, 0);
  assert.match(r.stderr, /carries no featureStatistics: model\.adapt 'running' needs a model trained by this version/);
});

it('the adaptive model runs with model.adapt: running, and is refused without it, by run and analyze', () => {
  const adaptive = join(ROOT, 'models/emotion-adaptive.onnx');
  const refused = run(join(dir, 'state4'), adaptive, 'none');
  assert.is(refused.status, 1, refused.stderr);
  assert.match(refused.stderr, /emotion-adaptive\.onnx reads features standardised on the speech this device has heard \(featureNormalisation: device\): it needs a daemon with model\.adapt: running \(here: none\)/);
  // Last, so that cfg.json says adapt: running for analyze below.
  const r = run(join(dir, 'state3'), adaptive);
  assert.is(r.status, 0, r.stderr);
  const events = segments(r.stdout);
  assert.ok(events.length >= 3, `segments ${events.length}`);
  for (const e of events) assert.ok(e.confidence > 0.25 && e.confidence < 1, `confidence ${e.confidence}`);
  // analyze never adapts: refused whatever the config says.
  const a = spawnSync(process.execPath, [join(ROOT, 'bin/emotiond.js'), 'analyze', '--whole', '-c', join(dir, 'cfg.json'), speech.files[0]], { encoding: 'utf8', timeout: 60_000 });
  assert.is.not(a.status, 0);
  assert.match(a.stderr, /featureNormalisation: device\): it needs a daemon with model\.adapt: running \(here: none\)/);
});

test.run();
