// Zero-crossing rate of each mean-removed frame: daemon/features/ref/zcr.ts. Exact: the
// count is a sum of small integers, which f32 holds exactly.
// Invocations per workgroup, a power of two; the software adapter allows at most 128.
override WG: u32 = 64;
override FRAME_LEN: u32;

@group(0) @binding(0) var<storage, read> raw: array<f32>;
@group(0) @binding(1) var<storage, read_write> rate: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let base = wg.x * FRAME_LEN;
  var c = 0.0;
  for (var i = lid + 1u; i < FRAME_LEN; i += WG) {
    if ((raw[base + i] >= 0.0) != (raw[base + i - 1u] >= 0.0)) { c += 1.0; }
  }
  let total = workgroupSum(vec2f(c, 0.0), lid).x;
  if (lid == 0u) { rate[wg.x] = select(total / f32(max(FRAME_LEN, 2u) - 1u), 0.0, FRAME_LEN < 2u); }
}
