// The spectral part of the LLDs on the GPU: one command buffer per chunk of frames runs
// frame-window -> energy, zcr, rfft -> log-power, mel-filterbank -> loudness, mfcc, and the
// six spectral descriptors, then copies every per-frame result into one buffer read back
// at once. Buffers are kept between chunks (grown when a chunk needs more); runs are queued,
// one at a time, because they share them.
import { ANALYSIS } from '../analysis-config.ts';
import { kernelTables } from '../kernel-tables.ts';
import { GpuBufferPool, type PoolSize } from './buffer-pool.ts';
import { readMapped, readbackBuffer, storageBuffer, uploadArray } from './gpu-buffers.ts';
import { GpuKernel, type Binding, type SpectralKernelName as KernelName } from './gpu-kernel.ts';
import type { PackedChunk } from './batch-plan.ts';
import { fftTwiddles } from './spectral-tables.ts';

const A = ANALYSIS;
const WG = 64;
const BINS = A.fftSize / 2 + 1;
const CEPS = A.mfccCount + 1;

/** Per-frame results, one value a frame, in the order they sit in the output buffer. */
export const SCALAR_COLUMNS = [
  'meanSquare', 'zcr', 'loudness', 'centroid', 'rolloff', 'flatness', 'entropy', 'slope', 'flux',
] as const;
export type ScalarColumn = (typeof SCALAR_COLUMNS)[number];

export type SpectralColumns = Record<ScalarColumn, Float32Array> & {
  readonly frames: number;
  /** c0..c13 of each frame, frame after frame. */
  readonly ceps: Float32Array;
};

/** The override constants of each kernel, from the analysis configuration. */
function kernelConstants(): Record<KernelName, Record<string, number>> {
  const spectral = { BINS, FLOOR: A.silentPowerSum };
  const binHz = A.sampleRate / A.fftSize;
  return {
    'frame-window': { FRAME_LEN: A.frameLength, FFT_SIZE: A.fftSize, PRE_EMPHASIS: A.preEmphasis },
    energy: { FRAME_LEN: A.frameLength },
    zcr: { FRAME_LEN: A.frameLength },
    rfft: { FFT_SIZE: A.fftSize },
    'log-power': { FLOOR: A.powerFloor },
    'mel-filterbank': { BINS, BANDS: A.melBands },
    loudness: { BANDS: A.melBands, EXPONENT: A.loudnessExponent },
    mfcc: { BANDS: A.melBands, CEPS, FLOOR: A.melFloor },
    'spectral-centroid': { ...spectral, BIN_HZ: binHz },
    'spectral-rolloff': { ...spectral, BIN_HZ: binHz, FRACTION: A.rolloffFraction },
    'spectral-flatness': { ...spectral, LOW_BIN: A.spectralLowBin },
    'spectral-entropy': { ...spectral, LOW_BIN: A.spectralLowBin },
    'spectral-slope': { ...spectral, LOW_BIN: A.spectralLowBin, BIN_HZ: binHz },
    'spectral-flux': spectral,
  };
}


type BufferName = 'signal' | 'starts' | 'continues' | 'raw' | 'win' | 'pow' | 'logP' | 'mel' | 'out' | 'read';

export class GpuSpectralStage {
  private readonly pool: GpuBufferPool<BufferName>;
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;

  private constructor(
    private readonly device: GPUDevice,
    private readonly k: Record<KernelName, GpuKernel>,
    private readonly tables: Record<'window' | 'twiddles' | 'bands' | 'weights' | 'dct', GPUBuffer>,
  ) {
    this.pool = new GpuBufferPool(device, ({ frames: f, samples: s, stride }: PoolSize) => {
      const outFloats = SCALAR_COLUMNS.length * stride + CEPS * f;
      return {
        signal: storageBuffer(device, 4 * s, 'signal'),
        starts: storageBuffer(device, 4 * f, 'frame starts'),
        continues: storageBuffer(device, 4 * f, 'frame continues'),
        raw: storageBuffer(device, 4 * f * A.frameLength, 'raw frames'),
        win: storageBuffer(device, 4 * f * A.fftSize, 'windowed frames'),
        pow: storageBuffer(device, 4 * f * BINS, 'power'),
        logP: storageBuffer(device, 4 * f * BINS, 'log power'),
        mel: storageBuffer(device, 4 * f * A.melBands, 'mel'),
        out: storageBuffer(device, 4 * outFloats, 'llds'),
        read: readbackBuffer(device, 4 * outFloats, 'llds readback'),
      };
    });
  }

