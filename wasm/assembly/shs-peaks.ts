// Greedy peak picking of the subharmonic-sum pitch spectrum (openSMILE cPitchShs,
// greedyPeakAlgo=1): the m highest local maxima s[i-1] < s[i] > s[i+1], i in 1..n-2, in
// descending order (of equal values the earlier first), and the mean of s[0..n-1], which
// the voicing 1 - mean/peak needs. Bins go to idxPtr (i32 x m, 0 past the count), their
// values to valPtr (f32 x m), the mean to meanPtr (f32); returns the count. The neighbour
// tests run four bins at a time; only bins that pass are inserted (a handful per frame).
// Reference: daemon/features/ref/shs-peaks.ts

// @ts-ignore: decorator
@inline function ld(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }

// @ts-ignore: decorator
@inline function insert(i: i32, y: f32, m: i32, count: i32, idxPtr: usize, valPtr: usize): i32 {
  for (let j = 0; j < m; j++) {
    const pj = ld(valPtr, j);
    if (j >= count || pj < y) {
      for (let k = m - 1; k > j; k--) {
        store<i32>(idxPtr + (<usize>k << 2), load<i32>(idxPtr + (<usize>(k - 1) << 2)));
        store<f32>(valPtr + (<usize>k << 2), ld(valPtr, k - 1));
      }
      store<i32>(idxPtr + (<usize>j << 2), i);
      store<f32>(valPtr + (<usize>j << 2), y);
      return count < m ? count + 1 : count;
    }
  }
  return count;
}

export function shsPeaks(sPtr: usize, n: i32, m: i32, idxPtr: usize, valPtr: usize, meanPtr: usize): i32 {
  memory.fill(idxPtr, 0, <usize>max(m, 0) << 2);
  memory.fill(valPtr, 0, <usize>max(m, 0) << 2);
  if (n <= 0) {
    store<f32>(meanPtr, 0);
    return 0;
  }
  let count = 0;
  let sum: f32 = 0;
  let i = 1;
  if (ASC_FEATURE_SIMD) {
    let acc = f32x4.splat(0);
    for (; i + 4 <= n - 1; i += 4) {
      const o = sPtr + (<usize>i << 2);
      const c = v128.load(o);
      acc = f32x4.add(acc, c);
      let m4 = v128.and(f32x4.gt(c, v128.load(o - 4)), f32x4.gt(c, v128.load(o + 4)));
      // Once the list is full only values above its smallest entry can enter.
      if (count == m) m4 = v128.and(m4, f32x4.gt(c, f32x4.splat(ld(valPtr, m - 1))));
      const bits = i32x4.bitmask(m4);
      if (bits == 0) continue;
      for (let l = 0; l < 4; l++) {
        if (!(bits & (1 << l))) continue;
        const y = ld(sPtr, i + l);
        // Full and not above the smallest kept peak: it cannot enter.
        if (count == m && !(y > ld(valPtr, m - 1))) continue;
        count = insert(i + l, y, m, count, idxPtr, valPtr);
      }
    }
    sum = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
  }
  for (; i < n - 1; i++) {
    const y = ld(sPtr, i);
    sum += y;
    if (!(ld(sPtr, i - 1) < y && y > ld(sPtr, i + 1))) continue;
    if (count == m && !(y > ld(valPtr, m - 1))) continue;
    count = insert(i, y, m, count, idxPtr, valPtr);
  }
  sum += ld(sPtr, 0);
  if (n > 1) sum += ld(sPtr, n - 1);
  store<f32>(meanPtr, sum / <f32>n);
  return count;
}
