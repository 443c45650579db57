// Peak enhancement and smoothing of the pitch magnitude spectrum (openSMILE cSpecScale
// specEnhance=1, specSmooth=1; Praat's SHS, Hermes 1988): bins more than 2 away from local
// maxima (a[i] > a[i-1], a[i] >= a[i+1]; ends above their neighbour) are zeroed between
// consecutive maxima (from bin 3 on with a single maximum, as openSMILE), then
// a[i] = (a[i-1] + 2 a[i] + a[i+1])/4 on the original values, the last bin kept. In place;
// branchy and sequential, so scalar in both builds.
// Reference: daemon/features/ref/spec-enhance.ts

// @ts-ignore: decorator
@inline function at(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }

function zero(p: usize, from: i32, to: i32): void {
  if (to > from) memory.fill(p + (<usize>from << 2), 0, <usize>(to - from) << 2);
}

export function specEnhance(p: usize, n: i32): void {
  if (n < 2) return;
  let count = 0, prev = -1;
  // Maxima are visited in order; each zeroes the gap back to the previous one.
  for (let i = 0; i < n; i++) {
    const peak = i == 0 ? at(p, 0) > at(p, 1)
      : i == n - 1 ? at(p, i) > at(p, i - 1)
      : at(p, i) > at(p, i - 1) && at(p, i) >= at(p, i + 1);
    if (!peak) continue;
    if (count > 0) zero(p, prev + 3, i - 2);
    prev = i;
    count++;
  }
  if (count == 1) zero(p, 3, n);
  let before: f32 = 0;
  for (let i = 0; i < n - 1; i++) {
    const v = at(p, i);
    store<f32>(p + (<usize>i << 2), (before + 2 * v + at(p, i + 1)) * 0.25);
    before = v;
  }
}
