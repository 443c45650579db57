// The WAV reader on every common encoding and layout, with files built byte by byte here.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readWav } from '../../../daemon/audio/wav-reader.ts';
import { ascii, chunk, concat, fmtBody, packSamples, pcmWav, riff, seededInts, type PcmEncoding } from './wav-bytes.ts';

function assertChannels(got: Float32Array[], want: number[][], tol: number, label: string) {
  assert.is(got.length, want.length, `${label}: channel count`);
  for (let c = 0; c < want.length; c++) {
    assert.is(got[c].length, want[c].length, `${label}: length of channel ${c}`);
    for (let i = 0; i < want[c].length; i++) {
      const d = Math.abs(got[c][i] - want[c][i]);
      if (d > tol) assert.unreachable(`${label}: channel ${c} sample ${i}: got ${got[c][i]}, want ${want[c][i]}`);
    }
  }
}

// Integer encodings: stored values, and what they mean in [-1, 1).
const INT_CASES: { enc: PcmEncoding; lo: number; hi: number; toFloat: (x: number) => number; tol: number }[] = [
  { enc: 'u8', lo: 0, hi: 255, toFloat: (x) => (x - 128) / 128, tol: 0 },
  { enc: 's16', lo: -32768, hi: 32767, toFloat: (x) => x / 32768, tol: 0 },
  { enc: 's24', lo: -8388608, hi: 8388607, toFloat: (x) => x / 8388608, tol: 0 },
  // 32-bit integers keep float32 precision (24 bits), hence the tolerance.
  { enc: 's32', lo: -2147483648, hi: 2147483647, toFloat: (x) => x / 2147483648, tol: 1e-7 },
];

for (const { enc, lo, hi, toFloat, tol } of INT_CASES) {
  test(`PCM ${enc}: mono and stereo, extremes and random values`, () => {
    const left = [lo, hi, 0, ...seededInts(200, lo, hi, 1)];
    const right = [hi, lo, lo, ...seededInts(200, lo, hi, 2)];
    const mono = readWav(pcmWav([left], enc, 16000), `mono-${enc}.wav`);
    assert.is(mono.sampleRate, 16000);
    assert.is(mono.encoding, enc === 'u8' ? 'pcm_u8' : `pcm_${enc}le`);
    assert.equal(mono.warnings, []);
    assertChannels(mono.channelData, [left.map(toFloat)], tol, enc);
    const stereo = readWav(pcmWav([left, right], enc, 44100), `stereo-${enc}.wav`);
    assert.is(stereo.sampleRate, 44100);
    assertChannels(stereo.channelData, [left.map(toFloat), right.map(toFloat)], tol, `${enc} stereo`);
  });
}

test('PCM u8: 128 is silence, 0 is -1', () => {
  const r = readWav(pcmWav([[128, 0, 255, 192]], 'u8', 8000), 'u8.wav');
  assert.equal(Array.from(r.channelData[0]), [0, -1, 127 / 128, 0.5]);
});

for (const enc of ['f32', 'f64'] as const) {
  test(`IEEE float ${enc}, including values beyond [-1, 1] and non-finite ones (passed through)`, () => {
    const values = [0, 0.5, -0.25, 1, -1, 1.5, -2, 1e-6, NaN, Infinity];
    const r = readWav(pcmWav([values], enc, 22050), `${enc}.wav`);
    assert.is(r.encoding, `pcm_${enc}le`);
    const got = Array.from(r.channelData[0]);
    assert.equal(got.slice(0, 8), values.slice(0, 8).map(Math.fround));
    assert.ok(Number.isNaN(got[8]) && got[9] === Infinity, 'non-finite values are left for decode() to count');
  });
}

test('any channel count and rate: 6 channels at 11025 Hz, 3 channels at 96 kHz', () => {
  const six = Array.from({ length: 6 }, (_, c) => seededInts(50, -32768, 32767, c + 10));
  const r6 = readWav(pcmWav(six, 's16', 11025), 'six.wav');
  assert.is(r6.sampleRate, 11025);
  assertChannels(r6.channelData, six.map((ch) => ch.map((x) => x / 32768)), 0, '6ch');
  const three = Array.from({ length: 3 }, (_, c) => seededInts(50, -8388608, 8388607, c + 20));
  const r3 = readWav(pcmWav(three, 's24', 96000), 'three.wav');
  assert.is(r3.sampleRate, 96000);
  assertChannels(r3.channelData, three.map((ch) => ch.map((x) => x / 8388608)), 0, '3ch');
});

