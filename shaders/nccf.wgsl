// Normalised cross-correlation for pitch (RAPT, Talkin 1995, eq. 2): daemon/features/ref/nccf.ts,
// batched over frames. Row f correlates the window x[at, at+N) (at = starts[f]) with its
// copies lagged by t, MIN_LAG <= t <= MAX_LAG:
//   r(t) = sum_{i<N} x[at+i] x[at+i+t] / sqrt(e0 e_t),  e_t = sum_{i<N} x[at+i+t]^2,
// into r[f * LAGS + t - MIN_LAG] (0 where e0 e_t = 0, clamped to [-1, 1]), and e0 into
// energy[f]. One invocation per (frame, lag), grid-stride: the sums are short (a 20 ms window
// at 4 kHz is 80 samples), and a software adapter pays dearly for workgroup barriers.
override WG: u32 = 64;
override N: u32;
override MIN_LAG: u32;
override MAX_LAG: u32;

@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> starts: array<u32>;
@group(0) @binding(2) var<storage, read_write> r: array<f32>;
@group(0) @binding(3) var<storage, read_write> energy: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let lags = MAX_LAG - MIN_LAG + 1u;
  for (var j = gid.x; j < arrayLength(&r); j += WG * groups.x) {
    let f = j / lags;
    let t = MIN_LAG + j % lags;
    let at = starts[f];
    var e0 = 0.0;
    var et = 0.0;
    var d = 0.0;
    for (var i = 0u; i < N; i++) {
      let a = x[at + i];
      let b = x[at + i + t];
      e0 += a * a;
      et += b * b;
      d += a * b;
    }
    let p = e0 * et;
    r[j] = select(0.0, clamp(d / sqrt(p), -1.0, 1.0), p > 0.0);
    if (t == MIN_LAG) { energy[f] = e0; }
  }
}
