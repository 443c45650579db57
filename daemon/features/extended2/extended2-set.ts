// Feature set `emotiond-extended-v2`: emotiond-extended-v1's 3008 features, the same names
// and values in the same order (extended-set.ts computes them), then the groups of
// contour-extras.ts. Names are fixed once a model reads them: change nothing here, add a set.
import { EGEMAPS_NAMES } from '../egemaps/egemaps-names.ts';
import { EXTENDED_LLD_COLUMNS, EXTENDED_NAMES, LLD_PART_SIZE, evaluateLldPart } from '../extended/extended-set.ts';
import type { LldMatrix } from '../lld-pipeline.ts';
import { EXTRA_GROUPS, type ExtraGroup } from './contour-extras.ts';

export const EXTENDED2_SET_ID = 'emotiond-extended-v2';

/** The groups of contour-extras.ts the set appends, in this order. */
export const EXTENDED2_GROUP_IDS: readonly string[] = ['thirds', 'qreg', 'peaks', 'vu', 'mod', 'corr', 'mfcccorr', 'spec'];

export interface Extended2Layout {
  readonly names: readonly string[];
  /** LLD columns read (v1's and the groups' new ones, `voiced` included). */
  readonly lldColumns: readonly string[];
  /** Fills out (names.length values) from the LLD matrix and the eGeMAPS 88. */
  evaluate(llds: LldMatrix, egemaps: Float32Array, out: Float32Array): void;
}

/** The layout of v1 followed by the given groups (the set itself: EXTENDED2_GROUP_IDS). */
export function extended2Layout(groupIds: readonly string[] = EXTENDED2_GROUP_IDS): Extended2Layout {
  const groups: ExtraGroup[] = groupIds.map((id) => {
    const g = EXTRA_GROUPS.find((x) => x.id === id);
    if (!g) throw new RangeError(`no feature group "${id}"`);
    return g;
  });
  const names = Object.freeze([...EXTENDED_NAMES, ...groups.flatMap((g) => g.names)]);
  return {
    names,
    lldColumns: [...new Set([...EXTENDED_LLD_COLUMNS, ...groups.flatMap((g) => g.columns ?? [])])],
    evaluate(llds, egemaps, out) {
      evaluateLldPart(llds, out);
      out.set(egemaps, LLD_PART_SIZE);
      let at = LLD_PART_SIZE + EGEMAPS_NAMES.length;
      for (const g of groups) at = g.compute(llds, out, at);
    },
  };
}

export const EXTENDED2_LAYOUT = extended2Layout();
export const EXTENDED2_NAMES: readonly string[] = EXTENDED2_LAYOUT.names;
