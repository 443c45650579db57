// openSMILE's cContourSmoother with smaWin = 3, as eGeMAPS names it:
//   sma3    y[t] = (x[t-1] + x[t] + x[t+1]) / 3
//   sma3nz  y[t] = mean of the non-zero values among x[t-1..t+1] when x[t] != 0, else 0
//           (so unvoiced zeros stay zero and do not drag voiced values down)
// At the ends the edge frame stands in for its missing neighbour (openSMILE's window
// processor pads by repetition).

export function sma3(x: Float64Array): Float64Array {
  return sma3Into(x, new Float64Array(x.length));
}

/** sma3 into y (at least x.length long); returns y's first x.length values. */
export function sma3Into(x: Float64Array, y: Float64Array): Float64Array {
  const n = x.length;
  for (let t = 0; t < n; t++) y[t] = (x[t > 0 ? t - 1 : 0] + x[t] + x[t + 1 < n ? t + 1 : n - 1]) / 3;
  return y.length === n ? y : y.subarray(0, n);
}

export function sma3nz(x: Float64Array): Float64Array {
  return sma3nzInto(x, new Float64Array(x.length));
}

/** sma3nz into y (at least x.length long, may hold anything); returns y's first x.length values. */
export function sma3nzInto(x: Float64Array, y: Float64Array): Float64Array {
  const n = x.length;
  for (let t = 0; t < n; t++) {
    if (x[t] === 0) {
      y[t] = 0;
      continue;
    }
    let s = x[t], c = 1;
    const a = x[t > 0 ? t - 1 : 0], b = x[t + 1 < n ? t + 1 : n - 1];
    if (a !== 0) [s, c] = [s + a, c + 1];
    if (b !== 0) [s, c] = [s + b, c + 1];
    y[t] = s / c;
  }
  return y.length === n ? y : y.subarray(0, n);
}
