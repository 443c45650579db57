// Alpha ratio and Hammarberg index: daemon/features/ref/band-ratios.ts, on a power spectrum
// of BINS bins: bins [0, K1) are below 1 kHz, [K1, END) 1-5 kHz, [0, K2) below 2 kHz and
// [K2, END) 2-5 kHz (the caller derives K1, K2, END from the bin width, as the WASM kernel):
//   alpha      10 log10(max(sum_high, FLOOR) / sum_low)   (0 when sum_low is 0)
//   Hammarberg 10 log10(max(max_0-2k, FLOOR) / max_2-5k)  (0 when max_2-5k is 0)
// out[2f] and out[2f + 1]. One invocation per frame, grid-stride.
override WG: u32 = 64;
override BINS: u32;
override K1: u32;
override K2: u32;
override END: u32;
override FLOOR: f32;

@group(0) @binding(0) var<storage, read> power: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;

const DB_PER_NEPER: f32 = 4.342944819032518; // 10 / ln 10

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  for (var f = gid.x; 2u * f < arrayLength(&out); f += WG * groups.x) {
    let base = f * BINS;
    var low = 0.0;
    var high = 0.0;
    var m02 = 0.0;
    var m25 = 0.0;
    for (var k = 0u; k < END; k++) {
      let v = power[base + k];
      if (k < K1) { low += v; } else { high += v; }
      if (k < K2) { m02 = max(m02, v); } else { m25 = max(m25, v); }
    }
    out[2u * f] = select(0.0, DB_PER_NEPER * (log(max(high, FLOOR)) - log(low)), low > 0.0);
    out[2u * f + 1u] = select(0.0, DB_PER_NEPER * (log(max(m02, FLOOR)) - log(m25)), m25 > 0.0);
  }
}
