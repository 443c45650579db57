// Rhythm features from the voiced/unvoiced decision of each frame (a crude speech-rate
// proxy, after eGeMAPS's temporal group: Eyben et al. 2016, sec. 3.2):
//   voiced_ratio             voiced frames / all frames
//   voiced_segment_mean_s    mean length of runs of voiced frames, seconds
//   unvoiced_segment_mean_s  mean length of runs of unvoiced frames, seconds
//   voiced_segments_per_s    runs of voiced frames per second of signal
// All 0 without frames; a mean over no run is 0.

export const TEMPORAL_NAMES = [
  'voiced_ratio', 'voiced_segment_mean_s', 'unvoiced_segment_mean_s', 'voiced_segments_per_s',
] as const;

export function temporalFeatures(voiced: Float32Array, frameRate: number, out: Float32Array, at: number): void {
  const n = voiced.length;
  let nv = 0, runsV = 0, runsU = 0, lenV = 0, lenU = 0;
  for (let i = 0; i < n; i++) {
    const v = voiced[i] > 0;
    const starts = i === 0 || v !== voiced[i - 1] > 0;
    if (v) [nv, lenV, runsV] = [nv + 1, lenV + 1, runsV + (starts ? 1 : 0)];
    else [lenU, runsU] = [lenU + 1, runsU + (starts ? 1 : 0)];
  }
  out[at] = n ? nv / n : 0;
  out[at + 1] = runsV ? lenV / runsV / frameRate : 0;
  out[at + 2] = runsU ? lenU / runsU / frameRate : 0;
  out[at + 3] = n ? runsV / (n / frameRate) : 0;
}
