// What the feature-extraction benchmarks time and how: the first EmoDB files up to a given
// length (../shared/datasets), else seeded synthetic speech-like utterances of the same total
// length (so the benches run anywhere); and throughput as seconds of audio per CPU second of
// this process (process.cpuUsage, so other jobs on the machine cost less than in wall time).
import { existsSync, readdirSync } from 'node:fs';
import { decodeAudioFile } from '../daemon/audio/decode.ts';
import { speechLike } from '../test/unit/features/speech-like.ts';
import { EMODB_WAV } from './opensmile-csv.ts';

export const SR = 16000;

export interface BenchAudio {
  readonly utts: Float32Array[];
  readonly source: 'EmoDB' | 'synthetic';
  /** Total length in seconds. */
  readonly seconds: number;
}

/** EmoDB's first files (sorted by name) until `total` seconds are reached, else synthetic 2.5 s utterances. */
export async function benchAudio(total: number): Promise<BenchAudio> {
  let utts: Float32Array[] | null = null;
  if (existsSync(EMODB_WAV)) {
    utts = [];
    let s = 0;
    for (const f of readdirSync(EMODB_WAV).filter((n) => n.endsWith('.wav')).sort()) {
      if (s >= total) break;
      const x = (await decodeAudioFile(EMODB_WAV + f)).samples;
      utts.push(x);
      s += x.length / SR;
    }
  }
  const source = utts ? 'EmoDB' : 'synthetic';
  utts ??= Array.from({ length: Math.ceil(total / 2.5) }, (_, u) => speechLike(2.5, 90 + ((40 * u) % 160), u + 1));
  return { utts, source, seconds: utts.reduce((s, x) => s + x.length, 0) / SR };
}

export function cpuSeconds(f: () => void): number {
  const c = process.cpuUsage();
  f();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1e6;
}

export interface ThroughputOptions {
  /** Untimed passes first (V8 tiers hot WASM and JS up in the background). Default 1. */
  warmups?: number;
  /** Each timed measurement repeats passes until this much CPU time is spent. Default 1. */
  minCpuSeconds?: number;
  /** Timed measurements; the best is returned (the least disturbed by other jobs). Default 1. */
  repeats?: number;
}

/** Seconds of audio per CPU second of `one` applied to every utterance. */
export function throughput(utts: readonly Float32Array[], one: (x: Float32Array) => void, o: ThroughputOptions = {}): number {
  const audio = utts.reduce((s, x) => s + x.length, 0) / SR;
  const pass = (): void => utts.forEach((x) => one(x));
  for (let i = 0; i < (o.warmups ?? 1); i++) pass();
  let best = 0;
  for (let r = 0; r < (o.repeats ?? 1); r++) {
    let cpu = 0, done = 0;
    while (cpu < (o.minCpuSeconds ?? 1)) {
      cpu += cpuSeconds(pass);
      done += audio;
    }
    best = Math.max(best, done / cpu);
  }
  return best;
}
