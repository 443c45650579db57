// The 20 ms spectral part of eGeMAPS on the GPU: one command buffer per chunk of frames runs
// apply-window -> energy (mean square of the raw frame), rfft (512) -> mel-filterbank ->
// auditory-loudness, mfcc (c1..c4, liftered); band-ratios, band-slope (0-500 and 500-1500
// Hz) and magnitude-flux on the power spectrum, then copies every per-frame result into one
// buffer read back at once. Tables are the WASM backend's own (egemaps-tables.ts), so both
// multiply by the same f32 numbers. Buffers are kept between chunks (grown when a chunk needs
// more); runs are queued, one at a time, because they share them.
import { EGEMAPS as E } from '../egemaps/egemaps-config.ts';
import { egemapsTables } from '../egemaps/egemaps-tables.ts';
import { GpuBufferPool, type PoolSize } from './buffer-pool.ts';
import { readMapped, readbackBuffer, storageBuffer, uploadArray } from './gpu-buffers.ts';
import { GpuKernel, type Binding, type KernelName } from './gpu-kernel.ts';
import { fftTwiddles } from './spectral-tables.ts';

const WG = 64;
const BINS = E.shortFft / 2 + 1;
const BIN_HZ = E.sampleRate / E.shortFft;

/** Per-frame results, one value a frame, in the order they sit in the output buffer. */
export const EGEMAPS_SCALARS = ['meanSquare', 'loudness', 'slopeLow', 'slopeHigh', 'flux'] as const;
export type EgemapsScalar = (typeof EGEMAPS_SCALARS)[number];

export type EgemapsColumns = Record<EgemapsScalar, Float32Array> & {
  /** [alpha ratio, Hammarberg index] of each frame, frame after frame. */
  readonly ratios: Float32Array;
  readonly frames: number;
  /** MFCC 1-4 of each frame, frame after frame. */
  readonly mfcc: Float32Array;
};

/** The bin ranges of band-ratios.wgsl for a bin width, as the WASM kernel derives them. */
export function bandRatioBins(binHz: number, bins: number): { K1: number; K2: number; END: number } {
  const f32 = Math.fround, end = Math.min(bins, Math.floor(f32(5000 / f32(binHz))) + 1);
  return { K1: Math.min(end, Math.ceil(f32(1000 / f32(binHz)))), K2: Math.min(end, Math.ceil(f32(2000 / f32(binHz)))), END: end };
}

/** The 0-500 and 500-1500 Hz bands of the slopes, as egemaps-llds.ts asks for them. */
export const SLOPE_BANDS = {
  low: { LO: 0, HI: Math.round(500 / BIN_HZ) },
  high: { LO: Math.round(500 / BIN_HZ), HI: Math.round(1500 / BIN_HZ) },
} as const;

type StageKernel = Exclude<KernelName, 'band-slope'> | 'band-slope-low' | 'band-slope-high';

/** The kernels of the stage: which shader each is and its override constants. */
function kernelConstants(): Partial<Record<StageKernel, [KernelName, Record<string, number>]>> {
  return {
    'apply-window': ['apply-window', { FRAME_LEN: E.shortFrame, FFT_SIZE: E.shortFft }],
    energy: ['energy', { FRAME_LEN: E.shortFrame }],
    rfft: ['rfft', { FFT_SIZE: E.shortFft }],
    'mel-filterbank': ['mel-filterbank', { BINS, BANDS: E.melBands }],
    'auditory-loudness': ['auditory-loudness', { BANDS: E.melBands, FLOOR: E.loudnessFloor, EXPONENT: E.loudnessExponent }],
    mfcc: ['mfcc', { BANDS: E.melBands, CEPS: E.mfccCount, FLOOR: 1 / E.mfccScale }],
    'band-ratios': ['band-ratios', { BINS, ...bandRatioBins(BIN_HZ, BINS), FLOOR: E.specFloor }],
    'band-slope-low': ['band-slope', { BINS, ...SLOPE_BANDS.low, BIN_HZ, FLOOR: E.specFloor }],
    'band-slope-high': ['band-slope', { BINS, ...SLOPE_BANDS.high, BIN_HZ, FLOOR: E.specFloor }],
    'magnitude-flux': ['magnitude-flux', { BINS, N: E.fluxBins }],
  };
}

/** A chunk laid out for the GPU (egemaps-batch.ts). */
export interface EgemapsChunkInput {
  readonly signal: Float32Array<ArrayBuffer>;
  readonly starts: Uint32Array<ArrayBuffer>;
  readonly continues: Uint32Array<ArrayBuffer>;
}

type BufferName = 'signal' | 'starts' | 'continues' | 'raw' | 'win' | 'pow' | 'mel' | 'out' | 'read';


export class GpuEgemapsStage {
  private readonly pool: GpuBufferPool<BufferName>;
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;

