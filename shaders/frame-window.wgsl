// Framing, mean removal, pre-emphasis and window: daemon/features/ref/frame-window.ts.
// One workgroup per frame. Frame f reads FRAME_LEN samples of `signal` from starts[f] and
// writes the mean-removed frame to raw[f] and the windowed one, zero-padded, to windowed[f].
// WGSL has no f64 to sum the mean exactly as the reference does; summing differences from
// the frame's first sample instead keeps a constant (DC) frame at exactly zero.
// Invocations per workgroup, a power of two; the software adapter allows at most 128.
override WG: u32 = 64;
override FRAME_LEN: u32;
override FFT_SIZE: u32;
override PRE_EMPHASIS: f32;

@group(0) @binding(0) var<storage, read> signal: array<f32>;
@group(0) @binding(1) var<storage, read> starts: array<u32>;
@group(0) @binding(2) var<storage, read> window: array<f32>;
@group(0) @binding(3) var<storage, read_write> raw: array<f32>;
@group(0) @binding(4) var<storage, read_write> windowed: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) lid: u32) {
  let f = wg.x;
  let at = starts[f];
  let x0 = signal[at];
  var s = 0.0;
  for (var i = lid; i < FRAME_LEN; i += WG) { s += signal[at + i] - x0; }
  let total = workgroupSum(vec2f(s, 0.0), lid).x;
  let mean = x0 + total / f32(max(FRAME_LEN, 1u));
  for (var i = lid; i < FFT_SIZE; i += WG) {
    var w = 0.0;
    if (i < FRAME_LEN) {
      let r = signal[at + i] - mean;
      raw[f * FRAME_LEN + i] = r;
      var prev = r;
      if (i > 0u) { prev = signal[at + i - 1u] - mean; }
      w = (r - PRE_EMPHASIS * prev) * window[i];
    }
    windowed[f * FFT_SIZE + i] = w;
  }
}
