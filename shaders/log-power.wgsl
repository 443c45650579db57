// Natural log floored: daemon/features/ref/log-power.ts, out[i] = ln(max(x[i], FLOOR)).
// Elementwise over every bin of every frame; a grid-stride loop, so any length fits the
// dispatch limit. Also gives log mel energies with FLOOR set to the mel floor.
override WG: u32 = 64;
override FLOOR: f32;

@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  for (var i = gid.x; i < arrayLength(&out); i += WG * groups.x) { out[i] = log(max(x[i], FLOOR)); }
}
