// Hands the GPU's per-frame results to the LLD definitions (lld-registry.ts) through the
// FrameKernels interface, so RMS, log energy, F0 in semitones... come out of the same code
// as on the WASM path. The stages are already done: frame(i) only selects the row. Pitch
// was run on the CPU by the WASM kernels and is passed in the same way.
import { ANALYSIS } from '../analysis-config.ts';
import type { FeatureBackend, FrameKernels } from '../frame-kernels.ts';
import type { SpectralColumns } from './spectral-stage.ts';

const CEPS = ANALYSIS.mfccCount + 1;

export class GpuFrameView implements FrameKernels {
  private f = 0;

  constructor(
    private readonly s: SpectralColumns,
    /** [f0, peak r, voiced, HNR] of each frame, frame after frame. */
    private readonly pitchRows: Float32Array,
    /** The CPU kernels that ran pitch. */
    private readonly cpu: FrameKernels,
  ) {}

  /** FeatureBackend names CPU kernel sets; the only CPU stage behind this view is theirs. */
  get backend(): FeatureBackend {
    return this.cpu.backend;
  }

  load(samples: Float32Array): number {
    void samples; // already analysed: the view only serves its rows
    return this.s.frames;
  }

  frame(index: number): void {
    this.f = index;
  }

  spectrum(): void {}
  mel(): void {}
  pitch(): void {}

  meanSquare = (): number => this.s.meanSquare[this.f];
  zeroCrossingRate = (): number => this.s.zcr[this.f];
  spectralCentroid = (): number => this.s.centroid[this.f];
  spectralRolloff = (): number => this.s.rolloff[this.f];
  spectralFlatness = (): number => this.s.flatness[this.f];
  spectralEntropy = (): number => this.s.entropy[this.f];
  spectralSlope = (): number => this.s.slope[this.f];
  spectralFlux = (): number => this.s.flux[this.f];
  loudness = (): number => this.s.loudness[this.f];

  mfcc(out: Float32Array): void {
    out.set(this.s.ceps.subarray(this.f * CEPS, (this.f + 1) * CEPS));
  }

  pitchResult(out: Float32Array): void {
    out.set(this.pitchRows.subarray(4 * this.f, 4 * this.f + 4));
  }
}
