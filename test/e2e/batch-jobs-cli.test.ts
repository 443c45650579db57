// --jobs on the batch commands, as a user runs them (the real CLI in a child process, real
// audio from espeak-ng, the shipped model): the same bytes on stdout with 2 workers as with
// one thread, a broken file named with the others still printed (exit 1), and --jobs values
// that are not a whole number >= 1 refused as usage errors (exit 2).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasEspeak, speakSentences } from '../fixtures/speech.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ready = hasEspeak() && existsSync(join(ROOT, 'models/emotion.onnx'));
const withSpeech = ready ? test : test.skip;
if (!ready) console.log('SKIP: needs espeak-ng and models/emotion.onnx');

function emotiond(...args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'bin/emotiond.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 240000 });
}

/** Five speech files and a broken one in the middle: more files than workers, one bad. */
function files(): string[] {
  const { dir, files: spoken } = speakSentences();
  const more = spoken.slice(0, 2).map((f, i) => {
    const copy = join(dir, `again${i}.wav`);
    copyFileSync(f, copy);
    return copy;
  });
  const bad = join(mkdtempSync(join(tmpdir(), 'emotiond-bad-')), 'broken.wav');
  writeFileSync(bad, 'RIFF\x10\x00\x00\x00WAVEjunk');
  return [spoken[0], spoken[1], bad, spoken[2], ...more];
}

withSpeech('analyze --whole --jsonl: --jobs 2 prints what --jobs 1 prints, byte for byte; the broken file is named', () => {
  const fs = files();
  const one = emotiond('analyze', '--whole', '--jsonl', '--jobs', '1', ...fs);
  const two = emotiond('analyze', '--whole', '--jsonl', '--jobs', '2', ...fs);
  for (const r of [one, two]) {
    assert.is(r.status, 1, r.stderr);
    assert.match(r.stderr, /broken\.wav/);
    assert.is(r.stdout.trim().split('\n').length, 5);
  }
  assert.is(two.stdout, one.stdout);
});

withSpeech('analyze by segments and features --set extended2: the same with 2 workers as with one thread', () => {
  const fs = files().filter((f) => !f.endsWith('broken.wav')).slice(0, 3);
  const seg = [emotiond('analyze', '--jsonl', '--jobs', '1', ...fs), emotiond('analyze', '--jsonl', '--jobs', '2', ...fs)];
  assert.is(seg[0].status, 0, seg[0].stderr);
  assert.is(seg[1].status, 0, seg[1].stderr);
  assert.ok(seg[0].stdout.includes('start_s'));
  assert.is(seg[1].stdout, seg[0].stdout);
  const feat = [emotiond('features', '--set', 'extended2', '--jobs', '1', ...fs), emotiond('features', '--set', 'extended2', '--jobs', '2', ...fs)];
  assert.is(feat[0].status, 0, feat[0].stderr);
  assert.is(feat[0].stdout.trim().split('\n').length, 4);
  assert.is(feat[1].stdout, feat[0].stdout);
});

test('--jobs 0, a word or a fraction is a usage error, on every batch command', () => {
  for (const [cmd, value] of [['analyze', '0'], ['features', 'many'], ['eval', '1.5'], ['train', '-2']]) {
    const r = emotiond(cmd, '--jobs', value, 'x.wav');
    assert.is(r.status, 2, `${cmd} --jobs ${value}: ${r.stderr}`);
    assert.match(r.stderr, `--jobs "${value}"`);
  }
});

test.run();
