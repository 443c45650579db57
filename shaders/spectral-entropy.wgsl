// Spectral entropy: daemon/features/ref/spectral-entropy.ts, normalised entropy of P/S
// over LOW_BIN <= k < BINS: (ln S - sum P ln P / S) / ln(count), in [0, 1]; 0 when
// sum P < FLOOR or fewer than 2 bins. One workgroup per frame.
// Invocations per workgroup, a power of two; the software adapter allows at most 128.
override WG: u32 = 64;
override BINS: u32;
override LOW_BIN: u32;
override FLOOR: f32;

@group(0) @binding(0) var<storage, read> power: array<f32>;
@group(0) @binding(1) var<storage, read> logPower: array<f32>;
@group(0) @binding(2) var<storage, read_write> entropy: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let base = wg.x * BINS;
  var acc = vec2f(0.0);
  for (var k = LOW_BIN + lid; k < BINS; k += WG) {
    let p = power[base + k];
    acc += vec2f(p, p * logPower[base + k]);
  }
  let t = workgroupSum(acc, lid);
  let count = f32(max(BINS, LOW_BIN) - LOW_BIN);
  if (lid == 0u) {
    entropy[wg.x] = select((log(t.x) - t.y / t.x) / log(count), 0.0, count < 2.0 || t.x < FLOOR);
  }
}
