// Audio augmentations for training rows. Speed perturbation (resampling, so pitch,
// formants and tempo move together, as between a shorter and a longer vocal tract) makes
// new pseudo-speakers from the few a corpus has, which is what speaker-independent
// evaluation punishes a model for lacking. Noise at a set SNR and gain changes are there
// for robustness to the rooms and microphones the daemon will meet. Every augmentation
// is deterministic per file (noise is seeded from the file's path), so cached features
// stay valid and runs are reproducible.
import { createHash } from 'node:crypto';
import { SAMPLE_RATE, type DecodedAudio } from '../core/types.ts';
import { resample } from '../audio/resample.ts';
import { createRng } from './rng.ts';
import { parseDegradation, type Degradation } from './degrade.ts';

export type Augmentation =
  | { kind: 'speed'; factor: number }
  | { kind: 'noise'; snrDb: number }
  | { kind: 'gain'; db: number }
  /** A room (degrade.ts): steps chained with '+', e.g. `reverb:0.8+noise:5` (there `noise` is babble + white). */
  | { kind: 'room'; degradation: Degradation };

/** The canonical spelling, also part of the feature cache key: `speed:0.9`, `noise:20`, `gain:-6`. */
export function augmentationId(a: Augmentation): string {
  // The same key as `eval --degrade` with the same steps: the two share cached features.
  if (a.kind === 'room') return `degrade:${a.degradation.id}`;
  if (a.kind === 'speed') return `speed:${a.factor}`;
  if (a.kind === 'noise') return `noise:${a.snrDb}`;
  return `gain:${a.db}`;
}

/** Parses `speed:0.9,speed:1.1,noise:20` (also accepts several strings); throws RangeError on anything else. */
export function parseAugmentations(specs: string | readonly string[]): Augmentation[] {
  const parts = (typeof specs === 'string' ? [specs] : specs).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  const out: Augmentation[] = [];
  for (const p of parts) {
    if (p.includes('+') || /^(reverb|white|pink|babble):/.test(p)) {
      out.push({ kind: 'room', degradation: parseDegradation(p.replace(/\+/g, ',')) });
      continue;
    }
    const m = /^(speed|noise|gain):(-?\d+(?:\.\d+)?)$/.exec(p);
    if (!m) throw new RangeError(`augmentation '${p}': expected speed:<factor>, noise:<snr dB>, gain:<dB> or a room such as reverb:0.8+noise:5`);
    const v = Number(m[2]);
    if (m[1] === 'speed') {
      if (!(v >= 0.5 && v <= 2) || v === 1) throw new RangeError(`augmentation '${p}': speed factor must be in [0.5, 2] and not 1`);
      out.push({ kind: 'speed', factor: v });
    } else if (m[1] === 'noise') {
      out.push({ kind: 'noise', snrDb: v });
    } else {
      out.push({ kind: 'gain', db: v });
    }
  }
  const ids = out.map(augmentationId);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new RangeError(`augmentation '${dup}' is listed twice`);
  return out;
}

/** Speed factor f: the result is 1/f as long, every frequency f times higher. */
export function speedPerturb(samples: Float32Array, factor: number): Float32Array {
  // Reading the signal as if sampled at f * rate and converting back to the rate keeps the
  // ratio small (0.9 -> 144/160), so the polyphase filter stays short.
  return resample(samples, Math.round(SAMPLE_RATE * factor), SAMPLE_RATE);
}

/** Mean power of the loudest half of 20 ms blocks: the speech level, not diluted by pauses. */
export function activePower(samples: Float32Array): number {
  const block = SAMPLE_RATE / 50;
  const powers: number[] = [];
  for (let s = 0; s < samples.length; s += block) {
    let p = 0;
    const end = Math.min(samples.length, s + block);
    for (let i = s; i < end; i++) p += samples[i] * samples[i];
    powers.push(p / Math.max(end - s, 1));
  }
  if (powers.length === 0) return 0;
  powers.sort((a, b) => b - a);
  const top = powers.slice(0, Math.max(1, Math.ceil(powers.length / 2)));
  return top.reduce((a, b) => a + b, 0) / top.length;
}

/** White Gaussian noise at `snrDb` below the active speech power, seeded. */
export function addNoise(samples: Float32Array, snrDb: number, seed: number): Float32Array {
  const sigma = Math.sqrt(activePower(samples) / 10 ** (snrDb / 10));
  const rng = createRng(seed);
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i] + sigma * rng.normal();
  return out;
}

export function applyGain(samples: Float32Array, db: number): Float32Array {
  const g = 10 ** (db / 20);
  return Float32Array.from(samples, (v) => Math.max(-1, Math.min(1, v * g)));
}

/** A 32-bit seed from a string (a file's path inside its corpus), stable across runs and machines. */
export function seedFromKey(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32LE(0);
}

/** Applies one augmentation but a room (degradeAudio does those); `key` (the file's path inside its corpus) seeds the noise. */
export function augmentAudio(audio: DecodedAudio, a: Exclude<Augmentation, { kind: 'room' }>, key: string): DecodedAudio {
  const x = audio.samples;
  const samples = a.kind === 'speed' ? speedPerturb(x, a.factor)
    : a.kind === 'noise' ? addNoise(x, a.snrDb, seedFromKey(key))
    : applyGain(x, a.db);
  return { ...audio, samples };
}
