// Feature set `emotiond-extended-v1`: a ComParE-like functional set on emotiond's LLDs, plus
// the eGeMAPSv02 88. Names are fixed (pinned by test/unit/features/extended-set.test.ts);
// a model trained on them must keep getting them, so change nothing here: add a new set.
//
// Names are `<column>[_delta|_delta2][_voiced]_<functional>`, in this order:
//   1. the 27 extended functionals (extended-functionals.ts) of 51 contours: loudness, rms,
//      log_energy, zcr, mfcc0..mfcc13, the six spectral columns, logmel0..logmel25, voicing;
//   2. the same 27 of their deltas (HTK regression over +-2 frames);
//   3. moments and extremes (7) of the delta-deltas of log_energy and mfcc1..mfcc13;
//   4. the 27 of f0_semitone and hnr_db over voiced frames;
//   5. the 14 rhythm features (rhythm.ts);
//   6. the 88 eGeMAPSv02 functionals, `egemaps_` + openSMILE's name.
import { deltaContour } from '../deltas.ts';
import { EGEMAPS_NAMES } from '../egemaps/egemaps-names.ts';
import type { LldMatrix } from '../lld-pipeline.ts';
import { EXTENDED_FUNCTIONALS, SHORT_FUNCTIONALS, writeFunctionals, type ExtendedFunctional } from './extended-functionals.ts';
import { LOG_MEL_COLUMNS } from './log-mel-lld.ts';
import { RHYTHM_NAMES, rhythmFeatures } from './rhythm.ts';

export const EXTENDED_SET_ID = 'emotiond-extended-v1';

interface Contour {
  lld: string;
  /** 0 raw, 1 delta, 2 delta-delta. */
  order: 0 | 1 | 2;
  voicedOnly: boolean;
  functionals: readonly ExtendedFunctional[];
}

const mfccs = (from: number): string[] => Array.from({ length: 14 - from }, (_, i) => `mfcc${from + i}`);
const SPECTRAL = ['centroid', 'rolloff85', 'flatness', 'entropy', 'slope', 'flux'].map((s) => `spectral_${s}`);
const FRAME_LLDS = ['loudness', 'rms', 'log_energy', 'zcr', ...mfccs(0), ...SPECTRAL, ...LOG_MEL_COLUMNS, 'voicing'];

const c = (lld: string, order: 0 | 1 | 2, functionals: readonly ExtendedFunctional[], voicedOnly = false): Contour => ({ lld, order, voicedOnly, functionals });

export const EXTENDED_CONTOURS: readonly Contour[] = [
  ...FRAME_LLDS.map((l) => c(l, 0, EXTENDED_FUNCTIONALS)),
  ...FRAME_LLDS.map((l) => c(l, 1, EXTENDED_FUNCTIONALS)),
  ...['log_energy', ...mfccs(1)].map((l) => c(l, 2, SHORT_FUNCTIONALS)),
  c('f0_semitone', 0, EXTENDED_FUNCTIONALS, true),
  c('hnr_db', 0, EXTENDED_FUNCTIONALS, true),
];

/** LLD columns the set reads (beside `voiced`). */
export const EXTENDED_LLD_COLUMNS: readonly string[] = [...new Set([...EXTENDED_CONTOURS.map((x) => x.lld), 'voiced'])];

const contourName = (x: Contour): string =>
  `${x.lld}${x.order === 1 ? '_delta' : x.order === 2 ? '_delta2' : ''}${x.voicedOnly ? '_voiced' : ''}`;

const LLD_PART_NAMES: readonly string[] = [
  ...EXTENDED_CONTOURS.flatMap((x) => x.functionals.map((f) => `${contourName(x)}_${f}`)),
  ...RHYTHM_NAMES,
];

export const EGEMAPS_PREFIX = 'egemaps_';

export const EXTENDED_NAMES: readonly string[] = Object.freeze([...LLD_PART_NAMES, ...EGEMAPS_NAMES.map((n) => `${EGEMAPS_PREFIX}${n}`)]);

/** Number of features computed from the LLD matrix (the eGeMAPS part follows them). */
export const LLD_PART_SIZE = LLD_PART_NAMES.length;

/** Fills out[0, LLD_PART_SIZE) from the LLD matrix. */
export function evaluateLldPart(llds: LldMatrix, out: Float32Array): void {
  const voiced = llds.column('voiced');
  const rate = llds.frameRate;
  let at = 0;
  const deltas = new Map<string, Float32Array>();
  const delta = (lld: string): Float32Array => {
    let d = deltas.get(lld);
    if (!d) deltas.set(lld, (d = deltaContour(llds.column(lld))));
    return d;
  };
  for (const x of EXTENDED_CONTOURS) {
    const contour = x.order === 0 ? llds.column(x.lld) : x.order === 1 ? delta(x.lld) : deltaContour(delta(x.lld));
    at = writeFunctionals(contour, x.voicedOnly ? voiced : null, rate, x.functionals, out, at);
  }
  rhythmFeatures(voiced, llds.column('log_energy'), rate, out, at);
}
