// Reference for wasm/assembly/centered-xcorr.ts: Pearson correlation of two n-sample windows
// of one signal, x[a..a+n) and x[b..b+n) (openSMILE cPitchJitter::crossCorr, used to match
// consecutive pitch periods): sum (x - mx)(y - my) / sqrt(sum (x - mx)^2 sum (y - my)^2),
// means over the window; 0 when either window is constant.
import type { Tolerance } from './tolerance.ts';

export const centeredXcorrTolerance: Tolerance = { abs: 1e-4, rel: 0 };

export function centeredXcorr(x: Float32Array, a: number, b: number, n: number): number {
  if (n <= 0) return 0;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[a + i];
    my += x[b + i];
  }
  mx /= n;
  my /= n;
  let c = 0, vx = 0, vy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[a + i] - mx, dy = x[b + i] - my;
    c += dx * dy;
    vx += dx * dx;
    vy += dy * dy;
  }
  return vx > 0 && vy > 0 ? c / Math.sqrt(vx * vy) : 0;
}
