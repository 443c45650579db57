// Inputs that are not audio files, or too large, are refused before they are read: a FIFO
// (would block forever), /dev/zero (never ends), a file past the size or duration limit. A
// FIFO in a replay folder is reported and skipped, and does not hold up stop().
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeAudioFile } from '../../../daemon/audio/decode.ts';
import { FileSource } from '../../../daemon/audio/file-source.ts';
import { expectError, tempDir } from './audio-test-kit.ts';
import { pcmWav, seededInts } from './wav-bytes.ts';

const dir = tempDir('input-limits');
const fifo = join(dir, 'b-fifo.wav');
execFileSync('mkfifo', [fifo]);
const good = join(dir, 'a.wav');
writeFileSync(good, pcmWav([seededInts(16000, -9000, 9000, 4)], 's16', 16000));

/** A hang guard, not a timing check: the promise must settle at all. */
function settles<T>(p: Promise<T>, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: still waiting after 20 s`)), 20000).unref())]);
}

test('a FIFO and a character device are refused, naming what they are', async () => {
  await expectError(() => settles(decodeAudioFile(fifo), 'fifo'), 'AUDIO_IO', [fifo, 'not a regular file (a FIFO)']);
  await expectError(() => settles(decodeAudioFile('/dev/zero'), '/dev/zero'), 'AUDIO_IO', ['/dev/zero', 'not a regular file (a character device)']);
});

test('size and duration limits, with the flag that changes them', async () => {
  await expectError(() => decodeAudioFile(good, { maxBytes: 1000, maxDurationS: 3600 }), 'AUDIO_IO', [good, 'over the limit of', '--max-file-mib']);
  await expectError(() => decodeAudioFile(good, { maxBytes: 2 ** 20, maxDurationS: 0.5 }), 'AUDIO_IO', [good, '1 s of audio, over the limit of 0.5 s', '--max-duration-s']);
  assert.is((await decodeAudioFile(good)).samples.length, 16000);
});

test('a FIFO in a replay folder: reported, the other files play, stop() returns', async () => {
  const src = new FileSource({ path: dir, speed: 0, loop: true });
  const errors: string[] = [];
  let samples = 0;
  await src.start({ onChunk: (c) => void (samples += c.samples.length), onError: (e) => void errors.push(e.message) });
  while (samples < 3 * 16000) await settles(new Promise((r) => setTimeout(r, 10)), 'playback');
  await settles(src.stop(), 'stop');
  assert.ok(errors.some((e) => e.includes('b-fifo.wav') && e.includes('not a regular file')), errors.join('\n'));
});

test('damage a replayed file had is reported through onWarning, naming the file (the daemon logs it)', async () => {
  const d = tempDir('replay-damaged');
  const bytes = pcmWav([seededInts(8000, -9000, 9000, 6)], 's16', 16000);
  const damaged = join(d, 'damaged.wav');
  writeFileSync(damaged, bytes.subarray(0, bytes.length - 101));
  const src = new FileSource({ path: damaged, speed: 0, loop: true });
  const warnings: string[] = [];
  let samples = 0;
  await src.start({ onChunk: (c) => void (samples += c.samples.length), onWarning: (w) => void warnings.push(w) });
  while (samples < 5 * 8000) await settles(new Promise((r) => setTimeout(r, 10)), 'playback');
  await src.stop();
  assert.ok(warnings.length >= 1 && warnings.every((w) => w.includes(damaged)), warnings.join('\n'));
  assert.is(new Set(warnings).size, warnings.length, 'each said once, not at every round of the loop');
});

test.run();
