// Viterbi smoothing of the F0 candidates (cPitchSmootherViterbi; after Luengo et al., ICASSP
// 2007), states = the 6 candidates + "unvoiced", with openSMILE's eGeMAPS weights and its
// exact incremental decoding (40-frame buffer, output once all paths agree on a frame or
// forced from the cheapest path when the buffer is full, flushed at the end):
//   local, candidate:  2 (-ln clip(v, 0.01, 1) + 4 [v < 0.7]) + range(f)
//   local, unvoiced:   2 * 4 if any candidate has v >= 0.7, else 0
//   voiced -> voiced:  10 |ln f1 - ln f0| + 10 |ln f1 - ln f0 - last|  (999 to an empty candidate)
//   voiced <-> unvoiced: 10;  unvoiced -> unvoiced: 1
// range(f): 1 - f/100 below 100 Hz, 0 to 350 Hz, (f - 350)/250 to 600 Hz, 1.2 above, 2 for 0.
// `last` is the log ratio of the previously evaluated voiced transition, carried over
// evaluations as openSMILE does (its delta-continuity term). Returns the state per frame.
import { EGEMAPS as E } from './egemaps-config.ts';

const W_LOCAL = 2, W_TVV = 10, W_TVVD = 10, W_TVUV = 10, W_THR = 4, W_RANGE = 1, W_TUU = 1;

function rangeWeight(f: number): number {
  if (f > 0 && f < 100) return 1 - f / 100;
  if (f >= 100 && f < 350) return 0;
  if (f >= 350 && f < 600) return (f - 350) / 250;
  if (f >= 600) return 1.2;
  return 2;
}

/** Carried between evaluations: the log ratio of the last voiced transition evaluated. */
export interface TransitionState {
  lastChange: number;
}

/** Local cost of state s (a candidate, or nc = unvoiced) of the frame whose row starts at base. */
export function localCost(f0: Float64Array, voicing: Float64Array, base: number, s: number): number {
  const nc = E.shsCandidates, thr = E.voicingCutoff;
  if (s < nc) {
    const v = Math.min(Math.max(voicing[base + s], 0.01), 1);
    return (-Math.log(v) + (v < thr ? W_THR : 0)) * W_LOCAL + rangeWeight(f0[base + s]) * W_RANGE;
  }
  for (let j = 0; j < nc; j++) if (voicing[base + j] >= thr) return W_LOCAL * W_THR;
  return 0;
}

/**
 * Cost of going from state prev (row a at aBase) to state cur (row b at bBase); the rows
 * hold ln F0 of the candidates (-Infinity for an empty one), taken once per frame rather
 * than once per pair of candidates.
 */
export function transitionCost(
  a: Float64Array, aBase: number, b: Float64Array, bBase: number, cur: number, prev: number, tr: TransitionState,
): number {
  const nc = E.shsCandidates;
  if (cur < nc && prev < nc) {
    const la = a[aBase + prev], lb = b[bBase + cur];
    if (la === -Infinity || lb === -Infinity) return 999;
    const r = lb - la, x = W_TVV * Math.abs(r) + W_TVVD * Math.abs(r - tr.lastChange);
    tr.lastChange = r;
    return x;
  }
  if (cur === nc && prev === nc) return W_TUU;
  tr.lastChange = 0;
  return W_TVUV;
}

/** f0 and voicing: frames x candidates, row-major. */
export function viterbiStates(f0: Float64Array, voicing: Float64Array, frames: number): Int32Array {
  const nc = E.shsCandidates, ns = nc + 1, buf = E.viterbiBuffer;
  const states = new Int32Array(frames);
  const tr: TransitionState = { lastChange: 1 };
  const local = (f: number, s: number): number => localCost(f0, voicing, f * nc, s);
  const logF0 = f0.map(Math.log);
  const transition = (f: number, cur: number, prev: number): number =>
    transitionCost(logF0, (f - 1) * nc, logF0, f * nc, cur, prev, tr);
  let paths = new Int32Array(ns * buf), next = new Int32Array(ns * buf);
  let cost = new Float64Array(ns), costNew = new Float64Array(ns);
  let conv = -1;
  const best = (): number => {
    let m = 0;
    for (let i = 1; i < ns; i++) if (cost[i] < cost[m]) m = i;
    return m;
  };
  for (let f = 0; f < frames; f++) {
    if (f === 0) {
      for (let i = 0; i < ns; i++) {
        cost[i] = local(0, i);
        paths[i * buf] = i;
      }
    } else {
      for (let i = 0; i < ns; i++) {
        let arg = 0, min = transition(f, i, 0) + cost[0];
        for (let j = 1; j < ns; j++) {
          const c = transition(f, i, j) + cost[j];
          if (c < min) [min, arg] = [c, j];
        }
        costNew[i] = min + local(f, i);
        next.set(paths.subarray(arg * buf, arg * buf + buf), i * buf);
        next[i * buf + (f % buf)] = i;
      }
      [cost, costNew] = [costNew, cost];
      [paths, next] = [next, paths];
    }
    const idx = f + 1;
    if (idx - conv > buf) {
      conv++;
      states[conv] = paths[best() * buf + (conv % buf)];
    } else {
      for (let t = conv + 1; t < idx; t++) {
        const x = paths[t % buf];
        let agree = true;
        for (let i = 1; i < ns && agree; i++) agree = paths[i * buf + (t % buf)] === x;
        if (!agree) break;
        conv = t;
        states[t] = x;
      }
    }
  }
  const m = best();
  for (let t = conv + 1; t < frames; t++) states[t] = paths[m * buf + (t % buf)];
  return states;
}
