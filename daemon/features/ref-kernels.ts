// The reference backend: FrameKernels over the plain TypeScript kernels in ref/.
import { ANALYSIS, PITCH_GEOMETRY, frameCount } from './analysis-config.ts';
import type { FeatureBackend, FrameState, StreamingFrameKernels } from './frame-kernels.ts';
import { kernelTables } from './kernel-tables.ts';
import { dcBlock } from './ref/dc-block.ts';
import { decimate2 } from './ref/decimate.ts';
import { meanSquare } from './ref/energy.ts';
import { frameWindow } from './ref/frame-window.ts';
import { logPower } from './ref/log-power.ts';
import { loudness } from './ref/loudness.ts';
import { melBands } from './ref/mel-filterbank.ts';
import { mfcc } from './ref/mfcc.ts';
import { pitchFrame, type PitchParams } from './ref/pitch.ts';
import { rfftPower } from './ref/rfft.ts';
import { sanitize } from './ref/sanitize.ts';
import { spectralCentroid } from './ref/spectral-centroid.ts';
import { spectralEntropy } from './ref/spectral-entropy.ts';
import { spectralFlatness } from './ref/spectral-flatness.ts';
import { spectralFlux } from './ref/spectral-flux.ts';
import { spectralRolloff } from './ref/spectral-rolloff.ts';
import { spectralSlope } from './ref/spectral-slope.ts';
import { zeroCrossingRate } from './ref/zcr.ts';
import { frameStart16, pitchStartCoarse, signalLayout } from './signal-layout.ts';
import { LEVELS, StreamedSignal, levelSize } from './stream-signal.ts';

const A = ANALYSIS;

export class RefFrameKernels implements StreamingFrameKernels {
  readonly backend: FeatureBackend = 'ref';
  private readonly t = kernelTables();
  private readonly raw = new Float32Array(A.frameLength);
  private readonly win = new Float32Array(A.fftSize);
  private pow = new Float32Array(this.t.bins);
  private prev = new Float32Array(this.t.bins);
  private readonly logP = new Float32Array(this.t.bins);
  private readonly melE = new Float32Array(A.melBands);
  private readonly pitchOut = new Float32Array(4);
  private readonly pitchParams: PitchParams = {
    ...PITCH_GEOMETRY, sampleRate: A.sampleRate, threshold: A.voicingThreshold,
    octaveCost: A.octaveCost, silenceMs: A.pitchSilenceMs,
  };
  private x16 = new Float32Array(0);
  private d16 = new Float32Array(0);
  private coarse = new Float32Array(0);
  private spectra = 0;
  /** Padded positions of x16[0], d16[0] and coarse[0] (0 for a loaded signal; a stream slides them). */
  private at0 = 0;
  private atD = 0;
  private atC = 0;

  load(samples: Float32Array): number {
    const l = signalLayout(samples.length);
    this.x16 = new Float32Array(l.len16);
    this.x16.set(samples, A.padding);
    sanitize(this.x16, A.sampleLimit);
    this.d16 = new Float32Array(l.len16);
    dcBlock(this.x16.subarray(A.padding), this.d16.subarray(A.padding), l.n, A.dcBlockPole);
    let level = this.d16;
    for (const st of l.steps) {
      const next = new Float32Array(st.length);
      decimate2(level, st.input, st.count, this.t.taps, next.subarray(st.from));
      level = next;
    }
    this.coarse = level;
    this.spectra = 0;
    this.at0 = this.atD = this.atC = 0;
    return frameCount(l.n);
  }

  openStream(): StreamedSignal {
    const bufs = Array.from({ length: LEVELS }, (_, l) => new Float32Array(levelSize(l)));
    this.spectra = 0;
    [this.x16, this.d16, this.coarse] = [bufs[0], bufs[1], bufs[LEVELS - 1]];
    return new StreamedSignal({
      view: (l) => bufs[l],
      sanitize: (at, n) => sanitize(bufs[0].subarray(at, at + n), A.sampleLimit),
      decimate: (l, inAt, count, outAt) => decimate2(bufs[l - 1], inAt, count, this.t.taps, bufs[l].subarray(outAt)),
      round: (x) => x,
      moved: (origins) => {
        [this.at0, this.atD, this.atC] = [origins[0], origins[1], origins[LEVELS - 1]];
      },
    });
  }

  memoryBytes(): number {
    return 4 * (this.x16.length + this.d16.length + this.coarse.length);
  }

  saveFrameState(): FrameState {
    return { spectra: this.spectra, pow: this.pow.slice() };
  }

  restoreFrameState(state: FrameState): void {
    this.spectra = state.spectra;
    this.pow.set(state.pow);
  }

  frame(index: number): void {
    frameWindow(this.x16, frameStart16(index) - this.at0, A.frameLength, this.t.window, A.preEmphasis, A.fftSize, this.raw, this.win);
  }

  spectrum(): void {
    [this.prev, this.pow] = [this.pow, this.prev];
    this.spectra++;
    rfftPower(this.win, A.fftSize, this.pow);
    logPower(this.pow, this.t.bins, A.powerFloor, this.logP);
  }

  mel(): void {
    melBands(this.pow, this.t.mel, this.melE);
  }

  pitch(index: number): void {
    // Views from the window starts, so that the two signals may start at different positions.
    const s = pitchStartCoarse(index);
    pitchFrame(this.coarse.subarray(s - this.atC), this.d16.subarray(PITCH_GEOMETRY.factor * s - this.atD), 0, this.pitchParams, this.pitchOut);
  }

  meanSquare = (): number => meanSquare(this.raw, A.frameLength);
  zeroCrossingRate = (): number => zeroCrossingRate(this.raw, A.frameLength);
  spectralCentroid = (): number => spectralCentroid(this.pow, this.t.bins, this.t.binHz, A.silentPowerSum);
  spectralRolloff = (): number =>
    spectralRolloff(this.pow, this.t.bins, this.t.binHz, A.rolloffFraction, A.silentPowerSum);
  spectralFlatness = (): number =>
    spectralFlatness(this.pow, this.logP, A.spectralLowBin, this.t.bins, A.silentPowerSum);
  spectralEntropy = (): number =>
    spectralEntropy(this.pow, this.logP, A.spectralLowBin, this.t.bins, A.silentPowerSum);
  spectralSlope = (): number =>
    spectralSlope(this.pow, this.logP, A.spectralLowBin, this.t.bins, this.t.binHz, A.silentPowerSum);

  spectralFlux = (): number =>
    this.spectra < 2 ? 0 : spectralFlux(this.pow, this.prev, this.t.bins, A.silentPowerSum);

  loudness = (): number => loudness(this.melE, A.melBands, A.loudnessExponent);

  mfcc(out: Float32Array): void {
    mfcc(this.melE, A.melBands, A.melFloor, this.t.dct, this.t.ceps, out);
  }

  melEnergies(out: Float32Array): void {
    out.set(this.melE);
  }

  powerSpectrum(out: Float32Array): void {
    out.set(this.pow);
  }

  pitchResult(out: Float32Array): void {
    out.set(this.pitchOut);
  }
}
