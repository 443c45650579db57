// The energy detector as a frame scorer: 1 when the frame stands far enough above the
// tracked noise floor and above an absolute floor, else 0. Cheap, no model, no warm-up:
// the fallback when Silero cannot load, and the engine of choice on the smallest devices.
import type { FrameScorer } from './frame-scorer.ts';
import { frameDbfs, NoiseFloor, VAD_FRAME } from './frame-level.ts';

export interface EnergyScorerOptions {
  /** Speech when the frame is this many dB above the noise floor... */
  threshold_db: number;
  /** ...and above this absolute level (dBFS). */
  min_level_dbfs: number;
}

export class EnergyScorer implements FrameScorer {
  readonly engine = 'energy' as const;
  readonly frameSamples = VAD_FRAME;
  private floor = new NoiseFloor();

  constructor(private readonly opt: EnergyScorerOptions) {}

  score(frame: Float32Array): number {
    const level = frameDbfs(frame, 0, frame.length);
    // Judged against the floor before this frame moves it.
    const speech = level >= this.opt.min_level_dbfs && level >= this.floor.value + this.opt.threshold_db;
    this.floor.update(level);
    return speech ? 1 : 0;
  }

  reset(): void {
    this.floor = new NoiseFloor();
  }

  async dispose(): Promise<void> {}
}