  static async create(device: GPUDevice): Promise<GpuSpectralStage> {
    const constants = kernelConstants();
    const names = Object.keys(constants) as KernelName[];
    const made = await Promise.all(names.map((n) => GpuKernel.create(device, n, { WG, ...constants[n] })));
    const t = kernelTables();
    const tables = {
      window: uploadArray(device, t.window, 'window'),
      twiddles: uploadArray(device, fftTwiddles(A.fftSize), 'twiddles'),
      bands: uploadArray(device, t.mel.bands, 'mel bands'),
      weights: uploadArray(device, t.mel.weights, 'mel weights'),
      dct: uploadArray(device, t.dct, 'dct'),
    };
    return new GpuSpectralStage(device, Object.fromEntries(names.map((n, i) => [n, made[i]])) as Record<KernelName, GpuKernel>, tables);
  }

  /**
   * Spectral LLD values of every row of a packed chunk (context rows included). When no
   * run is pending the work is submitted before this returns, so the caller's CPU work
   * that follows overlaps with the GPU's.
   */
  run(chunk: PackedChunk): Promise<SpectralColumns> {
    this.pending++;
    const result = this.pending === 1 ? this.runNow(chunk) : this.queue.then(() => this.runNow(chunk));
    this.queue = result.catch(() => undefined).finally(() => this.pending--);
    return result;
  }

  private async runNow(c: PackedChunk): Promise<SpectralColumns> {
    const n = c.starts.length;
    const p = this.pool.ensure(n, c.signal.length);
    const q = this.device.queue;
    q.writeBuffer(p.b.signal, 0, c.signal);
    q.writeBuffer(p.b.starts, 0, c.starts);
    q.writeBuffer(p.b.continues, 0, c.continues);
    const range = (buffer: GPUBuffer, per: number, at = 0): Binding => ({ buffer, offset: 4 * at, size: 4 * per * n });
    const col = (i: number): Binding => range(p.b.out, 1, i * p.stride);
    const colOf = (name: ScalarColumn): Binding => col(SCALAR_COLUMNS.indexOf(name));
    const { raw, win, pow, logP, mel } = p.b;
    const t = this.tables, k = this.k;
    const grid = (items: number): number => Math.min(Math.ceil(items / WG), 4096);
    const enc = this.device.createCommandEncoder({ label: 'spectral llds' });
    const pass = enc.beginComputePass();
    k['frame-window'].dispatch(pass, [p.b.signal, p.b.starts, t.window, range(raw, A.frameLength), range(win, A.fftSize)], n);
    k.energy.dispatch(pass, [range(raw, A.frameLength), colOf('meanSquare')], n);
    k.zcr.dispatch(pass, [range(raw, A.frameLength), colOf('zcr')], n);
    k.rfft.dispatch(pass, [range(win, A.fftSize), t.twiddles, range(pow, BINS)], n);
    k['log-power'].dispatch(pass, [range(pow, BINS), range(logP, BINS)], grid(n * BINS));
    k['mel-filterbank'].dispatch(pass, [range(pow, BINS), t.bands, t.weights, range(mel, A.melBands)], grid(n * A.melBands));
    k.loudness.dispatch(pass, [range(mel, A.melBands), colOf('loudness')], grid(n));
    k.mfcc.dispatch(pass, [range(mel, A.melBands), t.dct, range(p.b.out, CEPS, SCALAR_COLUMNS.length * p.stride)], n);
    k['spectral-centroid'].dispatch(pass, [range(pow, BINS), colOf('centroid')], n);
    k['spectral-rolloff'].dispatch(pass, [range(pow, BINS), colOf('rolloff')], n);
    k['spectral-flatness'].dispatch(pass, [range(pow, BINS), range(logP, BINS), colOf('flatness')], n);
    k['spectral-entropy'].dispatch(pass, [range(pow, BINS), range(logP, BINS), colOf('entropy')], n);
    k['spectral-slope'].dispatch(pass, [range(pow, BINS), range(logP, BINS), colOf('slope')], n);
    k['spectral-flux'].dispatch(pass, [range(pow, BINS), range(p.b.continues, 1), colOf('flux')], n);
    pass.end();
    const bytes = 4 * (SCALAR_COLUMNS.length * p.stride + CEPS * n);
    enc.copyBufferToBuffer(p.b.out, 0, p.b.read, 0, bytes);
    q.submit([enc.finish()]);
    const data = new Float32Array(await readMapped(p.b.read, bytes));
    const cols = Object.fromEntries(SCALAR_COLUMNS.map((name, i) => [name, data.subarray(i * p.stride, i * p.stride + n)]));
    const at = SCALAR_COLUMNS.length * p.stride;
    return { ...(cols as Record<ScalarColumn, Float32Array>), frames: n, ceps: data.subarray(at, at + CEPS * n) };
  }

  destroy(): void {
    this.pool.destroy();
    for (const b of Object.values(this.tables)) b.destroy();
  }
}
