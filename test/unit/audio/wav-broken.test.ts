// Broken WAV files: each must give an AUDIO_FORMAT EmotiondError naming the file and the
// problem (with a byte offset where there is one), never a crash, a hang or garbage.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeAudioBytes } from '../../../daemon/audio/decode.ts';
import { readWav } from '../../../daemon/audio/wav-reader.ts';
import { expectError } from './audio-test-kit.ts';
import { ascii, chunk, concat, fmtBody, packSamples, pcmWav, riff } from './wav-bytes.ts';

const fmt16 = (over: Partial<Parameters<typeof fmtBody>[0]> = {}) =>
  chunk('fmt ', fmtBody({ code: 1, channels: 1, sampleRate: 16000, bitsPerSample: 16, ...over }));
const data16 = chunk('data', packSamples([[1, 2, 3, 4]], 's16'));
const good = riff([fmt16(), data16]);

const CASES: { name: string; bytes: Uint8Array; problem: (RegExp | string)[] }[] = [
  { name: 'zero length', bytes: new Uint8Array(0), problem: ['empty (0 bytes)'] },
  { name: 'truncated header', bytes: good.subarray(0, 8), problem: ['truncated header', '8 bytes'] },
  { name: 'not RIFF', bytes: concat(ascii('OggS'), new Uint8Array(40)), problem: ['not a RIFF file', '4f 67 67 53'] },
  { name: 'RIFF but not WAVE', bytes: concat(ascii('RIFF'), new Uint8Array(4), ascii('AVI '), fmt16()), problem: ["type 'AVI ', not WAVE"] },
  { name: 'big-endian RIFX', bytes: concat(ascii('RIFX'), good.subarray(4)), problem: ['RIFX', 'not supported'] },
  { name: 'header only', bytes: good.subarray(0, 12), problem: ["no 'fmt ' chunk", 'no chunks after the header'] },
  { name: 'missing fmt', bytes: riff([chunk('LIST', ascii('INFO')), data16]), problem: ["no 'fmt ' chunk", "'LIST', 'data'"] },
  { name: 'missing data', bytes: riff([fmt16(), chunk('LIST', ascii('INFO'))]), problem: ["no 'data' chunk", "'fmt ', 'LIST'"] },
  { name: 'chunk header cut short', bytes: concat(riff([fmt16()]), ascii('data')), problem: ["no 'data' chunk", 'chunk header at byte 36 is cut short'] },
  { name: 'fmt chunk cut short', bytes: good.subarray(0, 30), problem: ["chunk 'fmt ' at byte 12 declares 16 bytes but only 10 remain"] },
  {
    name: 'absurd chunk size 0xFFFFFFFF',
    bytes: riff([fmt16(), concat(ascii('LIST'), Uint8Array.from([0xff, 0xff, 0xff, 0xff]), ascii('INFO')), data16]),
    problem: ["chunk 'LIST' at byte 36 declares 4294967295 bytes"],
  },
  { name: 'garbage where a chunk id should be', bytes: concat(riff([fmt16()]), Uint8Array.from([0, 1, 2, 3, 4, 0, 0, 0])), problem: ['corrupt chunk list', 'byte 36', '00 01 02 03'] },
  { name: 'fmt chunk too short', bytes: riff([chunk('fmt ', fmtBody({ code: 1, channels: 1, sampleRate: 16000, bitsPerSample: 16 }).subarray(0, 14)), data16]), problem: ['fmt chunk is 14 bytes, needs at least 16', 'byte 12'] },
  { name: 'zero channels', bytes: riff([fmt16({ channels: 0, blockAlign: 2 }), data16]), problem: ['zero channels', 'fmt chunk at byte 12'] },
  { name: 'zero sample rate', bytes: riff([fmt16({ sampleRate: 0 }), data16]), problem: ['zero sample rate'] },
  { name: 'absurd sample rate', bytes: riff([fmt16({ sampleRate: 0xffffffff }), data16]), problem: ['sample rate 4294967295 Hz is outside'] },
  { name: 'zero bits per sample', bytes: riff([fmt16({ bitsPerSample: 0, blockAlign: 2 }), data16]), problem: ['zero bits per sample'] },
  { name: 'IMA ADPCM', bytes: riff([fmt16({ code: 0x11, bitsPerSample: 4, blockAlign: 256 }), data16]), problem: ['unsupported encoding', '0x0011', 'IMA ADPCM'] },
  { name: 'MP3 in WAV', bytes: riff([fmt16({ code: 0x55 }), data16]), problem: ['unsupported encoding', 'MP3'] },
  { name: 'unknown format code', bytes: riff([fmt16({ code: 0x1234 }), data16]), problem: ['unsupported encoding', '0x1234'] },
  { name: 'extensible with an unknown GUID', bytes: riff([chunk('fmt ', (() => { const b = fmtBody({ code: 1, channels: 1, sampleRate: 16000, bitsPerSample: 16, extensible: { subFormat: 1, validBits: 16 } }); b[30] = 0x99; return b; })()), data16]), problem: ['unknown sub-format GUID'] },
  { name: 'block align not a multiple of the channels', bytes: riff([fmt16({ channels: 2, blockAlign: 3 }), data16]), problem: ['block align 3 is not a multiple of the 2 channel(s)'] },
  { name: 'block align too small', bytes: riff([fmt16({ bitsPerSample: 24, blockAlign: 2 }), data16]), problem: ['block align 2 is too small'] },
  { name: '16-bit float', bytes: riff([fmt16({ code: 3 }), data16]), problem: ['unsupported float sample size: 16 bits'] },
];

