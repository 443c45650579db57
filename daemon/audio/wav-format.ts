// Reads and checks a WAV `fmt ` chunk: which sample encoding, how many channels, what rate.
// WAVE_FORMAT_EXTENSIBLE is resolved to the format code in its sub-format GUID.

import { EmotiondError } from '../core/errors.ts';
import type { RiffChunk } from './riff-walker.ts';

export type SampleKind = 'int' | 'float' | 'mulaw' | 'alaw';

export interface WavFormat {
  kind: SampleKind;
  channels: number;
  sampleRate: number;
  /** Bytes per frame (all channels), from the header's block align. */
  blockAlign: number;
  /** Bytes that hold one sample of one channel (the container, not the valid bits). */
  bytesPerSample: number;
  encoding: string;
}

/** Rates outside this range are header damage, not audio anyone records. */
export const MIN_RATE = 1000;
export const MAX_RATE = 1_000_000;

const EXTENSIBLE = 0xfffe;
// The GUID tail shared by every KSDATAFORMAT_SUBTYPE_* whose first two bytes are a format code.
const GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

const UNSUPPORTED: Record<number, string> = {
  0x0002: 'Microsoft ADPCM',
  0x0011: 'IMA ADPCM',
  0x0031: 'GSM 6.10',
  0x0050: 'MPEG audio',
  0x0055: 'MP3',
  0x0092: 'Dolby AC-3',
  0x00ff: 'AAC',
  0x0161: 'Windows Media Audio',
  0x1610: 'AAC (HEAAC)',
  0xf1ac: 'FLAC-in-WAV',
};

function u16(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}
function u32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;
}

export function parseWavFormat(bytes: Uint8Array, chunk: RiffChunk, where: string): WavFormat {
  const at = chunk.start;
  const fail = (problem: string): never => {
    throw new EmotiondError('AUDIO_FORMAT', `${where}: ${problem} (fmt chunk at byte ${chunk.offset})`);
  };
  if (chunk.size < 16) fail(`fmt chunk is ${chunk.size} bytes, needs at least 16`);
  let code = u16(bytes, at);
  const channels = u16(bytes, at + 2);
  const sampleRate = u32(bytes, at + 4);
  const blockAlign = u16(bytes, at + 12);
  const bits = u16(bytes, at + 14);
  let extensible = false;
  if (code === EXTENSIBLE) {
    if (chunk.size < 40) fail(`WAVE_FORMAT_EXTENSIBLE fmt chunk is ${chunk.size} bytes, needs 40`);
    const guid = at + 24;
    const tailOk = GUID_TAIL.every((v, i) => bytes[guid + 2 + i] === v);
    if (!tailOk) fail('WAVE_FORMAT_EXTENSIBLE with an unknown sub-format GUID is not supported');
    code = u16(bytes, guid);
    extensible = true;
  }
  if (channels === 0) fail('zero channels');
  if (sampleRate === 0) fail('zero sample rate');
  if (sampleRate < MIN_RATE || sampleRate > MAX_RATE) {
    fail(`sample rate ${sampleRate} Hz is outside ${MIN_RATE}..${MAX_RATE} Hz`);
  }
  if (bits === 0) fail('zero bits per sample');

  let kind: SampleKind;
  if (code === 1) kind = 'int';
  else if (code === 3) kind = 'float';
  else if (code === 6) kind = 'alaw';
  else if (code === 7) kind = 'mulaw';
  else {
    const name = UNSUPPORTED[code] ?? 'unknown';
    return fail(`unsupported encoding: format code 0x${code.toString(16).padStart(4, '0')} (${name}); supported are PCM, IEEE float, A-law and mu-law`);
  }

  // The container size comes from block align: a 20- or 24-bit sample may sit in 4 bytes.
  if (blockAlign === 0 || blockAlign % channels !== 0) {
    fail(`block align ${blockAlign} is not a multiple of the ${channels} channel(s)`);
  }
  const bytesPerSample = blockAlign / channels;
  if (bytesPerSample < Math.ceil(bits / 8)) {
    fail(`block align ${blockAlign} is too small for ${channels} channel(s) of ${bits}-bit samples`);
  }
  const allowed = kind === 'int' ? [1, 2, 3, 4] : kind === 'float' ? [4, 8] : [1];
  if (!allowed.includes(bytesPerSample)) {
    fail(`unsupported ${kind === 'int' ? 'PCM' : kind} sample size: ${bytesPerSample * 8} bits (${bits} valid)`);
  }
  const base =
    kind === 'int'
      ? bytesPerSample === 1 ? 'pcm_u8' : `pcm_s${bytesPerSample * 8}le`
      : kind === 'float' ? `pcm_f${bytesPerSample * 8}le` : `pcm_${kind}`;
  return {
    kind,
    channels,
    sampleRate,
    blockAlign,
    bytesPerSample,
    encoding: extensible ? `${base} (extensible)` : base,
  };
}
