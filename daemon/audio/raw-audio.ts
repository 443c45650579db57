// What a container reader hands to decode.ts: the file's own channels and rate, before
// mix-down and resampling, so that each reader stays a pure bytes -> samples function.

export interface RawAudio {
  /** One array per channel, samples nominally in [-1, 1] (floats may exceed it or be non-finite). */
  channelData: Float32Array[];
  sampleRate: number;
  /** ffmpeg-style name of the stored encoding ("pcm_s16le", "flac_s24"), for messages. */
  encoding: string;
  /** Repairs the reader made (truncated data read as far as it goes), for logs. */
  warnings: string[];
}

/** Formats `bytes` as hex ("52 49 46 46"), to show what was found where a magic was expected. */
export function hexBytes(bytes: Uint8Array, offset: number, count: number): string {
  return Array.from(bytes.subarray(offset, offset + count), (b) => b.toString(16).padStart(2, '0')).join(' ');
}
