// What a fuzzer tried and how each input ended: accepted, rejected with a clear one-line
// error, or a crash (anything else thrown, a multi-line or unnamed message) or a hang (an
// input over the time limit). Crashes and hangs keep their seed and index to reproduce them.
import { EmotiondError } from '../../daemon/core/errors.ts';

export interface FuzzReport {
  name: string;
  seed: number;
  inputs: number;
  accepted: number;
  rejected: number;
  crashes: number;
  hangs: number;
  slowest_ms: number;
  /** The first few failures, for the record. */
  failures: string[];
  ok: boolean;
}

export class FuzzTally {
  private r: FuzzReport;
  constructor(name: string, seed: number, private readonly limitMs: number) {
    this.r = { name, seed, inputs: 0, accepted: 0, rejected: 0, crashes: 0, hangs: 0, slowest_ms: 0, failures: [], ok: true };
  }

  /**
   * Runs one input. `clear` decides whether a rejection is a clear one (beyond being an
   * EmotiondError): e.g. that it names the input and holds no secret.
   */
  async run(i: number, fn: () => unknown, clear: (err: EmotiondError) => string | null = oneLine): Promise<void> {
    this.r.inputs++;
    const t0 = performance.now();
    let failure: string | null = null;
    try {
      await fn();
      this.r.accepted++;
    } catch (err) {
      if (err instanceof EmotiondError) {
        failure = clear(err);
        if (failure === null) this.r.rejected++;
      } else failure = `crash: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
      if (failure) this.r.crashes++;
    }
    const ms = performance.now() - t0;
    this.r.slowest_ms = Math.max(this.r.slowest_ms, Math.round(ms));
    if (ms > this.limitMs) {
      this.r.hangs++;
      failure ??= `over the time limit: ${ms.toFixed(0)} ms`;
    }
    if (failure && this.r.failures.length < 10) this.r.failures.push(`#${i}: ${failure.slice(0, 300)}`);
  }

  report(): FuzzReport {
    return { ...this.r, ok: this.r.crashes === 0 && this.r.hangs === 0 };
  }
}

/** A clear rejection: one line, not empty. */
export function oneLine(err: EmotiondError): string | null {
  if (!err.message.trim()) return 'empty message';
  if (err.message.includes('\n')) return `multi-line message: ${JSON.stringify(err.message.slice(0, 200))}`;
  return null;
}
