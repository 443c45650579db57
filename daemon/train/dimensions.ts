// Arousal and valence of each emotion category, in [-1, 1], used to turn class scores
// into the dimensional estimates events carry (score-weighted mean).
// Placements follow Russell's circumplex of affect (J. A. Russell, "A circumplex model of
// affect", J. Personality and Social Psychology 39(6), 1980) and the ratings of the
// category words in Warriner, Kuperman & Brysbaert, "Norms of valence, arousal, and
// dominance for 13,915 English lemmas", Behavior Research Methods 45, 2013, rescaled
// from their 1-9 scales to [-1, 1] and rounded. They are coarse category centroids,
// not measurements of any utterance.

export interface Dimensions {
  arousal: number;
  valence: number;
}

export const EMOTION_DIMENSIONS: Readonly<Record<string, Dimensions>> = {
  anger: { arousal: 0.8, valence: -0.6 },
  happiness: { arousal: 0.6, valence: 0.8 },
  sadness: { arousal: -0.6, valence: -0.7 },
  neutral: { arousal: 0, valence: 0 },
  calm: { arousal: -0.4, valence: 0.3 },
  boredom: { arousal: -0.7, valence: -0.3 },
  fear: { arousal: 0.7, valence: -0.7 },
  disgust: { arousal: 0.3, valence: -0.7 },
  surprise: { arousal: 0.7, valence: 0.3 },
};

/**
 * Dimensions for a class list; classes outside the table (custom corpora) sit at the
 * neutral origin unless `overrides` places them, and are listed in `unplaced`.
 */
export function dimensionsFor(
  classes: readonly string[], overrides: Readonly<Record<string, Dimensions>> = {},
): { dimensions: Record<string, Dimensions>; unplaced: string[] } {
  const dimensions: Record<string, Dimensions> = {};
  const unplaced: string[] = [];
  for (const c of classes) {
    const d = overrides[c] ?? EMOTION_DIMENSIONS[c];
    if (!d) unplaced.push(c);
    dimensions[c] = d ? { arousal: d.arousal, valence: d.valence } : { arousal: 0, valence: 0 };
  }
  return { dimensions, unplaced };
}
