// The functionals emotiond-extended-v2 adds to emotiond-extended-v1, in groups. Each reads
// the segment's LLD matrix (so it streams as the rest does: computed when the segment ends)
// and writes its values in the order of its names. f64 throughout; statistics over no
// counted frame are 0; never NaN or Inf.
//
//   thirds    mean and std of a contour over the first, middle and last third of the
//             segment's frames (of its voiced frames for `_voiced` contours): how the
//             utterance develops (ComParE-style sub-segment functionals)
//   qreg      quadratic regression over normalised time t in [0, 1] (frame position in the
//             segment): the curvature (coefficient of the t^2 component orthogonal to 1 and
//             t) and the mean squared residual of the quadratic fit
//   peaks     peaks of the 3-frame-smoothed contour, picked with hysteresis (a peak, then a
//             valley, must each be 10% of the contour's range away from the last extreme;
//             Billauer's peakdet): peaks per second, mean and std of the distance between
//             peaks (s), mean peak height above the contour mean and mean rise from the
//             preceding valley, both divided by the range; F0 over voiced frames only, the
//             voiced frames joined
//   vu        mean and std over voiced frames and over unvoiced frames separately
//   mod       modulation spectrum of a contour (its mean removed), power at 0.25 .. 16 Hz in
//             0.25 Hz steps (Goertzel): the shares of that power in 1-3, 3-6, 6-10 and 10-16 Hz
//             and its centroid (Hz); the syllabic rhythm shows at 3-6 Hz
//   corr      Pearson correlations between pairs of contours (over voiced frames when either
//             is a voiced-only contour)
//   mfcccorr  Pearson correlations of mfcc1..mfcc13, all pairs
//   spec      the 27 extended functionals of the spectral shape and band columns
//             (spectral-shape-lld.ts) and moments and extremes of their deltas
import { deltaContour } from '../deltas.ts';
import type { LldMatrix } from '../lld-pipeline.ts';
import { EXTENDED_FUNCTIONALS, SHORT_FUNCTIONALS, writeFunctionals, type ExtendedFunctional } from '../extended/extended-functionals.ts';
import { SPECTRAL_SHAPE_COLUMNS } from './spectral-shape-lld.ts';

export interface ExtraGroup {
  readonly id: string;
  readonly names: readonly string[];
  /** LLD columns read beside the v1 ones (new LLDs). */
  readonly columns?: readonly string[];
  compute(m: LldMatrix, out: Float32Array, at: number): number;
}

/** A contour: an LLD column, over all frames or (voiced) over voiced frames only. */
interface Src { lld: string; voiced: boolean }
const src = (name: string): Src => (name.endsWith('_voiced') ? { lld: name.slice(0, -7), voiced: true } : { lld: name, voiced: false });

/** The counted values of a contour, in frame order, and their frame positions. */
function counted(m: LldMatrix, s: Src): { y: Float64Array; t: Float64Array } {
  const c = m.column(s.lld);
  if (!s.voiced) return { y: Float64Array.from(c), t: Float64Array.from(c, (_, i) => i) };
  const v = m.column('voiced');
  const y: number[] = [], t: number[] = [];
  for (let i = 0; i < c.length; i++) if (v[i] > 0) { y.push(c[i]); t.push(i); }
  return { y: Float64Array.from(y), t: Float64Array.from(t) };
}

function meanStd(y: Float64Array, from = 0, to = y.length): [number, number] {
  const n = to - from;
  if (n <= 0) return [0, 0];
  let s = 0;
  for (let i = from; i < to; i++) s += y[i];
  const mean = s / n;
  let v = 0;
  for (let i = from; i < to; i++) v += (y[i] - mean) ** 2;
  return [mean, Math.sqrt(v / n)];
}

const finite = (x: number): number => (Number.isFinite(x) ? x : 0);

