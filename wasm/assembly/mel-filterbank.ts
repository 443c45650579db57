// Band energies E[b] = sum_k w_b[k] P[k] of triangular mel filters (HTK book 5.4). Each
// band stores only its non-zero run: bandsPtr holds (firstBin, length, weightOffset) as
// i32 triples, weights are packed in weightsPtr. Designed by the caller (see the reference).
// Reference: daemon/features/ref/mel-filterbank.ts
import { hsum } from './fast-math.ts';

export function melBands(powPtr: usize, bandsPtr: usize, nBands: i32, weightsPtr: usize, outPtr: usize): void {
  for (let b = 0; b < nBands; b++) {
    const d = bandsPtr + <usize>(b * 12);
    const p = powPtr + (<usize>load<i32>(d) << 2);
    const len = load<i32>(d, 4);
    const w = weightsPtr + (<usize>load<i32>(d, 8) << 2);
    let i = 0;
    let s: f32 = 0;
    if (ASC_FEATURE_SIMD) {
      let acc = f32x4.splat(0);
      for (; i + 4 <= len; i += 4) {
        const o = <usize>i << 2;
        acc = f32x4.add(acc, f32x4.mul(v128.load(p + o), v128.load(w + o)));
      }
      s = hsum(acc);
    }
    for (; i < len; i++) s += load<f32>(p + (<usize>i << 2)) * load<f32>(w + (<usize>i << 2));
    store<f32>(outPtr + (<usize>b << 2), s);
  }
}
