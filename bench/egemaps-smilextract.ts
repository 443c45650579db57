// The openSMILE side of bench/egemaps-features.ts and the parts of it that the tests hold
// (test/unit/features/egemaps-bench-args.test.ts): the command line, where to find
// eGeMAPSv02.conf next to an SMILExtract binary, writing the audio as one WAV file, and
// running a child process for its CPU time and peak resident memory.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const BENCH_USAGE =
  'usage: npx tsx bench/egemaps-features.ts [seconds=60] [--repeats N] [--backends wasm,wasm-scalar,ref]\n' +
  '         [--smilextract PATH] [--egemaps-conf PATH]   (or env SMILEXTRACT, SMILEXTRACT_CONF)';

const BACKENDS = ['wasm', 'wasm-scalar', 'ref'] as const;
export type BenchBackend = (typeof BACKENDS)[number];

export interface BenchArgs {
  /** Seconds of audio to extract (EmoDB files until this much, or synthetic). */
  seconds: number;
  /** Timed passes per backend; the best counts. */
  repeats: number;
  backends: BenchBackend[];
  /** openSMILE's SMILExtract to run on the same audio, if given. */
  smilextract?: string;
  /** Its eGeMAPSv02.conf (default: found next to the binary, see egemapsConfFor). */
  egemapsConf?: string;
}

export class BenchUsageError extends Error {}

/** Parses argv (after the script) with the environment as fallback; throws BenchUsageError. */
export function parseBenchArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): BenchArgs {
  const out: BenchArgs = { seconds: 60, repeats: 3, backends: [...BACKENDS] };
  let positional = 0;
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new BenchUsageError(`${flag} needs a value\n${BENCH_USAGE}`);
    return v;
  };
  const positive = (v: string, what: string): number => {
    const n = Number(v);
    if (!(Number.isFinite(n) && n > 0)) throw new BenchUsageError(`${what} must be a positive number, not "${v}"\n${BENCH_USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--smilextract') out.smilextract = value(i++, a);
    else if (a === '--egemaps-conf') out.egemapsConf = value(i++, a);
    else if (a === '--repeats') out.repeats = Math.round(positive(value(i++, a), a));
    else if (a === '--backends') {
      const list = value(i++, a).split(',');
      const bad = list.find((b) => !(BACKENDS as readonly string[]).includes(b));
      if (bad !== undefined) throw new BenchUsageError(`unknown backend "${bad}" (${BACKENDS.join(', ')})\n${BENCH_USAGE}`);
      out.backends = list as BenchBackend[];
    } else if (a === '--help' || a === '-h') throw new BenchUsageError(BENCH_USAGE);
    else if (a.startsWith('--')) throw new BenchUsageError(`unknown option ${a}\n${BENCH_USAGE}`);
    else if (positional++ === 0) out.seconds = positive(a, 'seconds');
    else throw new BenchUsageError(`unexpected argument "${a}"\n${BENCH_USAGE}`);
  }
  if (out.smilextract === undefined && env.SMILEXTRACT) out.smilextract = env.SMILEXTRACT;
  if (out.egemapsConf === undefined && env.SMILEXTRACT_CONF) out.egemapsConf = env.SMILEXTRACT_CONF;
  if (out.smilextract !== undefined && !existsSync(out.smilextract)) {
    throw new BenchUsageError(`SMILExtract not found at ${out.smilextract}`);
  }
  return out;
}

/**
 * eGeMAPSv02.conf for a binary: the explicit path, else config/egemaps/v02/eGeMAPSv02.conf
 * in the binary's folder or up to three folders above it (an installed tree, or a source
 * tree with build/progsrc/smilextract/SMILExtract). null when none exists.
 */
export function egemapsConfFor(bin: string, explicit?: string): string | null {
  if (explicit !== undefined) return existsSync(explicit) ? resolve(explicit) : null;
  let dir = dirname(resolve(bin));
  for (let up = 0; up <= 3; up++, dir = dirname(dir)) {
    const c = join(dir, 'config', 'egemaps', 'v02', 'eGeMAPSv02.conf');
    if (existsSync(c)) return c;
  }
  return null;
}

/** SMILExtract's arguments: the config, one input WAV, the functionals to a CSV, no log file. */
export function smilextractArgs(conf: string, wav: string, csv: string): string[] {
  return ['-C', conf, '-I', wav, '-csvoutput', csv, '-nologfile'];
}

/** 16-bit PCM mono WAV of samples at rate (clamped to +-1). */
export function writeWav16(path: string, samples: Float32Array, rate: number): void {
  const b = Buffer.alloc(44 + 2 * samples.length);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + 2 * samples.length, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(2 * rate, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(2 * samples.length, 40);
  for (let i = 0; i < samples.length; i++) b.writeInt16LE(Math.round(32767 * Math.max(-1, Math.min(1, samples[i]))), 44 + 2 * i);
  writeFileSync(path, b);
}

export interface ChildUsage {
  status: number | null;
  /** User + system CPU seconds of the child. */
  cpuSeconds: number;
  /** Peak resident set size, MiB. */
  peakMiB: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs cmd to completion and reports its own CPU time and peak RSS, as getrusage(2) of the
 * waited-for child gives them: through GNU time's -f '%U %S %M' when /usr/bin/time exists,
 * else through python3's resource module.
 */
export function measureChild(cmd: string, args: readonly string[], cwd?: string): ChildUsage {
  const MARK = '@@usage';
  let r;
  if (existsSync('/usr/bin/time')) {
    r = spawnSync('/usr/bin/time', ['-f', `${MARK} %U %S %M`, cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  } else {
    const py = `import resource,subprocess,sys\nc=subprocess.run(sys.argv[1:])\nu=resource.getrusage(resource.RUSAGE_CHILDREN)\nsys.stderr.write("${MARK} %f %f %d\\n"%(u.ru_utime,u.ru_stime,u.ru_maxrss))\nsys.exit(c.returncode)`;
    r = spawnSync('python3', ['-c', py, cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  }
  if (r.error) throw r.error;
  const line = r.stderr.split('\n').reverse().find((l) => l.startsWith(MARK));
  const [u, s, kib] = (line ?? `${MARK} NaN NaN NaN`).split(' ').slice(1).map(Number);
  return {
    status: r.status, cpuSeconds: u + s, peakMiB: kib / 1024, stdout: r.stdout,
    stderr: r.stderr.split('\n').filter((l) => !l.startsWith(MARK)).join('\n'),
  };
}

/** The machine's CPU model, for the report. */
export function cpuModel(): string {
  try {
    return /model name\s*:\s*(.+)/.exec(execFileSync('cat', ['/proc/cpuinfo'], { encoding: 'utf8' }))?.[1] ?? 'unknown CPU';
  } catch {
    return 'unknown CPU';
  }
}
