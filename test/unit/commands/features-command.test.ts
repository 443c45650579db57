// `emotiond features` as a user runs it: the real CLI in a child process, on WAV files written
// from the seeded speech-like signal (and one file that cannot be read).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import wavefile from 'wavefile';
import { csvField, formatValue } from '../../../daemon/commands/features-command.ts';
import { EGEMAPS_NAMES } from '../../../daemon/features/egemaps/egemaps-names.ts';
import { EXTENDED_NAMES } from '../../../daemon/features/extended/extended-set.ts';
import { speechLike } from '../features/speech-like.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'emotiond-features-'));
const wav = (name: string, x: Float32Array): string => {
  const w = new wavefile.WaveFile();
  w.fromScratch(1, 16000, '16', Int16Array.from(x, (v) => Math.round(Math.max(-1, Math.min(1, v)) * 32767)));
  writeFileSync(join(dir, name), w.toBuffer());
  return join(dir, name);
};
const a = wav('a.wav', speechLike(1.2, 130, 5)), b = wav('b, with comma.wav', speechLike(0.8, 210, 6));
const emotiond = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/emotiond.js'), 'features', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120000 });

test('CSV (the default): a header of file and the 88 openSMILE names, then one row per file', () => {
  const r = emotiond(a, b);
  assert.is(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.is(lines.length, 3);
  assert.is(lines[0], ['file', ...EGEMAPS_NAMES].join(','));
  assert.ok(lines[2].startsWith('"'), 'a file name with a comma is quoted');
  for (const line of lines.slice(1)) {
    const rest = line.startsWith('"') ? line.slice(line.indexOf('",') + 2) : line.slice(line.indexOf(',') + 1);
    const values = rest.split(',');
    assert.is(values.length, 88);
    assert.ok(values.every((v) => Number.isFinite(Number(v))));
  }
});

test('--jsonl: file then every feature by name; --set extended the emotiond-extended-v1 set, --set v1 the 602 emotiond-v1 features', () => {
  const r = emotiond('--jsonl', a);
  assert.is(r.status, 0, r.stderr);
  const o = JSON.parse(r.stdout.trim());
  assert.equal(Object.keys(o), ['file', ...EGEMAPS_NAMES]);
  assert.is(o.file, a);
  const ext = emotiond('--set', 'extended', '--jsonl', a);
  assert.is(ext.status, 0, ext.stderr);
  assert.equal(Object.keys(JSON.parse(ext.stdout.trim())), ['file', ...EXTENDED_NAMES]);
  const v1 = emotiond('--set', 'v1', '--jsonl', a);
  assert.is(v1.status, 0, v1.stderr);
  assert.is(Object.keys(JSON.parse(v1.stdout.trim())).length, 603);
});

test('--set extended on --backend webgpu is a clear error, not another vector', () => {
  const r = emotiond('--set', 'extended', '--backend', 'webgpu', a);
  assert.not.equal(r.status, 0);
  assert.match(r.stderr, /emotiond-extended-v1 has no WebGPU path/);
});

test('an unreadable file is reported and the others still printed, exit status 1; bad options exit 2', () => {
  const r = emotiond(a, join(dir, 'missing.wav'), b);
  assert.is(r.status, 1);
  assert.is(r.stdout.trim().split('\n').length, 3);
  assert.match(r.stderr, /missing\.wav/);
  assert.is(emotiond('--set', 'compare', a).status, 2);
  assert.is(emotiond('--csv', '--jsonl', a).status, 2);
});

test('formatting: 7 significant digits; CSV fields quoted when needed', () => {
  for (const v of [0.1, -1234.5678, 3.4e38, 1e-30]) assert.ok(Math.abs(Number(formatValue(v)) / v - 1) < 5e-7, `${v}`);
  assert.is(formatValue(0), '0');
  assert.is(csvField('a,b'), '"a,b"');
  assert.is(csvField('say "x"'), '"say ""x"""');
  assert.is(csvField('plain.wav'), 'plain.wav');
});

test.run();
