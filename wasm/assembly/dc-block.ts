// One-pole DC blocker y[n] = x[n] - x[n-1] + a*y[n-1] (J. O. Smith, "Introduction to
// Digital Filters", appendix "DC Blocker"); a = 0.995 puts the -3 dB point near 13 Hz at
// 16 kHz, far below the 55 Hz pitch floor. The state starts as if x[0] had always been
// there, so a constant offset comes out as exactly 0 instead of a decaying step.
// Recursive, hence scalar in both builds: 3 flops a sample, once per signal.
// Reference: daemon/features/ref/dc-block.ts

export function dcBlock(inPtr: usize, outPtr: usize, n: i32, a: f32): void {
  if (n <= 0) return;
  let xPrev = load<f32>(inPtr);
  let yPrev: f32 = 0;
  for (let i = 0; i < n; i++) {
    const x = load<f32>(inPtr + (<usize>i << 2));
    const y = x - xPrev + a * yPrev;
    store<f32>(outPtr + (<usize>i << 2), y);
    xPrev = x;
    yPrev = y;
  }
}
