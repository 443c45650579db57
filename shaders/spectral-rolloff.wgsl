// Spectral roll-off in Hz: daemon/features/ref/spectral-rolloff.ts, BIN_HZ times the first
// k with sum_{j<=k} P[j] >= FRACTION sum P; 0 when sum P < FLOOR. One workgroup per frame:
// each invocation sums a contiguous block of bins, a scan over the block sums gives each
// block's starting total, then each block is walked in order and the lowest hit wins.
// Invocations per workgroup, a power of two; the software adapter allows at most 128.
override WG: u32 = 64;
override BINS: u32;
override BIN_HZ: f32;
override FRACTION: f32;
override FLOOR: f32;

@group(0) @binding(0) var<storage, read> power: array<f32>;
@group(0) @binding(1) var<storage, read_write> rolloff: array<f32>;

var<workgroup> scan: array<f32, WG>;
var<workgroup> hit: atomic<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let base = wg.x * BINS;
  let block = (BINS + WG - 1u) / WG;
  let lo = min(lid * block, BINS);
  let hi = min(lo + block, BINS);
  var own = 0.0;
  for (var k = lo; k < hi; k++) { own += power[base + k]; }
  scan[lid] = own;
  if (lid == 0u) { atomicStore(&hit, BINS); }
  workgroupBarrier();
  // Hillis-Steele inclusive scan of the block sums.
  for (var off = 1u; off < WG; off *= 2u) {
    var v = 0.0;
    if (lid >= off) { v = scan[lid - off]; }
    workgroupBarrier();
    scan[lid] += v;
    workgroupBarrier();
  }
  let total = scan[WG - 1u];
  let goal = FRACTION * total;
  var c = scan[lid] - own;
  for (var k = lo; k < hi; k++) {
    c += power[base + k];
    if (c >= goal) { atomicMin(&hit, k); break; }
  }
  workgroupBarrier();
  if (lid == 0u) {
    let k = min(atomicLoad(&hit), max(BINS, 1u) - 1u);
    rolloff[wg.x] = select(BIN_HZ * f32(k), 0.0, total < FLOOR);
  }
}