// ---- thirds -------------------------------------------------------------------------
const THIRD_CONTOURS = [
  'loudness', 'log_energy', 'zcr', 'mfcc1', 'mfcc2', 'mfcc3', 'mfcc4',
  'spectral_centroid', 'spectral_slope', 'spectral_flux', 'f0_semitone_voiced', 'hnr_db_voiced',
];
const thirds: ExtraGroup = {
  id: 'thirds',
  names: THIRD_CONTOURS.flatMap((c) => [1, 2, 3].flatMap((k) => [`${c}_third${k}_mean`, `${c}_third${k}_std`])),
  compute(m, out, at) {
    for (const c of THIRD_CONTOURS) {
      const { y } = counted(m, src(c));
      const n = y.length;
      for (let k = 0; k < 3; k++) {
        const [mean, sd] = meanStd(y, Math.floor((k * n) / 3), Math.floor(((k + 1) * n) / 3));
        out[at++] = mean;
        out[at++] = sd;
      }
    }
    return at;
  },
};

// ---- qreg ---------------------------------------------------------------------------
const QREG_CONTOURS = THIRD_CONTOURS;
const qreg: ExtraGroup = {
  id: 'qreg',
  names: QREG_CONTOURS.flatMap((c) => [`${c}_qreg_curvature`, `${c}_qreg_err`]),
  compute(m, out, at) {
    const span = Math.max(m.frames - 1, 1);
    for (const c of QREG_CONTOURS) {
      const { y, t } = counted(m, src(c));
      const n = y.length;
      let curv = 0, err = 0;
      if (n >= 3) {
        // Orthogonal basis over the counted times: 1, p1 = t - mean, p2 = t^2 minus its projections.
        const u = Float64Array.from(t, (x) => x / span);
        const [um] = meanStd(u);
        const p1 = Float64Array.from(u, (x) => x - um);
        const q = Float64Array.from(u, (x) => x * x);
        const [qm] = meanStd(q);
        let a = 0, b = 0;
        for (let i = 0; i < n; i++) { a += (q[i] - qm) * p1[i]; b += p1[i] * p1[i]; }
        const k1 = b > 0 ? a / b : 0;
        const p2 = Float64Array.from(q, (x, i) => x - qm - k1 * p1[i]);
        const [ym] = meanStd(y);
        let y1 = 0, y2 = 0, n2 = 0;
        for (let i = 0; i < n; i++) { y1 += (y[i] - ym) * p1[i]; y2 += (y[i] - ym) * p2[i]; n2 += p2[i] * p2[i]; }
        const c1 = b > 0 ? y1 / b : 0, c2 = n2 > 1e-18 ? y2 / n2 : 0;
        curv = c2;
        for (let i = 0; i < n; i++) err += (y[i] - ym - c1 * p1[i] - c2 * p2[i]) ** 2;
        err /= n;
      }
      out[at++] = finite(curv);
      out[at++] = finite(err);
    }
    return at;
  },
};

