// eGeMAPS framing and window: daemon/features/ref/apply-window.ts, out[i] = x[at + i] w[i]
// for i < FRAME_LEN, zero-padded to FFT_SIZE; no DC removal, no pre-emphasis (openSMILE's
// cFramer + cWindower as eGeMAPS uses them). Row f reads FRAME_LEN samples of `signal` from
// starts[f]; the unwindowed frame goes to raw[f] as well, for the frame's mean square.
// One invocation per output sample, grid-stride: no barriers, which a software adapter
// pays for dearly.
override WG: u32 = 64;
override FRAME_LEN: u32;
override FFT_SIZE: u32;

@group(0) @binding(0) var<storage, read> signal: array<f32>;
@group(0) @binding(1) var<storage, read> starts: array<u32>;
@group(0) @binding(2) var<storage, read> window: array<f32>;
@group(0) @binding(3) var<storage, read_write> raw: array<f32>;
@group(0) @binding(4) var<storage, read_write> windowed: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  for (var j = gid.x; j < arrayLength(&windowed); j += WG * groups.x) {
    let f = j / FFT_SIZE;
    let i = j % FFT_SIZE;
    var w = 0.0;
    if (i < FRAME_LEN) {
      let v = signal[starts[f] + i];
      raw[f * FRAME_LEN + i] = v;
      w = v * window[i];
    }
    windowed[j] = w;
  }
}
