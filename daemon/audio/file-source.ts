// Replays a file, or every .wav/.flac in a folder, as if it came from a microphone:
// 20 ms chunks at real-time pace, stamped with stream time. For demos, tests and
// re-running recorded sessions through the same pipeline as live capture.

import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { EmotiondError, errorMessage } from '../core/errors.ts';
import { SAMPLE_RATE, type AudioChunk, type AudioSource, type DecodedAudio } from '../core/types.ts';
import { decodeAudioFile } from './decode.ts';

const UNLIMITED = { maxBytes: Infinity, maxDurationS: Infinity };

export interface FileSourceOptions {
  /** A .wav/.flac file, or a folder whose .wav/.flac files play in name order. */
  path: string;
  /** Playback speed relative to real time; 0 means as fast as possible. Default 1. */
  speed?: number;
  /** Seconds of silence delivered between files (and between loops). Default 0. */
  gapS?: number;
  /** Start again from the first file after the last; onEnd is then never called. Default false. */
  loop?: boolean;
  /** Chunk length in milliseconds. Default 20. */
  chunkMs?: number;
  /** Reads one file; default decodeAudioFile. Tests pass their own to watch what is decoded. */
  decode?: (path: string) => Promise<DecodedAudio>;
}

type Handlers = Parameters<AudioSource['start']>[0];

const AUDIO_EXT = /\.(wav|flac)$/i;

export class FileSource implements AudioSource {
  readonly description: string;
  private readonly path: string;
  private readonly speed: number;
  private readonly gapS: number;
  private readonly loop: boolean;
  private readonly chunkSamples: number;
  private readonly decode: (path: string) => Promise<DecodedAudio>;
  private running = false;
  private done: Promise<void> = Promise.resolve();
  private wake: (() => void) | null = null;
  /**
   * Called by stop(), so that waiting on a slow decode is cut short too. One listener per
   * wait, removed when the wait ends: a race against one long-lived stop promise would keep
   * every decoded file reachable from that promise until the source stops (a looped replay
   * grew by ~64 KB per second of audio).
   */
  private readonly onStop = new Set<() => void>();
  /** Files whose damage was already reported. */
  private readonly warned = new Set<string>();

  constructor(options: FileSourceOptions) {
    // A replay may be a recorded session of hours: regular files only (a FIFO would block
    // stop()), but no size or duration limit, as before (analyze and features have theirs).
    const { path, speed = 1, gapS = 0, loop = false, chunkMs = 20, decode = (p: string) => decodeAudioFile(p, UNLIMITED) } = options;
    if (!(speed >= 0) || !Number.isFinite(speed)) throw new EmotiondError('USAGE', `file source: speed must be >= 0, got ${speed}`);
    if (!(gapS >= 0) || !Number.isFinite(gapS)) throw new EmotiondError('USAGE', `file source: gapS must be >= 0, got ${gapS}`);
    if (!(chunkMs > 0)) throw new EmotiondError('USAGE', `file source: chunkMs must be > 0, got ${chunkMs}`);
    this.path = path;
    this.speed = speed;
    this.gapS = gapS;
    this.loop = loop;
    this.decode = decode;
    this.chunkSamples = Math.max(1, Math.round((chunkMs / 1000) * SAMPLE_RATE));
    this.description = `file ${path}`;
  }

