// Loudness: daemon/features/ref/loudness.ts, sum over bands of E^EXPONENT (E <= 0 adds 0).
// One invocation per frame, grid-stride.
override WG: u32 = 64;
override BANDS: u32;
override EXPONENT: f32;

@group(0) @binding(0) var<storage, read> mel: array<f32>;
@group(0) @binding(1) var<storage, read_write> loudness: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  for (var f = gid.x; f < arrayLength(&loudness); f += WG * groups.x) {
    var s = 0.0;
    for (var b = 0u; b < BANDS; b++) {
      let e = mel[f * BANDS + b];
      // pow(x, y) is exp2(y log2 x): defined only for x > 0, which this test also gives.
      if (e > 0.0) { s += pow(max(e, 1e-30), EXPONENT); }
    }
    loudness[f] = s;
  }
}
