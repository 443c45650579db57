// Natural log and exp for f32, vector (f32x4) and scalar forms computing the same
// polynomials, so the SIMD and scalar builds agree to rounding. AssemblyScript's Mathf.log
// and Mathf.exp are scalar library code; these follow Cephes logf/expf as vectorised by
// J. Pommier's sse_mathfun (zlib licence): range reduction to a mantissa in
// [sqrt(1/2), sqrt(2)) and a degree-9 polynomial for log; 2^n * poly5 for exp. Both are
// within a few ulp of the exact value for normal positive inputs (callers floor inputs).

// @ts-ignore: decorator
@inline const SQRTHF: f32 = 0.707106781186547524;

// @ts-ignore: decorator
@inline export function logv(x: v128): v128 {
  let e = f32x4.convert_i32x4_s(i32x4.sub(i32x4.shr_u(x, 23), i32x4.splat(126)));
  let m = v128.or(v128.and(x, i32x4.splat(0x007fffff)), f32x4.splat(0.5));
  const small = f32x4.lt(m, f32x4.splat(SQRTHF));
  e = f32x4.sub(e, v128.and(f32x4.splat(1), small));
  m = f32x4.add(f32x4.sub(m, f32x4.splat(1)), v128.and(m, small));
  const z = f32x4.mul(m, m);
  let y = f32x4.splat(7.0376836292e-2);
  y = f32x4.add(f32x4.mul(y, m), f32x4.splat(-1.1514610310e-1));
  y = f32x4.add(f32x4.mul(y, m), f32x4.splat(1.1676998740e-1));
  y = f32x4.add(f32x4.mul(y, m), f32x4.splat(-1.2420140846e-1));
  y = f32x4.add(f32x4.mul(y, m), f32x4.splat(1.4249322787e-1));
  y = f32x4.add(f32x4.mul(y, m), f32x4.splat(-1.6668057665e-1));
  y = f32x4.add(f32x4.mul(y, m), f32x4.splat(2.0000714765e-1));
  y = f32x4.add(f32x4.mul(y, m), f32x4.splat(-2.4999993993e-1));
  y = f32x4.add(f32x4.mul(y, m), f32x4.splat(3.3333331174e-1));
  y = f32x4.mul(f32x4.mul(y, m), z);
  y = f32x4.add(y, f32x4.mul(e, f32x4.splat(-2.12194440e-4)));
  y = f32x4.sub(y, f32x4.mul(z, f32x4.splat(0.5)));
  return f32x4.add(f32x4.add(m, y), f32x4.mul(e, f32x4.splat(0.693359375)));
}

// @ts-ignore: decorator
@inline export function logs(x: f32): f32 {
  const bits = reinterpret<i32>(x);
  let e = <f32>((bits >>> 23) - 126);
  let m = reinterpret<f32>((bits & 0x007fffff) | 0x3f000000);
  if (m < SQRTHF) { e -= 1; m = m + m - 1; } else { m = m - 1; }
  const z = m * m;
  let y: f32 = 7.0376836292e-2;
  y = y * m - 1.1514610310e-1;
  y = y * m + 1.1676998740e-1;
  y = y * m - 1.2420140846e-1;
  y = y * m + 1.4249322787e-1;
  y = y * m - 1.6668057665e-1;
  y = y * m + 2.0000714765e-1;
  y = y * m - 2.4999993993e-1;
  y = y * m + 3.3333331174e-1;
  y = y * m * z;
  y += e * -2.12194440e-4;
  y -= z * 0.5;
  return m + y + e * 0.693359375;
}

// @ts-ignore: decorator
@inline export function expv(v: v128): v128 {
  const x0 = f32x4.min(f32x4.max(v, f32x4.splat(-87.3)), f32x4.splat(88.3));
  const fx = f32x4.floor(f32x4.add(f32x4.mul(x0, f32x4.splat(1.44269504088896341)), f32x4.splat(0.5)));
  let x = f32x4.sub(x0, f32x4.mul(fx, f32x4.splat(0.693359375)));
  x = f32x4.sub(x, f32x4.mul(fx, f32x4.splat(-2.12194440e-4)));
  const z = f32x4.mul(x, x);
  let y = f32x4.splat(1.9875691500e-4);
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(1.3981999507e-3));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(8.3334519073e-3));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(4.1665795894e-2));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(1.6666665459e-1));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(5.0000001201e-1));
  y = f32x4.add(f32x4.add(f32x4.mul(y, z), x), f32x4.splat(1));
  const pow2n = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(fx), i32x4.splat(127)), 23);
  return f32x4.mul(y, pow2n);
}

// @ts-ignore: decorator
@inline export function exps(v: f32): f32 {
  const x0 = min(max(v, <f32>-87.3), <f32>88.3);
  const fx = Mathf.floor(x0 * <f32>1.44269504088896341 + 0.5);
  let x = x0 - fx * 0.693359375;
  x -= fx * -2.12194440e-4;
  const z = x * x;
  let y: f32 = 1.9875691500e-4;
  y = y * x + 1.3981999507e-3;
  y = y * x + 8.3334519073e-3;
  y = y * x + 4.1665795894e-2;
  y = y * x + 1.6666665459e-1;
  y = y * x + 5.0000001201e-1;
  y = y * z + x + 1;
  return y * reinterpret<f32>((<i32>fx + 127) << 23);
}

/** Horizontal sum of the four lanes. */
// @ts-ignore: decorator
@inline export function hsum(v: v128): f32 {
  return (f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1)) +
    (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}
