// Reloads are expensive (the model is read and compiled again) and anyone who can publish on
// the set topic can ask for one: 300 `reload` commands in 16 s used to cause 294 reloads.
// Requests are coalesced: one runs at a time, at most one per `minIntervalMs`, and every
// request that comes while one runs or too soon after it is served by one more reload later
// (which reads the newest config).
export class ReloadGate {
  private running: Promise<boolean> | null = null;
  private pending: Promise<boolean> | null = null;
  private lastStart = -Infinity;
  private closed = false;

  constructor(
    private readonly minIntervalMs: number,
    private readonly reload: () => Promise<boolean>,
    private readonly now: () => number = () => performance.now(),
    private readonly wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms).unref()),
  ) {}

  /** Asks for a reload; resolves with the result of the reload that serves it (false once closed). */
  request(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (this.pending) {
      this.coalesced++;
      return this.pending;
    }
    if (!this.running && this.now() - this.lastStart >= this.minIntervalMs) return this.start();
    this.pending = (async () => {
      await this.running?.catch(() => undefined);
      const left = this.minIntervalMs - (this.now() - this.lastStart);
      if (left > 0) await this.wait(left);
      this.pending = null;
      return this.closed ? false : this.start();
    })();
    return this.pending;
  }

  /** How many requests were folded into another reload so far. */
  coalesced = 0;

  /** No more reloads (the daemon stops); one waiting for its turn resolves false. */
  close(): void {
    this.closed = true;
  }

  private start(): Promise<boolean> {
    this.lastStart = this.now();
    const run = this.reload().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }
}
