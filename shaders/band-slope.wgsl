// Spectral slope of a band in dB/Hz: daemon/features/ref/band-slope.ts (openSMILE's
// logSpectralSlopeOfBand, with its N = HI - LO although HI - LO + 1 bins are summed):
//   slope = (N sum f L - sum f sum L) / (N sum f^2 - (sum f)^2),  L = 10 log10(max(P, FLOOR)),
// over bins LO..HI inclusive, f = k BIN_HZ. WGSL has no f64: the sums of k and k^2 are exact
// integers, and the numerator is taken as N sum (k - c) L with c = sum k / N, which is the
// same quantity without the cancellation of two large f32 terms. One invocation per frame.
override WG: u32 = 64;
override BINS: u32;
override LO: u32;
override HI: u32;
override BIN_HZ: f32;
override FLOOR: f32;

@group(0) @binding(0) var<storage, read> power: array<f32>;
@group(0) @binding(1) var<storage, read_write> slope: array<f32>;

const DB_PER_NEPER: f32 = 4.342944819032518; // 10 / ln 10

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let n = select(f32(HI - LO), 0.0, HI < LO);
  var s1 = 0.0;
  var s2 = 0.0;
  for (var k = LO; k <= HI; k++) {
    s1 += f32(k);
    s2 += f32(k) * f32(k);
  }
  let den = (n * s2 - s1 * s1) * BIN_HZ;
  let c = select(0.0, s1 / n, n > 0.0);
  for (var f = gid.x; f < arrayLength(&slope); f += WG * groups.x) {
    var a = 0.0;
    var l = 0.0;
    for (var k = LO; k <= HI; k++) {
      let v = log(max(power[f * BINS + k], FLOOR));
      a += (f32(k) - c) * v;
      l += v;
    }
    // One bin (N = 0): openSMILE's formula still has a denominator, -(sum f)^2.
    let num = select(-s1 * l, n * a, n > 0.0);
    slope[f] = select(0.0, DB_PER_NEPER * num / den, den != 0.0 && HI >= LO);
  }
}
