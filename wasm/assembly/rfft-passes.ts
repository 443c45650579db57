// The two passes of rfftPower (see rfft.ts for the formulas).

// @ts-ignore: decorator
@inline function cmulRe(br: v128, bi: v128, wr: v128, wi: v128): v128 { return f32x4.sub(f32x4.mul(br, wr), f32x4.mul(bi, wi)); }
// @ts-ignore: decorator
@inline function cmulIm(br: v128, bi: v128, wr: v128, wi: v128): v128 { return f32x4.add(f32x4.mul(br, wi), f32x4.mul(bi, wr)); }

/**
 * Two radix-2 stages, spans h and 2h (h >= 4, 4h <= m), in one pass: the four points
 * b+j, b+j+h, b+j+2h, b+j+3h go through both stages in registers, with the operations the
 * two separate stages would do (same values), but half the loads and stores.
 */
function twoStages(zr: usize, zi: usize, m: i32, h: i32, twr: usize, twi: usize): void {
  const hb = <usize>h << 2;
  for (let b = 0; b < m; b += h << 2) {
    for (let j = 0; j < h; j += 4) {
      const p0 = <usize>(b + j) << 2, p1 = p0 + hb, p2 = p1 + hb, p3 = p2 + hb;
      const w1 = <usize>(h + j) << 2, w2 = <usize>(2 * h + j) << 2, w3 = w2 + hb;
      const w1r = v128.load(twr + w1), w1i = v128.load(twi + w1);
      // span h: (p0, p1) and (p2, p3), twiddle h + j
      const r1 = v128.load(zr + p1), i1 = v128.load(zi + p1), r3 = v128.load(zr + p3), i3 = v128.load(zi + p3);
      const ta = cmulRe(r1, i1, w1r, w1i), tai = cmulIm(r1, i1, w1r, w1i);
      const tb = cmulRe(r3, i3, w1r, w1i), tbi = cmulIm(r3, i3, w1r, w1i);
      const r0 = v128.load(zr + p0), i0 = v128.load(zi + p0), r2 = v128.load(zr + p2), i2 = v128.load(zi + p2);
      const a0r = f32x4.add(r0, ta), a0i = f32x4.add(i0, tai), a1r = f32x4.sub(r0, ta), a1i = f32x4.sub(i0, tai);
      const a2r = f32x4.add(r2, tb), a2i = f32x4.add(i2, tbi), a3r = f32x4.sub(r2, tb), a3i = f32x4.sub(i2, tbi);
      // span 2h: (p0, p2) with twiddle 2h + j, (p1, p3) with 2h + j + h
      const w2r = v128.load(twr + w2), w2i = v128.load(twi + w2), w3r = v128.load(twr + w3), w3i = v128.load(twi + w3);
      const tc = cmulRe(a2r, a2i, w2r, w2i), tci = cmulIm(a2r, a2i, w2r, w2i);
      const td = cmulRe(a3r, a3i, w3r, w3i), tdi = cmulIm(a3r, a3i, w3r, w3i);
      v128.store(zr + p0, f32x4.add(a0r, tc));
      v128.store(zi + p0, f32x4.add(a0i, tci));
      v128.store(zr + p2, f32x4.sub(a0r, tc));
      v128.store(zi + p2, f32x4.sub(a0i, tci));
      v128.store(zr + p1, f32x4.add(a1r, td));
      v128.store(zi + p1, f32x4.add(a1i, tdi));
      v128.store(zr + p3, f32x4.sub(a1r, td));
      v128.store(zi + p3, f32x4.sub(a1i, tdi));
    }
  }
}

