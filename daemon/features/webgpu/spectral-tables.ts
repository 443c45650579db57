// Constant tables the WGSL kernels read, made once on the CPU in f64 and rounded to f32.
// The window, mel filterbank and DCT are the WASM backend's own (kernel-tables.ts), so both
// backends multiply by the same numbers.

/** W_N^k = (cos, -sin)(2 pi k / N) for k = 0..N/2, interleaved: rfft.wgsl's twiddle table. */
export function fftTwiddles(n: number): Float32Array {
  const t = new Float32Array(2 * (n / 2 + 1));
  for (let k = 0; k <= n / 2; k++) {
    t[2 * k] = Math.cos((2 * Math.PI * k) / n);
    t[2 * k + 1] = -Math.sin((2 * Math.PI * k) / n);
  }
  return t;
}