  async start(handlers: Handlers): Promise<void> {
    if (this.running) throw new EmotiondError('USAGE', `${this.description}: already started`);
    const files = await listAudioFiles(this.path);
    this.running = true;
    this.done = this.play(files, handlers);
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const wake of [...this.onStop]) wake();
    this.wake?.();
    await this.done;
  }

  private async play(files: string[], h: Handlers): Promise<void> {
    const t0 = performance.now();
    let sent = 0; // samples delivered so far: the stream clock
    const deliver = async (samples: Float32Array): Promise<boolean> => {
      for (let i = 0; i < samples.length && this.running; i += this.chunkSamples) {
        const chunk: AudioChunk = { samples: samples.slice(i, i + this.chunkSamples), startS: sent / SAMPLE_RATE };
        // Like a microphone, a chunk is ready once its last sample has "happened". Pacing on
        // stream time from t0, not on the previous sleep, keeps timer overshoot from adding up.
        const dueMs = ((sent + chunk.samples.length) / SAMPLE_RATE) * 1000 / this.speed;
        await this.pause(this.speed > 0 ? t0 + dueMs - performance.now() : 0);
        if (!this.running) break;
        sent += chunk.samples.length;
        safeCall(h, () => h.onChunk(chunk));
      }
      return this.running;
    };
    const gap = new Float32Array(Math.round(this.gapS * SAMPLE_RATE));
    try {
      do {
        let played = 0;
        // Decode the next file while this one plays, so a large file does not stall the pace.
        let next: Promise<DecodedAudio | Error | null> = this.decodeSafe(files[0]);
        for (let i = 0; i < files.length && this.running; i++) {
          const audio = await this.unlessStopped(next);
          if (audio === null) break;
          next = i + 1 < files.length ? this.decodeSafe(files[i + 1]) : Promise.resolve(null);
          if (audio instanceof Error) {
            safeCall(h, () => h.onError?.(audio));
            continue;
          }
          // Said once per file, not at every round of a loop.
          if (!this.warned.has(files[i])) for (const w of audio.warnings ?? []) safeCall(h, () => h.onWarning?.(w));
          this.warned.add(files[i]);
          if (played > 0 && gap.length > 0 && !(await deliver(gap))) break;
          if (!(await deliver(audio.samples))) break;
          played++;
        }
        if (played === 0) {
          // Looping over files that all fail would report the same errors forever.
          if (this.running) safeCall(h, () => h.onError?.(new EmotiondError('AUDIO_IO', `${this.description}: no file could be played`)));
          break;
        }
        if (this.loop && this.running && gap.length > 0 && !(await deliver(gap))) break;
      } while (this.loop && this.running);
      if (this.running) safeCall(h, () => h.onEnd?.());
    } finally {
      this.running = false;
    }
  }

  /** `p`'s value, or null as soon as stop() is called; holds nothing once it settles. */
  private unlessStopped<T>(p: Promise<T>): Promise<T | null> {
    if (!this.running) return Promise.resolve(null);
    return new Promise((resolve) => {
      const stopped = () => resolve(null);
      this.onStop.add(stopped);
      // decodeSafe never rejects: failures arrive as Error values.
      void p.then((value) => {
        this.onStop.delete(stopped);
        resolve(value);
      });
    });
  }

  private decodeSafe(file: string): Promise<DecodedAudio | Error> {
    return this.decode(file).catch((err: unknown) =>
      err instanceof Error ? err : new EmotiondError('AUDIO_FORMAT', `${basename(file)}: ${String(err)}`),
    );
  }

  /** Sleeps `ms` (yielding to the event loop even at 0), cut short by stop(). */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = ms >= 1 ? setTimeout(done, ms) : undefined;
      this.wake = done;
      if (timer === undefined) setImmediate(done);
    });
  }
}

/** The file itself, or a folder's .wav/.flac files sorted by name. */
export async function listAudioFiles(path: string): Promise<string[]> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch (err) {
    throw new EmotiondError('AUDIO_IO', `${path}: cannot open (${errorMessage(err)})`, { cause: err });
  }
  if (!isDir) return [path];
  const names = (await readdir(path)).filter((n) => AUDIO_EXT.test(n)).sort();
  if (names.length === 0) throw new EmotiondError('AUDIO_IO', `${path}: folder holds no .wav or .flac file`);
  return names.map((n) => join(path, n));
}


/** A throwing handler must not end playback: report it through onError and go on. */
function safeCall(h: Handlers, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    if (h.onError) {
      try {
        h.onError(err instanceof Error ? err : new Error(String(err)));
      } catch {
        // onError itself threw: nothing left to report to.
      }
    }
  }
}
