// Tables both backends build once from ANALYSIS: window, mel filterbank, DCT matrix,
// decimator taps, and the derived sizes they are used with.
import { ANALYSIS } from './analysis-config.ts';
import { decimatorTaps } from './ref/decimate.ts';
import { hammingWindow } from './ref/frame-window.ts';
import { melFilterbank, type MelFilterbank } from './ref/mel-filterbank.ts';
import { dctMatrix } from './ref/mfcc.ts';

export interface KernelTables {
  readonly window: Float32Array;
  readonly mel: MelFilterbank;
  readonly dct: Float32Array;
  readonly taps: Float32Array;
  /** Power-spectrum bins, fftSize/2 + 1. */
  readonly bins: number;
  readonly binHz: number;
  /** c0..c13 */
  readonly ceps: number;
}

export function kernelTables(): KernelTables {
  const a = ANALYSIS;
  return {
    window: hammingWindow(a.frameLength),
    mel: melFilterbank(a.melBands, a.fftSize, a.sampleRate, a.melMinHz, a.melMaxHz),
    dct: dctMatrix(a.mfccCount + 1, a.melBands),
    taps: decimatorTaps(a.decimatorTaps, a.decimatorCutoffHz, a.sampleRate),
    bins: a.fftSize / 2 + 1,
    binHz: a.sampleRate / a.fftSize,
    ceps: a.mfccCount + 1,
  };
}