// ---- peaks --------------------------------------------------------------------------
const PEAK_CONTOURS = ['loudness', 'log_energy', 'f0_semitone_voiced'];
const PEAK_DELTA = 0.1;
const peaks: ExtraGroup = {
  id: 'peaks',
  names: PEAK_CONTOURS.flatMap((c) => ['peak_rate', 'peak_dist_mean_s', 'peak_dist_std_s', 'peak_height_rel', 'peak_rise_rel'].map((f) => `${c}_${f}`)),
  compute(m, out, at) {
    for (const c of PEAK_CONTOURS) {
      const { y: raw } = counted(m, src(c));
      const n = raw.length;
      const vals = [0, 0, 0, 0, 0];
      if (n >= 3) {
        const y = Float64Array.from(raw, (_, i) => (raw[Math.max(i - 1, 0)] + raw[i] + raw[Math.min(i + 1, n - 1)]) / 3);
        let lo = Infinity, hi = -Infinity;
        for (const v of y) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        const range = hi - lo;
        if (range > 0) {
          const delta = PEAK_DELTA * range;
          const pk: number[] = [], rises: number[] = [];
          let mx = -Infinity, mn = Infinity, mxAt = 0, lookMax = true, valley = NaN;
          for (let i = 0; i < n; i++) {
            const v = y[i];
            if (v > mx) { mx = v; mxAt = i; }
            if (v < mn) mn = v;
            if (lookMax && v < mx - delta) {
              pk.push(mxAt);
              if (!Number.isNaN(valley)) rises.push(mx - valley);
              lookMax = false;
              mn = v;
            } else if (!lookMax && v > mn + delta) {
              valley = mn;
              lookMax = true;
              mx = v;
              mxAt = i;
            }
          }
          const [mean] = meanStd(y);
          const secs = n / m.frameRate;
          const dist = Float64Array.from(pk.slice(1), (p, i) => (p - pk[i]) / m.frameRate);
          const [dm, ds] = meanStd(dist);
          const heights = Float64Array.from(pk, (p) => y[p] - mean);
          vals[0] = pk.length / secs;
          vals[1] = dm;
          vals[2] = ds;
          vals[3] = pk.length ? meanStd(heights)[0] / range : 0;
          vals[4] = rises.length ? meanStd(Float64Array.from(rises))[0] / range : 0;
        }
      }
      for (const v of vals) out[at++] = finite(v);
    }
    return at;
  },
};

// ---- vu -----------------------------------------------------------------------------
const VU_CONTOURS = ['loudness', 'log_energy', 'zcr', ...Array.from({ length: 13 }, (_, i) => `mfcc${i + 1}`),
  ...['centroid', 'rolloff85', 'flatness', 'entropy', 'slope', 'flux'].map((s) => `spectral_${s}`)];
const vu: ExtraGroup = {
  id: 'vu',
  names: VU_CONTOURS.flatMap((c) => [`${c}_voiced_mean`, `${c}_voiced_std`, `${c}_unvoiced_mean`, `${c}_unvoiced_std`]),
  compute(m, out, at) {
    const v = m.column('voiced');
    for (const c of VU_CONTOURS) {
      const x = m.column(c);
      const yv: number[] = [], yu: number[] = [];
      for (let i = 0; i < x.length; i++) (v[i] > 0 ? yv : yu).push(x[i]);
      for (const y of [yv, yu]) {
        const [mean, sd] = meanStd(Float64Array.from(y));
        out[at++] = mean;
        out[at++] = sd;
      }
    }
    return at;
  },
};

// ---- mod ----------------------------------------------------------------------------
const MOD_CONTOURS = ['loudness', 'log_energy'];
const MOD_STEP_HZ = 0.25, MOD_MAX_HZ = 16;
const MOD_BANDS: readonly [number, number][] = [[1, 3], [3, 6], [6, 10], [10, 16]];
const mod: ExtraGroup = {
  id: 'mod',
  names: MOD_CONTOURS.flatMap((c) => [...MOD_BANDS.map(([a, b]) => `${c}_mod_${a}_${b}hz`), `${c}_mod_centroid_hz`]),
  compute(m, out, at) {
    const freqs = Array.from({ length: MOD_MAX_HZ / MOD_STEP_HZ }, (_, i) => (i + 1) * MOD_STEP_HZ);
    for (const c of MOD_CONTOURS) {
      const x = m.column(c), n = x.length;
      const [mean] = meanStd(Float64Array.from(x));
      const power = freqs.map((f) => {
        const w = 2 * Math.cos((2 * Math.PI * f) / m.frameRate);
        let s1 = 0, s2 = 0;
        for (let i = 0; i < n; i++) {
          const s = x[i] - mean + w * s1 - s2;
          s2 = s1;
          s1 = s;
        }
        return Math.max(s1 * s1 + s2 * s2 - w * s1 * s2, 0);
      });
      const total = power.reduce((a, b) => a + b, 0);
      for (const [a, b] of MOD_BANDS) {
        let p = 0;
        freqs.forEach((f, i) => { if (f >= a && (f < b || (b === MOD_MAX_HZ && f <= b))) p += power[i]; });
        out[at++] = total > 0 ? finite(p / total) : 0;
      }
      out[at++] = total > 0 ? finite(freqs.reduce((a, f, i) => a + f * power[i], 0) / total) : 0;
    }
    return at;
  },
};

