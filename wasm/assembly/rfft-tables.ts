// Tables for rfftPower on n real samples (n a power of two, 2..65536), M = n/2 complex
// points, filled once at set-up. Layout from tablePtr, in 4-byte slots:
//   [0, M)          bit-reversal permutation of 0..M-1 (i32)
//   [M, 2M)         stage twiddles, real: slot M + h + j holds cos(pi j/h), h = 1,2,4..M/2
//   [2M, 3M)        stage twiddles, imaginary: -sin(pi j/h) (forward transform)
//   [3M, 4M+1)      split twiddles cos(2 pi k/n), k = 0..M
//   [4M+1, 5M+2)    split twiddles sin(2 pi k/n)
// Per-stage twiddle runs are contiguous so the butterflies load them as f32x4.
// Reference: daemon/features/ref/rfft.ts (same layout is not needed there).

export function rfftTableBytes(n: i32): i32 {
  const m = n >> 1;
  return (5 * m + 2) << 2;
}

export function rfftInit(n: i32, tablePtr: usize): void {
  const m = n >> 1;
  let bits = 0;
  while ((1 << bits) < m) bits++;
  for (let i = 0; i < m; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
    store<i32>(tablePtr + (<usize>i << 2), r);
  }
  const re = tablePtr + (<usize>m << 2);
  const im = tablePtr + (<usize>(2 * m) << 2);
  for (let h = 1; h < m; h <<= 1) {
    for (let j = 0; j < h; j++) {
      const a = Math.PI * <f64>j / <f64>h;
      store<f32>(re + (<usize>(h + j) << 2), <f32>Math.cos(a));
      store<f32>(im + (<usize>(h + j) << 2), <f32>-Math.sin(a));
    }
  }
  const cr = tablePtr + (<usize>(3 * m) << 2);
  const sn = tablePtr + (<usize>(4 * m + 1) << 2);
  for (let k = 0; k <= m; k++) {
    const a = 2 * Math.PI * <f64>k / <f64>n;
    store<f32>(cr + (<usize>k << 2), <f32>Math.cos(a));
    store<f32>(sn + (<usize>k << 2), <f32>Math.sin(a));
  }
}