test('A-law and mu-law are expanded per G.711', () => {
  const fmt = (code: number) => chunk('fmt ', fmtBody({ code, channels: 1, sampleRate: 8000, bitsPerSample: 8 }));
  // mu-law: 0xFF and 0x7F are +0/-0, 0x80 and 0x00 the largest magnitudes (+-32124).
  const mu = readWav(riff([fmt(7), chunk('data', Uint8Array.from([0xff, 0x7f, 0x80, 0x00]))]), 'mu.wav');
  assert.is(mu.encoding, 'pcm_mulaw');
  assert.equal(Array.from(mu.channelData[0]), [0, 0, 32124 / 32768, -32124 / 32768]);
  // A-law: 0xD5/0x55 are +-8, 0xAA/0x2A the largest magnitudes (+-32256).
  const a = readWav(riff([fmt(6), chunk('data', Uint8Array.from([0xd5, 0x55, 0xaa, 0x2a]))]), 'a.wav');
  assert.is(a.encoding, 'pcm_alaw');
  assert.equal(Array.from(a.channelData[0]), [8 / 32768, -8 / 32768, 32256 / 32768, -32256 / 32768]);
});

test('WAVE_FORMAT_EXTENSIBLE: PCM, float, and 24 valid bits in a 32-bit container', () => {
  const ints = seededInts(100, -32768, 32767, 3);
  const pcm = readWav(pcmWav([ints, ints], 's16', 48000, { extensible: true }), 'ext16.wav');
  assert.is(pcm.encoding, 'pcm_s16le (extensible)');
  assertChannels(pcm.channelData, [ints.map((x) => x / 32768), ints.map((x) => x / 32768)], 0, 'ext16');
  const floats = [0.25, -0.5, 0.125];
  const fl = readWav(pcmWav([floats], 'f32', 48000, { extensible: true }), 'extf.wav');
  assert.is(fl.encoding, 'pcm_f32le (extensible)');
  assert.equal(Array.from(fl.channelData[0]), floats);
  // 24-bit audio left-justified in 32-bit words, as pro interfaces write it.
  const s24 = seededInts(100, -8388608, 8388607, 4);
  const body = packSamples([s24.map((x) => x * 256)], 's32');
  const fmt = fmtBody({ code: 1, channels: 1, sampleRate: 96000, bitsPerSample: 32, extensible: { subFormat: 1, validBits: 24 } });
  const r = readWav(riff([chunk('fmt ', fmt), chunk('data', body)]), 'ext24in32.wav');
  assertChannels(r.channelData, [s24.map((x) => x / 8388608)], 1e-7, 'ext 24-in-32');
});

test('extra chunks before data (LIST, fact, a 4044-byte PAD chunk, odd-sized chunk) and after it', () => {
  const ints = seededInts(301, -32768, 32767, 5);
  const list = chunk('LIST', concat(ascii('INFO'), chunk('ISFT', ascii('emotiond test\0'))));
  const fact = chunk('fact', Uint8Array.from([45, 1, 0, 0]));
  const pad = chunk('PAD ', new Uint8Array(4044));
  const odd = chunk('odd ', Uint8Array.from([1, 2, 3]));
  const tail = chunk('LIST', concat(ascii('INFO'), chunk('ICMT', ascii('after the data'))));
  const bytes = pcmWav([ints], 's16', 16000, { before: [list, fact, pad, odd], after: [tail] });
  const r = readWav(bytes, 'chunks.wav');
  assert.equal(r.warnings, []);
  assertChannels(r.channelData, [ints.map((x) => x / 32768)], 0, 'extra chunks');
});

test('an odd-sized data chunk is followed by its pad byte, which is not a sample', () => {
  const r = readWav(pcmWav([[0, 64, 255]], 'u8', 8000, { after: [chunk('LIST', ascii('INFO'))] }), 'odd-data.wav');
  assert.equal(Array.from(r.channelData[0]), [-1, -0.5, 127 / 128]);
});

test('a missing pad byte after an odd-sized chunk is tolerated with a warning', () => {
  const odd = concat(ascii('odd '), Uint8Array.from([3, 0, 0, 0, 9, 9, 9])); // no pad byte
  const bytes = riff([chunk('fmt ', fmtBody({ code: 1, channels: 1, sampleRate: 16000, bitsPerSample: 16 })), odd, chunk('data', packSamples([[1, 2]], 's16'))]);
  const r = readWav(bytes, 'nopad.wav');
  assert.equal(Array.from(r.channelData[0]), [1 / 32768, 2 / 32768]);
  assert.match(r.warnings.join('\n'), /nopad\.wav: chunk 'data' at byte \d+ follows an odd-sized chunk without its pad byte/);
});

test('data chunk before fmt is still read', () => {
  const bytes = riff([chunk('data', packSamples([[100, -100]], 's16')), chunk('fmt ', fmtBody({ code: 1, channels: 1, sampleRate: 16000, bitsPerSample: 16 }))]);
  assert.equal(Array.from(readWav(bytes, 'late-fmt.wav').channelData[0]), [100 / 32768, -100 / 32768]);
});

test.run();
