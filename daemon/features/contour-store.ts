// The LLD rows of one streamed segment, column by column: the functionals need every frame
// (percentiles), so this is the part of a stream that grows, one row per 10 ms, by doubling,
// and is reused (not shrunk) by the next segment.
import { lldMatrix, type LldMatrix } from './lld-pipeline.ts';

export class ContourStore {
  /** Rows held. Setting it lower forgets the last rows (a snapshot takes its tail back). */
  length = 0;
  private capacity: number;
  private data: Float32Array;

  constructor(readonly columns: number, capacity = 256) {
    this.capacity = capacity;
    this.data = new Float32Array(columns * capacity);
  }

  push(row: Float32Array): void {
    if (this.length === this.capacity) this.grow();
    const cap = this.capacity, at = this.length++;
    for (let c = 0; c < this.columns; c++) this.data[c * cap + at] = row[c];
  }

  /** The rows as an LldMatrix of its own (a copy: the store goes on). */
  matrix(names: readonly string[]): LldMatrix {
    const n = this.length, cap = this.capacity, out = new Float32Array(this.columns * n);
    for (let c = 0; c < this.columns; c++) out.set(this.data.subarray(c * cap, c * cap + n), c * n);
    return lldMatrix(names, n, out);
  }

  /** Bytes held (the capacity, not the fill). */
  bytes(): number {
    return this.data.byteLength;
  }

  private grow(): void {
    const cap = this.capacity, next = new Float32Array(this.columns * cap * 2);
    for (let c = 0; c < this.columns; c++) next.set(this.data.subarray(c * cap, (c + 1) * cap), c * cap * 2);
    this.data = next;
    this.capacity = cap * 2;
  }
}
