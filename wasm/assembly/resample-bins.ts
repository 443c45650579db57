// The 20 ms frame resampled to 11 kHz (openSMILE cSpecResample, as egemaps/egemaps-tables.ts
// resampleMatrix defines it) from its 512-point spectrum instead of the 220 x 320 matrix:
//   y[i] = Re sum_{k<K} X[k] P[k] w^(k i),  w = exp(2 pi i/352), K = 110 bins,
// with P[k] = exp(-2 pi i k 96/512)/256 (the frame sits at offset 96 of openSMILE's FFT
// buffer; the DC bin counts once, as the matrix has it). Since 352 = 11 x 32, with
// i = i1 + 11 i2 (i1 < 11, i2 < 20 for the 220 outputs):
//   T[k2][i1] = sum_{k = k2 mod 32} X[k] G[k][i1],  G[k][i1] = P[k] w^(k i1)
//   y[i1 + 11 i2] = sum_{k2<32} Re(T[k2][i1] exp(2 pi i k2 i2/32))
// both run four i1 lanes at a time (11 padded to 12): about 10k vector operations a frame
// against 35k for the matrix product (which stays the reference's route).
// The spectrum: the radix-2 passes of rfft.ts, split into X[k] for k < K only.
// Tables at tabPtr (f32, from egemaps-tables.ts resampleBinTables): G re, G im (K x 12 each,
// lane 11 zero), then cos, sin of 2 pi k2 i2/32 (ceil(rows/11) rows of 32 each). K <= 128,
// rows <= 220. workPtr: resampleBinsWorkBytes().
// Reference: daemon/features/ref/resample-bins.ts

import { firstStages } from './rfft.ts';
import { butterflies } from './rfft-passes.ts';

// @ts-ignore: decorator
@inline const LANES = 12;

