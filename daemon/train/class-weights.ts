// Per-sample weights. "Balanced" follows scikit-learn's n / (classes * count[c]), so a
// class with few recordings weighs as much in the loss as a frequent one: that is what
// UAR (the metric we report first) rewards.

export function sampleWeights(y: Int32Array, nClasses: number, balanced: boolean | Float64Array): Float64Array {
  // Weights given row by row (e.g. balanced over corpus and class cells: cellBalancedWeights).
  if (typeof balanced !== 'boolean') {
    if (balanced.length !== y.length) throw new RangeError(`${balanced.length} weights for ${y.length} rows`);
    return balanced;
  }
  const w = new Float64Array(y.length).fill(1);
  if (!balanced) return w;
  const counts = new Float64Array(nClasses);
  for (let i = 0; i < y.length; i++) counts[y[i]]++;
  const present = counts.filter((c) => c > 0).length;
  for (let i = 0; i < y.length; i++) w[i] = y.length / (present * counts[y[i]]);
  return w;
}

/**
 * Weights that give every cell (e.g. a corpus and class pair) the same total weight, rows
 * within a cell equal, mean weight 1. Pooling corpora of 300 and 1500 files unweighted lets
 * the biggest one decide what "anger" sounds like; balanced cells give each corpus, and
 * each of its classes, one equal say.
 */
export function cellBalancedWeights(cells: readonly string[]): Float64Array {
  const counts = new Map<string, number>();
  for (const c of cells) counts.set(c, (counts.get(c) ?? 0) + 1);
  return Float64Array.from(cells, (c) => cells.length / (counts.size * counts.get(c)!));
}
