// Spectral flatness: daemon/features/ref/spectral-flatness.ts, geometric over arithmetic
// mean of P[k], LOW_BIN <= k < BINS, exp(mean ln P) / mean P, ln P from the floored log
// power; 0 when sum P < FLOOR. One workgroup per frame.
// Invocations per workgroup, a power of two; the software adapter allows at most 128.
override WG: u32 = 64;
override BINS: u32;
override LOW_BIN: u32;
override FLOOR: f32;

@group(0) @binding(0) var<storage, read> power: array<f32>;
@group(0) @binding(1) var<storage, read> logPower: array<f32>;
@group(0) @binding(2) var<storage, read_write> flatness: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let base = wg.x * BINS;
  var acc = vec2f(0.0);
  for (var k = LOW_BIN + lid; k < BINS; k += WG) { acc += vec2f(power[base + k], logPower[base + k]); }
  let t = workgroupSum(acc, lid);
  let count = f32(max(BINS, LOW_BIN) - LOW_BIN);
  if (lid == 0u) { flatness[wg.x] = select(exp(t.y / count) / (t.x / count), 0.0, count == 0.0 || t.x < FLOOR); }
}