// @ts-ignore: decorator
@inline function ld(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function st(p: usize, i: i32, v: f32): void { store<f32>(p + (<usize>i << 2), v); }

/** Bytes of work area resampleBins needs. */
export function resampleBinsWorkBytes(): i32 {
  return (2 * 256 + 2 * 128 + 2 * 32 * LANES + 20 * LANES) << 2;
}

/**
 * winPtr: the windowed frame zero-padded to 512 (as applyWindow leaves it); fftTable: the
 * 512-point rfft table (rfftInit); K bins; rows outputs (<= 11 x 20) to outPtr.
 */
export function resampleBins(winPtr: usize, fftTable: usize, K: i32, tabPtr: usize, rows: i32, workPtr: usize, outPtr: usize): void {
  const m = 256, zr = workPtr, zi = zr + (<usize>m << 2);
  firstStages(winPtr, fftTable, zr, zi, m);
  butterflies(zr, zi, m, 4, fftTable + (<usize>m << 2), fftTable + (<usize>(2 * m) << 2));
  resampleSpectrum(workPtr, fftTable, K, tabPtr, rows, workPtr, outPtr);
}

/**
 * resampleBins from the frame's complex FFT (the 256 points z before the real-FFT split,
 * re then im, at zPtr, as rfftPower leaves them in its work area): the 20 ms frame's own
 * spectrum pass can hand them over instead of the FFT running again. Same values.
 */
export function resampleSpectrum(zPtr: usize, fftTable: usize, K: i32, tabPtr: usize, rows: i32, workPtr: usize, outPtr: usize): void {
  const n = 512, m = n >> 1, periods = 32, phases = 11;
  const zr = zPtr, zi = zr + (<usize>m << 2);
  const xr = workPtr + (<usize>(2 * m) << 2), xi = xr + (128 << 2);
  const tr = xi + (128 << 2), ti = tr + (<usize>(periods * LANES) << 2);
  const yrow = ti + (<usize>(periods * LANES) << 2);
  // Real-FFT split (rfft-passes.ts splitPower) for k < K, kept complex.
  const cr = fftTable + (<usize>(3 * m) << 2), sn = fftTable + (<usize>(4 * m + 1) << 2);
  st(xr, 0, ld(zr, 0) + ld(zi, 0));
  st(xi, 0, 0);
  for (let k = 1; k < K; k++) {
    const ar = ld(zr, k), ai = ld(zi, k), br = ld(zr, m - k), bi = ld(zi, m - k);
    const er: f32 = (ar + br) * 0.5, ei: f32 = (ai - bi) * 0.5;
    const or: f32 = (ai + bi) * 0.5, oi: f32 = (br - ar) * 0.5;
    const c = ld(cr, k), s = ld(sn, k);
    st(xr, k, er + (c * or + s * oi));
    st(xi, k, ei + (c * oi - s * or));
  }
  const gr = tabPtr, gi = gr + (<usize>(K * LANES) << 2);
  const outRows = (rows + phases - 1) / phases;
  const cs = gi + (<usize>(K * LANES) << 2), sns = cs + (<usize>(outRows * periods) << 2);
  memory.fill(tr, 0, <usize>(2 * periods * LANES) << 2);
  if (ASC_FEATURE_SIMD) {
    for (let k = 0; k < K; k++) {
      const a = f32x4.splat(ld(xr, k)), b = f32x4.splat(ld(xi, k));
      const g = (<usize>(k * LANES)) << 2, t = (<usize>((k & 31) * LANES)) << 2;
      for (let l = 0; l < LANES; l += 4) {
        const o = <usize>l << 2;
        const vr = v128.load(gr + g + o), vi = v128.load(gi + g + o);
        v128.store(tr + t + o, f32x4.add(v128.load(tr + t + o), f32x4.sub(f32x4.mul(a, vr), f32x4.mul(b, vi))));
        v128.store(ti + t + o, f32x4.add(v128.load(ti + t + o), f32x4.add(f32x4.mul(a, vi), f32x4.mul(b, vr))));
      }
    }
    for (let i2 = 0; i2 < outRows; i2++) {
      let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0);
      for (let k2 = 0; k2 < periods; k2++) {
        const c = f32x4.splat(ld(cs, i2 * periods + k2)), s = f32x4.splat(ld(sns, i2 * periods + k2));
        const t = (<usize>(k2 * LANES)) << 2;
        a0 = f32x4.add(a0, f32x4.sub(f32x4.mul(v128.load(tr + t), c), f32x4.mul(v128.load(ti + t), s)));
        a1 = f32x4.add(a1, f32x4.sub(f32x4.mul(v128.load(tr + t, 16), c), f32x4.mul(v128.load(ti + t, 16), s)));
        a2 = f32x4.add(a2, f32x4.sub(f32x4.mul(v128.load(tr + t, 32), c), f32x4.mul(v128.load(ti + t, 32), s)));
      }
      const o = yrow + (<usize>(i2 * LANES) << 2);
      v128.store(o, a0);
      v128.store(o, a1, 16);
      v128.store(o, a2, 32);
    }
  } else {
    for (let k = 0; k < K; k++) {
      const a = ld(xr, k), b = ld(xi, k), g = k * LANES, t = (k & 31) * LANES;
      for (let l = 0; l < LANES; l++) {
        const vr = ld(gr, g + l), vi = ld(gi, g + l);
        st(tr, t + l, ld(tr, t + l) + (a * vr - b * vi));
        st(ti, t + l, ld(ti, t + l) + (a * vi + b * vr));
      }
    }
    for (let i2 = 0; i2 < outRows; i2++) {
      for (let l = 0; l < LANES; l++) {
        let acc: f32 = 0;
        for (let k2 = 0; k2 < periods; k2++) {
          const t = k2 * LANES + l;
          acc += ld(tr, t) * ld(cs, i2 * periods + k2) - ld(ti, t) * ld(sns, i2 * periods + k2);
        }
        st(yrow, i2 * LANES + l, acc);
      }
    }
  }
  for (let i = 0; i < rows; i++) {
    const i2 = i / phases, i1 = i - i2 * phases;
    st(outPtr, i, ld(yrow, i2 * LANES + i1));
  }
}
