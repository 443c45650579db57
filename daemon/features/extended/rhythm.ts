// Rhythm and tempo of an utterance from its voicing decisions and energy contour.
//   voiced_ratio, voiced_segments_per_s, unvoiced_segments_per_s
//   voiced_segment_{mean,std,max}_s, unvoiced_segment_{mean,std,max}_s   run lengths
//   pause_ratio, pauses_per_s, pause_mean_s
//       a pause is a run of at least 100 ms of frames more than 30 dB below the loudest
//       frames (99th percentile of log energy), so it follows the recording level
//   syllable_rate        syllable nuclei per second of signal
//   articulation_rate    syllable nuclei per second outside pauses
//       nuclei after de Jong & Wempe (Behavior Research Methods 41(2), 2009): peaks of the
//       energy contour (5-frame moving average, dB) on voiced frames, at least 2 dB above
//       its median, with a dip of at least 2 dB since the previous nucleus (else the higher
//       of the two counts)
// Everything is 0 without frames; means, deviations and maxima over no run are 0.

export const RHYTHM_NAMES = [
  'voiced_ratio', 'voiced_segments_per_s', 'unvoiced_segments_per_s',
  'voiced_segment_mean_s', 'voiced_segment_std_s', 'voiced_segment_max_s',
  'unvoiced_segment_mean_s', 'unvoiced_segment_std_s', 'unvoiced_segment_max_s',
  'pause_ratio', 'pauses_per_s', 'pause_mean_s',
  'syllable_rate', 'articulation_rate',
] as const;

const PAUSE_BELOW_DB = 30;
const PAUSE_MIN_S = 0.1;
const NUCLEUS_ABOVE_MEDIAN_DB = 2;
const NUCLEUS_DIP_DB = 2;
const SMOOTH = 2; // frames each side

/** Lengths (frames) of the runs where pred(i) holds. */
function runs(n: number, pred: (i: number) => boolean): number[] {
  const out: number[] = [];
  let len = 0;
  for (let i = 0; i < n; i++) {
    if (pred(i)) len++;
    else if (len) { out.push(len); len = 0; }
  }
  if (len) out.push(len);
  return out;
}

function meanStdMax(v: readonly number[], scale: number): [number, number, number] {
  if (v.length === 0) return [0, 0, 0];
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
  return [m * scale, sd * scale, Math.max(...v) * scale];
}

function quantile(values: Float32Array, p: number): number {
  const s = Float64Array.from(values).sort();
  const x = p * (s.length - 1), i = Math.floor(x);
  return i + 1 < s.length ? s[i] + (x - i) * (s[i + 1] - s[i]) : s[i];
}

/** Syllable nuclei in a smoothed dB contour, counted on voiced frames only. */
export function syllableNuclei(energyDb: Float32Array, voiced: Float32Array): number {
  const n = energyDb.length;
  if (n < 3) return 0;
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0, c = 0;
    for (let j = Math.max(0, i - SMOOTH); j <= Math.min(n - 1, i + SMOOTH); j++) { s += energyDb[j]; c++; }
    e[i] = s / c;
  }
  const floor = quantile(Float32Array.from(e), 0.5) + NUCLEUS_ABOVE_MEDIAN_DB;
  let count = 0, lastPeak = -Infinity, minSince = Infinity;
  for (let i = 0; i < n; i++) {
    minSince = Math.min(minSince, e[i]);
    const peak = (i === 0 || e[i] > e[i - 1]) && (i === n - 1 || e[i] >= e[i + 1]);
    if (!peak || !(voiced[i] > 0) || e[i] < floor) continue;
    if (count === 0 || (lastPeak - minSince >= NUCLEUS_DIP_DB && e[i] - minSince >= NUCLEUS_DIP_DB)) {
      count++;
      lastPeak = e[i];
    } else if (e[i] > lastPeak) {
      lastPeak = e[i]; // the same nucleus, higher: keep one
    } else continue;
    minSince = e[i];
  }
  return count;
}

export function rhythmFeatures(voiced: Float32Array, logEnergy: Float32Array, frameRate: number, out: Float32Array, at: number): number {
  const n = voiced.length;
  const values = new Array<number>(RHYTHM_NAMES.length).fill(0);
  if (n > 0) {
    const seconds = n / frameRate, hop = 1 / frameRate;
    const v = runs(n, (i) => voiced[i] > 0), u = runs(n, (i) => !(voiced[i] > 0));
    const nv = v.reduce((a, b) => a + b, 0);
    const silentBelow = quantile(logEnergy, 0.99) - PAUSE_BELOW_DB;
    const pauses = runs(n, (i) => logEnergy[i] < silentBelow).filter((len) => len >= PAUSE_MIN_S * frameRate);
    const paused = pauses.reduce((a, b) => a + b, 0);
    const nuclei = syllableNuclei(logEnergy, voiced);
    const speaking = (n - paused) / frameRate;
    values.splice(0, values.length,
      nv / n, v.length / seconds, u.length / seconds,
      ...meanStdMax(v, hop), ...meanStdMax(u, hop),
      paused / n, pauses.length / seconds, meanStdMax(pauses, hop)[0],
      nuclei / seconds, speaking > 0 ? nuclei / speaking : 0);
  }
  for (const x of values) out[at++] = x;
  return at;
}
