// `eval --degrade noise:10,reverb:0.5`: the test audio as a room would deliver it. The
// steps are applied together to every test file, reverberation first (the talker is in
// the room), then noise (a source of its own, not reverberated here). Seeded per file, so
// the degraded features are cached like any others. Training audio is never degraded by
// this option (use --augment for that).
import type { DecodedAudio } from '../core/types.ts';
import { seedFromKey } from './augment.ts';
import { createRng } from './rng.ts';
import { addAtSnr, babble, pinkNoise, reverberate, whiteNoise } from './room.ts';

export type DegradeStep =
  | { kind: 'reverb'; rt60: number }
  /** 'noise' is babble and white noise in equal parts; the others are one kind each. */
  | { kind: 'noise' | 'white' | 'pink' | 'babble'; snrDb: number };

export interface Degradation {
  steps: DegradeStep[];
  /** Canonical spelling, also part of the feature cache key: `reverb:0.5+noise:10`. */
  id: string;
}

/** Talkers mixed into babble. */
export const BABBLE_TALKERS = 4;
const ORDER: Record<DegradeStep['kind'], number> = { reverb: 0, noise: 1, white: 1, pink: 1, babble: 1 };

export function parseDegradation(spec: string): Degradation {
  const steps: DegradeStep[] = [];
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(reverb|noise|white|pink|babble):(-?\d+(?:\.\d+)?)$/.exec(part);
    if (!m) throw new RangeError(`--degrade '${part}': expected reverb:<RT60 s>, noise:<SNR dB>, white:<SNR dB>, pink:<SNR dB> or babble:<SNR dB>`);
    const v = Number(m[2]);
    if (m[1] === 'reverb') {
      if (!(v > 0 && v <= 5)) throw new RangeError(`--degrade '${part}': RT60 must be in (0, 5] seconds`);
      steps.push({ kind: 'reverb', rt60: v });
    } else {
      if (!(v >= -10 && v <= 60)) throw new RangeError(`--degrade '${part}': SNR must be in [-10, 60] dB`);
      steps.push({ kind: m[1] as 'noise', snrDb: v });
    }
  }
  if (steps.length === 0) throw new RangeError('--degrade: name at least one step, e.g. noise:10,reverb:0.5');
  const kinds = steps.map((s) => s.kind);
  if (new Set(kinds).size !== kinds.length) throw new RangeError('--degrade: a step is listed twice');
  if (kinds.filter((k) => k !== 'reverb').length > 1) throw new RangeError('--degrade: one noise step at most (noise is babble and white together)');
  steps.sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
  return { steps, id: steps.map((s) => `${s.kind}:${s.kind === 'reverb' ? s.rt60 : s.snrDb}`).join('+') };
}

/**
 * Degrades one file. `key` (its path inside its corpus) seeds everything; `talkers` gives
 * the audio of other speakers for babble (asked for only when a step needs it).
 */
export async function degradeAudio(
  audio: DecodedAudio, d: Degradation, key: string, talkers: () => Promise<Float32Array[]>,
): Promise<DecodedAudio> {
  const rng = createRng(seedFromKey(`${d.id}|${key}`));
  let x = audio.samples;
  for (const step of d.steps) {
    if (step.kind === 'reverb') {
      x = reverberate(x, step.rt60, rng);
      continue;
    }
    const n = x.length;
    let noise: Float32Array;
    if (step.kind === 'white') noise = whiteNoise(n, rng);
    else if (step.kind === 'pink') noise = pinkNoise(n, rng);
    else {
      const b = normalised(babble(n, await talkers()));
      if (step.kind === 'babble') noise = b;
      else {
        const w = normalised(whiteNoise(n, rng));
        noise = Float32Array.from(b, (v, i) => (v + w[i]) / Math.SQRT2);
      }
    }
    x = addAtSnr(x, noise, step.snrDb);
  }
  return { ...audio, samples: x };
}

/** Unit mean power (a silent input stays silent). */
function normalised(x: Float32Array): Float32Array {
  let p = 0;
  for (const v of x) p += v * v;
  p /= Math.max(x.length, 1);
  const g = p > 0 ? 1 / Math.sqrt(p) : 0;
  return Float32Array.from(x, (v) => v * g);
}
