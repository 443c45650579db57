// Walks the top-level chunks of a RIFF/WAVE file with bounds checks, so that a broken file
// gives an error naming the chunk and byte offset instead of garbage samples.
//
// Hand-written rather than wavefile's walker (wavefile 11) because that one, checked on
// crafted files: never bounds-checks a chunk size (a size of 0xFFFFFFFF silently clamps),
// walks the sub-chunks of a LIST chunk on to the end of the file (reading sample bytes as
// chunk headers), and reports failures as plain Errors without a location. wavefile still
// decodes the samples (wav-reader.ts) once this walker has located and checked them.

import { EmotiondError } from '../core/errors.ts';
import { hexBytes } from './raw-audio.ts';

export interface RiffChunk {
  id: string;
  /** Byte offset of the chunk header (its id). */
  offset: number;
  /** Byte offset of the chunk body, just after the 8-byte header. */
  start: number;
  /** Body length actually present in the file (may be less than declared for `data`). */
  size: number;
}

export interface WaveChunks {
  fmt: RiffChunk;
  data: RiffChunk;
  warnings: string[];
}

const ID_RE = /^[\x20-\x7e]{4}$/;

/** A four-character code as it can be shown on one line: bytes outside printable ASCII as \\xHH. */
function shown(id: string): string {
  return id.replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function fourcc(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
}

function u32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16)) + bytes[at + 3] * 0x1000000;
}

function fail(where: string, problem: string): never {
  throw new EmotiondError('AUDIO_FORMAT', `${where}: ${problem}`);
}

/** Checks the RIFF/WAVE header and finds the `fmt ` and `data` chunks. */
export function walkWave(bytes: Uint8Array, where: string): WaveChunks {
  const len = bytes.length;
  if (len === 0) fail(where, 'file is empty (0 bytes)');
  if (len < 12) fail(where, `truncated header: file is ${len} bytes, a RIFF/WAVE header needs 12`);
  const magic = fourcc(bytes, 0);
  if (magic === 'RIFX') fail(where, 'big-endian RIFX WAV is not supported');
  if (magic === 'RF64') fail(where, 'RF64 (64-bit WAV) is not supported');
  if (magic !== 'RIFF') fail(where, `not a RIFF file (first bytes ${hexBytes(bytes, 0, 4)})`);
  const form = fourcc(bytes, 8);
  if (form !== 'WAVE') fail(where, `RIFF file of type '${shown(form)}', not WAVE`);

  const warnings: string[] = [];
  const seen: string[] = [];
  let fmt: RiffChunk | undefined;
  let data: RiffChunk | undefined;
  let off = 12;
  let prevOdd = false;
  // The RIFF size field is not trusted: streaming writers leave it 0 or 0xFFFFFFFF, so the
  // walk goes by the real file length. Every step advances by at least 8 bytes: no hang.
  while (off + 8 <= len && !(fmt && data)) {
    let id = fourcc(bytes, off);
    if (!ID_RE.test(id) && prevOdd && ID_RE.test(fourcc(bytes, off - 1))) {
      // Some writers omit the pad byte after an odd-sized chunk.
      off -= 1;
      id = fourcc(bytes, off);
      warnings.push(`${where}: chunk '${shown(id)}' at byte ${off} follows an odd-sized chunk without its pad byte`);
    }
    if (!ID_RE.test(id)) {
      fail(where, `corrupt chunk list: expected a chunk id at byte ${off}, found bytes ${hexBytes(bytes, off, 4)}`);
    }
    const declared = u32(bytes, off + 4);
    const start = off + 8;
    const remaining = len - start;
    seen.push(id);
    if (id === 'data') {
      let size = declared;
      if (declared > remaining) {
        // Chosen policy: a short data chunk is read as far as it goes, with a warning. The bytes
        // present are exact samples at known positions (a recording cut by a crash, or a
        // streaming writer's placeholder size), so discarding them would help nobody.
        size = remaining;
        warnings.push(
          `${where}: data chunk at byte ${off} declares ${declared} bytes but the file ends ${remaining} bytes later; read what is there (truncated file?)`,
        );
      }
      data = { id, offset: off, start, size };
      off = start + size + (size & 1);
      prevOdd = (size & 1) === 1;
      continue;
    }
    if (declared > remaining) {
      fail(where, `chunk '${shown(id)}' at byte ${off} declares ${declared} bytes but only ${remaining} remain in the file`);
    }
    if (id === 'fmt ') fmt = { id, offset: off, start, size: declared };
    off = start + declared + (declared & 1);
    prevOdd = (declared & 1) === 1;
  }
  if (!fmt || !data) {
    const cut = off < len && off + 8 > len ? `; chunk header at byte ${off} is cut short (truncated file)` : '';
    const found = seen.length ? `chunks found: ${seen.map((s) => `'${shown(s)}'`).join(', ')}` : 'no chunks after the header';
    fail(where, `no '${fmt ? 'data' : 'fmt '}' chunk (${found}${cut})`);
  }
  return { fmt, data, warnings };
}
