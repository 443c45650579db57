// `emotiond features`: the feature vector of each file, one row per file, for use outside the
// daemon (training elsewhere, comparison with openSMILE). Sets: `egemaps` (eGeMAPSv02, the 88
// functionals named as openSMILE names them), `extended` (emotiond-extended-v1, the
// ComParE-like set the shipped model reads; CPU kernels only), `extended2`
// (emotiond-extended-v2: extended-v1 plus sub-segment, peak, modulation, correlation and
// spectral shape functionals; CPU kernels only) and `v1` (emotiond-v1, the
// earlier 602, also on WebGPU). CSV by default: a header `file,<names>`, then one row per file;
// --jsonl prints {"file": ..., "<name>": value, ...} per line. One unreadable file is
// reported on stderr and does not stop the others.
import type { Command } from 'commander';
import { EmotiondError, errorMessage } from '../core/errors.ts';
import { runFilePool } from '../batch/file-pool.ts';
import { addJobsOption, defaultJobs } from '../batch/jobs.ts';
import { batchProgress } from '../batch/progress.ts';
import type { FeaturesInit, FeaturesRow } from './features-task.ts';
import { BATCH_FILES, extractorFor } from './features-extractors.ts';

const SETS = ['egemaps', 'extended', 'extended2', 'v1'] as const;
const BACKENDS = ['wasm', 'wasm-scalar', 'ref', 'webgpu', 'auto'];

interface FeaturesOptions {
  set: string;
  csv?: boolean;
  jsonl?: boolean;
  backend: string;
  jobs?: number;
  maxFileMib?: string;
  maxDurationS?: string;
}

/** RFC 4180: quote a field holding a comma, quote or line break. */
export const csvField = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** 7 significant digits, as openSMILE writes its CSV (f32 carries about 7). */
export const formatValue = (v: number): string => String(Number(v.toPrecision(7)));

export function addFeaturesCommand(program: Command): void {
  const cmd = program
    .command('features')
    .description('print the feature vector of each file: eGeMAPSv02 (openSMILE names), the extended set, or emotiond-v1')
    .argument('<files...>', 'audio files (WAV of any common encoding, FLAC; any rate and channel count)')
    .option('--set <name>', `feature set: ${SETS.join(', ')}`, 'egemaps')
    .option('--csv', 'comma-separated, a header row then one row per file (the default)')
    .option('--jsonl', 'one JSON object per line: file, then every feature by name')
    .option('--backend <name>', `feature kernels: ${BACKENDS.join(', ')}`, 'wasm')
    .option('--max-file-mib <n>', 'refuse files larger than this (MiB; default 256)')
    .option('--max-duration-s <n>', 'refuse audio longer than this (seconds; default 3600)');
  addJobsOption(cmd)
    .action(async (files: string[], o: FeaturesOptions) => {
      if (!(SETS as readonly string[]).includes(o.set)) throw new EmotiondError('USAGE', `--set ${o.set}: expected one of ${SETS.join(', ')}`);
      if (!BACKENDS.includes(o.backend)) throw new EmotiondError('USAGE', `--backend ${o.backend}: expected one of ${BACKENDS.join(', ')}`);
      if (o.csv && o.jsonl) throw new EmotiondError('USAGE', '--csv and --jsonl exclude each other');
      const { decodeAudioFile } = await import('../audio/decode.ts');
      const { inputLimitsFrom } = await import('../audio/input-limits.ts');
      const limits = inputLimitsFrom(o);
      const extractor = await extractorFor(o.set, o.backend);
      const names = extractor.names;
      if (extractor.choice) process.stderr.write(`emotiond: ${extractor.choice}\n`);
      if (!o.jsonl) process.stdout.write(['file', ...names].map(csvField).join(',') + '\n');
      let failed = 0;
      const print = (file: string, values: Float32Array): void => {
        if (o.jsonl) {
          const row: Record<string, string | number> = { file };
          names.forEach((n, i) => (row[n] = Number(formatValue(values[i]))));
          process.stdout.write(JSON.stringify(row) + '\n');
        } else process.stdout.write([csvField(file), ...Array.from(values, formatValue)].join(',') + '\n');
      };
      // Damage that decoding repaired, naming the file (in the files' order, with or without workers).
      const warnDamage = (warnings: string[] | undefined): void => {
        for (const w of warnings ?? []) process.stderr.write(`emotiond: warning: ${w}\n`);
      };
      const fail = (err: unknown): void => {
        failed++;
        process.stderr.write(`emotiond: ${errorMessage(err)}\n`);
      };
      const jobs = Math.min(o.jobs ?? defaultJobs(), files.length);
      // The GPU backends batch files on their one device; the CPU ones spread files over threads.
      if (jobs > 1 && !extractor.extractBatch) {
        await extractor.dispose();
        await runFilePool<FeaturesRow>(files, {
          jobs, task: new URL('./features-task.ts', import.meta.url), init: { set: o.set, backend: o.backend, limits } satisfies FeaturesInit,
          onResult: (_, file, row) => {
            warnDamage(row.warnings);
            print(file, row.values);
          },
          onError: (_, file, message) => fail(new Error(message.includes(file) ? message : `${file}: ${message}`)),
          onProgress: batchProgress('features', jobs),
        });
        if (failed) process.exitCode = 1;
        return;
      }
      const batch = extractor.extractBatch?.bind(extractor);
      const progress = batchProgress('features', 1);
      for (let at = 0; at < files.length; at += batch ? BATCH_FILES : 1) {
        const group = files.slice(at, at + (batch ? BATCH_FILES : 1));
        const decoded: { file: string; samples: Float32Array }[] = [];
        for (const file of group) {
          try {
            const audio = await decodeAudioFile(file, limits);
            warnDamage(audio.warnings);
            decoded.push({ file, samples: audio.samples });
          } catch (err) {
            fail(err);
          }
        }
        try {
          const rows = batch ? await batch(decoded.map((d) => d.samples)) : await Promise.all(decoded.map((d) => extractor.extract(d.samples)));
          decoded.forEach((d, i) => print(d.file, rows[i]));
        } catch (err) {
          // The batch failed as a whole: each of its files counts, the reason is said once.
          failed += Math.max(decoded.length - 1, 0);
          fail(err);
        }
        progress(Math.min(at + group.length, files.length), files.length);
      }
      await extractor.dispose();
      if (failed) process.exitCode = 1;
    });
}
