// out[k] = ln(max(P[k], floor)): the log power spectrum, computed once per frame and
// shared by flatness, entropy and slope. The floor keeps empty bins finite.
// Reference: daemon/features/ref/log-power.ts
import { logs, logv } from './fast-math.ts';

export function logPower(inPtr: usize, n: i32, floor: f32, outPtr: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const f = f32x4.splat(floor);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(outPtr + o, logv(f32x4.max(v128.load(inPtr + o), f)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(outPtr + o, logs(max(load<f32>(inPtr + o), floor)));
  }
}
