// Delta (first-order regression) contour, HTK book sec. 5.9 eq. 5.16:
//   d[t] = sum_{k=1..W} k (c[t+k] - c[t-k]) / (2 sum_{k=1..W} k^2),  W = 2,
// with the first and last frames repeated at the edges. Units: per frame.

export function deltaContour(c: Float32Array, width = 2): Float32Array {
  const n = c.length;
  const d = new Float32Array(n);
  let norm = 0;
  for (let k = 1; k <= width; k++) norm += 2 * k * k;
  for (let t = 0; t < n; t++) {
    let s = 0;
    for (let k = 1; k <= width; k++) s += k * (c[Math.min(t + k, n - 1)] - c[Math.max(t - k, 0)]);
    d[t] = s / norm;
  }
  return d;
}
