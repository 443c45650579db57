// A real mosquitto broker for tests: its own config, port (127.0.0.1 only) and temp dir,
// stopped by pid. Persistence lives in that dir so restart() keeps retained messages
// and QoS 1 sessions, which is what a broker reboot looks like to the daemon.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from './free-port.ts';

export interface Mosquitto {
  url: string;
  port: number;
  /** Pid of the running broker (changes on restart). */
  readonly pid: number;
  /** SIGTERM, then SIGKILL if it has not exited within 3 s. Safe when already stopped. */
  stop(): Promise<void>;
  /** SIGKILL now, no goodbye: what a crash or power cut looks like. */
  kill(): void;
  /** Stops it if running, then starts it again on the same port with the same data. */
  restart(): Promise<void>;
}

/**
 * Path of the mosquitto binary, or undefined when it is not installed. MOSQUITTO_BIN picks
 * one explicitly (and, pointed at nothing, shows how the tests skip without it).
 */
export function findMosquitto(): string | undefined {
  const executable = (p: string): boolean => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  const chosen = process.env.MOSQUITTO_BIN;
  if (chosen !== undefined) return executable(chosen) ? chosen : undefined;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  return dirs.filter(Boolean).map((d) => join(d, 'mosquitto')).find(executable);
}

const running = new Set<ChildProcess>();
const dirs = new Set<string>();
// A failed test must not leave brokers behind: the exit hook is synchronous, so SIGKILL.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function readLogs(dir: string): string {
  const read = (f: string): string => {
    try {
      return readFileSync(join(dir, f), 'utf8');
    } catch {
      return '';
    }
  };
  return `${read('stderr.log')}${read('mosquitto.log')}`.trim() || '(no log)';
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export interface MosquittoOptions {
  /** Lines for the listener block (TLS files, require_certificate, password_file...). */
  listener?: string[];
  /** Default true. */
  allowAnonymous?: boolean;
}

export async function startMosquitto(opts: MosquittoOptions = {}): Promise<Mosquitto> {
  const bin = findMosquitto();
  if (!bin) throw new Error('mosquitto is not installed (apt-get install mosquitto)');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'emotiond-mosquitto-'));
  dirs.add(dir);
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      // Settings such as password_file apply per listener, not globally.
      'per_listener_settings true',
      `listener ${port} 127.0.0.1`,
      `allow_anonymous ${opts.allowAnonymous ?? true}`,
      ...(opts.listener ?? []),
      'persistence true',
      `persistence_location ${dir}/`,
      // Saved every second too, so even kill() keeps most of the state.
      'autosave_interval 1',
      `log_dest file ${join(dir, 'mosquitto.log')}`,
      'log_type all',
      // Started as root, mosquitto drops to user `mosquitto`, which cannot write this
      // root-owned dir and then runs without log or persistence. Staying root is fine here.
      ...(process.getuid?.() === 0 ? ['user root'] : []),
      '',
    ].join('\n'),
  );

  let child: ChildProcess | undefined;
  const launch = async (): Promise<void> => {
    const out = openSync(join(dir, 'stderr.log'), 'a');
    const c = spawn(bin, ['-c', conf], { stdio: ['ignore', out, out] });
    closeSync(out);
    child = c;
    running.add(c);
    c.once('exit', () => running.delete(c));
    let spawnError: Error | undefined;
    c.once('error', (err) => (spawnError = err));
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && !exited(c) && !spawnError) {
      if (await canConnect(port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    c.kill('SIGKILL');
    const why = spawnError
      ? `could not start: ${spawnError.message}`
      : exited(c)
        ? `exited with ${c.exitCode ?? c.signalCode}`
        : 'did not accept connections within 5 s';
    throw new Error(`mosquitto (${bin}) on 127.0.0.1:${port} ${why}; log:\n${readLogs(dir)}`);
  };
  const stop = async (): Promise<void> => {
    const c = child;
    if (!c || exited(c)) return;
    c.kill('SIGTERM');
    if (!(await waitExit(c, 3000))) {
      c.kill('SIGKILL');
      await waitExit(c, 3000);
    }
  };

  await launch();
  const tls = (opts.listener ?? []).some((l) => l.startsWith('certfile'));
  return {
    url: `${tls ? 'mqtts' : 'mqtt'}://127.0.0.1:${port}`,
    port,
    get pid(): number {
      return child?.pid ?? -1;
    },
    stop,
    kill(): void {
      if (child && !exited(child)) child.kill('SIGKILL');
    },
    async restart(): Promise<void> {
      await stop();
      await launch();
    },
  };
}
