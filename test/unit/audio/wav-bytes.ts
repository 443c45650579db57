// Builds WAV files byte by byte for the audio tests, independently of the reader under test
// (which uses wavefile), so both the good and the deliberately broken layouts are exact.

export type PcmEncoding = 'u8' | 's16' | 's24' | 's32' | 'f32' | 'f64';

const ENC: Record<PcmEncoding, { bytes: number; code: number }> = {
  u8: { bytes: 1, code: 1 },
  s16: { bytes: 2, code: 1 },
  s24: { bytes: 3, code: 1 },
  s32: { bytes: 4, code: 1 },
  f32: { bytes: 4, code: 3 },
  f64: { bytes: 8, code: 3 },
};

export function ascii(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** One RIFF chunk: id, little-endian size (or `declaredSize`), body, pad byte if odd. */
export function chunk(id: string, body: Uint8Array, declaredSize = body.length): Uint8Array {
  const head = new Uint8Array(8);
  head.set(ascii(id));
  new DataView(head.buffer).setUint32(4, declaredSize, true);
  return concat(head, body, new Uint8Array(body.length & 1));
}

export interface FmtSpec {
  code: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  /** Default: channels * ceil(bits / 8). */
  blockAlign?: number;
  /** WAVE_FORMAT_EXTENSIBLE with this sub-format code (and valid bits). */
  extensible?: { subFormat: number; validBits: number };
}

export function fmtBody(f: FmtSpec): Uint8Array {
  const blockAlign = f.blockAlign ?? f.channels * Math.ceil(f.bitsPerSample / 8);
  const b = new Uint8Array(f.extensible ? 40 : 16);
  const v = new DataView(b.buffer);
  v.setUint16(0, f.extensible ? 0xfffe : f.code, true);
  v.setUint16(2, f.channels, true);
  v.setUint32(4, f.sampleRate, true);
  v.setUint32(8, f.sampleRate * blockAlign, true);
  v.setUint16(12, blockAlign, true);
  v.setUint16(14, f.bitsPerSample, true);
  if (f.extensible) {
    v.setUint16(16, 22, true);
    v.setUint16(18, f.extensible.validBits, true);
    v.setUint32(20, 0, true);
    // KSDATAFORMAT_SUBTYPE_*: the format code, then the fixed GUID tail.
    v.setUint16(24, f.extensible.subFormat, true);
    b.set([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71], 26);
  }
  return b;
}

/** RIFF header + the given chunks, with a RIFF size that matches unless overridden. */
export function riff(chunks: Uint8Array[], riffSize?: number): Uint8Array {
  const body = concat(ascii('WAVE'), ...chunks);
  const head = concat(ascii('RIFF'), new Uint8Array(4));
  new DataView(head.buffer).setUint32(4, riffSize ?? body.length, true);
  return concat(head, body);
}

/** Interleaves per-channel values (already in the encoding's native units) into sample bytes. */
export function packSamples(channels: number[][], enc: PcmEncoding): Uint8Array {
  const { bytes } = ENC[enc];
  const frames = channels[0].length;
  const out = new Uint8Array(frames * channels.length * bytes);
  const v = new DataView(out.buffer);
  let o = 0;
  for (let i = 0; i < frames; i++) {
    for (const ch of channels) {
      const x = ch[i];
      if (enc === 'u8') v.setUint8(o, x);
      else if (enc === 's16') v.setInt16(o, x, true);
      else if (enc === 's24') {
        v.setUint16(o, x & 0xffff, true);
        v.setInt8(o + 2, x >> 16);
      } else if (enc === 's32') v.setInt32(o, x, true);
      else if (enc === 'f32') v.setFloat32(o, x, true);
      else v.setFloat64(o, x, true);
      o += bytes;
    }
  }
  return out;
}

/** A plain WAV: fmt, any extra chunks, data. */
export function pcmWav(
  channels: number[][],
  enc: PcmEncoding,
  sampleRate: number,
  opts: { before?: Uint8Array[]; after?: Uint8Array[]; extensible?: boolean } = {},
): Uint8Array {
  const { bytes, code } = ENC[enc];
  const fmt: FmtSpec = { code, channels: channels.length, sampleRate, bitsPerSample: bytes * 8 };
  if (opts.extensible) fmt.extensible = { subFormat: code, validBits: bytes * 8 };
  return riff([chunk('fmt ', fmtBody(fmt)), ...(opts.before ?? []), chunk('data', packSamples(channels, enc)), ...(opts.after ?? [])]);
}

/** Deterministic pseudo-random integers in [lo, hi], so fixtures are the same on every run. */
export function seededInts(n: number, lo: number, hi: number, seed = 1): number[] {
  let s = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(lo + (s % (hi - lo + 1)));
  }
  return out;
}

/** 16-bit mono samples of a sine, for files that decode to known 16 kHz audio. */
export function sineInts(n: number, freq: number, rate: number, amp = 0.5): number[] {
  return Array.from({ length: n }, (_, i) => Math.round(amp * 32767 * Math.sin((2 * Math.PI * freq * i) / rate)));
}
