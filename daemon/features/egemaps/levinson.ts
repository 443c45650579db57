// Levinson-Durbin recursion (Makhoul, Proc. IEEE 63, 1975): the prediction-error filter
// A(z) = 1 + sum a_i z^-i of order p from an autocorrelation r[0..p] (openSMILE cLpc
// method=acf). Reference of the recursion inside wasm/assembly/lpc-roots.ts.

// Scratch reused across calls (no state is kept in it between calls).
const scratch = { prev: new Float64Array(11) };

/** Levinson-Durbin: a[0..p-1] for A(z) = 1 + sum a_i z^-i; false when r[0] is 0. */
export function levinson(r: ArrayLike<number>, p: number, a: Float64Array): boolean {
  a.fill(0);
  let e = r[0];
  if (!(e > 0)) return false;
  if (scratch.prev.length < a.length) scratch.prev = new Float64Array(a.length);
  const prev = scratch.prev;
  for (let m = 1; m <= p; m++) {
    let s = r[m];
    for (let i = 1; i < m; i++) s += a[i - 1] * r[m - i];
    const k = -s / e;
    prev.set(a);
    a[m - 1] = k;
    for (let i = 1; i < m; i++) a[i - 1] = prev[i - 1] + k * prev[m - i - 1];
    e *= 1 - k * k;
    if (!(e > 0)) break;
  }
  return true;
}

