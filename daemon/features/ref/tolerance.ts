// How far a kernel's WASM output may sit from its reference: |got - want| <= abs + rel*|want|.
// Each reference declares its own beside the formula; the parity tests read them from there.
// The references compute in f64, the kernels in f32 with another summation order, so the
// bounds are a few f32 ulps scaled by the length of the sums involved.

export interface Tolerance {
  readonly abs: number;
  readonly rel: number;
}

export function withinTolerance(got: number, want: number, tol: Tolerance): boolean {
  return Math.abs(got - want) <= tol.abs + tol.rel * Math.abs(want);
}
