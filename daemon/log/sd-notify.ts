// systemd's notification protocol (Type=notify, watchdog) without a native module: Node
// cannot send on the unix datagram socket systemd listens on, so each message goes through
// the `systemd-notify` tool (the unit needs NotifyAccess=all, as the sender is a child).
// systemd-notify waits until systemd has read the message, so none is lost when it exits.
// Without NOTIFY_SOCKET (not started by systemd, or Type=simple) nothing is sent at all.
import { execFile } from 'node:child_process';
import { errorMessage } from '../core/errors.ts';

export interface SdNotifyOptions {
  env?: Record<string, string | undefined>;
  /** The tool; overridable for tests. */
  bin?: string;
  onError?: (message: string) => void;
}

export class SdNotify {
  private readonly env: Record<string, string | undefined>;
  private chain: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setInterval> | undefined;
  private failed = false;

  constructor(private readonly opt: SdNotifyOptions = {}) {
    this.env = opt.env ?? process.env;
  }

  get enabled(): boolean {
    return !!this.env.NOTIFY_SOCKET;
  }

  /**
   * How often systemd wants a watchdog ping, in ms (half of WatchdogSec), or 0 when no
   * watchdog is set for this process.
   */
  get watchdogMs(): number {
    const usec = Number(this.env.WATCHDOG_USEC);
    const pid = this.env.WATCHDOG_PID;
    if (!this.enabled || !(usec > 0) || (pid && Number(pid) !== process.pid)) return 0;
    return Math.max(100, Math.floor(usec / 2000));
  }

  ready(status: string): Promise<void> {
    return this.send(['--ready', `--status=${status}`]);
  }

  reloading(): Promise<void> {
    return this.send(['RELOADING=1']);
  }

  status(status: string): Promise<void> {
    return this.send([`--status=${status}`]);
  }

  stopping(): Promise<void> {
    this.stopWatchdog();
    return this.send(['STOPPING=1']);
  }

  /** Pings the watchdog while `alive()` says the daemon works; a hung event loop stops the pings by itself. */
  startWatchdog(alive: () => boolean = () => true): void {
    const ms = this.watchdogMs;
    if (!ms || this.timer) return;
    this.timer = setInterval(() => {
      if (alive()) void this.send(['WATCHDOG=1']);
    }, ms);
    this.timer.unref();
  }

  stopWatchdog(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private send(args: string[]): Promise<void> {
    if (!this.enabled) return Promise.resolve();
    this.chain = this.chain.then(
      () =>
        new Promise<void>((resolve) => {
          execFile(this.opt.bin ?? 'systemd-notify', args, { env: this.env as NodeJS.ProcessEnv, timeout: 10_000 }, (err) => {
            if (err && !this.failed) {
              // Said once: the same fault repeats on every ping.
              this.failed = true;
              this.opt.onError?.(`sd_notify ${args.join(' ')}: ${errorMessage(err)}`);
            }
            resolve();
          });
        }),
    );
    return this.chain;
  }
}
