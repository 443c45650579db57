// eGeMAPS loudness: daemon/features/ref/auditory-loudness.ts, the mean over mel bands of
// (max(E_b, FLOOR) w_b)^EXPONENT, w_b the equal-loudness weight at the band centre.
// One invocation per frame, grid-stride (26 bands: a loop is cheaper than a reduction).
override WG: u32 = 64;
override BANDS: u32;
override FLOOR: f32;
override EXPONENT: f32;

@group(0) @binding(0) var<storage, read> mel: array<f32>;
@group(0) @binding(1) var<storage, read> weights: array<f32>;
@group(0) @binding(2) var<storage, read_write> loudness: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  for (var f = gid.x; f < arrayLength(&loudness); f += WG * groups.x) {
    var s = 0.0;
    // The product is > 0 (floor and weights are), so pow = exp2(c log2 v) is defined.
    for (var b = 0u; b < BANDS; b++) { s += pow(max(mel[f * BANDS + b], FLOOR) * weights[b], EXPONENT); }
    loudness[f] = select(s / f32(BANDS), 0.0, BANDS == 0u);
  }
}
