// Shared by the kernel parity tests: seeded input, the two WASM builds, copying arrays in and
// out of linear memory, and comparison against a reference's declared tolerance.
import * as assert from 'uvu/assert';
import type { Tolerance } from '../../../daemon/features/ref/tolerance.ts';
import { WasmHeap } from '../../../daemon/features/wasm-heap.ts';
import { loadFeatureWasm, type FeatureWasm, type WasmVariant } from '../../../daemon/features/wasm-loader.ts';

export const EDGE_LENGTHS: readonly number[] = [0, 1, 3, 4, 5, 63, 64, 65, 400, 512];
export const VARIANTS: readonly WasmVariant[] = ['simd', 'scalar'];

/** mulberry32: a small seeded generator, uniform in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n values uniform in [lo, hi). */
export function randomArray(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const r = rng(seed);
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * r());
}

/** One instance of a build with helpers to move arrays in and out; reset() frees them. */
export class WasmKit {
  readonly heap: WasmHeap;
  private readonly mark: number;
  constructor(readonly wasm: FeatureWasm, readonly variant: WasmVariant) {
    this.heap = new WasmHeap(wasm);
    this.mark = wasm.arenaMark();
  }
  put(data: Float32Array | Int32Array): number {
    return this.heap.put(data);
  }
  alloc(n: number): number {
    return this.heap.alloc(n);
  }
  read(ptr: number, n: number): Float32Array {
    return this.heap.f32.slice(ptr >> 2, (ptr >> 2) + n);
  }
  reset(): void {
    this.wasm.arenaReset(this.mark);
  }
}

let kits: Promise<WasmKit[]> | null = null;
/** Both builds, instantiated once per test file. */
export function wasmKits(): Promise<WasmKit[]> {
  return (kits ??= Promise.all(VARIANTS.map(async (v) => new WasmKit(await loadFeatureWasm(v), v))));
}

export function assertClose(got: ArrayLike<number>, want: ArrayLike<number>, tol: Tolerance, label: string): void {
  assert.is(got.length, want.length, `${label}: length`);
  for (let i = 0; i < want.length; i++) {
    const g = got[i], w = want[i];
    const ok = Number.isFinite(g) && Math.abs(g - w) <= tol.abs + tol.rel * Math.abs(w);
    if (!ok) assert.unreachable(`${label}[${i}]: got ${g}, want ${w} (tolerance abs ${tol.abs}, rel ${tol.rel})`);
  }
}

export function assertNumberClose(got: number, want: number, tol: Tolerance, label: string): void {
  assertClose([got], [want], tol, label);
}
