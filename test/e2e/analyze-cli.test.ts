// `emotiond analyze` as a user runs it: the real CLI in a child process.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasEspeak, speakSentences } from '../fixtures/speech.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EMODB = join(ROOT, '../shared/datasets/emodb/wav');
const hasModel = existsSync(join(ROOT, 'models/emotion.onnx'));
const withEmodb = existsSync(EMODB) && hasModel ? test : test.skip;
const withEspeak = hasEspeak() && hasModel ? test : test.skip;
if (!existsSync(EMODB)) console.log('SKIP: ../shared/datasets/emodb is absent');

function emotiond(...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'bin/emotiond.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120000 });
}

const FIELDS_WHOLE = ['file', 'emotion', 'confidence', 'scores', 'arousal', 'valence'];

withEmodb('--whole --jsonl prints one JSON line per file with every field', () => {
  const files = ['03a01Wa.wav', '08b09Wa.wav', '14a07Na.wav'].map((f) => join(EMODB, f));
  const r = emotiond('analyze', '--whole', '--jsonl', ...files);
  assert.is(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.is(lines.length, 3);
  lines.forEach((line, i) => {
    const o = JSON.parse(line);
    assert.equal(Object.keys(o), FIELDS_WHOLE);
    assert.is(o.file, files[i]);
    const classes = Object.keys(o.scores);
    assert.equal(classes, JSON.parse(readFileSync(join(ROOT, 'models/emotion.json'), 'utf8')).classes, `scores holds every class (${classes})`);
    assert.ok(classes.includes(o.emotion));
    assert.ok(o.confidence > 0 && o.confidence <= 1);
  });
});

withEmodb('segment mode gives start_s/end_s inside the file', () => {
  const r = emotiond('analyze', '--jsonl', join(EMODB, '03a01Wa.wav'));
  assert.is(r.status, 0, r.stderr);
  const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(rows.length >= 1);
  for (const o of rows) {
    assert.equal(Object.keys(o), ['file', 'start_s', 'end_s', ...FIELDS_WHOLE.slice(1)]);
    assert.ok(o.start_s >= 0 && o.end_s > o.start_s && o.end_s <= 2.0);
  }
});

withEspeak('a table by default; a broken file is named and the others still print', () => {
  const { files } = speakSentences();
  const dir = mkdtempSync(join(tmpdir(), 'emotiond-bad-'));
  const bad = join(dir, 'broken.wav');
  writeFileSync(bad, 'RIFF\x10\x00\x00\x00WAVEjunk');
  const r = emotiond('analyze', '--whole', files[0], bad, files[1]);
  assert.is(r.status, 1);
  assert.match(r.stderr, /broken\.wav/);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^file\s+span \(s\)\s+emotion\s+conf/);
  assert.is(lines.length, 4, r.stdout);
});

test('a missing file and a missing model are clear one-line errors', () => {
  const r = emotiond('analyze', '--whole', '/nonexistent/x.wav');
  assert.is(r.status, 1);
  assert.match(r.stderr, /x\.wav/);
  assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
  const dir = mkdtempSync(join(tmpdir(), 'emotiond-cfg-'));
  writeFileSync(join(dir, 'c.yaml'), 'model:\n  path: /nonexistent/model.onnx\n');
  const m = emotiond('analyze', '--config', join(dir, 'c.yaml'), '--whole', '/nonexistent/x.wav');
  assert.is(m.status, 1);
  assert.match(m.stderr, /model\.onnx/);
  assert.not.match(m.stderr, /\n\s+at /);
});

test.run();
