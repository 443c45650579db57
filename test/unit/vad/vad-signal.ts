// Synthetic audio for the VAD tests: quiet seeded noise with voiced-like bursts
// (a 150 Hz tone and its octave) at given spans, the same on every run.
import type { VadSettings } from '../../../daemon/vad/create-detector.ts';

export const SR = 16000;

/** Silero with the daemon's defaults, no sliding windows: the batch detector of the speech tests. */
export const SILERO_BATCH: VadSettings = {
  engine: 'silero', threshold: 0.5, neg_threshold: 0.35, gate_dbfs: -65,
  threshold_db: 12, min_level_dbfs: -50, min_speech_s: 0.4, max_speech_s: 8, hangover_s: 0.3, padding_s: 0.1,
  window_s: 0, hop_s: 2,
};

export function rng(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
}

export function signal(totalS: number, bursts: [number, number][]): Float32Array {
  const r = rng(7);
  const x = new Float32Array(Math.round(totalS * SR));
  for (let i = 0; i < x.length; i++) x[i] = 0.001 * r();
  for (const [a, b] of bursts) {
    for (let i = Math.round(a * SR); i < Math.round(b * SR); i++) {
      const t = i / SR;
      x[i] += 0.2 * Math.sin(2 * Math.PI * 150 * t) + 0.1 * Math.sin(2 * Math.PI * 300 * t);
    }
  }
  return x;
}
