// How `features.backend: auto` decides: by measurement, per adapter. The first time a set
// meets an adapter, a short calibration (about a second; fixed synthetic speech, the same
// every time) times the set's WASM SIMD extractor and its WebGPU one on the work at hand:
// one signal at a time (the daemon, one segment after another) or many in one batch
// (`emotiond features`). WebGPU is taken only if it is faster by a clear margin; the rates
// are cached per adapter and set, so later starts decide at once. Neither adapter type nor
// vendor enters the decision: a software adapter that keeps up, or a hardware GPU that does
// not (an NVIDIA H200 ran emotiond-v1 at 300 files/s, one WASM thread at 357), is judged by
// its figures. The reason is returned, with the figures, for the caller to print.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FeatureVector } from '../../core/types.ts';

export type CalibrationWork = 'single' | 'batch';

/** WebGPU must beat WASM by this factor: timing noise must not flip the choice run to run. */
export const GPU_MARGIN = 1.2;
/** Bump when the kernels' speed may have changed enough to calibrate again. */
const FORMAT = 1;

export interface Calibration {
  /** Signals per second on each side, for this set, adapter and work. */
  wasm: number;
  webgpu: number;
  /** When it was measured (ISO time). */
  at: string;
}

export interface Side {
  extract(samples: Float32Array): Promise<FeatureVector> | FeatureVector;
  extractBatch?(signals: readonly Float32Array[]): Promise<FeatureVector[]>;
}

export function calibrationCacheFile(env: Record<string, string | undefined> = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'emotiond', 'webgpu-calibration.json');
}

export const calibrationKey = (set: string, adapter: string, work: CalibrationWork): string => `${FORMAT}|${set}|${work}|${adapter}`;

export function readCalibration(file: string, key: string): Calibration | null {
  try {
    const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Calibration>;
    const c = all[key];
    return c && c.wasm > 0 && c.webgpu > 0 ? c : null;
  } catch {
    return null; // none yet, or unreadable: calibrate
  }
}

/** Adds one entry; a cache that cannot be written only means calibrating again next time. */
export function writeCalibration(file: string, key: string, c: Calibration): void {
  try {
    let all: Record<string, Calibration> = {};
    try {
      all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Calibration>;
    } catch {
      // a new file
    }
    all[key] = c;
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(all, null, 1));
    renameSync(tmp, file);
  } catch {
    // read-only home (a hardened service): the decision stands for this run
  }
}

/** Eight voiced signals of 1.5 s: harmonics of a gliding F0, with noise. Fixed, so runs compare. */
export function calibrationSignals(): Float32Array[] {
  let seed = 12345;
  const noise = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;
  return Array.from({ length: 8 }, (_, k) => {
    const x = new Float32Array(24000);
    let phase = 0;
    for (let i = 0; i < x.length; i++) {
      const f0 = 110 + 15 * k + 30 * Math.sin((2 * Math.PI * i) / 16000);
      phase += (2 * Math.PI * f0) / 16000;
      let v = 0;
      for (let h = 1; h <= 12; h++) v += Math.sin(h * phase) / h;
      x[i] = 0.1 * v * (0.6 + 0.4 * Math.sin((2 * Math.PI * 3 * i) / 16000)) + 0.01 * noise();
    }
    return x;
  });
}

/** Signals per second of one side on the work: the best of three passes after one untimed. */
export async function measure(side: Side, signals: readonly Float32Array[], work: CalibrationWork): Promise<number> {
  const pass = async (): Promise<void> => {
    if (work === 'batch' && side.extractBatch) await side.extractBatch(signals);
    else for (const x of signals) await side.extract(x);
  };
  await pass();
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    await pass();
    best = Math.min(best, performance.now() - t0);
  }
  return signals.length / (Math.max(best, 1e-3) / 1000);
}

/** The decision on the figures, and the sentence that says why. */
export function decide(set: string, adapter: string, work: CalibrationWork, c: Calibration, cached: boolean): { gpu: boolean; reason: string } {
  const gpu = c.webgpu > GPU_MARGIN * c.wasm;
  const how = work === 'single' ? 'one signal at a time' : 'in batches';
  const figures = `${set} ${how}: webgpu ${c.webgpu.toFixed(0)}/s on ${adapter}, wasm SIMD ${c.wasm.toFixed(0)}/s`;
  const source = cached ? `calibrated ${c.at}, cached` : 'calibrated now';
  return {
    gpu,
    reason: gpu
      ? `features.backend auto: webgpu, ${(c.webgpu / c.wasm).toFixed(1)}x faster than wasm (${figures}; ${source})`
      : `features.backend auto: wasm, webgpu is not ${GPU_MARGIN}x faster (${figures}; ${source})`,
  };
}
