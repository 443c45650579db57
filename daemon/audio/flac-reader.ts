// FLAC bytes -> per-channel float samples, through @wasm-audio-decoders/flac.
//
// The decoder is lenient to a fault: on a damaged or cut file it silently drops the frames
// it cannot read and reports no error (checked on crafted files). So the STREAMINFO block is
// read here first, and a decode that yields fewer samples than it declares is an error:
// unlike a cut WAV, the missing frames may lie anywhere, so what came out has unknown gaps.

import type { FLACDecoder as FLACDecoderClass } from '@wasm-audio-decoders/flac';
import { EmotiondError } from '../core/errors.ts';
import { hexBytes, type RawAudio } from './raw-audio.ts';

// Loaded on the first FLAC file: the daemon listening to a microphone never needs it.
let decoderModule: Promise<{ FLACDecoder: typeof FLACDecoderClass }> | undefined;
const loadDecoder = async (): Promise<typeof FLACDecoderClass> => (await (decoderModule ??= import('@wasm-audio-decoders/flac'))).FLACDecoder;

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
  const decoder = new (await loadDecoder())();
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
    let decoded = out.samplesDecoded;
    if (info.totalSamples !== 0 && decoded > 0 && decoded < info.totalSamples) {
      const tail = await recoverLastFrame(bytes, info.totalSamples - decoded);
      if (tail) {
        out = { ...out, channelData: out.channelData.map((ch, i) => concat(ch, tail[i])) };
        decoded += tail[0].length;
      }
    }
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

/** Largest FLAC block: a missing tail longer than this is not one lost last frame. */
const MAX_BLOCK = 65535;
/** How far back from the end the last frame's sync code is looked for. */
const TAIL_SEARCH_BYTES = 256 * 1024;

/**
 * The decoder's frame parser (codec-parser) drops the last frame of some valid files: it
 * takes a byte pattern inside that frame for the next frame's header and never recovers
 * (seen on 14 of RAVDESS's 1440 files, which sox and libFLAC decode in full). The missing
 * samples are then exactly the end of the stream: look for a frame sync near the end from
 * which libFLAC decodes exactly that many samples with no error, and take those. An exact
 * count and a CRC-checked frame leave no doubt that it is the right frame.
 */
async function recoverLastFrame(bytes: Uint8Array, missing: number): Promise<Float32Array[] | null> {
  if (missing > MAX_BLOCK) return null;
  const stop = Math.max(42, bytes.length - TAIL_SEARCH_BYTES);
  for (let off = bytes.length - 2; off >= stop; off--) {
    if (bytes[off] !== 0xff || (bytes[off + 1] !== 0xf8 && bytes[off + 1] !== 0xf9)) continue;
    // Only real frame headers (their CRC-8 holds) go to the decoder, which logs every false sync.
    if (!frameHeaderCrcOk(bytes, off)) continue;
    const decoder = new (await loadDecoder())();
    try {
      await decoder.ready;
      const r = await decoder.decodeFrames([bytes.subarray(off)]);
      if (r.errors.length === 0 && r.samplesDecoded === missing) return r.channelData;
      // Decoding further back than the last frame gives more samples than are missing.
      if (r.errors.length === 0 && r.samplesDecoded > missing) return null;
    } catch {
      // a false sync: keep looking
    } finally {
      decoder.free();
    }
  }
  return null;
}

/** CRC-8 (poly 0x07) of a FLAC frame header starting at `off` matches its last byte. */
function frameHeaderCrcOk(b: Uint8Array, off: number): boolean {
  if (off + 6 > b.length) return false;
  const blockCode = b[off + 2] >> 4;
  const rateCode = b[off + 2] & 0x0f;
  if (blockCode === 0 || rateCode === 15) return false;
  // The frame/sample number is UTF-8-style coded: the first byte's leading ones give its length.
  let p = off + 4;
  const lead = b[p];
  let extra = 0;
  for (let mask = 0x80; lead & mask && mask > 1; mask >>= 1) extra++;
  if (extra === 1 || extra > 7) return false;
  p += extra === 0 ? 1 : extra;
  if (blockCode === 6) p += 1;
  else if (blockCode === 7) p += 2;
  if (rateCode === 12) p += 1;
  else if (rateCode === 13 || rateCode === 14) p += 2;
  if (p >= b.length) return false;
  let crc = 0;
  for (let i = off; i < p; i++) {
    crc ^= b[i];
    for (let k = 0; k < 8; k++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc === b[p];
}

function concat(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
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
