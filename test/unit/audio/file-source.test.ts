// FileSource: every sample in order, folders in name order, gaps, broken files skipped,
// loop, stop, and (with generous bounds) real-time pace.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FileSource, type FileSourceOptions } from '../../../daemon/audio/file-source.ts';
import type { AudioChunk } from '../../../daemon/core/types.ts';
import { expectError, tempDir } from './audio-test-kit.ts';
import { pcmWav, seededInts } from './wav-bytes.ts';

const dir = tempDir('file-source');
// 16 kHz mono 16-bit files decode to exactly their samples / 32768, so content is checkable.
const A = seededInts(5000, -30000, 30000, 21);
const B = seededInts(3210, -30000, 30000, 22);
writeFileSync(join(dir, 'a.wav'), pcmWav([A], 's16', 16000));
const folder = join(dir, 'folder');
mkdirSync(folder);
writeFileSync(join(folder, '2-b.WAV'), pcmWav([B], 's16', 16000));
writeFileSync(join(folder, '1-a.wav'), pcmWav([A], 's16', 16000));
writeFileSync(join(folder, '1-broken.wav'), 'RIFF but not really');
writeFileSync(join(folder, 'notes.txt'), 'not audio, not played');
const empty = join(dir, 'empty');
mkdirSync(empty);

interface Run {
  chunks: AudioChunk[];
  errors: Error[];
  ended: number;
  ms: number;
}

async function play(options: FileSourceOptions, until?: (r: Run) => boolean): Promise<Run> {
  const run: Run = { chunks: [], errors: [], ended: 0, ms: 0 };
  const src = new FileSource(options);
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    src
      .start({
        onChunk: (c) => {
          run.chunks.push(c);
          if (until?.(run)) resolve();
        },
        onError: (e) => void run.errors.push(e),
        onEnd: () => {
          run.ended++;
          resolve();
        },
      })
      .catch(reject);
  });
  await src.stop();
  run.ms = performance.now() - t0;
  return run;
}

const flat = (chunks: AudioChunk[]) => chunks.flatMap((c) => Array.from(c.samples));
const scaled = (ints: number[]) => ints.map((x) => x / 32768);

test('speed 0: every sample of a file, in order, in 20 ms chunks stamped with stream time', async () => {
  const r = await play({ path: join(dir, 'a.wav'), speed: 0 });
  assert.is(r.ended, 1);
  assert.equal(r.errors, []);
  assert.equal(flat(r.chunks), scaled(A));
  let at = 0;
  for (const [i, c] of r.chunks.entries()) {
    assert.is(c.startS, at / 16000);
    if (i < r.chunks.length - 1) assert.is(c.samples.length, 320);
    at += c.samples.length;
  }
  assert.is(r.chunks[r.chunks.length - 1].samples.length, 5000 % 320);
});

test('a folder plays its .wav/.flac files by name with gaps; a broken file is reported by name and skipped', async () => {
  const r = await play({ path: folder, speed: 0, gapS: 0.1 });
  assert.is(r.ended, 1);
  assert.is(r.errors.length, 1);
  assert.match(r.errors[0].message, /1-broken\.wav/);
  assert.is((r.errors[0] as { code?: string }).code, 'AUDIO_FORMAT');
  assert.equal(flat(r.chunks), [...scaled(A), ...new Array(1600).fill(0), ...scaled(B)]);
  const total = r.chunks.reduce((n, c) => n + c.samples.length, 0);
  const last = r.chunks[r.chunks.length - 1];
  assert.is(last.startS + last.samples.length / 16000, total / 16000);
});

test('loop replays until stopped, with the gap between passes; no onEnd', async () => {
  const r = await play({ path: join(dir, 'a.wav'), speed: 0, loop: true, gapS: 0.05 }, (run) => run.chunks.length >= 60);
  assert.is(r.ended, 0);
  const got = flat(r.chunks);
  const pass = [...scaled(A), ...new Array(800).fill(0)];
  assert.equal(got.slice(0, 2 * pass.length), [...pass, ...pass]);
});

test('stop() ends playback promptly, with nothing delivered after it', async () => {
  const long = join(dir, 'long.wav');
  writeFileSync(long, pcmWav([new Array(16000 * 30).fill(1000)], 's16', 16000));
  const chunks: AudioChunk[] = [];
  const src = new FileSource({ path: long, speed: 1 });
  await src.start({ onChunk: (c) => chunks.push(c) });
  await new Promise((r) => setTimeout(r, 100));
  const t0 = performance.now();
  await src.stop();
  assert.ok(performance.now() - t0 < 500, 'stop resolved promptly');
  const n = chunks.length;
  await new Promise((r) => setTimeout(r, 100));
  assert.is(chunks.length, n, 'no chunk after stop()');
  await src.stop(); // twice is fine
});

test('speed 1 plays at roughly real time (generous bounds)', async () => {
  const half = join(dir, 'half.wav');
  writeFileSync(half, pcmWav([new Array(8000).fill(0)], 's16', 16000));
  const r = await play({ path: half });
  assert.is(r.ended, 1);
  assert.ok(r.ms > 350 && r.ms < 5000, `0.5 s of audio took ${r.ms.toFixed(0)} ms`);
  const fast = await play({ path: half, speed: 4 });
  assert.ok(fast.ms < r.ms, `speed 4 took ${fast.ms.toFixed(0)} ms, speed 1 ${r.ms.toFixed(0)} ms`);
});

test('missing path, folder without audio, or only broken files', async () => {
  await expectError(() => new FileSource({ path: join(dir, 'nope') }).start({ onChunk: () => {} }), 'AUDIO_IO', ['nope: cannot open']);
  await expectError(() => new FileSource({ path: empty }).start({ onChunk: () => {} }), 'AUDIO_IO', ['holds no .wav or .flac file']);
  const bad = join(dir, 'bad.wav');
  writeFileSync(bad, new Uint8Array(0));
  const r = await play({ path: bad, speed: 0, loop: true });
  assert.is(r.chunks.length, 0);
  assert.match(r.errors[0].message, /bad\.wav: file is empty/);
  assert.match(r.errors[1].message, /no file could be played/);
  assert.is(r.ended, 1, 'a loop over nothing but broken files ends instead of spinning');
  await expectError(() => new FileSource({ path: bad, speed: -1 }), 'USAGE', ['speed']);
});

test.run();
