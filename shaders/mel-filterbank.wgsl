// Mel band energies: daemon/features/ref/mel-filterbank.ts. One invocation per (frame,
// band), grid-stride. Each band stores only its non-zero run of triangle weights:
// bands[3b..3b+2] = (first bin, run length, offset into weights), designed on the CPU.
override WG: u32 = 64;
override BINS: u32;
override BANDS: u32;

@group(0) @binding(0) var<storage, read> power: array<f32>;
@group(0) @binding(1) var<storage, read> bands: array<i32>;
@group(0) @binding(2) var<storage, read> weights: array<f32>;
@group(0) @binding(3) var<storage, read_write> mel: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  for (var i = gid.x; i < arrayLength(&mel); i += WG * groups.x) {
    let f = i / BANDS;
    let b = i % BANDS;
    let first = u32(bands[3u * b]);
    let len = u32(bands[3u * b + 1u]);
    let off = u32(bands[3u * b + 2u]);
    var s = 0.0;
    for (var k = 0u; k < len; k++) { s += power[f * BINS + first + k] * weights[off + k]; }
    mel[i] = s;
  }
}
