// A small corpus on disk for end-to-end training tests: labels.csv plus raw float32
// "recordings" of tones whose pitch and loudness depend on the emotion (and a little on
// the speaker), with a decoder and a five-feature extractor to match. It stands in for
// real audio decoding and feature extraction, which are tested where they live.
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DecodedAudio, FeatureExtractor } from '../../../daemon/core/types.ts';
import { createRng } from '../../../daemon/train/rng.ts';

export const TINY_CLASSES = ['anger', 'neutral', 'sadness'] as const;
const TONE: Record<string, { hz: number; amp: number }> = {
  anger: { hz: 330, amp: 0.6 }, neutral: { hz: 200, amp: 0.3 }, sadness: { hz: 140, amp: 0.15 },
};

/** Writes `<dir>/labels.csv` and `<dir>/spk<s>/<n>.f32`; fold = speaker index mod `folds` + 1. */
export function writeTinyCorpus(dir: string, opts: { speakers?: number; perClass?: number; folds?: number; seed?: number } = {}): void {
  const speakers = opts.speakers ?? 4, per = opts.perClass ?? 4, folds = opts.folds ?? 2;
  const rng = createRng(opts.seed ?? 1);
  const lines = ['path,speaker,gender,emotion,duration_s,fold'];
  for (let s = 0; s < speakers; s++) {
    mkdirSync(join(dir, `spk${s}`), { recursive: true });
    const pitch = 1 + (rng.next() - 0.5) * 0.2;
    for (const emotion of TINY_CLASSES) {
      for (let i = 0; i < per; i++) {
        const { hz, amp } = TONE[emotion];
        const n = 1600 + rng.int(800);
        const x = new Float32Array(n);
        for (let t = 0; t < n; t++) x[t] = amp * Math.sin((2 * Math.PI * hz * pitch * t) / 16000) + 0.02 * rng.normal();
        const rel = `spk${s}/${emotion}-${i}.f32`;
        writeFileSync(join(dir, rel), new Uint8Array(x.buffer));
        lines.push(`${rel},${String(s).padStart(2, '0')},${s % 2 ? 'f' : 'm'},${emotion},${(n / 16000).toFixed(3)},${(s % folds) + 1}`);
      }
    }
  }
  writeFileSync(join(dir, 'labels.csv'), lines.join('\n') + '\n');
}

export async function decodeTiny(path: string): Promise<DecodedAudio> {
  const bytes = await readFile(path);
  const samples = new Float32Array(new Uint8Array(bytes).buffer);
  return { samples, sampleRate: 16000, source: { sampleRate: 16000, channels: 1, encoding: 'f32' } };
}

/** rms, zero-crossing rate, peak, lag-1 autocorrelation, and a log-ratio that is -Infinity for silence. */
export function tinyExtractor(): FeatureExtractor & { calls: number } {
  const names = ['rms', 'zcr', 'peak', 'acf1', 'log_peak_over_rms'];
  const ex = {
    names,
    calls: 0,
    extract(x: Float32Array) {
      ex.calls++;
      let e = 0, z = 0, peak = 0, acf = 0;
      for (let i = 0; i < x.length; i++) {
        e += x[i] * x[i];
        peak = Math.max(peak, Math.abs(x[i]));
        if (i > 0) {
          if ((x[i] >= 0) !== (x[i - 1] >= 0)) z++;
          acf += x[i] * x[i - 1];
        }
      }
      const rms = Math.sqrt(e / x.length);
      return { names, values: Float32Array.from([rms, z / x.length, peak, acf / e, Math.log(peak / rms)]) };
    },
  };
  return ex;
}
