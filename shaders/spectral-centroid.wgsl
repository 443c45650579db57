// Spectral centroid in Hz: daemon/features/ref/spectral-centroid.ts,
// BIN_HZ sum_k k P[k] / sum_k P[k] over k < BINS; 0 when sum P < FLOOR (silence).
// One workgroup per frame (sums by lib/workgroup-sum.wgsl).
// Invocations per workgroup, a power of two; the software adapter allows at most 128.
override WG: u32 = 64;
override BINS: u32;
override BIN_HZ: f32;
override FLOOR: f32;

@group(0) @binding(0) var<storage, read> power: array<f32>;
@group(0) @binding(1) var<storage, read_write> centroid: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let base = wg.x * BINS;
  var acc = vec2f(0.0);
  for (var k = lid; k < BINS; k += WG) {
    let p = power[base + k];
    acc += vec2f(p, f32(k) * p);
  }
  let t = workgroupSum(acc, lid);
  if (lid == 0u) { centroid[wg.x] = select(BIN_HZ * t.y / t.x, 0.0, t.x < FLOOR); }
}
