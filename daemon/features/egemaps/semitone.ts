// F0 in semitones re 27.5 Hz as openSMILE's eGeMAPSv02 writes it: 12 log2(f0/27.5), with
// the few F0 values just above 27.5 Hz (below 29.136 Hz, where the log would round to under
// one semitone) written as 1, and 0 for unvoiced frames.

export function semitone(f0: number): number {
  return f0 > 29.136 ? 12 * Math.log2(f0 / 27.5) : f0 > 0 ? 1 : 0;
}
