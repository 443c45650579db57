// Mapping each corpus's labels into the one label set a model is trained on.
// The shared vocabulary is already common to the corpora (datasets/README.md); maps
// exist to merge or drop classes, e.g. RAVDESS "calm" has no EmoDB counterpart.

/** The shared emotion vocabulary of labels.csv. */
export const EMOTIONS = [
  'anger', 'boredom', 'calm', 'disgust', 'fear', 'happiness', 'neutral', 'sadness', 'surprise',
] as const;

/** Source label -> target label, or null to drop those rows. Labels not listed are kept. */
export type LabelMap = Readonly<Record<string, string | null>>;

export const LABEL_PRESETS = {
  /** Keep every label as written. */
  shared: {},
  /** Fold calm into neutral and drop surprise (only RAVDESS has either). */
  'calm-as-neutral': { calm: 'neutral', surprise: null },
  /** The six classes both corpora share once calm is folded into neutral. */
  common6: { calm: 'neutral', surprise: null, boredom: null },
  /**
   * The four classes all five shared corpora have (anger, happiness, neutral, sadness): the
   * shipped label set. A class that only one or two corpora teach (boredom, calm) learns
   * those corpora's voices and rooms and then swallows unfamiliar speech (models/README.md).
   */
  core4: { boredom: null, calm: null, disgust: null, fear: null, surprise: null },
} as const satisfies Record<string, LabelMap>;

export type LabelPreset = keyof typeof LABEL_PRESETS;

export function resolveLabelMap(map: LabelMap | LabelPreset | undefined): LabelMap {
  if (map === undefined) return LABEL_PRESETS.shared;
  if (typeof map === 'string') {
    const preset = (LABEL_PRESETS as Record<string, LabelMap>)[map];
    if (!preset) throw new RangeError(`unknown label map '${map}' (known: ${Object.keys(LABEL_PRESETS).join(', ')})`);
    return preset;
  }
  return map;
}

/** The mapped label, or null when the row is dropped. */
export function mapLabel(label: string, map: LabelMap): string | null {
  return Object.prototype.hasOwnProperty.call(map, label) ? map[label] : label;
}
