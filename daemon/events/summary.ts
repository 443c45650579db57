// Room and classroom summaries: what was said over an interval, without any single utterance.
// Pure: final events' readings go in, one summary comes out. Each utterance counts once (its
// final event; windows are provisional) and in the interval where it ends.
//
// Definitions (README "Summaries"):
//   speech_s     sum of the utterances' durations
//   shares       per class, the duration-weighted share of the utterances' labels (sums to 1)
//   dominant     the class with the largest share
//   *_mean/_std  duration-weighted mean and standard deviation of arousal and valence
//   engagement   activity x arousal01, with activity = min(1, speech_s / interval_s) and
//                arousal01 = (arousal_mean + 1) / 2: 0 in a silent room, high when much is
//                said with energy, low for a monotone lecture or a quiet murmur.

/** The part of a final event a summary needs. */
import type { Summary } from '../core/types.ts';
export interface UtteranceReading {
  emotion: string;
  durationS: number;
  arousal: number;
  valence: number;
}

// The shape lives with the shared types: the MQTT sink publishes it too.
export type { Summary } from '../core/types.ts';

const r4 = (x: number) => Number(x.toFixed(4));

function weighted(values: number[], weights: number[], total: number): { mean: number; std: number } {
  const mean = values.reduce((a, v, i) => a + weights[i] * v, 0) / total;
  const variance = values.reduce((a, v, i) => a + weights[i] * (v - mean) ** 2, 0) / total;
  return { mean, std: Math.sqrt(Math.max(0, variance)) };
}

export function summarize(readings: readonly UtteranceReading[], intervalS: number, classes: readonly string[]): Summary {
  // A zero-length utterance still was one: it counts, with a tiny weight.
  const w = readings.map((r) => Math.max(1e-3, r.durationS));
  const total = w.reduce((a, b) => a + b, 0);
  const speech = readings.reduce((a, r) => a + Math.max(0, r.durationS), 0);
  if (readings.length === 0) {
    return { speech_s: 0, utterances: 0, shares: null, dominant: null, arousal_mean: null, arousal_std: null, valence_mean: null, valence_std: null, engagement: 0 };
  }
  const shares: Record<string, number> = {};
  for (const c of classes) shares[c] = 0;
  readings.forEach((r, i) => (shares[r.emotion] = (shares[r.emotion] ?? 0) + w[i] / total));
  let dominant = Object.keys(shares)[0];
  for (const [k, v] of Object.entries(shares)) if (v > shares[dominant]) dominant = k;
  const a = weighted(readings.map((r) => r.arousal), w, total);
  const v = weighted(readings.map((r) => r.valence), w, total);
  const activity = intervalS > 0 ? Math.min(1, speech / intervalS) : 0;
  for (const k of Object.keys(shares)) shares[k] = r4(shares[k]);
  return {
    speech_s: Number(speech.toFixed(3)),
    utterances: readings.length,
    shares,
    dominant,
    arousal_mean: r4(a.mean),
    arousal_std: r4(a.std),
    valence_mean: r4(v.mean),
    valence_std: r4(v.std),
    engagement: r4(activity * ((a.mean + 1) / 2)),
  };
}
