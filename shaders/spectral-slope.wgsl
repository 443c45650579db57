// Spectral slope in dB/kHz: daemon/features/ref/spectral-slope.ts, least-squares slope of
// 10 log10 P[k] against k BIN_HZ/1000 over LOW_BIN <= k < BINS (k counted from LOW_BIN):
// sum (i - ibar) y_i / (BIN_HZ/1000 sum (i - ibar)^2); 0 when sum P < FLOOR or < 2 bins.
// One workgroup per frame; sum (i - ibar)^2 = n (n^2 - 1)/12 in closed form.
// Invocations per workgroup, a power of two; the software adapter allows at most 128.
override WG: u32 = 64;
override BINS: u32;
override LOW_BIN: u32;
override BIN_HZ: f32;
override FLOOR: f32;

@group(0) @binding(0) var<storage, read> power: array<f32>;
@group(0) @binding(1) var<storage, read> logPower: array<f32>;
@group(0) @binding(2) var<storage, read_write> slope: array<f32>;

const DB_PER_NEPER: f32 = 4.342944819032518; // 10 / ln 10: ln P to 10 log10 P

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let base = wg.x * BINS;
  let n = f32(max(BINS, LOW_BIN) - LOW_BIN);
  let mid = (n - 1.0) / 2.0;
  var acc = vec2f(0.0);
  for (var k = LOW_BIN + lid; k < BINS; k += WG) {
    acc += vec2f(power[base + k], (f32(k - LOW_BIN) - mid) * logPower[base + k]);
  }
  let t = workgroupSum(acc, lid);
  let sxx = n * (n * n - 1.0) / 12.0;
  if (lid == 0u) {
    slope[wg.x] = select(DB_PER_NEPER * t.y / (sxx * BIN_HZ / 1000.0), 0.0, n < 2.0 || t.x < FLOOR);
  }
}
