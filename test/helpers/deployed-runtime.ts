// The Node options, environment and niceness the systemd unit runs the daemon with, read
// from the unit itself, so that benchmarks and tests measure the daemon as installed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './daemon-process.ts';

export interface DeployedRuntime {
  /** Options between `node` and the script in ExecStart. */
  nodeArgs: string[];
  /** Environment= assignments. */
  env: Record<string, string>;
  /** Nice= (0 when absent). */
  nice: number;
}

export function deployedRuntime(unitPath = join(ROOT, 'systemd/emotiond.service')): DeployedRuntime {
  const text = readFileSync(unitPath, 'utf8');
  const exec = /^ExecStart=(\S+)\s+(.*)$/m.exec(text);
  if (!exec) throw new Error(`${unitPath}: no ExecStart`);
  const words = exec[2].split(/\s+/);
  const nodeArgs = words.slice(0, words.findIndex((w) => !w.startsWith('-')));
  const env: Record<string, string> = {};
  for (const m of text.matchAll(/^Environment=(.*)$/gm)) {
    for (const kv of m[1].split(/\s+/)) {
      const i = kv.indexOf('=');
      if (i > 0) env[kv.slice(0, i)] = kv.slice(i + 1);
    }
  }
  const nice = Number(/^Nice=(-?\d+)$/m.exec(text)?.[1] ?? 0);
  return { nodeArgs, env, nice };
}
