// openSMILE's cFunctionalPeaks2 as eGeMAPS uses it (relThresh 0.1, absolute threshold
// 0.1 x range): local extrema of the contour (interior points 2..n-3), pruned of those
// that rise or fall less than the threshold from their neighbours and of repeated maxima
// or minima, then
//   numPeaks per second; rising / falling slopes: |value change| per second between each
//   minimum and the next maximum and vice versa, plus the slope from the last extremum to
//   the end of the contour (taken with its sign: a fall there counts negative, as openSMILE
//   does); their means and population standard deviations.
// The contour is the F0 of voiced frames only (concatenated) or the whole loudness contour.

interface Extremum { max: boolean; x: number; y: number }

function extrema(v: ArrayLike<number>, n: number, thresh: number): Extremum[] {
  let list: Extremum[] = [];
  for (let i = 2; i < n - 2; i++) {
    if (v[i] > v[i - 1] && v[i] > v[i + 1]) list.push({ max: true, x: i, y: v[i] });
    else if (v[i] < v[i - 1] && v[i] < v[i + 1]) list.push({ max: false, x: i, y: v[i] });
  }
  const below = (d: number): boolean => d < thresh;
  // Step 1: drop maxima that rise too little; keep the higher of close maxima.
  const keep = new Set(list);
  let lastVal = v[0], lastMin = v[0], lastMax = v[0], minFlag = false;
  let lastMaxEl: Extremum | null = null;
  for (const e of list) {
    if (e.max) {
      if (!below(Math.abs(e.y - lastVal))) [minFlag, lastMax, lastMaxEl] = [false, e.y, e];
      else if (below(e.y - lastMin)) keep.delete(e);
      else {
        if (e.y > lastMax * 1.05) {
          if (lastMaxEl) keep.delete(lastMaxEl);
          [lastMax, lastMaxEl] = [e.y, e];
        } else if (minFlag) [lastMax, lastMaxEl] = [e.y, e];
        else keep.delete(e);
        minFlag = false;
      }
    } else if (!below(Math.abs(e.y - lastVal))) [minFlag, lastMin] = [true, e.y];
    lastVal = e.y;
  }
  list = list.filter((e) => keep.has(e));
  // Step 2: drop minima too close below the last maximum.
  lastMax = v[0];
  list = list.filter((e) => {
    if (e.max) lastMax = e.y;
    return e.max || !below(lastMax - e.y);
  });
  // Step 3: of consecutive maxima keep the highest, of consecutive minima the lowest.
  const out: Extremum[] = [];
  for (const e of list) {
    const prev = out[out.length - 1];
    if (prev && prev.max === e.max) {
      if (e.max ? e.y > prev.y : e.y < prev.y) out[out.length - 1] = e;
    } else out.push(e);
  }
  return out;
}

export interface PeakStats {
  peaksPerSecond: number;
  risingMean: number;
  risingStd: number;
  fallingMean: number;
  fallingStd: number;
}

export function peakStats(v: ArrayLike<number>, n: number, period: number): PeakStats {
  const res = { peaksPerSecond: 0, risingMean: 0, risingStd: 0, fallingMean: 0, fallingStd: 0 };
  if (n <= 0) return res;
  let lo = v[0], hi = v[0];
  for (let i = 1; i < n; i++) [lo, hi] = [Math.min(lo, v[i]), Math.max(hi, v[i])];
  const list = extrema(v, n, 0.1 * (hi - lo));
  res.peaksPerSecond = list.filter((e) => e.max).length / (n * period);
  const rising: number[] = [], falling: number[] = [];
  let lastMax = v[0], lastMaxX = 0, lastMin = v[0], lastMinX = 0, lastIsMax = -1;
  for (const e of list) {
    if (e.max) {
      [lastMax, lastMaxX] = [e.y, e.x];
      if (lastMaxX - lastMinX > 0) [rising[rising.length], lastIsMax] = [(lastMax - lastMin) / ((lastMaxX - lastMinX) * period), 1];
    } else {
      [lastMin, lastMinX] = [e.y, e.x];
      if (lastMinX - lastMaxX > 0) [falling[falling.length], lastIsMax] = [(lastMax - lastMin) / ((lastMinX - lastMaxX) * period), 0];
    }
  }
  // The stretch after the last extremum (its slope keeps its sign), or the whole contour.
  const endFall = lastIsMax === 1 && n - 1 - lastMaxX > 0 ? (v[n - 1] - lastMax) / ((n - 1 - lastMaxX) * period) : null;
  const endRise = lastIsMax === 0 && n - 1 - lastMinX > 0 ? (v[n - 1] - lastMin) / ((n - 1 - lastMinX) * period) : null;
  const meanOf = (a: number[], extra: number | null): number => {
    const all = extra === null ? a : [...a, extra];
    return all.length ? all.reduce((s, x) => s + x, 0) / all.length : 0;
  };
  if (lastIsMax === -1) {
    const s = (v[n - 1] - v[0]) / n;
    if (s > 0) res.risingMean = s;
    else if (s < 0) res.fallingMean = s;
  } else {
    res.risingMean = meanOf(rising, endRise);
    res.fallingMean = meanOf(falling, endFall);
  }
  // openSMILE's second pass covers the extrema only, divided by the count with the end slope.
  const spread = (a: number[], mean: number, count: number): number => {
    const ss = a.reduce((s, x) => s + (x - mean) ** 2, 0);
    const d = count > 1 ? ss / count : ss;
    return d > 0 ? Math.sqrt(d) : 0;
  };
  const nr = rising.length + (endRise === null ? 0 : 1) + (lastIsMax === -1 && res.risingMean !== 0 ? 1 : 0);
  const nf = falling.length + (endFall === null ? 0 : 1) + (lastIsMax === -1 && res.fallingMean !== 0 ? 1 : 0);
  res.risingStd = spread(rising, res.risingMean, nr);
  res.fallingStd = spread(falling, res.fallingMean, nf);
  return res;
}
