// Mean square of each mean-removed frame: daemon/features/ref/energy.ts. One workgroup
// per frame; the LLDs derive RMS and log energy from it on the CPU, as for WASM.
// Invocations per workgroup, a power of two; the software adapter allows at most 128.
override WG: u32 = 64;
override FRAME_LEN: u32;

@group(0) @binding(0) var<storage, read> raw: array<f32>;
@group(0) @binding(1) var<storage, read_write> meanSquare: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let f = wg.x;
  var s = 0.0;
  for (var i = lid; i < FRAME_LEN; i += WG) {
    let v = raw[f * FRAME_LEN + i];
    s += v * v;
  }
  let total = workgroupSum(vec2f(s, 0.0), lid).x;
  if (lid == 0u) { meanSquare[f] = select(total / f32(max(FRAME_LEN, 1u)), 0.0, FRAME_LEN == 0u); }
}
