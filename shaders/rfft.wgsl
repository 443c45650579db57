// Power spectrum of real frames: daemon/features/ref/rfft.ts. One workgroup per frame.
// The N real samples are read as N/2 complex z[m] = x[2m] + i x[2m+1], transformed by a
// Stockham radix-2 FFT in workgroup memory (self-sorting: no bit reversal, natural order
// out), then split into the N/2 + 1 bins of the real transform:
//   X[k] = (Z[k] + conj Z[M-k])/2 + W_N^k (Z[k] - conj Z[M-k])/(2i),  M = N/2.
// Twiddles come from a table made in f64 on the CPU: WGSL's sin/cos need only be accurate
// to 2^-11, far too coarse here.
// Invocations per workgroup, a power of two; the software adapter allows at most 128.
override WG: u32 = 64;
override FFT_SIZE: u32; // N, a power of two >= 2

@group(0) @binding(0) var<storage, read> frames: array<f32>;
// W_N^k = (cos, -sin)(2 pi k / N), k = 0..N/2.
@group(0) @binding(1) var<storage, read> twiddles: array<vec2f>;
@group(0) @binding(2) var<storage, read_write> power: array<f32>;

// Two halves of M complex values, read from one and written to the other in turn.
var<workgroup> z: array<vec2f, FFT_SIZE>;

fn cmul(a: vec2f, b: vec2f) -> vec2f {
  return vec2f(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x);
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let m = FFT_SIZE / 2u;
  let base = wg.x * FFT_SIZE;
  for (var j = lid; j < m; j += WG) { z[j] = vec2f(frames[base + 2u * j], frames[base + 2u * j + 1u]); }
  workgroupBarrier();
  var src = 0u;
  // Stage with stride s: sequences of length n = M/s, butterflies (q + s p, q + s (p + n/2)).
  for (var s = 1u; s < m; s *= 2u) {
    let dst = m - src;
    let half = m / s / 2u;
    for (var j = lid; j < m / 2u; j += WG) {
      let p = j / s;
      let q = j % s;
      let a = z[src + q + s * p];
      let b = z[src + q + s * (p + half)];
      z[dst + q + 2u * s * p] = a + b;
      // W_n^p = W_N^(2 p s) since n s = M.
      z[dst + q + s * (2u * p + 1u)] = cmul(a - b, twiddles[2u * p * s]);
    }
    workgroupBarrier();
    src = dst;
  }
  for (var k = lid; k <= m; k += WG) {
    let zk = z[src + k % m];
    let zc = z[src + (m - k) % m];
    let c = vec2f(zc.x, -zc.y);
    let even = 0.5 * (zk + c);
    let d = zk - c;
    let odd = vec2f(0.5 * d.y, -0.5 * d.x);
    let x = even + cmul(odd, twiddles[k]);
    power[wg.x * (m + 1u) + k] = dot(x, x);
  }
}
