// eGeMAPS spectral flux: daemon/features/ref/magnitude-flux.ts, from two power spectra,
//   flux = sqrt((1/N) sum_{k<N} (sqrt P[k] - sqrt Q[k])^2),
// Q the frame before (row f - 1); 0 where continues[f] is 0 (the first frame of a signal,
// or a row whose predecessor belongs to another). One invocation per frame, grid-stride.
override WG: u32 = 64;
override BINS: u32;
override N: u32;

@group(0) @binding(0) var<storage, read> power: array<f32>;
@group(0) @binding(1) var<storage, read> continues: array<u32>;
@group(0) @binding(2) var<storage, read_write> flux: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  for (var f = gid.x; f < arrayLength(&flux); f += WG * groups.x) {
    var s = 0.0;
    if (continues[f] != 0u && f > 0u) {
      for (var k = 0u; k < N; k++) {
        let d = sqrt(power[f * BINS + k]) - sqrt(power[(f - 1u) * BINS + k]);
        s += d * d;
      }
    }
    flux[f] = select(sqrt(s / f32(N)), 0.0, N == 0u);
  }
}
