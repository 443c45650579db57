// What an input file may be before it is decoded: a regular file (never a FIFO, a socket or
// a device such as /dev/zero, which would block forever or never end) of bounded size, and
// bounded duration once decoded. Decoding takes about 8 bytes of memory per input byte at
// its peak (a 691 MB WAV peaked at 5.5 GB), so the size is checked before anything is read.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { EmotiondError } from '../core/errors.ts';

export interface InputLimits {
  /** Largest file read, in bytes. */
  maxBytes: number;
  /** Longest audio accepted once decoded, in seconds. */
  maxDurationS: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = { maxBytes: 256 * 2 ** 20, maxDurationS: 3600 };

/** The bytes of `path` if it is a regular file within `maxBytes`; AUDIO_IO naming what it is otherwise. */
export async function readRegularFile(path: string, maxBytes: number): Promise<Uint8Array> {
  // O_NONBLOCK: opening a FIFO that no one writes to would otherwise wait forever.
  const fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = await fh.stat();
    if (st.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    if (!st.isFile()) {
      const kind = st.isFIFO() ? 'a FIFO' : st.isCharacterDevice() ? 'a character device' : st.isBlockDevice() ? 'a block device' : st.isSocket() ? 'a socket' : 'not a file';
      throw new EmotiondError('AUDIO_IO', `${path}: not a regular file (${kind}); only audio files are read`);
    }
    if (st.size > maxBytes) {
      throw new EmotiondError('AUDIO_IO', `${path}: ${mib(st.size)} MiB, over the limit of ${mib(maxBytes)} MiB (--max-file-mib)`);
    }
    // Read up to the size seen (plus one byte, to notice a file that grows meanwhile).
    const buf = new Uint8Array(st.size + 1);
    let got = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
      if (got === buf.length) throw new EmotiondError('AUDIO_IO', `${path}: grew while it was read; not read`);
    }
    return buf.subarray(0, got);
  } finally {
    await fh.close();
  }
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0);

/** `--max-file-mib` / `--max-duration-s` values as limits; USAGE for anything but a positive number. */
export function inputLimitsFrom(opts: { maxFileMib?: string; maxDurationS?: string }): InputLimits {
  const num = (v: string | undefined, flag: string, fallback: number): number => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!(n > 0) || !Number.isFinite(n)) throw new EmotiondError('USAGE', `${flag} ${v}: expected a positive number`);
    return n;
  };
  return {
    maxBytes: Math.floor(num(opts.maxFileMib, '--max-file-mib', DEFAULT_INPUT_LIMITS.maxBytes / 2 ** 20) * 2 ** 20),
    maxDurationS: num(opts.maxDurationS, '--max-duration-s', DEFAULT_INPUT_LIMITS.maxDurationS),
  };
}
