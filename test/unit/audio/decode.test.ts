// decodeAudioFile / decodeAudioBytes: sniffing, mix-down, resampling to 16 kHz, repairs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeAudioBytes, decodeAudioFile, mixToMono, sniffFormat } from '../../../daemon/audio/decode.ts';
import { SAMPLE_RATE } from '../../../daemon/core/types.ts';
import { datasets, exists, expectError, skipVisibly, tempDir } from './audio-test-kit.ts';
import { pcmWav, seededInts, sineInts } from './wav-bytes.ts';

/** Amplitude of the `freq` component over y[from..to), by least squares on sin and cos. */
function amplitudeAt(y: Float32Array, freq: number, from: number, to: number): number {
  let s = 0;
  let c = 0;
  for (let i = from; i < to; i++) {
    const w = (2 * Math.PI * freq * i) / SAMPLE_RATE;
    s += y[i] * Math.sin(w);
    c += y[i] * Math.cos(w);
  }
  return (2 * Math.hypot(s, c)) / (to - from);
}

test('sniffs WAV and FLAC by magic bytes, not by name', () => {
  assert.is(sniffFormat(Uint8Array.from([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0])), 'wav');
  assert.is(sniffFormat(Uint8Array.from([0x66, 0x4c, 0x61, 0x43, 0])), 'flac');
  assert.is(sniffFormat(Uint8Array.from([0x49, 0x44, 0x33, 4])), null);
  assert.is(sniffFormat(new Uint8Array(0)), null);
});

test('16 kHz mono passes through unchanged', async () => {
  const ints = seededInts(1000, -32768, 32767, 9);
  const d = await decodeAudioBytes(pcmWav([ints], 's16', 16000), 'id.wav');
  assert.is(d.sampleRate, SAMPLE_RATE);
  assert.equal(d.source, { sampleRate: 16000, channels: 1, encoding: 'pcm_s16le' });
  assert.equal(Array.from(d.samples), ints.map((x) => x / 32768));
  assert.is(d.warnings, undefined);
});

test('stereo 44.1 kHz: mixed to the mean of the channels and resampled to 16 kHz', async () => {
  const n = 44100;
  const tone = sineInts(n, 440, 44100, 0.5);
  const same = await decodeAudioBytes(pcmWav([tone, tone], 's16', 44100), 'same.wav');
  assert.is(same.samples.length, 16000);
  assert.equal(same.source, { sampleRate: 44100, channels: 2, encoding: 'pcm_s16le' });
  const amp = amplitudeAt(same.samples, 440, 1000, 15000);
  assert.ok(Math.abs(amp - 0.5) < 0.005, `amplitude ${amp}`);
  // Opposite channels cancel: the mix is their mean, not their sum or the left one.
  const opposite = await decodeAudioBytes(pcmWav([tone, tone.map((x) => -x)], 's16', 44100), 'opposite.wav');
  assert.ok(Math.max(...opposite.samples.map(Math.abs)) < 1e-6);
  const half = await decodeAudioBytes(pcmWav([tone, tone.map(() => 0)], 's16', 44100), 'half.wav');
  assert.ok(Math.abs(amplitudeAt(half.samples, 440, 1000, 15000) - 0.25) < 0.003);
});

test('NaN and infinity become 0, counted in a warning naming the file', async () => {
  const values = [0.1, NaN, 0.2, Infinity, -Infinity, 0.3];
  const d = await decodeAudioBytes(pcmWav([values, values], 'f32', 16000), 'nan.wav');
  assert.equal(Array.from(d.samples), [0.1, 0, 0.2, 0, 0, 0.3].map(Math.fround));
  assert.equal(d.warnings, ['nan.wav: 6 non-finite sample value(s) (NaN or infinity) replaced by 0']);
  assert.equal(mixToMono([Float32Array.from([NaN, 1])]).nonFinite, 1);
});

test('decodeAudioFile reads from disk; a missing file is AUDIO_IO naming the path', async () => {
  const dir = tempDir('decode');
  const path = join(dir, 'tone.wav');
  writeFileSync(path, pcmWav([sineInts(8000, 300, 8000)], 's16', 8000));
  const d = await decodeAudioFile(path);
  assert.is(d.samples.length, 16000);
  assert.is(d.source.sampleRate, 8000);
  await expectError(() => decodeAudioFile(join(dir, 'nope.wav')), 'AUDIO_IO', ['nope.wav: cannot read (no such file)']);
  const bad = join(dir, 'text.wav');
  writeFileSync(bad, 'hello, not audio');
  await expectError(() => decodeAudioFile(bad), 'AUDIO_FORMAT', [`${bad}: unrecognised format`, '68 65 6c 6c']);
});

const emodbPad = join(datasets, 'emodb/wav/14a07Aa.wav');
if (exists(emodbPad)) {
  test('EmoDB file with a 4044-byte PAD chunk before data (../shared/datasets)', async () => {
    const d = await decodeAudioFile(emodbPad);
    assert.equal(d.source, { sampleRate: 16000, channels: 1, encoding: 'pcm_s16le' });
    // labels.csv gives 2.05969 s; a 44-byte-header reader would also read the padding as audio.
    assert.is(d.samples.length, 32955);
    assert.is(d.warnings, undefined);
    assert.ok(d.samples.some((x) => Math.abs(x) > 0.05), 'speech, not silence');
  });
} else {
  skipVisibly('EmoDB file with a PAD chunk', `${emodbPad} is absent`);
}

test.run();
