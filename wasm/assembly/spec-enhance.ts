// Peak enhancement and smoothing of the pitch magnitude spectrum (openSMILE cSpecScale
// specEnhance=1, specSmooth=1; Praat's SHS, Hermes 1988): bins more than 2 away from local
// maxima (a[i] > a[i-1], a[i] >= a[i+1]; ends above their neighbour) are zeroed between
// consecutive maxima (from bin 3 on with a single maximum, as openSMILE), then
// a[i] = (a[i-1] + 2 a[i] + a[i+1])/4 on the original values, the last bin kept. In place.
// The maximum test runs four bins at a time (a bit mask, then the few maxima one by one:
// zeroing only reaches bins left of the current maximum's neighbour, so later tests see the
// values the sequential scan would); the smoothing keeps the previous block's original
// values in a register, since its stores have overwritten them.
// Reference: daemon/features/ref/spec-enhance.ts

// @ts-ignore: decorator
@inline function at(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }

// Gaps between maxima are short (a few bins) and there are dozens a frame: a store loop,
// since memory.fill is a call into the engine that costs more than such a gap.
function zero(p: usize, from: i32, to: i32): void {
  let i = from;
  if (ASC_FEATURE_SIMD) {
    const z = f32x4.splat(0);
    for (; i + 4 <= to; i += 4) v128.store(p + (<usize>i << 2), z);
  }
  for (; i < to; i++) store<f32>(p + (<usize>i << 2), 0);
}

export function specEnhance(p: usize, n: i32): void {
  if (n < 2) return;
  let count = 0, prev = -1;
  if (at(p, 0) > at(p, 1)) {
    prev = 0;
    count = 1;
  }
  let i = 1;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n - 1; i += 4) {
      const o = p + (<usize>i << 2), c = v128.load(o);
      const bits = i32x4.bitmask(v128.and(f32x4.gt(c, v128.load(o - 4)), f32x4.ge(c, v128.load(o + 4))));
      if (bits == 0) continue;
      for (let l = 0; l < 4; l++) {
        if (!(bits & (1 << l))) continue;
        if (count > 0) zero(p, prev + 3, i + l - 2);
        prev = i + l;
        count++;
      }
    }
  }
  for (; i < n - 1; i++) {
    if (!(at(p, i) > at(p, i - 1) && at(p, i) >= at(p, i + 1))) continue;
    if (count > 0) zero(p, prev + 3, i - 2);
    prev = i;
    count++;
  }
  if (at(p, n - 1) > at(p, n - 2)) {
    if (count > 0) zero(p, prev + 3, n - 3);
    count++;
  }
  if (count == 1) zero(p, 3, n);
  let before: f32 = 0;
  i = 0;
  if (ASC_FEATURE_SIMD) {
    let left = f32x4.splat(0); // original values of the previous block
    const quarter = f32x4.splat(0.25), two = f32x4.splat(2);
    for (; i + 4 <= n - 1; i += 4) {
      const o = p + (<usize>i << 2), c = v128.load(o), r = v128.load(o + 4);
      // [a(i-1), a(i), a(i+1), a(i+2)] from the previous block's last lane and this block.
      const l = i8x16.shuffle(left, c, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27);
      v128.store(o, f32x4.mul(f32x4.add(f32x4.add(l, f32x4.mul(two, c)), r), quarter));
      left = c;
    }
    if (i > 0) before = f32x4.extract_lane(left, 3);
  }
  for (; i < n - 1; i++) {
    const v = at(p, i);
    store<f32>(p + (<usize>i << 2), (before + 2 * v + at(p, i + 1)) * 0.25);
    before = v;
  }
}
