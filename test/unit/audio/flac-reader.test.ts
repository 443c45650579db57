// FLAC through @wasm-audio-decoders/flac: files made by sox here, a RAVDESS file, and damage.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeAudioBytes, decodeAudioFile } from '../../../daemon/audio/decode.ts';
import { readFlac } from '../../../daemon/audio/flac-reader.ts';
import { datasets, exists, expectError, hasCommand, skipVisibly, tempDir } from './audio-test-kit.ts';
import { pcmWav, seededInts, sineInts } from './wav-bytes.ts';

const haveSox = hasCommand('sox');
const dir = tempDir('flac');

/** Encodes a WAV we built into FLAC with sox; returns the FLAC bytes. */
function soxFlac(wav: Uint8Array, name: string, extra: string[] = []): Uint8Array {
  const src = join(dir, `${name}.wav`);
  const dst = join(dir, `${name}.flac`);
  writeFileSync(src, wav);
  const r = spawnSync('sox', [src, ...extra, dst], { encoding: 'utf8' });
  assert.is(r.status, 0, `sox failed: ${r.stderr}`);
  return new Uint8Array(readFileSync(dst));
}

const left = sineInts(22050, 440, 22050, 0.6);
const right = seededInts(22050, -20000, 20000, 11);

if (haveSox) {
  test('16-bit stereo FLAC made by sox decodes to exactly the samples encoded', async () => {
    const flac = soxFlac(pcmWav([left, right], 's16', 22050), 's16');
    const r = await readFlac(flac, 's16.flac');
    assert.is(r.sampleRate, 22050);
    assert.is(r.encoding, 'flac_s16');
    assert.is(r.channelData.length, 2);
    assert.equal(Array.from(r.channelData[0]), left.map((x) => x / 32768));
    assert.equal(Array.from(r.channelData[1]), right.map((x) => x / 32768));
  });

  test('24-bit mono FLAC, and the full decode path to 16 kHz', async () => {
    const ints = seededInts(4800, -8388608, 8388607, 12);
    const flac = soxFlac(pcmWav([ints], 's24', 48000), 's24');
    const r = await readFlac(flac, 's24.flac');
    assert.is(r.encoding, 'flac_s24');
    assert.equal(Array.from(r.channelData[0]), ints.map((x) => x / 8388608));
    const d = await decodeAudioFile(join(dir, 's24.flac'));
    assert.is(d.samples.length, 1600);
    assert.equal(d.source, { sampleRate: 48000, channels: 1, encoding: 'flac_s24' });
  });

  test('corrupt and truncated FLAC give AUDIO_FORMAT errors naming the file', async () => {
    const flac = soxFlac(pcmWav([left, right], 's16', 22050), 'dmg');
    const flipped = flac.slice();
    for (let i = Math.floor(flac.length / 2); i < Math.floor(flac.length / 2) + 64; i++) flipped[i] ^= 0x5a;
    await expectError(() => decodeAudioBytes(flipped, 'flipped.flac'), 'AUDIO_FORMAT', ['flipped.flac: corrupt', 'of the 22050 samples']);
    const cut = flac.subarray(0, Math.floor(flac.length * 0.6));
    await expectError(() => decodeAudioBytes(cut, 'cut.flac'), 'AUDIO_FORMAT', ['cut.flac: corrupt or truncated FLAC: decoded', 'of the 22050 samples']);
    const frameless = flac.slice(0, 42);
    await expectError(() => decodeAudioBytes(frameless, 'frameless.flac'), 'AUDIO_FORMAT', ['frameless.flac: corrupt FLAC: no frame could be decoded']);
  });
} else {
  skipVisibly('FLAC files made by sox (3 tests)', 'sox is not installed');
}

test('FLAC headers that are not there give clear errors', async () => {
  const magic = Uint8Array.from([0x66, 0x4c, 0x61, 0x43]);
  await expectError(() => decodeAudioBytes(magic, 'magic-only.flac'), 'AUDIO_FORMAT', ['magic-only.flac: truncated header', 'STREAMINFO']);
  const notInfo = new Uint8Array(64);
  notInfo.set(magic);
  notInfo.set([0x84, 0, 0, 10], 4); // a VORBIS_COMMENT block where STREAMINFO must be
  await expectError(() => decodeAudioBytes(notInfo, 'no-info.flac'), 'AUDIO_FORMAT', ['no-info.flac: first metadata block at byte 4 is not a STREAMINFO block']);
  await expectError(() => readFlac(Uint8Array.from([1, 2, 3, 4, 5]), 'x.flac'), 'AUDIO_FORMAT', ['x.flac: not a FLAC file', '01 02 03 04']);
});

const ravdessDir = join(datasets, 'ravdess/Actor_01');
if (exists(ravdessDir)) {
  test('a RAVDESS FLAC file from ../shared/datasets decodes to the duration in labels.csv', async () => {
    const name = readdirSync(ravdessDir).filter((f) => f.endsWith('.flac')).sort()[0];
    const labels = readFileSync(join(datasets, 'ravdess/labels.csv'), 'utf8').split('\n');
    const header = labels[0].split(',');
    const row = labels.find((l) => l.startsWith(`Actor_01/${name},`));
    assert.ok(row, `${name} is in labels.csv`);
    const duration = Number(row.split(',')[header.indexOf('duration_s')]);
    const d = await decodeAudioFile(join(ravdessDir, name));
    assert.equal(d.source, { sampleRate: 16000, channels: 1, encoding: 'flac_s16' });
    assert.ok(Math.abs(d.samples.length / 16000 - duration) < 0.002, `${d.samples.length} samples vs ${duration} s`);
    assert.ok(d.samples.every((x) => Math.abs(x) <= 1));
    assert.ok(d.samples.some((x) => Math.abs(x) > 0.02), 'speech, not silence');
  });
  test('a file whose last frame the frame parser drops decodes in full (sox agrees)', async () => {
    // Actor_02/03-01-01-01-02-01-02.flac: the parser drops its last 2983-sample frame.
    const file = join(datasets, 'ravdess/Actor_02/03-01-01-01-02-01-02.flac');
    const raw = await readFlac(new Uint8Array(readFileSync(file)), 'x.flac');
    assert.is(raw.channelData[0].length, 60327);
    if (hasCommand('sox')) {
      const s = spawnSync('sox', [file, '-t', 's16', '-'], { maxBuffer: 1 << 24 });
      const pcm = new Int16Array(s.stdout.buffer, s.stdout.byteOffset, s.stdout.length / 2);
      assert.is(pcm.length, 60327);
      for (let i = 57000; i < pcm.length; i += 97) assert.is(raw.channelData[0][i], pcm[i] / 32768, `sample ${i}`);
    }
  });
} else {
  skipVisibly('RAVDESS FLAC file', `${ravdessDir} is absent`);
}

test.run();
