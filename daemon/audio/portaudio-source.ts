// Live capture through PortAudio (naudiodon): 16-bit frames at the device's own rate and
// channel count, mixed to mono, resampled to SAMPLE_RATE and regrouped into 32 ms chunks.
// 32 ms (512 samples at 16 kHz) is the Silero VAD's frame: each buffer completes exactly one
// frame, so the frame that ends a segment is scored as soon as its last sample is captured
// (a 20 ms buffer would hold it back by up to 20 ms), and the process wakes 31 times a
// second instead of 50.
// A lost stream (error, unexpected end, or no audio for `stallMs`) is reported through
// onError and reopened with doubling backoff; the source itself never gives up.

import type { IoStreamRead } from 'naudiodon';
import { EmotiondError, errorMessage } from '../core/errors.ts';
import { SAMPLE_RATE, type AudioSource } from '../core/types.ts';
import { Chunker } from './chunker.ts';
import { findInputDevice, loadNaudiodon, type DeviceSpec } from './devices.ts';
import { StreamResampler } from './resample.ts';
import { S16Mixer } from './s16-mixer.ts';

export interface PortAudioSourceOptions {
  /** Device index, case-insensitive part of its name, or absent for the default input. */
  device?: DeviceSpec;
  /** Capture rate in Hz; default: the device's default rate. */
  sampleRate?: number;
  /** Channels captured (then mixed down); default: the device's, at most 2. */
  channels?: number;
  /** Frames per PortAudio buffer; default: 32 ms at the capture rate (CHUNK_MS). */
  framesPerBuffer?: number;
  /** Length of delivered chunks in ms; default 32 (CHUNK_MS). */
  chunkMs?: number;
  /** Reopen backoff: first delay and cap, ms; defaults 500 and 10000. */
  reopenMinMs?: number;
  reopenMaxMs?: number;
  /** A stream silent for this long is treated as lost; default 5000, 0 disables. */
  stallMs?: number;
  /** If the device cannot be opened at start, keep retrying instead of failing start(); default false. */
  waitForDevice?: boolean;
}

type Handlers = Parameters<AudioSource['start']>[0];

/** Capture buffer and chunk length: one Silero frame (512 samples at 16 kHz). */
export const CHUNK_MS = 32;

export class PortAudioSource implements AudioSource {
  readonly description: string;
  private readonly opts: PortAudioSourceOptions;
  private handlers: Handlers | null = null;
  private stream: IoStreamRead | null = null;
  /** Bumped whenever a stream is dropped, so late events of an old stream are ignored. */
  private generation = 0;
  private resampler: StreamResampler | null = null;
  private chunker: Chunker;
  private mixer: S16Mixer | null = null;
  private lostAt: number | null = null;
  private lastDataAt = 0;
  private backoffMs: number;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stallTimer: ReturnType<typeof setInterval> | undefined;

  constructor(options: PortAudioSourceOptions = {}) {
    this.opts = options;
    const d = options.device;
    this.description = `portaudio ${d === undefined ? 'default input' : typeof d === 'number' ? `#${d}` : `'${d}'`}`;
    this.chunker = new Chunker(Math.max(1, Math.round(((options.chunkMs ?? CHUNK_MS) / 1000) * SAMPLE_RATE)));
    this.backoffMs = options.reopenMinMs ?? 500;
  }

  async start(handlers: Handlers): Promise<void> {
    if (this.handlers) throw new EmotiondError('USAGE', `${this.description}: already started`);
    await loadNaudiodon(); // a missing package is never worth waiting for
    this.handlers = handlers;
    try {
      await this.open();
    } catch (err) {
      if (!this.opts.waitForDevice) {
        this.handlers = null;
        throw err;
      }
      this.lostAt = performance.now();
      this.retry(err);
    }
    const stallMs = this.opts.stallMs ?? 5000;
    if (stallMs > 0) {
      this.stallTimer = setInterval(() => {
        if (this.stream && performance.now() - this.lastDataAt > stallMs) this.lose(`no audio for ${stallMs / 1000} s`);
      }, Math.max(50, stallMs / 4));
    }
  }

  async stop(): Promise<void> {
    this.handlers = null;
    clearTimeout(this.retryTimer);
    clearInterval(this.stallTimer);
    const s = this.stream;
    this.stream = null;
    this.generation++;
    if (s) await quit(s);
  }

  /** Opens the device; every failure is a DEVICE error that starts with this source's name. */
  private async open(): Promise<void> {
    try {
      await this.openOnce();
    } catch (err) {
      throw new EmotiondError('DEVICE', `${this.description}: ${errorMessage(err)}`, { cause: err });
    }
  }

