// Which functionals of which contours make the feature vector, and the vector's names.
// A name is <contour>_<functional>, the contour being the LLD column, then `_delta` for its
// delta contour, then `_voiced` when only voiced frames count; e.g. mfcc3_mean,
// mfcc3_delta_std, f0_semitone_voiced_pct80. The temporal features come last.
// Changing a set changes the names a model was trained on: add a new set instead.
import { ContourStats } from './contour-stats.ts';
import { deltaContour } from './deltas.ts';
import { ALL_FUNCTIONALS, FUNCTIONALS, MOMENT_FUNCTIONALS, type FunctionalName } from './functionals.ts';
import type { LldMatrix } from './lld-pipeline.ts';
import { TEMPORAL_NAMES, temporalFeatures } from './temporal.ts';

export interface ContourSpec {
  /** LLD column the contour comes from. */
  readonly lld: string;
  readonly delta?: boolean;
  /** Count only frames whose `voiced` column is 1. */
  readonly voicedOnly?: boolean;
  readonly functionals: readonly FunctionalName[];
}

export interface FeatureSet {
  readonly id: string;
  readonly contours: readonly ContourSpec[];
  readonly temporal: boolean;
}

const mfccs = (from: number): string[] => Array.from({ length: 14 - from }, (_, i) => `mfcc${from + i}`);
const SPECTRAL = ['centroid', 'rolloff85', 'flatness', 'entropy', 'slope', 'flux'].map((s) => `spectral_${s}`);

/** 23 contours x 20 + 14 deltas x 7 + F0 and HNR over voiced frames x 20 + 4 temporal = 602. */
export const FEATURE_SET_V1: FeatureSet = {
  id: 'emotiond-v1',
  contours: [
    ...['loudness', 'log_energy', 'zcr', ...mfccs(0), ...SPECTRAL].map((lld) => ({ lld, functionals: ALL_FUNCTIONALS })),
    ...['log_energy', ...mfccs(1)].map((lld) => ({ lld, delta: true, functionals: MOMENT_FUNCTIONALS })),
    { lld: 'f0_semitone', voicedOnly: true, functionals: ALL_FUNCTIONALS },
    { lld: 'hnr_db', voicedOnly: true, functionals: ALL_FUNCTIONALS },
  ],
  temporal: true,
};

const contourName = (c: ContourSpec): string => `${c.lld}${c.delta ? '_delta' : ''}${c.voicedOnly ? '_voiced' : ''}`;

export function featureNames(set: FeatureSet = FEATURE_SET_V1): string[] {
  const names = set.contours.flatMap((c) => c.functionals.map((f) => `${contourName(c)}_${f}`));
  return set.temporal ? [...names, ...TEMPORAL_NAMES] : names;
}

/** LLD columns a set reads. */
export function featureSetColumns(set: FeatureSet = FEATURE_SET_V1): string[] {
  const cols = new Set(set.contours.map((c) => c.lld));
  if (set.temporal || set.contours.some((c) => c.voicedOnly)) cols.add('voiced');
  return [...cols];
}

const sizes = new WeakMap<FeatureSet, number>();

export function evaluateFeatureSet(set: FeatureSet, llds: LldMatrix): Float32Array {
  let size = sizes.get(set);
  if (size === undefined) sizes.set(set, (size = featureNames(set).length));
  const out = new Float32Array(size);
  const needsVoiced = set.temporal || set.contours.some((c) => c.voicedOnly);
  const voiced = needsVoiced ? llds.column('voiced') : null;
  let at = 0;
  for (const c of set.contours) {
    const raw = llds.column(c.lld);
    const stats = new ContourStats(c.delta ? deltaContour(raw) : raw, c.voicedOnly ? voiced : null, llds.frameRate);
    for (const f of c.functionals) out[at++] = FUNCTIONALS[f](stats);
  }
  if (set.temporal && voiced) temporalFeatures(voiced, llds.frameRate, out, at);
  return out;
}
