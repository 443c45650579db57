// FLAC bytes -> per-channel float samples, through @wasm-audio-decoders/flac.
//
// The decoder is lenient to a fault: on a damaged or cut file it silently drops the frames
// it cannot read and reports no error (checked on crafted files). So the STREAMINFO block is
// read here first, and a decode that yields fewer samples than it declares is an error:
// unlike a cut WAV, the missing frames may lie anywhere, so what came out has unknown gaps.

import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { EmotiondError } from '../core/errors.ts';
import { hexBytes, type RawAudio } from './raw-audio.ts';

interface StreamInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** 0 when the encoder did not know it (streamed encodes). */
  totalSamples: number;
}

function fail(where: string, problem: string, cause?: unknown): never {
  throw new EmotiondError('AUDIO_FORMAT', `${where}: ${problem}`, cause === undefined ? undefined : { cause });
}

/** Reads the mandatory first metadata block (STREAMINFO, 34 bytes after the 4-byte magic and 4-byte block header). */
function readStreamInfo(b: Uint8Array, where: string): StreamInfo {
  if (b.length < 4 || b[0] !== 0x66 || b[1] !== 0x4c || b[2] !== 0x61 || b[3] !== 0x43) {
    fail(where, `not a FLAC file (first bytes ${hexBytes(b, 0, 4)}, expected 66 4c 61 43 "fLaC")`);
  }
  if (b.length < 42) fail(where, `truncated header: file is ${b.length} bytes, FLAC STREAMINFO ends at byte 42`);
  const type = b[4] & 0x7f;
  const len = (b[5] << 16) | (b[6] << 8) | b[7];
  if (type !== 0 || len < 34) fail(where, `first metadata block at byte 4 is not a STREAMINFO block (type ${type}, ${len} bytes)`);
  const s = 8;
  const sampleRate = (b[s + 10] << 12) | (b[s + 11] << 4) | (b[s + 12] >> 4);
  const channels = ((b[s + 12] >> 1) & 0x07) + 1;
  const bitsPerSample = (((b[s + 12] & 0x01) << 4) | (b[s + 13] >> 4)) + 1;
  const totalSamples = (b[s + 13] & 0x0f) * 2 ** 32 + ((b[s + 14] << 24) >>> 0) + ((b[s + 15] << 16) | (b[s + 16] << 8) | b[s + 17]);
  if (sampleRate === 0) fail(where, 'STREAMINFO (byte 8) declares a sample rate of 0');
  return { sampleRate, channels, bitsPerSample, totalSamples };
}

/** Decodes a FLAC file held in memory; `where` names it in errors. */
export async function readFlac(bytes: Uint8Array, where: string): Promise<RawAudio> {
  const info = readStreamInfo(bytes, where);
  const decoder = new FLACDecoder();
  try {
    await decoder.ready;
    let out;
    try {
      out = await decoder.decodeFile(bytes);
    } catch (err) {
      fail(where, `FLAC decoder failed: ${(err as Error).message}`, err);
    }
    if (out.errors.length > 0) {
      const e = out.errors[0];
      fail(where, `corrupt FLAC: ${e.message} (frame ${e.frameNumber}, input byte ${e.inputBytes}); ${out.errors.length} error(s) in all`);
    }
    const decoded = out.samplesDecoded;
    if (decoded === 0 && info.totalSamples !== 0) {
      fail(where, `corrupt FLAC: no frame could be decoded (STREAMINFO declares ${info.totalSamples} samples)`);
    }
    if (info.totalSamples !== 0 && decoded < info.totalSamples) {
      fail(where, `corrupt or truncated FLAC: decoded ${decoded} of the ${info.totalSamples} samples STREAMINFO declares`);
    }
    if (decoded > 0 && (out.sampleRate !== info.sampleRate || out.channelData.length !== info.channels)) {
      fail(where, `corrupt FLAC: frames say ${out.channelData.length} ch at ${out.sampleRate} Hz, STREAMINFO says ${info.channels} ch at ${info.sampleRate} Hz`);
    }
    const channelData = decoded > 0 ? out.channelData : Array.from({ length: info.channels }, () => new Float32Array(0));
    for (const ch of channelData) rescale(ch, info.bitsPerSample);
    return { channelData, sampleRate: info.sampleRate, encoding: `flac_s${info.bitsPerSample}`, warnings: [] };
  } finally {
    decoder.free();
  }
}

/**
 * The decoder divides by 2^(b-1) - 1, so that -32768 comes out as -1.00003; the WAV reader
 * divides by 2^(b-1), as is usual. Rescaled here so that one PCM signal gives identical floats
 * from either container. Up to 24 bits the decoder's float still pins the integer down
 * (relative error 2^-24 < 0.5 / 2^23), so it is recovered exactly.
 */
function rescale(ch: Float32Array, bits: number): void {
  const max = 2 ** (bits - 1) - 1;
  const full = 2 ** (bits - 1);
  if (bits <= 24) {
    for (let i = 0; i < ch.length; i++) ch[i] = Math.round(ch[i] * max) / full;
  } else {
    for (let i = 0; i < ch.length; i++) ch[i] *= max / full;
  }
}
