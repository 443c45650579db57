// --jobs on the batch commands, as a user runs them (the real CLI in a child process, real
// audio from espeak-ng, the shipped model): the same bytes on stdout with 2 workers as with
// one thread, a broken file named with the others still printed (exit 1), and --jobs values
// that are not a whole number >= 1 refused as usage errors (exit 2). The input limits, the
// damaged-audio warnings and the no-speech answer hold in the workers as in one thread.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasEspeak, speakSentences } from '../fixtures/speech.ts';
import { pcmWav } from '../unit/audio/wav-bytes.ts';

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

/** Inputs for the limits: speech, silence, 40 s of silence (1.2 MiB), a FIFO, speech cut short. */
function hostileFiles(): { dir: string; speech: string; silence: string; big: string; fifo: string; damaged: string } {
  const speech = speakSentences().files[0];
  const dir = mkdtempSync(join(tmpdir(), 'emotiond-limits-'));
  const silence = join(dir, 'silence.wav');
  writeFileSync(silence, pcmWav([new Array(16000).fill(0)], 's16', 16000));
  const big = join(dir, 'big.wav');
  writeFileSync(big, pcmWav([new Array(16000 * 40).fill(0)], 's16', 16000));
  const fifo = join(dir, 'fifo.wav');
  execFileSync('mkfifo', [fifo]);
  // Its data chunk says more than the file holds: decoded, with a warning naming it.
  const bytes = readFileSync(speech);
  const damaged = join(dir, 'damaged.wav');
  writeFileSync(damaged, bytes.subarray(0, bytes.length - 1001));
  return { dir, speech, silence, big, fifo, damaged };
}

/** The stderr lines about the inputs (progress lines left out), in their order. */
const aboutInputs = (stderr: string, dir: string): string[] => stderr.split('\n').filter((l) => l.includes(dir));

withSpeech('input limits, damage warnings and no-speech answers: the same with 2 workers as with one thread', () => {
  const h = hostileFiles();
  const inputs = [h.speech, h.silence, h.big, h.fifo, h.damaged];
  const analyze = ['1', '2'].map((jobs) => emotiond('analyze', '--jsonl', '--max-file-mib', '0.75', '--jobs', jobs, ...inputs));
  for (const r of analyze) {
    assert.is(r.status, 1, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.find((l) => l.file === h.silence), { file: h.silence, emotion: null, no_speech: true });
    assert.ok(lines.some((l) => l.file === h.damaged && typeof l.emotion === 'string'), r.stdout);
    assert.not.ok(lines.some((l) => l.file === h.big || l.file === h.fifo), r.stdout);
    assert.match(r.stderr, `${h.big}: 1 MiB, over the limit of 0.75 MiB (--max-file-mib)`);
    assert.match(r.stderr, `${h.fifo}: not a regular file (a FIFO)`);
    assert.match(r.stderr, `emotiond: warning: ${h.damaged}: `);
  }
  assert.is(analyze[1].stdout, analyze[0].stdout);
  assert.equal(aboutInputs(analyze[1].stderr, h.dir), aboutInputs(analyze[0].stderr, h.dir));
  const features = ['1', '2'].map((jobs) => emotiond('features', '--set', 'v1', '--max-duration-s', '20', '--jobs', jobs, h.speech, h.big, h.damaged));
  for (const r of features) {
    assert.is(r.status, 1, r.stderr);
    assert.is(r.stdout.trim().split('\n').length, 3, 'a header, the speech and the damaged file');
    assert.match(r.stderr, `${h.big}: 40 s of audio, over the limit of 20 s (--max-duration-s)`);
    assert.match(r.stderr, `emotiond: warning: ${h.damaged}: `);
  }
  assert.is(features[1].stdout, features[0].stdout);
  assert.equal(aboutInputs(features[1].stderr, h.dir), aboutInputs(features[0].stderr, h.dir));
});

test('--jobs 0, a word or a fraction is a usage error, on every batch command', () => {
  for (const [cmd, value] of [['analyze', '0'], ['features', 'many'], ['eval', '1.5'], ['train', '-2']]) {
    const r = emotiond(cmd, '--jobs', value, 'x.wav');
    assert.is(r.status, 2, `${cmd} --jobs ${value}: ${r.stderr}`);
    assert.match(r.stderr, `--jobs "${value}"`);
  }
});

test.run();
