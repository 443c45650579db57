// MFCCs: daemon/features/ref/mfcc.ts, c[i] = sum_j ln(max(E[j], FLOOR)) D[i][j], with the
// DCT-II matrix D (CEPS x BANDS, row-major) made on the CPU. One workgroup per frame: the
// band logs are taken once into workgroup memory, then each coefficient is a dot product.
override WG: u32 = 64;
override BANDS: u32;
override CEPS: u32;
override FLOOR: f32;

@group(0) @binding(0) var<storage, read> mel: array<f32>;
@group(0) @binding(1) var<storage, read> dct: array<f32>;
@group(0) @binding(2) var<storage, read_write> ceps: array<f32>;

var<workgroup> logMel: array<f32, BANDS>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let f = wg.x;
  for (var j = lid; j < BANDS; j += WG) { logMel[j] = log(max(mel[f * BANDS + j], FLOOR)); }
  workgroupBarrier();
  for (var c = lid; c < CEPS; c += WG) {
    var s = 0.0;
    for (var j = 0u; j < BANDS; j++) { s += logMel[j] * dct[c * BANDS + j]; }
    ceps[f * CEPS + c] = s;
  }
}
