// Power spectrum P[k] = |X[k]|^2, k = 0..n/2, of n real samples via one complex FFT of
// M = n/2 points: z[m] = x[2m] + i x[2m+1], radix-2 decimation in time on split re/im
// arrays, then X[k] = E[k] + W^k O[k] with E = (Z[k] + conj Z[M-k])/2,
// O = -i (Z[k] - conj Z[M-k])/2, W = exp(-2 pi i/n) (Numerical Recipes 3rd ed., 12.3).
// The first two stages (twiddles 1 and -i) are fused with the bit-reversed load and need
// no multiplies; stages of span >= 4 and the split run 4 lanes at a time.
// Work area: 2M floats. Tables: rfft-tables.ts. Reference: daemon/features/ref/rfft.ts
import { butterflies, splitPower } from './rfft-passes.ts';

// @ts-ignore: decorator
@inline function ld(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function st(p: usize, i: i32, v: f32): void { store<f32>(p + (<usize>i << 2), v); }

/** Bit-reversed load of z fused with the stages of span 1 and 2 (needs m >= 4). */
export function firstStages(x: usize, rev: usize, zr: usize, zi: usize, m: i32): void {
  if (ASC_FEATURE_SIMD) {
    // Four points per step as (re, im) pairs in two vectors; the shuffles line up the operands
    // so that every output is the same single addition or subtraction as below.
    for (let b = 0; b < m; b += 4) {
      const p0 = x + (<usize>load<i32>(rev + (<usize>b << 2)) << 3);
      const p1 = x + (<usize>load<i32>(rev + (<usize>(b + 1) << 2)) << 3);
      const p2 = x + (<usize>load<i32>(rev + (<usize>(b + 2) << 2)) << 3);
      const p3 = x + (<usize>load<i32>(rev + (<usize>(b + 3) << 2)) << 3);
      const v01 = v128.load64_lane(p1, v128.load64_zero(p0), 1); // r0 i0 r1 i1
      const v23 = v128.load64_lane(p3, v128.load64_zero(p2), 1); // r2 i2 r3 i3
      const xs = v128.shuffle<f32>(v01, v23, 0, 1, 4, 5), ys = v128.shuffle<f32>(v01, v23, 2, 3, 6, 7);
      const s = f32x4.add(xs, ys), d = f32x4.sub(xs, ys); // ar0 ai0 ar2 ai2 | ar1 ai1 ar3 ai3
      const l = v128.shuffle<f32>(s, d, 0, 1, 4, 5), r = v128.shuffle<f32>(s, d, 2, 3, 7, 6); // ar0 ai0 ar1 ai1 | ar2 ai2 ai3 ar3
      const pv = f32x4.add(l, r), qv = f32x4.sub(l, r);
      v128.store(zr + (<usize>b << 2), v128.shuffle<f32>(pv, qv, 0, 2, 4, 6));
      v128.store(zi + (<usize>b << 2), v128.shuffle<f32>(pv, qv, 1, 7, 5, 3));
    }
    return;
  }
  for (let b = 0; b < m; b += 4) {
    const p0 = x + (<usize>load<i32>(rev + (<usize>b << 2)) << 3);
    const p1 = x + (<usize>load<i32>(rev + (<usize>(b + 1) << 2)) << 3);
    const p2 = x + (<usize>load<i32>(rev + (<usize>(b + 2) << 2)) << 3);
    const p3 = x + (<usize>load<i32>(rev + (<usize>(b + 3) << 2)) << 3);
    const r0 = load<f32>(p0), i0 = load<f32>(p0, 4), r1 = load<f32>(p1), i1 = load<f32>(p1, 4);
    const r2 = load<f32>(p2), i2 = load<f32>(p2, 4), r3 = load<f32>(p3), i3 = load<f32>(p3, 4);
    const ar0 = r0 + r1, ai0 = i0 + i1, ar1 = r0 - r1, ai1 = i0 - i1;
    const ar2 = r2 + r3, ai2 = i2 + i3, ar3 = r2 - r3, ai3 = i2 - i3;
    // span 2: z[b+2] * 1 and z[b+3] * -i = (ai3, -ar3)
    st(zr, b, ar0 + ar2); st(zi, b, ai0 + ai2);
    st(zr, b + 2, ar0 - ar2); st(zi, b + 2, ai0 - ai2);
    st(zr, b + 1, ar1 + ai3); st(zi, b + 1, ai1 - ar3);
    st(zr, b + 3, ar1 - ai3); st(zi, b + 3, ai1 + ar3);
  }
}

export function rfftPower(inPtr: usize, n: i32, tablePtr: usize, workPtr: usize, outPtr: usize): void {
  const m = n >> 1;
  const zr = workPtr;
  const zi = workPtr + (<usize>m << 2);
  let firstSpan = 1;
  if (m >= 4) {
    firstStages(inPtr, tablePtr, zr, zi, m);
    firstSpan = 4;
  } else {
    for (let i = 0; i < m; i++) {
      const src = inPtr + (<usize>load<i32>(tablePtr + (<usize>i << 2)) << 3);
      st(zr, i, load<f32>(src));
      st(zi, i, load<f32>(src, 4));
    }
  }
  butterflies(zr, zi, m, firstSpan, tablePtr + (<usize>m << 2), tablePtr + (<usize>(2 * m) << 2));
  splitPower(zr, zi, m, tablePtr + (<usize>(3 * m) << 2), tablePtr + (<usize>(4 * m + 1) << 2), outPtr);
}