  private constructor(
    private readonly device: GPUDevice,
    private readonly k: Record<string, GpuKernel>,
    private readonly tables: Record<'hamming' | 'twiddles' | 'bands' | 'weights' | 'loudness' | 'dct', GPUBuffer>,
  ) {
    this.pool = new GpuBufferPool(device, ({ frames: f, samples: s, stride }: PoolSize) => {
      // The scalar columns, the ratio pairs (two strides), then the MFCC rows.
      const outFloats = (EGEMAPS_SCALARS.length + 2) * stride + E.mfccCount * f;
      return {
        signal: storageBuffer(device, 4 * s, 'signal'),
        starts: storageBuffer(device, 4 * f, 'frame starts'),
        continues: storageBuffer(device, 4 * f, 'frame continues'),
        raw: storageBuffer(device, 4 * f * E.shortFrame, 'raw frames'),
        win: storageBuffer(device, 4 * f * E.shortFft, 'windowed frames'),
        pow: storageBuffer(device, 4 * f * BINS, 'power'),
        mel: storageBuffer(device, 4 * f * E.melBands, 'mel'),
        out: storageBuffer(device, 4 * outFloats, 'egemaps llds'),
        read: readbackBuffer(device, 4 * outFloats, 'egemaps readback'),
      };
    });
  }

  static async create(device: GPUDevice): Promise<GpuEgemapsStage> {
    const constants = kernelConstants();
    const entries = Object.entries(constants) as [StageKernel, [KernelName, Record<string, number>]][];
    const made = await Promise.all(entries.map(([, [shader, c]]) => GpuKernel.create(device, shader, { WG, ...c })));
    const t = egemapsTables();
    const tables = {
      hamming: uploadArray(device, t.hamming, 'hamming'),
      twiddles: uploadArray(device, fftTwiddles(E.shortFft), 'twiddles 512'),
      bands: uploadArray(device, t.melBands, 'egemaps mel bands'),
      weights: uploadArray(device, t.melWeights, 'egemaps mel weights'),
      loudness: uploadArray(device, t.loudnessWeights, 'equal-loudness weights'),
      dct: uploadArray(device, t.mfccDct, 'mfcc dct'),
    };
    return new GpuEgemapsStage(device, Object.fromEntries(entries.map(([n], i) => [n, made[i]])), tables);
  }

  /**
   * The columns of every row of a chunk (context rows included). When no run is pending the
   * work is submitted before this returns, so the caller's CPU work overlaps with the GPU's.
   */
  run(chunk: EgemapsChunkInput): Promise<EgemapsColumns> {
    this.pending++;
    const result = this.pending === 1 ? this.runNow(chunk) : this.queue.then(() => this.runNow(chunk));
    this.queue = result.catch(() => undefined).finally(() => this.pending--);
    return result;
  }

  private async runNow(c: EgemapsChunkInput): Promise<EgemapsColumns> {
    const n = c.starts.length;
    const p = this.pool.ensure(n, c.signal.length);
    const q = this.device.queue;
    q.writeBuffer(p.b.signal, 0, c.signal);
    q.writeBuffer(p.b.starts, 0, c.starts);
    q.writeBuffer(p.b.continues, 0, c.continues);
    const range = (buffer: GPUBuffer, per: number, at = 0): Binding => ({ buffer, offset: 4 * at, size: 4 * per * n });
    const col = (name: EgemapsScalar, per = 1): Binding => range(p.b.out, per, EGEMAPS_SCALARS.indexOf(name) * p.stride);
    const { raw, win, pow, mel } = p.b;
    const ratiosAt = EGEMAPS_SCALARS.length * p.stride, mfccAt = ratiosAt + 2 * p.stride;
    const t = this.tables, k = this.k;
    const grid = (items: number): number => Math.max(1, Math.min(Math.ceil(items / WG), 4096));
    const enc = this.device.createCommandEncoder({ label: 'egemaps llds' });
    const pass = enc.beginComputePass();
    k['apply-window'].dispatch(pass, [p.b.signal, p.b.starts, t.hamming, range(raw, E.shortFrame), range(win, E.shortFft)], grid(n * E.shortFft));
    k.energy.dispatch(pass, [range(raw, E.shortFrame), col('meanSquare')], n);
    k.rfft.dispatch(pass, [range(win, E.shortFft), t.twiddles, range(pow, BINS)], n);
    k['mel-filterbank'].dispatch(pass, [range(pow, BINS), t.bands, t.weights, range(mel, E.melBands)], grid(n * E.melBands));
    k['auditory-loudness'].dispatch(pass, [range(mel, E.melBands), t.loudness, col('loudness')], grid(n));
    k.mfcc.dispatch(pass, [range(mel, E.melBands), t.dct, range(p.b.out, E.mfccCount, mfccAt)], n);
    k['band-ratios'].dispatch(pass, [range(pow, BINS), range(p.b.out, 2, ratiosAt)], grid(n));
    k['band-slope-low'].dispatch(pass, [range(pow, BINS), col('slopeLow')], grid(n));
    k['band-slope-high'].dispatch(pass, [range(pow, BINS), col('slopeHigh')], grid(n));
    k['magnitude-flux'].dispatch(pass, [range(pow, BINS), range(p.b.continues, 1), col('flux')], grid(n));
    pass.end();
    const bytes = 4 * (mfccAt + E.mfccCount * n);
    enc.copyBufferToBuffer(p.b.out, 0, p.b.read, 0, bytes);
    q.submit([enc.finish()]);
    const data = new Float32Array(await readMapped(p.b.read, bytes));
    const cols = Object.fromEntries(EGEMAPS_SCALARS.map((name, i) => [name, data.subarray(i * p.stride, i * p.stride + n)])) as
      Record<EgemapsScalar, Float32Array>;
    return { ...cols, frames: n, ratios: data.subarray(ratiosAt, ratiosAt + 2 * n), mfcc: data.subarray(mfccAt, mfccAt + E.mfccCount * n) };
  }

  destroy(): void {
    this.pool.destroy();
    for (const b of Object.values(this.tables)) b.destroy();
  }
}
