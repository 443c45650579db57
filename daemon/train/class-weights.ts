// Per-sample weights. "Balanced" follows scikit-learn's n / (classes * count[c]), so a
// class with few recordings weighs as much in the loss as a frequent one: that is what
// UAR (the metric we report first) rewards.

export function sampleWeights(y: Int32Array, nClasses: number, balanced: boolean): Float64Array {
  const w = new Float64Array(y.length).fill(1);
  if (!balanced) return w;
  const counts = new Float64Array(nClasses);
  for (let i = 0; i < y.length; i++) counts[y[i]]++;
  const present = counts.filter((c) => c > 0).length;
  for (let i = 0; i < y.length; i++) w[i] = y.length / (present * counts[y[i]]);
  return w;
}
