// CPU time and resident memory of another process, from /proc (Linux), for the daemon
// benchmarks: CPU is sampled over a window, RSS as its largest value within it.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** User + system CPU seconds of `pid` so far. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / TICKS;
}

export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

export interface Window {
  cpuPercent: number;
  rssMiB: number;
  seconds: number;
}

/** Samples `pid` for `ms`: CPU as a percentage of one core, the largest RSS seen. */
export async function sample(pid: number, ms: number): Promise<Window> {
  const c0 = cpuSeconds(pid);
  const t0 = performance.now();
  let rss = rssBytes(pid);
  while (performance.now() - t0 < ms) {
    await new Promise((r) => setTimeout(r, Math.min(500, ms - (performance.now() - t0))));
    rss = Math.max(rss, rssBytes(pid));
  }
  const s = (performance.now() - t0) / 1000;
  return { cpuPercent: ((cpuSeconds(pid) - c0) / s) * 100, rssMiB: rss / 2 ** 20, seconds: s };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
