// Log mel band energies as LLD columns `logmel0`..`logmel25`: ln(E + floor) of the 26 bands
// the MFCCs are made from (analysis-config.ts). The cepstrum keeps 14 smooth coefficients
// of this shape; the bands themselves keep where in frequency energy moves, which
// ComParE-like sets summarise band by band.
import { EmotiondError } from '../../core/errors.ts';
import { ANALYSIS } from '../analysis-config.ts';
import type { LldDef } from '../lld-registry.ts';

export const LOG_MEL_COLUMNS: readonly string[] = Array.from({ length: ANALYSIS.melBands }, (_, i) => `logmel${i}`);

const bands = new Float32Array(ANALYSIS.melBands);

/** ln of each mel band's energy, floored as the MFCCs floor it (ANALYSIS.melFloor). */
export const logMelLld: LldDef = {
  columns: LOG_MEL_COLUMNS,
  needs: ['mel'],
  compute(k, row, at) {
    if (!k.melEnergies) throw new EmotiondError('FEATURES', `the ${k.backend} kernels do not expose mel band energies (needed by logmel*)`);
    k.melEnergies(bands);
    for (let i = 0; i < bands.length; i++) row[at + i] = Math.log(Math.max(bands[i], ANALYSIS.melFloor));
  },
};
