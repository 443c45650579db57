// From one row of class probabilities to the Prediction the rest of the daemon uses.
import type { ModelMeta, Prediction } from '../core/types.ts';

const clamp = (v: number): number => Math.max(-1, Math.min(1, v));

export function toPrediction(probs: ArrayLike<number>, meta: ModelMeta): Prediction {
  const { classes, dimensions } = meta;
  let sum = 0;
  for (let j = 0; j < classes.length; j++) sum += Math.max(0, probs[j]);
  // A float32 softmax sums to 1 only within rounding; renormalise so scores do exactly.
  const norm = sum > 0 ? 1 / sum : 1 / classes.length;
  const scores: Record<string, number> = {};
  let best = 0, arousal = 0, valence = 0;
  for (let j = 0; j < classes.length; j++) {
    const p = sum > 0 ? Math.max(0, probs[j]) * norm : norm;
    scores[classes[j]] = p;
    if (p > scores[classes[best]]) best = j;
    arousal += p * dimensions[classes[j]].arousal;
    valence += p * dimensions[classes[j]].valence;
  }
  return {
    emotion: classes[best],
    confidence: scores[classes[best]],
    scores,
    arousal: clamp(arousal),
    valence: clamp(valence),
  };
}
