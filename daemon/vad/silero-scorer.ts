// Silero VAD v5 as a frame scorer, run by onnxruntime-web. The model file comes from the
// @ricky0123/vad-web package (its JavaScript targets browsers; only the .onnx is used):
// 512-sample frames at 16 kHz, each preceded by the last 64 samples of the frame before
// (as silero-vad's own OnnxWrapper does), and a recurrent state carried frame to frame.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as ort from 'onnxruntime-web';
import { EmotiondError, errorMessage } from '../core/errors.ts';
import type { FrameScorer } from './frame-scorer.ts';
import { frameDbfs } from './frame-level.ts';

ort.env.wasm.numThreads = 1;

export const SILERO_FRAME = 512;
const CONTEXT = 64;
const STATE_SIZE = 2 * 1 * 128;

/** Where the package keeps Silero v5; resolved like an import so hoisting does not matter. */
export function bundledSileroPath(): string {
  return createRequire(import.meta.url).resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx');
}

export interface SileroScorerOptions {
  /** The .onnx file; default the package's Silero v5. */
  modelPath?: string;
  /**
   * Frames quieter than this (dBFS) score 0 without running the model: digital silence and
   * a quiet room then cost almost nothing. -120 runs the model on every frame.
   */
  gateDbfs?: number;
}

export class SileroScorer implements FrameScorer {
  readonly engine = 'silero' as const;
  readonly frameSamples = SILERO_FRAME;
  private state: ort.Tensor;
  private readonly input = new Float32Array(CONTEXT + SILERO_FRAME);
  private readonly sr = new ort.Tensor('int64', BigInt64Array.from([16000n]), []);
  /** Frames the model actually ran on (the gate skips the rest). */
  inferences = 0;

  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly gateDbfs: number,
  ) {
    this.state = zeroState();
  }

  /** Loads and probes the model; throws MODEL_INVALID naming the file. */
  static async load(opts: SileroScorerOptions = {}): Promise<SileroScorer> {
    const path = opts.modelPath ?? bundledSileroPath();
    let session: ort.InferenceSession;
    try {
      // Bytes, not the path: onnxruntime-web would fetch a path string as a URL.
      session = await ort.InferenceSession.create(await readFile(path), { executionProviders: ['wasm'] });
    } catch (err) {
      throw new EmotiondError('MODEL_INVALID', `Silero VAD model ${path}: ${errorMessage(err)}`, { cause: err });
    }
    const want = ['input', 'state', 'sr'];
    if (!want.every((n) => session.inputNames.includes(n)) || !session.outputNames.includes('stateN')) {
      await session.release().catch(() => undefined);
      throw new EmotiondError(
        'MODEL_INVALID',
        `Silero VAD model ${path}: inputs (${session.inputNames.join(', ')}) are not those of Silero v5 (${want.join(', ')})`,
      );
    }
    const scorer = new SileroScorer(session, opts.gateDbfs ?? -120);
    await scorer.infer(new Float32Array(SILERO_FRAME)); // fails now, not on the first word
    scorer.reset();
    return scorer;
  }

  score(frame: Float32Array): number | Promise<number> {
    if (frameDbfs(frame, 0, frame.length) < this.gateDbfs) {
      // The model does not see this frame, but the next one it sees must not get stale context.
      this.input.fill(0, 0, CONTEXT);
      return 0;
    }
    return this.infer(frame);
  }

  reset(): void {
    this.state = zeroState();
    this.input.fill(0);
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }

  private async infer(frame: Float32Array): Promise<number> {
    this.inferences++;
    const x = this.input;
    x.set(frame.subarray(0, SILERO_FRAME), CONTEXT);
    // ORT may keep the input's buffer until run() resolves: hand it a copy.
    const input = new ort.Tensor('float32', x.slice(), [1, x.length]);
    x.copyWithin(0, SILERO_FRAME, SILERO_FRAME + CONTEXT);
    const out = await this.session.run({ input, state: this.state, sr: this.sr });
    this.state = out.stateN;
    const p = (out.output.data as Float32Array)[0];
    return Number.isFinite(p) ? p : 0;
  }
}

function zeroState(): ort.Tensor {
  return new ort.Tensor('float32', new Float32Array(STATE_SIZE), [2, 1, 128]);
}
