// `emotiond analyze` on inputs an unlucky user or an attacker hands it: damaged audio is
// analysed with a warning naming the file; files without speech (silence, one sample, 10 ms,
// all NaN) get the documented "no speech" answer, --whole included; a FIFO among the inputs
// is refused and the files after it still run.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers/daemon-process.ts';
import { hasEspeak, speakSentences } from '../fixtures/speech.ts';
import { tempDir } from '../unit/audio/audio-test-kit.ts';
import { pcmWav } from '../unit/audio/wav-bytes.ts';

const ready = hasEspeak() && existsSync(join(ROOT, 'models/emotion.onnx'));
const it = ready ? test : test.skip;
const dir = tempDir('analyze-hostile');
const silence = join(dir, 'silence.wav');
writeFileSync(silence, pcmWav([new Array(16000 * 5).fill(0)], 's16', 16000));
const one = join(dir, 'one-sample.wav');
writeFileSync(one, pcmWav([[1000]], 's16', 16000));
const tenMs = join(dir, 'ten-ms.wav');
writeFileSync(tenMs, pcmWav([new Array(160).fill(3000)], 's16', 16000));
const nan = join(dir, 'all-nan.wav');
writeFileSync(nan, pcmWav([new Array(16000).fill(Number.NaN)], 'f32', 16000));
const fifo = join(dir, 'fifo.wav');
execFileSync('mkfifo', [fifo]);
let speech = '';
let damaged = '';

/** The CLI in a child process, with a hang guard (a FIFO read would block forever). */
function analyze(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [join(ROOT, 'bin/emotiond.js'), 'analyze', ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    const guard = setTimeout(() => {
      c.kill('SIGKILL');
      reject(new Error(`analyze ${args.join(' ')}: no exit within 180 s; stderr:\n${stderr}`));
    }, 180000);
    c.once('exit', (status) => {
      clearTimeout(guard);
      resolve({ status, stdout, stderr });
    });
  });
}

test.before(() => {
  if (!ready) return;
  speech = speakSentences().files[1];
  // The same speech with its data chunk declared longer than the file: cut off its tail.
  const bytes = readFileSync(speech);
  damaged = join(dir, 'damaged.wav');
  writeFileSync(damaged, bytes.subarray(0, bytes.length - 1001));
});

it('segments: no-speech answers, a warning naming the damaged file, the FIFO refused, later files still run', async () => {
  const r = await analyze('--jsonl', silence, one, fifo, tenMs, nan, damaged);
  assert.is(r.status, 1, 'one input failed');
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  for (const f of [silence, one, tenMs, nan]) {
    assert.ok(lines.some((l) => l.file === f && l.emotion === null && l.no_speech === true), `no-speech answer for ${f}:\n${r.stdout}`);
  }
  assert.ok(lines.some((l) => l.file === damaged && typeof l.emotion === 'string'), 'the damaged file is still analysed');
  assert.match(r.stderr, new RegExp(`warning: ${damaged.replace(/[.]/g, '\\.')}: .*data`));
  assert.match(r.stderr, /warning: .*all-nan\.wav: 16000 non-finite sample value/);
  assert.match(r.stderr, /fifo\.wav: not a regular file \(a FIFO\)/);
});

it('--whole: no emotion for a file without speech', async () => {
  const r = await analyze('--whole', '--jsonl', silence, one, nan, speech);
  assert.is(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.is(lines.length, 4);
  for (const [i, f] of [silence, one, nan].entries()) assert.equal(lines[i], { file: f, emotion: null, no_speech: true });
  assert.is(lines[3].file, speech);
  assert.type(lines[3].emotion, 'string');
});

test.run();
