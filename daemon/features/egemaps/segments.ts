// Voiced and unvoiced segments of the smoothed F0 contour, as openSMILE's cFunctionalSegments
// finds them for eGeMAPS (segmentationAlgorithm nonX / eqX with X = 0, segMinLng 3,
// pauseMinLng 2): a segment starts after 3 consecutive frames of the kind (a 1-frame gap of
// the other kind inside the first 3 frames is tolerated) and ends at 2 consecutive frames of
// the other kind; its length is counted as openSMILE does, from its first frame to the
// frame before the last one (one frame short). Statistics per second of contour:
//   count / duration, mean length, population std of the lengths (both seconds; 0 for < 2).

export interface SegmentStats {
  perSecond: number;
  meanLength: number;
  stdLength: number;
}

/** `inSegment(i)` says whether frame i is of the segment kind (voiced for nonX). */
export function segmentStats(n: number, inSegment: (i: number) => boolean, period: number): SegmentStats {
  const lengths: number[] = [];
  let state = 0, segStart = 0, segEnd = 0, startIndex = 0;
  for (let i = 0; i < n; i++) {
    if (inSegment(i)) {
      if (state === 1) {
        segEnd = 0;
        if (++segStart >= 3) [segStart, state] = [0, 2];
      } else if (state === 0) [segStart, startIndex, state] = [segStart + 1, i, 1];
      else segEnd = 0;
    } else if (state === 2) {
      segStart = 0;
      if (++segEnd >= 2) {
        lengths.push(i - segEnd - startIndex);
        [state, segEnd] = [0, 0];
      }
    } else if (state === 1 && ++segEnd >= 2) [state, segEnd, segStart] = [0, 0, 0];
  }
  if (state === 2) lengths.push(n - (segEnd + 1) - startIndex);
  const count = lengths.length;
  if (n === 0) return { perSecond: 0, meanLength: 0, stdLength: 0 };
  const mean = count ? lengths.reduce((s, x) => s + x, 0) / count : 0;
  const std = count > 1 ? Math.sqrt(lengths.reduce((s, x) => s + (x - mean) ** 2, 0) / count) : 0;
  return { perSecond: count / (n * period), meanLength: mean * period, stdLength: std * period };
}