// ---- corr ---------------------------------------------------------------------------
function pearson(m: LldMatrix, a: string, b: string, voicedOnly: boolean): number {
  const x = m.column(a), y = m.column(b), v = voicedOnly ? m.column('voiced') : null;
  let n = 0, sx = 0, sy = 0;
  for (let i = 0; i < x.length; i++) if (!v || v[i] > 0) { n++; sx += x[i]; sy += y[i]; }
  if (n < 2) return 0;
  const mx = sx / n, my = sy / n;
  let cxy = 0, cxx = 0, cyy = 0;
  for (let i = 0; i < x.length; i++) {
    if (v && !(v[i] > 0)) continue;
    const dx = x[i] - mx, dy = y[i] - my;
    cxy += dx * dy; cxx += dx * dx; cyy += dy * dy;
  }
  const d = Math.sqrt(cxx * cyy);
  return d > 1e-18 ? finite(cxy / d) : 0;
}
const CORR_PAIRS: readonly [string, string, boolean][] = [
  ['f0_semitone', 'loudness', true], ['f0_semitone', 'hnr_db', true], ['f0_semitone', 'spectral_centroid', true],
  ['loudness', 'hnr_db', true], ['loudness', 'spectral_centroid', false], ['loudness', 'spectral_slope', false],
  ['log_energy', 'zcr', false], ['loudness', 'spectral_flux', false],
];
const corr: ExtraGroup = {
  id: 'corr',
  names: CORR_PAIRS.map(([a, b, v]) => `corr_${a}_${b}${v ? '_voiced' : ''}`),
  compute(m, out, at) {
    for (const [a, b, v] of CORR_PAIRS) out[at++] = pearson(m, a, b, v);
    return at;
  },
};
const MFCC_PAIRS: [string, string][] = [];
for (let i = 1; i <= 13; i++) for (let j = i + 1; j <= 13; j++) MFCC_PAIRS.push([`mfcc${i}`, `mfcc${j}`]);
const mfcccorr: ExtraGroup = {
  id: 'mfcccorr',
  names: MFCC_PAIRS.map(([a, b]) => `corr_${a}_${b}`),
  compute(m, out, at) {
    for (const [a, b] of MFCC_PAIRS) out[at++] = pearson(m, a, b, false);
    return at;
  },
};

// ---- spec ---------------------------------------------------------------------------
const spec: ExtraGroup = {
  id: 'spec',
  columns: SPECTRAL_SHAPE_COLUMNS,
  names: [
    ...SPECTRAL_SHAPE_COLUMNS.flatMap((c) => EXTENDED_FUNCTIONALS.map((f) => `${c}_${f}`)),
    ...SPECTRAL_SHAPE_COLUMNS.flatMap((c) => SHORT_FUNCTIONALS.map((f) => `${c}_delta_${f}`)),
  ],
  compute(m, out, at) {
    for (const c of SPECTRAL_SHAPE_COLUMNS) at = writeFunctionals(m.column(c), null, m.frameRate, EXTENDED_FUNCTIONALS, out, at);
    for (const c of SPECTRAL_SHAPE_COLUMNS) at = writeFunctionals(deltaContour(m.column(c)), null, m.frameRate, SHORT_FUNCTIONALS, out, at);
    return at;
  },
};

export const EXTRA_GROUPS: readonly ExtraGroup[] = [thirds, qreg, peaks, vu, mod, corr, mfcccorr, spec];
