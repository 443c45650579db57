// The frame-level descriptors (LLDs): each names its columns, the stages it reads, and how
// to fill its columns of one frame from a backend. Add an LLD by appending a definition;
// the pipeline runs only the stages the chosen LLDs need. Units are in the column names'
// documentation (daemon/features/README.md).
import { ANALYSIS } from './analysis-config.ts';
import type { FrameKernels, Stage } from './frame-kernels.ts';

export interface LldDef {
  readonly columns: readonly string[];
  readonly needs: readonly Stage[];
  /** Writes this LLD's values for the current frame to row[at], row[at + 1], ... */
  compute(k: FrameKernels, row: Float32Array, at: number): void;
}

const single = (column: string, needs: Stage, f: (k: FrameKernels) => number): LldDef => ({
  columns: [column],
  needs: [needs],
  compute: (k, row, at) => void (row[at] = f(k)),
});

/** RMS and log energy 10 log10(mean square + 1e-10) dB of the mean-removed frame. */
export const energyLld: LldDef = {
  columns: ['rms', 'log_energy'],
  needs: ['frame'],
  compute(k, row, at) {
    const ms = k.meanSquare();
    row[at] = Math.sqrt(ms);
    row[at + 1] = 10 * Math.log10(ms + ANALYSIS.energyFloor);
  },
};

/** Rounding-level flux is 0 on every backend, so ties (a steady signal) resolve alike: ANALYSIS.fluxResolution. */
const atFluxResolution = (flux: number): number => (flux < ANALYSIS.fluxResolution ? 0 : flux);

const ceps = new Float32Array(ANALYSIS.mfccCount + 1);
/** mfcc0 (c0) and mfcc1..mfcc13. */
export const mfccLld: LldDef = {
  columns: Array.from({ length: ANALYSIS.mfccCount + 1 }, (_, i) => `mfcc${i}`),
  needs: ['mel'],
  compute(k, row, at) {
    k.mfcc(ceps);
    row.set(ceps, at);
  },
};

const pitchOut = new Float32Array(4);
/** F0 in Hz and in semitones re 27.5 Hz (eGeMAPS), 0 when unvoiced; voicing; HNR. */
export const pitchLld: LldDef = {
  columns: ['f0_hz', 'f0_semitone', 'voicing', 'voiced', 'hnr_db'],
  needs: ['pitch'],
  compute(k, row, at) {
    k.pitchResult(pitchOut);
    const f0 = pitchOut[0];
    row[at] = f0;
    row[at + 1] = f0 > 0 ? 12 * Math.log2(f0 / 27.5) : 0;
    row[at + 2] = pitchOut[1];
    row[at + 3] = pitchOut[2];
    row[at + 4] = pitchOut[3];
  },
};

export const DEFAULT_LLDS: readonly LldDef[] = [
  single('loudness', 'mel', (k) => k.loudness()),
  energyLld,
  single('zcr', 'frame', (k) => k.zeroCrossingRate()),
  mfccLld,
  single('spectral_centroid', 'spectrum', (k) => k.spectralCentroid()),
  single('spectral_rolloff85', 'spectrum', (k) => k.spectralRolloff()),
  single('spectral_flatness', 'spectrum', (k) => k.spectralFlatness()),
  single('spectral_entropy', 'spectrum', (k) => k.spectralEntropy()),
  single('spectral_slope', 'spectrum', (k) => k.spectralSlope()),
  single('spectral_flux', 'spectrum', (k) => atFluxResolution(k.spectralFlux())),
  pitchLld,
];
