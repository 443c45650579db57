// `emotiond analyze --whole --jsonl` over a folder with --jobs 1 against --jobs N: files per
// second (wall clock of the whole command, start-up included, as a user waits for it) and
// whether the output is the same, byte for byte. Runs alternate between the job counts, so
// a change of load on a shared machine hits them alike; the load average is printed beside
// every run, because other work on the cores makes the figure worse than the machine is, and
// so are the CPU seconds the command used (GNU time), which load does not change much.
// Usage: npx tsx bench/batch-jobs.ts [folder=../shared/datasets/emodb/wav] [jobs=1,2] [rounds=1] [command=analyze]
// (command `features` runs `emotiond features --set extended2` instead).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const folder = process.argv[2] ?? join(root, '../shared/datasets/emodb/wav');
const jobsList = (process.argv[3] ?? '1,2').split(',').map(Number);
const rounds = Number(process.argv[4] ?? 1);
const command = process.argv[5] ?? 'analyze';

function audioFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? audioFiles(p) : /\.(wav|flac)$/i.test(n) ? [p] : [];
  });
}

const files = audioFiles(folder);
if (files.length === 0) throw new Error(`no WAV/FLAC files under ${folder}`);
const args = command === 'features' ? ['features', '--set', 'extended2'] : ['analyze', '--whole', '--jsonl'];

// CPU seconds of the command (all its threads), from GNU time where it is installed: on a
// loaded machine they show what the work costs when wall time cannot.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function run(jobs: number): Promise<{ s: number; cpu: number | null; sha: string; status: number | null; load: [number, number] }> {
  const load0 = loadavg()[0];
  const cpuFile = join(tmpdir(), `emotiond-batch-cpu-${process.pid}`);
  const cmd = [process.execPath, join(root, 'bin/emotiond.js'), ...args, '--jobs', String(jobs), ...files];
  const argv = gnuTime ? [gnuTime, '-f', '%U %S', '-o', cpuFile, ...cmd] : cmd;
  const t0 = performance.now();
  const child = spawn(argv[0], argv.slice(1), { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const hash = createHash('sha256');
  child.stdout.on('data', (b: Buffer) => hash.update(b));
  return new Promise((resolve) => child.on('close', (status) => {
    const s = (performance.now() - t0) / 1000;
    const cpu = gnuTime ? readFileSync(cpuFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number).reduce((a, b) => a + b, 0) : null;
    resolve({ s, cpu, sha: hash.digest('hex').slice(0, 16), status, load: [load0, loadavg()[0]] });
  }));
}

console.log(`emotiond ${args.join(' ')} over ${files.length} files in ${folder}`);
console.log(`CPU: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown'}; node ${process.version}`);
console.log('\n| --jobs | seconds | files per second | CPU seconds | output sha256 | exit | load average (start, end) |\n|---:|---:|---:|---:|---|---:|---|');
const best = new Map<number, number>();
const shas = new Set<string>();
for (let r = 0; r < rounds; r++) {
  for (const jobs of jobsList) {
    const x = await run(jobs);
    shas.add(x.sha);
    best.set(jobs, Math.min(best.get(jobs) ?? Infinity, x.s));
    console.log(`| ${jobs} | ${x.s.toFixed(1)} | ${(files.length / x.s).toFixed(1)} | ${x.cpu?.toFixed(1) ?? '-'} | ${x.sha} | ${x.status} | ${x.load.map((l) => l.toFixed(2)).join(', ')} |`);
  }
}
const base = best.get(jobsList[0])!;
for (const jobs of jobsList.slice(1)) console.log(`--jobs ${jobs}: ${(base / best.get(jobs)!).toFixed(2)}x the files per second of --jobs ${jobsList[0]} (best of ${rounds})`);
console.log(shas.size === 1 ? 'output: identical on every run' : `output: DIFFERS between runs (${[...shas].join(', ')})`);
