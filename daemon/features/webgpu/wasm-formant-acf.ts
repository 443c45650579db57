// The autocorrelation the formant tracker reads (the 20 ms Hamming frame resampled to 11 kHz,
// lags 0..11), on the WASM SIMD kernels while the GPU holds the 20 ms spectra. It stays on
// the CPU on purpose: the formants are roots of openSMILE's ill-conditioned LPC polynomial
// (egemaps/formants.ts), where an f32 rounding difference in r[k] can move a formant by
// percent (the WASM and reference backends differ by up to 8% there), so the ACF must be
// the WASM path's own numbers. The same kernel calls in the same order as
// WasmEgemapsKernels.resampledAcf, on an instance of its own (its memory is its own).
import { EGEMAPS as E } from '../egemaps/egemaps-config.ts';
import { SIGNAL_TAIL } from '../egemaps/egemaps-kernels.ts';
import { egemapsTables } from '../egemaps/egemaps-tables.ts';
import { WasmHeap } from '../wasm-heap.ts';
import { loadFeatureWasm, type FeatureWasm } from '../wasm-loader.ts';

export class WasmFormantAcf {
  private readonly heap: WasmHeap;
  private readonly rows: number;
  private readonly p: { hamming: number; resample: number; win: number; resampled: number };
  private readonly mark: number;
  private x = 0;

  private constructor(private readonly w: FeatureWasm) {
    const h = (this.heap = new WasmHeap(w)), t = egemapsTables();
    this.rows = t.resampledLength;
    this.p = { hamming: h.put(t.hamming), resample: h.put(t.resample), win: h.alloc(E.shortFft), resampled: h.alloc(this.rows) };
    this.mark = w.arenaMark();
  }

  static async create(): Promise<WasmFormantAcf> {
    return new WasmFormantAcf(await loadFeatureWasm('simd'));
  }

  /** Takes the signal as the kernels' load() leaves it (sanitised, with its zero tail). */
  load(signal: Float32Array): void {
    this.w.arenaReset(this.mark);
    this.x = this.heap.alloc(Math.max(signal.length, SIGNAL_TAIL));
    this.heap.f32.set(signal, this.x >> 2);
  }

  /** r[0..lpcOrder] of 20 ms frame `index` into out. */
  acf(index: number, out: Float64Array): void {
    const w = this.w, p = this.p, n = this.rows;
    w.applyWindow(this.x + 4 * E.hop * index, E.shortFrame, p.hamming, E.shortFft, p.win);
    w.matVec(p.resample, n, E.shortFrame, p.win, p.resampled);
    for (let k = 0; k <= E.lpcOrder; k++) out[k] = w.dot(p.resampled, p.resampled + 4 * k, n - k);
  }
}
