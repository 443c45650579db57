// Spectral flux: daemon/features/ref/spectral-flux.ts, sum_k (P[k]/S - Q[k]/R)^2 between
// frame f and frame f-1, each normalised to unit sum (a sum below FLOOR counts as zeros);
// 0 where continues[f] is 0, i.e. frame f-1 is not the previous frame of the same signal.
// One workgroup per frame. The flag is read only at the end: a branch on a value loaded
// from a buffer before the barriers would be non-uniform control flow.
// Invocations per workgroup, a power of two; the software adapter allows at most 128.
override WG: u32 = 64;
override BINS: u32;
override FLOOR: f32;

@group(0) @binding(0) var<storage, read> power: array<f32>;
@group(0) @binding(1) var<storage, read> continues: array<u32>;
@group(0) @binding(2) var<storage, read_write> flux: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let cur = wg.x * BINS;
  let prev = (max(wg.x, 1u) - 1u) * BINS;
  var acc = vec2f(0.0);
  for (var k = lid; k < BINS; k += WG) { acc += vec2f(power[cur + k], power[prev + k]); }
  let t = workgroupSum(acc, lid);
  let a = select(1.0 / t.x, 0.0, t.x < FLOOR);
  let b = select(1.0 / t.y, 0.0, t.y < FLOOR);
  var d = 0.0;
  for (var k = lid; k < BINS; k += WG) {
    let v = power[cur + k] * a - power[prev + k] * b;
    d += v * v;
  }
  let total = workgroupSum(vec2f(d, 0.0), lid).x;
  if (lid == 0u) { flux[wg.x] = select(0.0, total, continues[wg.x] != 0u); }
}