for (const c of CASES) {
  test(`broken: ${c.name}`, async () => {
    const where = `broken-${c.name.replace(/\W+/g, '-')}.wav`;
    await expectError(() => readWav(c.bytes, where), 'AUDIO_FORMAT', [`${where}: `, ...c.problem]);
    // The public entry sniffs first: what is not RIFF at all never reaches the WAV reader.
    const riffLike = /^RIF[FX]/.test(String.fromCharCode(...c.bytes.subarray(0, 4)));
    const viaDecode = riffLike ? c.problem : c.bytes.length === 0 ? ['empty'] : ['unrecognised format'];
    await expectError(() => decodeAudioBytes(c.bytes, where), 'AUDIO_FORMAT', [`${where}: `, ...viaDecode]);
  });
}

test('truncated data is read as far as it goes, with a warning naming the file and the shortfall', () => {
  const full = pcmWav([[10, 20, 30, 40, 50]], 's16', 16000);
  const cut = full.subarray(0, full.length - 3); // 7 of 10 data bytes: 3 samples and half of one
  const r = readWav(cut, 'cut.wav');
  assert.equal(Array.from(r.channelData[0]), [10, 20, 30].map((x) => x / 32768));
  const w = r.warnings.join('\n');
  assert.match(w, /cut\.wav: data chunk at byte 36 declares 10 bytes but the file ends 7 bytes later/);
  assert.match(w, /cut\.wav: data chunk ends with 1 byte\(s\) of an incomplete frame/);
});

test('a streaming writer\'s placeholder sizes (0xFFFFFFFF) read the data that is there', () => {
  const body = packSamples([[1, -1, 2, -2]], 's16');
  const bytes = riff([fmt16(), chunk('data', body, 0xffffffff)], 0xffffffff);
  const r = readWav(bytes, 'stream.wav');
  assert.equal(Array.from(r.channelData[0]), [1, -1, 2, -2].map((x) => x / 32768));
  assert.match(r.warnings[0], /declares 4294967295 bytes/);
});

test('an empty data chunk decodes to an error naming the file', async () => {
  const bytes = riff([fmt16(), chunk('data', new Uint8Array(0))]);
  assert.is(readWav(bytes, 'empty-data.wav').channelData[0].length, 0);
  await expectError(() => decodeAudioBytes(bytes, 'empty-data.wav'), 'AUDIO_FORMAT', ['empty-data.wav: no audio samples', 'pcm_s16le']);
});

test('random bytes after a valid RIFF/WAVE header never crash or hang', async () => {
  let s = 7;
  for (let n = 0; n < 300; n++) {
    const junk = Uint8Array.from({ length: 8 + (n % 90) }, () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 24));
    const bytes = concat(ascii('RIFF'), new Uint8Array(4), ascii('WAVE'), junk);
    try {
      await decodeAudioBytes(bytes, 'fuzz.wav');
    } catch (err) {
      assert.is((err as { code?: string }).code, 'AUDIO_FORMAT', `fuzz case ${n}: ${String(err)}`);
    }
  }
});

test.run();
