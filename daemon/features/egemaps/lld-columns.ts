// Growable f64 columns for the LLD contours of one segment: the functionals need every
// frame of it (percentiles), so these grow with the segment, by doubling, and are reused
// (not shrunk) by the next one; everything else a stream holds has a fixed size.

export class LldColumns {
  private cols: Float64Array[];
  length = 0;

  constructor(readonly count: number, private capacity = 256) {
    this.cols = Array.from({ length: count }, () => new Float64Array(capacity));
  }

  /** Column c (a view of the filled part). */
  column(c: number): Float64Array {
    return this.cols[c].subarray(0, this.length);
  }

  /** Appends one row; values[c] goes to column c. */
  push(values: ArrayLike<number>): void {
    if (this.length === this.capacity) this.grow();
    for (let c = 0; c < this.count; c++) this.cols[c][this.length] = values[c];
    this.length++;
  }

  /** Appends one row with a single value per column given by get(c). */
  pushWith(get: (c: number) => number): void {
    if (this.length === this.capacity) this.grow();
    for (let c = 0; c < this.count; c++) this.cols[c][this.length] = get(c);
    this.length++;
  }

  clear(): void {
    this.length = 0;
  }

  /** Bytes held (the capacity, not the fill). */
  bytes(): number {
    return this.count * this.capacity * 8;
  }

  private grow(): void {
    this.capacity *= 2;
    this.cols = this.cols.map((c) => {
      const n = new Float64Array(this.capacity);
      n.set(c);
      return n;
    });
  }
}
