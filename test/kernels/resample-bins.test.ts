import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { matVec } from '../../daemon/features/ref/mat-vec.ts';
import { resampleBins, resampleBinsTolerance } from '../../daemon/features/ref/resample-bins.ts';
import { hamming, resampleBinTables, resampleMatrix } from '../../daemon/features/egemaps/egemaps-tables.ts';
import { EGEMAPS as E } from '../../daemon/features/egemaps/egemaps-config.ts';
import { assertClose, randomArray, wasmKits } from './helpers/kernel-harness.ts';

const PERIOD = (E.shortFft * E.formantRate) / E.sampleRate, PAD = (E.shortFft - E.shortFrame) >> 1;

/** A Hamming-windowed 20 ms frame zero-padded to 512, as applyWindow leaves it. */
function frame(seed: number, kind: number): Float32Array {
  const x = randomArray(E.shortFrame, seed), w = hamming(E.shortFrame), out = new Float32Array(E.shortFft);
  for (let i = 0; i < E.shortFrame; i++) {
    // Noise, a low tone with noise, a single click.
    const v = kind === 0 ? x[i] : kind === 1 ? Math.sin((2 * Math.PI * 180 * i) / E.sampleRate) + 0.05 * x[i] : i === 100 ? 1 : 0;
    out[i] = v * w[i];
  }
  return out;
}

const scaled = (y: Float32Array): { abs: number; rel: number } => {
  const m = y.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
  return { abs: resampleBinsTolerance.abs * Math.max(m, 1e-30), rel: resampleBinsTolerance.rel };
};

test('the spectral route equals the resampling matrix (f64 reference against the matrix product)', () => {
  const rs = resampleMatrix(), { bins } = resampleBinTables();
  for (let c = 0; c < 6; c++) {
    const x = frame(c + 1, c % 3), a = new Float32Array(rs.rows), b = new Float32Array(rs.rows);
    matVec(rs.matrix, rs.rows, E.shortFrame, x, a);
    resampleBins(x, E.shortFft, bins, rs.rows, PERIOD, PAD, b);
    assertClose(b, a, scaled(a), `case ${c}`);
  }
});

test('WASM builds match the reference on windowed frames', async () => {
  const rs = resampleMatrix(), { table, bins } = resampleBinTables();
  for (const k of await wasmKits()) {
    const fft = k.alloc(k.wasm.rfftTableBytes(E.shortFft) >> 2);
    k.wasm.rfftInit(E.shortFft, fft);
    const tab = k.put(table), work = k.alloc(k.wasm.resampleBinsWorkBytes() >> 2);
    for (let c = 0; c < 9; c++) {
      const x = frame(c + 11, c % 3), want = new Float32Array(rs.rows), out = k.alloc(rs.rows);
      resampleBins(x, E.shortFft, bins, rs.rows, PERIOD, PAD, want);
      k.wasm.resampleBins(k.put(x), fft, bins, tab, rs.rows, work, out);
      assertClose(k.read(out, rs.rows), want, scaled(want), `${k.variant} case ${c}`);
    }
    k.reset();
  }
});

test('a silent frame gives zeros', async () => {
  const rs = resampleMatrix(), { table, bins } = resampleBinTables();
  for (const k of await wasmKits()) {
    const fft = k.alloc(k.wasm.rfftTableBytes(E.shortFft) >> 2);
    k.wasm.rfftInit(E.shortFft, fft);
    const out = k.alloc(rs.rows);
    k.wasm.resampleBins(k.put(new Float32Array(E.shortFft)), fft, bins, k.put(table), rs.rows, k.alloc(k.wasm.resampleBinsWorkBytes() >> 2), out);
    assert.ok(k.read(out, rs.rows).every((v) => v === 0), k.variant);
    k.reset();
  }
});

test('from the FFT points rfftPower leaves (resampleSpectrum) the values are resampleBins\' bit for bit', async () => {
  const rs = resampleMatrix(), { table, bins } = resampleBinTables();
  for (const k of await wasmKits()) {
    const fft = k.alloc(k.wasm.rfftTableBytes(E.shortFft) >> 2);
    k.wasm.rfftInit(E.shortFft, fft);
    const tab = k.put(table), words = k.wasm.resampleBinsWorkBytes() >> 2, work = k.alloc(words), work2 = k.alloc(words);
    const z = k.alloc(E.shortFft), pow = k.alloc(E.shortFft / 2 + 1), want = k.alloc(rs.rows), got = k.alloc(rs.rows);
    for (let c = 0; c < 9; c++) {
      const px = k.put(frame(c + 21, c % 3));
      k.wasm.resampleBins(px, fft, bins, tab, rs.rows, work, want);
      // The complex points as the 20 ms frame's power spectrum leaves them in its work area.
      k.wasm.rfftPower(px, E.shortFft, fft, z, pow);
      k.wasm.resampleSpectrum(z, fft, bins, tab, rs.rows, work2, got);
      assert.equal(new Uint32Array(k.read(got, rs.rows).buffer), new Uint32Array(k.read(want, rs.rows).buffer), `${k.variant} case ${c}`);
    }
    k.reset();
  }
});

test.run();
