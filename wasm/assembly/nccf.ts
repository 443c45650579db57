// Normalised cross-correlation of a window with its lagged copies (Talkin, "A robust
// algorithm for pitch tracking (RAPT)", 1995, eq. 2):
//   r(t) = sum_{i<n} s[i] s[i+t] / sqrt(e0 e_t),  e_t = sum_{i<n} s[i+t]^2,
// for minLag <= t <= maxLag, written to out[t - minLag]; 0 where e0 e_t = 0; clamped to
// [-1, 1]. Energies are f64 and e_t is updated as the window slides. SIMD computes four
// lags per pass so each load of the window serves four products. Reads s[0, maxLag + n).
// Returns e0. Reference: daemon/features/ref/nccf.ts
import { hsum } from './fast-math.ts';
import { energy64 } from './energy64.ts';

// @ts-ignore: decorator
@inline function at(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }

let e0g: f64 = 0;
let etg: f64 = 0;

/** Stores r(t) from its dot product and slides e_t to e_{t+1}. */
// @ts-ignore: decorator
@inline function emit(s: usize, n: i32, t: i32, minLag: i32, dot: f32, out: usize): void {
  const d = e0g * etg;
  const r = d > 0 ? <f64>dot / Math.sqrt(d) : 0;
  store<f32>(out + (<usize>(t - minLag) << 2), <f32>min(max(r, -1), 1));
  const leaving = <f64>at(s, t), entering = <f64>at(s, t + n);
  etg = max(etg + entering * entering - leaving * leaving, 0);
}

/** nccf with e0 already known (pitch.ts checks it for silence first). */
export function nccfWithEnergy(s: usize, n: i32, e0: f64, minLag: i32, maxLag: i32, out: usize): void {
  e0g = e0;
  etg = energy64(s + (<usize>minLag << 2), n);
  let t = minLag;
  if (ASC_FEATURE_SIMD) {
    for (; t + 3 <= maxLag; t += 4) {
      const y = s + (<usize>t << 2);
      let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
      let i = 0;
      for (; i + 4 <= n; i += 4) {
        const o = <usize>i << 2;
        const x = v128.load(s + o);
        a0 = f32x4.add(a0, f32x4.mul(x, v128.load(y + o)));
        a1 = f32x4.add(a1, f32x4.mul(x, v128.load(y + o + 4)));
        a2 = f32x4.add(a2, f32x4.mul(x, v128.load(y + o + 8)));
        a3 = f32x4.add(a3, f32x4.mul(x, v128.load(y + o + 12)));
      }
      let d0 = hsum(a0), d1 = hsum(a1), d2 = hsum(a2), d3 = hsum(a3);
      for (; i < n; i++) {
        const x = at(s, i);
        d0 += x * at(y, i); d1 += x * at(y, i + 1); d2 += x * at(y, i + 2); d3 += x * at(y, i + 3);
      }
      emit(s, n, t, minLag, d0, out);
      emit(s, n, t + 1, minLag, d1, out);
      emit(s, n, t + 2, minLag, d2, out);
      emit(s, n, t + 3, minLag, d3, out);
    }
  }
  for (; t <= maxLag; t++) {
    const y = s + (<usize>t << 2);
    let dot: f32 = 0;
    for (let i = 0; i < n; i++) dot += at(s, i) * at(y, i);
    emit(s, n, t, minLag, dot, out);
  }
}

export function nccf(sigPtr: usize, n: i32, minLag: i32, maxLag: i32, outPtr: usize): f32 {
  const e0 = energy64(sigPtr, n);
  nccfWithEnergy(sigPtr, n, e0, minLag, maxLag, outPtr);
  return <f32>e0;
}