  private async openOnce(): Promise<void> {
    const na = await loadNaudiodon();
    const dev = await findInputDevice(this.opts.device);
    const rate = Math.round(this.opts.sampleRate ?? dev.defaultSampleRate);
    const channels = this.opts.channels ?? Math.min(2, dev.maxInputChannels);
    const frames = this.opts.framesPerBuffer ?? Math.max(1, Math.round((rate * CHUNK_MS) / 1000));
    const what = `input device #${dev.id} '${dev.name}' (${rate} Hz, ${channels} ch)`;
    if (!Number.isInteger(channels) || channels < 1 || channels > dev.maxInputChannels) {
      throw new EmotiondError('DEVICE', `cannot capture from ${what}: it has ${dev.maxInputChannels} input channel(s)`);
    }
    const resampler = new StreamResampler(rate, SAMPLE_RATE);
    let io: IoStreamRead;
    try {
      // highwaterMark = one buffer: naudiodon reads that many bytes per 'data', and its
      // default (16 KiB) would hold audio back for half a second at 16 kHz.
      io = na.AudioIO({
        inOptions: { deviceId: dev.id, sampleRate: rate, channelCount: channels, sampleFormat: 16, framesPerBuffer: frames, highwaterMark: frames * channels * 2, closeOnError: true },
      });
    } catch (err) {
      throw new EmotiondError('DEVICE', `cannot open ${what}: ${errorMessage(err)}`, { cause: err });
    }
    if (!this.handlers) {
      // stop() was called while this (re)open was under way.
      void quit(io);
      return;
    }
    const gen = ++this.generation;
    const live = () => gen === this.generation;
    io.on('data', (buf: Uint8Array) => live() && this.onData(buf));
    io.on('error', (e: Error) => live() && this.lose(`stream error: ${e.message}`));
    io.on('end', () => live() && this.lose('stream ended'));
    io.on('close', () => live() && this.lose('stream closed'));
    try {
      io.start();
    } catch (err) {
      this.generation++;
      void quit(io);
      throw new EmotiondError('DEVICE', `cannot start ${what}: ${errorMessage(err)}`, { cause: err });
    }
    this.stream = io;
    this.resampler = resampler;
    this.mixer = new S16Mixer(channels);
    this.lastDataAt = performance.now();
  }

  private onData(buf: Uint8Array): void {
    const h = this.handlers;
    if (!h || !this.resampler || !this.mixer) return;
    this.lastDataAt = performance.now();
    if (this.lostAt !== null) {
      // Back after an outage: stream time jumps over it, so event times stay true to the clock.
      this.chunker.skip(((this.lastDataAt - this.lostAt) / 1000) * SAMPLE_RATE);
      this.lostAt = null;
      this.backoffMs = this.opts.reopenMinMs ?? 500;
    }
    const mono = this.mixer.push(buf);
    for (const chunk of this.chunker.push(this.resampler.process(mono))) deliver(h, chunk);
  }

  private lose(reason: string): void {
    const s = this.stream;
    if (!this.handlers || !s) return;
    this.stream = null;
    this.generation++;
    void quit(s);
    const h = this.handlers;
    const last = this.chunker.flush();
    if (last) deliver(h, last);
    this.lostAt ??= performance.now();
    this.retry(new EmotiondError('DEVICE', `${this.description}: ${reason}`));
  }

  /** Reports `err` and tries to open again after the current backoff, doubling it on failure. */
  private retry(err: unknown): void {
    const h = this.handlers;
    if (!h) return;
    const delay = this.backoffMs;
    report(h, new EmotiondError('DEVICE', `${errorMessage(err)}; reopening in ${delay / 1000} s`, { cause: err }));
    this.retryTimer = setTimeout(() => {
      this.open().catch((e: unknown) => {
        if (!this.handlers) return;
        this.backoffMs = Math.min(this.backoffMs * 2, this.opts.reopenMaxMs ?? 10_000);
        this.retry(e);
      });
    }, delay);
  }
}

/** Closes a stream without waiting more than 2 s: a wedged driver must not hang stop(). */
async function quit(s: IoStreamRead): Promise<void> {
  await Promise.race([
    new Promise<void>((resolve) => {
      try {
        Promise.resolve(s.quit(() => resolve()) as unknown).catch(() => resolve());
      } catch {
        resolve();
      }
    }),
    new Promise<void>((resolve) => setTimeout(resolve, 2000).unref()),
  ]);
}

function deliver(h: Handlers, chunk: Parameters<Handlers['onChunk']>[0]): void {
  try {
    h.onChunk(chunk);
  } catch (err) {
    report(h, err instanceof Error ? err : new Error(String(err)));
  }
}

function report(h: Handlers, err: Error): void {
  try {
    h.onError?.(err);
  } catch {
    // A throwing error handler has nowhere left to report to.
  }
}
