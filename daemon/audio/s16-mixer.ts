// Interleaved 16-bit capture buffers -> mono float samples (mean of the channels).
// A buffer may end inside a frame; the split bytes wait for the next buffer.

export class S16Mixer {
  private readonly channels: number;
  private carry: Uint8Array | null = null;

  constructor(channels: number) {
    this.channels = channels;
  }

  /** Mixes the whole frames in `buf` (native-endian int16, as PortAudio delivers them). */
  push(buf: Uint8Array): Float32Array {
    let bytes = buf;
    if (this.carry) {
      bytes = new Uint8Array(this.carry.length + buf.length);
      bytes.set(this.carry);
      bytes.set(buf, this.carry.length);
    }
    const ch = this.channels;
    const frames = Math.floor(bytes.length / (2 * ch));
    const used = frames * 2 * ch;
    this.carry = used < bytes.length ? bytes.slice(used) : null;
    // An Int16Array view needs an even byte offset; Node may hand out pooled, odd-offset buffers.
    const aligned = bytes.byteOffset % 2 === 0 ? bytes : bytes.slice();
    const pcm = new Int16Array(aligned.buffer, aligned.byteOffset, frames * ch);
    const mono = new Float32Array(frames);
    const scale = 1 / (32768 * ch);
    for (let f = 0, i = 0; f < frames; f++) {
      let sum = 0;
      for (let c = 0; c < ch; c++) sum += pcm[i++];
      mono[f] = sum * scale;
    }
    return mono;
  }
}
