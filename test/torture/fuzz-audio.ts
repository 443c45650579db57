// Audio fuzzing: WAV and FLAC files of every encoding the readers take, mutated (bytes
// flipped, header fields set to edge values, truncated, extended, chunks inserted) and pure
// random bytes, through the decoder the daemon and `analyze` use. Every input must decode or
// be rejected with one line that names it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeAudioBytes } from '../../daemon/audio/decode.ts';
import { chunk, concat, pcmWav, riff, seededInts } from '../unit/audio/wav-bytes.ts';
import { FuzzTally, oneLine, type FuzzReport } from './fuzz-report.ts';
import { SeededRandom } from './seeded-random.ts';

const EDGE_U32 = [0, 1, 2, 3, 0xffffffff, 0xfffffffe, 0x7fffffff, 0x80000000, 0x10000, 44, 0xffff];
const EDGE_U16 = [0, 1, 2, 3, 7, 8, 9, 17, 24, 32, 33, 64, 0xffff, 0xfffe, 0x8000];

function baseFiles(rng: SeededRandom): Uint8Array[] {
  const n = 1600;
  const mono = seededInts(n, -20000, 20000, 7);
  const stereo = [mono, seededInts(n, -20000, 20000, 8)];
  const bases = [
    pcmWav([mono], 's16', 16000),
    pcmWav(stereo, 'u8', 8000),
    pcmWav([mono.map((x) => x / 32768)], 'f32', 44100),
    pcmWav(stereo.map((c) => c.map((x) => x / 32768)), 'f64', 22050),
    pcmWav([mono.map((x) => x * 256)], 's24', 48000, { extensible: true }),
    pcmWav([mono.map((x) => x * 65536)], 's32', 96000, { before: [chunk('LIST', rng.bytes(13))], after: [chunk('junk', rng.bytes(8))] }),
    riff([chunk('fmt ', rng.bytes(16)), chunk('data', rng.bytes(64))]),
  ];
  // FLAC from sox, where it is installed (16- and 24-bit, mono and stereo).
  const dir = mkdtempSync(join(tmpdir(), 'emotiond-fuzz-'));
  for (const [i, args] of [['-b', '16', '-c', '1'], ['-b', '24', '-c', '2']].entries()) {
    const wav = join(dir, `b${i}.wav`);
    const flac = join(dir, `b${i}.flac`);
    writeFileSync(wav, bases[0]);
    if (spawnSync('sox', [wav, ...args, flac], { encoding: 'utf8' }).status === 0) bases.push(new Uint8Array(readFileSync(flac)));
  }
  return bases;
}

function mutate(rng: SeededRandom, base: Uint8Array): Uint8Array {
  const b = base.slice();
  const view = new DataView(b.buffer);
  const kind = rng.int(0, 8);
  switch (kind) {
    case 0: // flip bytes
      for (let k = rng.int(1, 8); k > 0; k--) b[rng.int(0, b.length - 1)] ^= 1 << rng.int(0, 7);
      return b;
    case 1: // a 32-bit header field to an edge value
      if (b.length >= 8) view.setUint32(rng.int(0, Math.min(60, b.length - 4)), rng.pick(EDGE_U32), true);
      return b;
    case 2: // a 16-bit field (format, channels, bits, block align) to an edge value
      if (b.length >= 40) view.setUint16(rng.pick([20, 22, 32, 34, 36, 38]), rng.pick(EDGE_U16), true);
      return b;
    case 3: // truncated
      return b.subarray(0, rng.int(0, b.length));
    case 4: // random bytes appended
      return concat(b, rng.bytes(rng.int(1, 300)));
    case 5: // a random chunk inserted after the RIFF header
      return concat(b.subarray(0, 12), chunk(String.fromCharCode(rng.int(32, 126), rng.int(32, 126), rng.int(32, 126), rng.int(32, 126)), rng.bytes(rng.int(0, 40)), rng.pick([0, 1, 7, 0xffffffff, rng.int(0, 1000)])), b.subarray(12));
    case 6: // a stretch overwritten with random bytes
      b.set(rng.bytes(Math.min(b.length, rng.int(1, 64))), rng.int(0, Math.max(0, b.length - 64)));
      return b;
    case 7: // a magic followed by random bytes
      return concat(new TextEncoder().encode(rng.pick(['RIFF', 'fLaC', 'RIFX', 'RF64', 'OggS'])), rng.bytes(rng.int(0, 200)));
    default: // several mutations at once
      return mutate(rng, mutate(rng, mutate(rng, b)));
  }
}

export async function fuzzAudio(inputs: number, seed = 1, limitMs = 5000): Promise<FuzzReport> {
  const rng = new SeededRandom(seed);
  const bases = baseFiles(rng);
  const tally = new FuzzTally('audio (WAV/FLAC)', seed, limitMs);
  for (let i = 0; i < inputs; i++) {
    const bytes = rng.chance(0.05) ? rng.bytes(rng.int(0, 256)) : mutate(rng, rng.pick(bases));
    const where = `fuzz-audio#${i}`;
    await tally.run(i, () => decodeAudioBytes(bytes, where), (err) => oneLine(err) ?? (err.message.includes(where) ? null : `does not name the input: ${err.message}`));
  }
  return tally.report();
}
