// Typed access to a kernel instance's linear memory. Memory may grow when a longer signal
// arrives, which detaches old views, so the views are re-made lazily when the buffer changes.
import { EmotiondError } from '../core/errors.ts';
import type { FeatureWasm } from './wasm-loader.ts';

export class WasmHeap {
  private buffer: ArrayBuffer | null = null;
  private f32View = new Float32Array(0);
  private i32View = new Int32Array(0);

  constructor(readonly wasm: FeatureWasm) {}

  /** A zeroed, 16-byte aligned block of n 4-byte slots; returns its byte address. */
  alloc(n: number): number {
    const ptr = this.wasm.arenaAlloc(Math.max(n, 1) * 4);
    if (ptr === 0) throw new EmotiondError('FEATURES', `WASM memory exhausted allocating ${n} floats`);
    return ptr;
  }

  /** The whole memory as f32; index = byte address / 4. */
  get f32(): Float32Array {
    this.refresh();
    return this.f32View;
  }

  get i32(): Int32Array {
    this.refresh();
    return this.i32View;
  }

  /** Allocates and fills a block with `data`; returns its byte address. */
  put(data: Float32Array | Int32Array): number {
    const ptr = this.alloc(data.length);
    (data instanceof Int32Array ? this.i32 : this.f32).set(data, ptr >> 2);
    return ptr;
  }

  private refresh(): void {
    const b = this.wasm.memory.buffer as ArrayBuffer;
    if (b !== this.buffer) {
      this.buffer = b;
      this.f32View = new Float32Array(b);
      this.i32View = new Int32Array(b);
    }
  }
}