/** In-place radix-2 DIT stages of span firstSpan..m/2; twiddles of span h start at slot h. */
export function butterflies(zr: usize, zi: usize, m: i32, firstSpan: i32, twr: usize, twi: usize): void {
  let h = firstSpan;
  if (ASC_FEATURE_SIMD) {
    // Stages in pairs while two are left (the memory traffic, not the arithmetic, bounds them).
    if (h >= 4) for (; h << 2 <= m; h <<= 2) twoStages(zr, zi, m, h, twr, twi);
  }
  for (; h < m; h <<= 1) {
    for (let b = 0; b < m; b += h << 1) {
      let j = 0;
      if (ASC_FEATURE_SIMD) {
        if (h >= 4) {
          for (; j < h; j += 4) {
            const a = <usize>(b + j) << 2;
            const c = <usize>(b + j + h) << 2;
            const w = <usize>(h + j) << 2;
            const wr = v128.load(twr + w), wi = v128.load(twi + w);
            const br = v128.load(zr + c), bi = v128.load(zi + c);
            const tr = f32x4.sub(f32x4.mul(br, wr), f32x4.mul(bi, wi));
            const ti = f32x4.add(f32x4.mul(br, wi), f32x4.mul(bi, wr));
            const ar = v128.load(zr + a), ai = v128.load(zi + a);
            v128.store(zr + a, f32x4.add(ar, tr));
            v128.store(zi + a, f32x4.add(ai, ti));
            v128.store(zr + c, f32x4.sub(ar, tr));
            v128.store(zi + c, f32x4.sub(ai, ti));
          }
        }
      }
      for (; j < h; j++) {
        const a = <usize>(b + j) << 2;
        const c = <usize>(b + j + h) << 2;
        const w = <usize>(h + j) << 2;
        const wr = load<f32>(twr + w), wi = load<f32>(twi + w);
        const br = load<f32>(zr + c), bi = load<f32>(zi + c);
        const tr = br * wr - bi * wi;
        const ti = br * wi + bi * wr;
        const ar = load<f32>(zr + a), ai = load<f32>(zi + a);
        store<f32>(zr + a, ar + tr);
        store<f32>(zi + a, ai + ti);
        store<f32>(zr + c, ar - tr);
        store<f32>(zi + c, ai - ti);
      }
    }
  }
}

/** Real-FFT split and |X[k]|^2 for k = 0..m; Z[m] is Z[0] (period m). */
export function splitPower(zr: usize, zi: usize, m: i32, cr: usize, sn: usize, out: usize): void {
  const r0 = load<f32>(zr), i0 = load<f32>(zi);
  store<f32>(out, (r0 + i0) * (r0 + i0));
  store<f32>(out + (<usize>m << 2), (r0 - i0) * (r0 - i0));
  let k = 1;
  if (ASC_FEATURE_SIMD) {
    const half = f32x4.splat(0.5);
    for (; k + 3 <= m - 1; k += 4) {
      const o = <usize>k << 2;
      const q = <usize>(m - k - 3) << 2;
      const ar = v128.load(zr + o), ai = v128.load(zi + o);
      const brv = v128.load(zr + q), biv = v128.load(zi + q);
      const br = v128.shuffle<f32>(brv, brv, 3, 2, 1, 0);
      const bi = v128.shuffle<f32>(biv, biv, 3, 2, 1, 0);
      const er = f32x4.mul(f32x4.add(ar, br), half), ei = f32x4.mul(f32x4.sub(ai, bi), half);
      const or = f32x4.mul(f32x4.add(ai, bi), half), oi = f32x4.mul(f32x4.sub(br, ar), half);
      const c = v128.load(cr + o), s = v128.load(sn + o);
      const xr = f32x4.add(er, f32x4.add(f32x4.mul(c, or), f32x4.mul(s, oi)));
      const xi = f32x4.add(ei, f32x4.sub(f32x4.mul(c, oi), f32x4.mul(s, or)));
      v128.store(out + o, f32x4.add(f32x4.mul(xr, xr), f32x4.mul(xi, xi)));
    }
  }
  for (; k < m; k++) {
    const o = <usize>k << 2;
    const q = <usize>(m - k) << 2;
    const ar = load<f32>(zr + o), ai = load<f32>(zi + o);
    const br = load<f32>(zr + q), bi = load<f32>(zi + q);
    const er = (ar + br) * 0.5, ei = (ai - bi) * 0.5;
    const or = (ai + bi) * 0.5, oi = (br - ar) * 0.5;
    const c = load<f32>(cr + o), s = load<f32>(sn + o);
    const xr = er + (c * or + s * oi);
    const xi = ei + (c * oi - s * or);
    store<f32>(out + o, xr * xr + xi * xi);
  }
}
