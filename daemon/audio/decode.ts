// Any supported audio file -> mono float samples at SAMPLE_RATE, the form every later stage takes.
// The format is told by magic bytes, not the file name: archives often carry wrong extensions.

import { EmotiondError } from '../core/errors.ts';
import { SAMPLE_RATE, type DecodedAudio } from '../core/types.ts';
import { DEFAULT_INPUT_LIMITS, readRegularFile, type InputLimits } from './input-limits.ts';
import { readFlac } from './flac-reader.ts';
import { hexBytes, type RawAudio } from './raw-audio.ts';
import { resample } from './resample.ts';
import { readWav } from './wav-reader.ts';

export type AudioFileFormat = 'wav' | 'flac';

/** Tells the container from the first bytes; null when it is neither WAV nor FLAC. */
export function sniffFormat(bytes: Uint8Array): AudioFileFormat | null {
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length >= 4 && tag(0) === 'fLaC') return 'flac';
  // RIFX and RF64 go to the WAV reader too, which names them as unsupported.
  if (bytes.length >= 4 && ['RIFF', 'RIFX', 'RF64'].includes(tag(0))) return 'wav';
  return null;
}

/**
 * Reads and decodes a file; read failures and inputs past `limits` are AUDIO_IO, bad contents
 * AUDIO_FORMAT. Only regular files are read: a FIFO or a device (`/dev/zero`) would block or
 * never end, so the file is opened without blocking and checked before a byte is read.
 */
export async function decodeAudioFile(path: string, limits: InputLimits = DEFAULT_INPUT_LIMITS): Promise<DecodedAudio> {
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(path, limits.maxBytes);
  } catch (err) {
    if (err instanceof EmotiondError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a folder' : (err as Error).message;
    throw new EmotiondError('AUDIO_IO', `${path}: cannot read (${reason})`, { cause: err });
  }
  const audio = await decodeAudioBytes(bytes, path);
  const seconds = audio.samples.length / SAMPLE_RATE;
  if (seconds > limits.maxDurationS) {
    throw new EmotiondError('AUDIO_IO', `${path}: ${seconds.toFixed(0)} s of audio, over the limit of ${limits.maxDurationS} s (--max-duration-s)`);
  }
  return audio;
}

/** Decodes a WAV or FLAC file held in memory; `where` names it in errors and warnings. */
export async function decodeAudioBytes(bytes: Uint8Array, where: string): Promise<DecodedAudio> {
  const format = sniffFormat(bytes);
  if (bytes.length === 0) throw new EmotiondError('AUDIO_FORMAT', `${where}: file is empty (0 bytes)`);
  if (!format) {
    throw new EmotiondError(
      'AUDIO_FORMAT',
      `${where}: unrecognised format (first bytes ${hexBytes(bytes, 0, 4)}); expected WAV ("RIFF....WAVE") or FLAC ("fLaC")`,
    );
  }
  const raw = format === 'wav' ? readWav(bytes, where) : await readFlac(bytes, where);
  return toDecoded(raw, where);
}

function toDecoded(raw: RawAudio, where: string): DecodedAudio {
  const channels = raw.channelData.length;
  const frames = channels > 0 ? raw.channelData[0].length : 0;
  if (frames === 0) {
    throw new EmotiondError('AUDIO_FORMAT', `${where}: no audio samples (${raw.encoding}, ${channels} channel(s) at ${raw.sampleRate} Hz)`);
  }
  const warnings = [...raw.warnings];
  const { mono, nonFinite } = mixToMono(raw.channelData);
  if (nonFinite > 0) {
    warnings.push(`${where}: ${nonFinite} non-finite sample value(s) (NaN or infinity) replaced by 0`);
  }
  const samples = resample(mono, raw.sampleRate, SAMPLE_RATE);
  const decoded: DecodedAudio = {
    samples,
    sampleRate: SAMPLE_RATE,
    source: { sampleRate: raw.sampleRate, channels, encoding: raw.encoding },
  };
  if (warnings.length > 0) decoded.warnings = warnings;
  return decoded;
}

/**
 * Mean of the channels. NaN and infinity become 0 before mixing: one bad float would
 * otherwise spread through the resampler's taps and poison every feature of the file.
 */
export function mixToMono(channelData: Float32Array[]): { mono: Float32Array; nonFinite: number } {
  const n = channelData[0].length;
  const mono = channelData.length === 1 ? channelData[0].slice() : new Float32Array(n);
  let nonFinite = 0;
  if (channelData.length === 1) {
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(mono[i])) {
        mono[i] = 0;
        nonFinite++;
      }
    }
    return { mono, nonFinite };
  }
  const scale = 1 / channelData.length;
  for (const ch of channelData) {
    for (let i = 0; i < n; i++) {
      const v = ch[i];
      if (Number.isFinite(v)) mono[i] += v * scale;
      else nonFinite++;
    }
  }
  return { mono, nonFinite };
}
