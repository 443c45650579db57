// Frame level in dBFS (RMS relative to full scale), the score the energy VAD decides on.

/** 10 ms at 16 kHz: the VAD's decision step. */
export const VAD_FRAME = 160;

export function frameDbfs(samples: Float32Array, start: number, length: number): number {
  let sum = 0;
  for (let i = start; i < start + length; i++) {
    const v = samples[i];
    // Non-finite samples count as silence rather than poisoning the level.
    if (Number.isFinite(v)) sum += v * v;
  }
  const rms = Math.sqrt(sum / Math.max(1, length));
  return rms > 1e-10 ? 20 * Math.log10(rms) : -200;
}

/**
 * A noise-floor tracker: follows the level down at once and up slowly, so that
 * speech (short bursts well above the floor) barely moves it while a room that gets
 * louder (a fan switched on) raises it within seconds.
 */
export class NoiseFloor {
  private floor: number;
  constructor(
    initialDb = -70,
    /** dB per frame the floor may rise: 0.02 dB per 10 ms = 2 dB/s. */
    private readonly risePerFrame = 0.02,
  ) {
    this.floor = initialDb;
  }
  update(levelDb: number): number {
    if (levelDb < this.floor) this.floor = levelDb < -120 ? -120 : levelDb;
    else this.floor += Math.min(this.risePerFrame, levelDb - this.floor);
    return this.floor;
  }
  get value(): number {
    return this.floor;
  }
}
