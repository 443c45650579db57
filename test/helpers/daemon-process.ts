// `emotiond run` as a child process, the way systemd runs it: a config file, signals, JSON
// logs on stderr (kept, and searchable while it runs), events on stdout.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface DaemonProcess {
  child: ChildProcess;
  readonly out: string;
  readonly err: string;
  /** Parsed JSON log lines so far. */
  logs(): Record<string, unknown>[];
  /** The first log line (already written or to come) matching `pred`. */
  waitLog(pred: (l: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Exit code (null if killed by a signal). */
  exited: Promise<number | null>;
}

/** Writes `config` (JSON is YAML) to `file` and starts the daemon on it. */
export function startDaemonProcess(
  file: string,
  config: unknown,
  /**
   * `nodeArgs`: options for node itself; `nice`: run under `nice -n` (a negative one needs
   * root; without it nice says so on stderr and runs it as is). deployed-runtime.ts has the
   * systemd unit's.
   */
  /** `wrap`: a command the daemon runs under (e.g. unshare, to give it another host name). */
  opts: { env?: NodeJS.ProcessEnv; cwd?: string; nodeArgs?: string[]; nice?: number; wrap?: string[] } = {},
): DaemonProcess {
  writeConfig(file, config);
  const argv = [process.execPath, ...(opts.nodeArgs ?? []), join(ROOT, 'bin/emotiond.js'), 'run', '--config', file];
  const [cmd, ...args] = [...(opts.wrap ?? []), ...(opts.nice ? ['nice', '-n', String(opts.nice), ...argv] : argv)];
  const child = spawn(cmd, args, {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const wakers = new Set<() => void>();
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => {
    err += d;
    for (const w of [...wakers]) w();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logs = () =>
    err
      .split('\n')
      // ALSA's diagnostics (written by the capture thread, a piece at a time) can land in
      // front of a log line on the same line: the log line starts at its first field.
      .map((l) => l.slice(Math.max(0, l.indexOf('{"time":'))))
      .filter((l) => l.startsWith('{'))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  return {
    child,
    get out() {
      return out;
    },
    get err() {
      return err;
    },
    logs,
    exited,
    waitLog(pred, timeoutMs = 30000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = logs().find(pred);
          if (!hit) return;
          clearTimeout(timer);
          wakers.delete(check);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          wakers.delete(check);
          reject(new Error(`no matching log line within ${timeoutMs} ms; stderr:\n${err.slice(-3000)}`));
        }, timeoutMs);
        wakers.add(check);
        void exited.then(() => {
          if (!wakers.has(check)) return;
          check();
          if (wakers.has(check)) {
            clearTimeout(timer);
            wakers.delete(check);
            reject(new Error(`daemon exited (${child.exitCode ?? child.signalCode}) before the log line; stderr:\n${err.slice(-3000)}`));
          }
        });
        check();
      });
    },
  };
}

export function writeConfig(file: string, config: unknown): void {
  writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config, null, 2));
}

/** GET on the daemon's loopback status port. */
export async function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  const r = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: r.status, body: await r.text() };
}

/** The port from the daemon's "status endpoints listening" log line. */
export async function statusPort(d: DaemonProcess): Promise<number> {
  const l = await d.waitLog((l) => l.msg === 'status endpoints listening');
  return Number(new URL(String(l.url)).port);
}
