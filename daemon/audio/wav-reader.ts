// WAV (RIFF/WAVE) bytes -> per-channel float samples at the file's own rate.
//
// riff-walker.ts finds and bounds-checks the chunks and wav-format.ts checks the header;
// wavefile then unpacks the samples (8/16/24/32-bit int, float32/64, A-law, mu-law). It is
// handed a minimal canonical file (fmt + data only) rebuilt from the checked fields, because
// on the original bytes it would also re-walk the chunks with the faults listed in
// riff-walker.ts, read EXTENSIBLE float as integers, and read a data chunk's pad byte as a sample.

import { createRequire } from 'node:module';
import type wavefileModule from 'wavefile';
import { EmotiondError } from '../core/errors.ts';
import type { RawAudio } from './raw-audio.ts';
import { walkWave } from './riff-walker.ts';
import { parseWavFormat, type WavFormat } from './wav-format.ts';

// Loaded on the first WAV file (synchronously, as readWav is): the daemon listening to a
// microphone never needs it.
const loadPackage = createRequire(import.meta.url);
let wavefile: typeof wavefileModule | undefined;
const waveFile = (): typeof wavefileModule.WaveFile => (wavefile ??= loadPackage('wavefile') as typeof wavefileModule).WaveFile;

const FORMAT_CODE = { int: 1, float: 3, alaw: 6, mulaw: 7 } as const;

/** Decodes a WAV file held in memory; `where` names it in errors and warnings. */
export function readWav(bytes: Uint8Array, where: string): RawAudio {
  const { fmt, data, warnings } = walkWave(bytes, where);
  const format = parseWavFormat(bytes, fmt, where);
  let size = data.size;
  const partial = size % format.blockAlign;
  if (partial !== 0) {
    size -= partial;
    warnings.push(`${where}: data chunk ends with ${partial} byte(s) of an incomplete frame, ignored`);
  }
  const payload = bytes.subarray(data.start, data.start + size);
  let channelData: Float32Array[];
  try {
    channelData = unpack(payload, format);
  } catch (err) {
    // Not expected after the checks above; kept so a library fault still names the file.
    throw new EmotiondError('AUDIO_FORMAT', `${where}: cannot decode ${format.encoding} samples (data chunk at byte ${data.offset}): ${(err as Error).message}`, { cause: err });
  }
  return { channelData, sampleRate: format.sampleRate, encoding: format.encoding, warnings };
}

function unpack(payload: Uint8Array, format: WavFormat): Float32Array[] {
  const wav = new (waveFile())(canonicalWav(payload, format));
  if (format.kind === 'mulaw') wav.fromMuLaw();
  if (format.kind === 'alaw') wav.fromALaw();
  const raw = wav.getSamples(false, Float32Array) as unknown as Float32Array | Float32Array[];
  const channels = Array.isArray(raw) ? raw : [raw];
  // wavefile returns integers as stored; scale them to [-1, 1).
  const scale = sampleScale(format);
  if (scale) {
    const { mul, offset } = scale;
    for (const ch of channels) {
      for (let i = 0; i < ch.length; i++) ch[i] = (ch[i] - offset) * mul;
    }
  }
  return channels;
}

function sampleScale(format: WavFormat): { mul: number; offset: number } | null {
  if (format.kind === 'float') return null;
  // A-law and mu-law have been expanded to 16-bit by wavefile.
  if (format.kind !== 'int') return { mul: 1 / 32768, offset: 0 };
  // 8-bit WAV is unsigned with its zero at 128; wider samples are signed.
  if (format.bytesPerSample === 1) return { mul: 1 / 128, offset: 128 };
  return { mul: 1 / 2 ** (format.bytesPerSample * 8 - 1), offset: 0 };
}

/** A 44-byte header + the sample bytes: the only shape of WAV wavefile has to understand. */
function canonicalWav(payload: Uint8Array, format: WavFormat): Uint8Array {
  const out = new Uint8Array(44 + payload.length);
  const view = new DataView(out.buffer);
  const ascii = (at: number, s: string) => {
    for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + payload.length, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, FORMAT_CODE[format.kind], true);
  view.setUint16(22, format.channels, true);
  view.setUint32(24, format.sampleRate, true);
  view.setUint32(28, format.sampleRate * format.blockAlign, true);
  view.setUint16(32, format.blockAlign, true);
  view.setUint16(34, format.bytesPerSample * 8, true);
  ascii(36, 'data');
  view.setUint32(40, payload.length, true);
  out.set(payload, 44);
  return out;
}
