// eGeMAPSv02 extraction speed and memory. Per backend (WASM SIMD, the same kernels built
// without SIMD, the TypeScript references): seconds of audio per CPU second of this thread
// (process.cpuUsage), utterances one by one, best of --repeats passes after a warm-up pass;
// LLDs alone and LLDs + the 88 functionals. Then the whole audio as one WAV file, streamed
// through the WASM SIMD extractor in a child process (bench/egemaps-peak-memory.ts): its CPU
// time and peak resident memory as getrusage reports them. With --smilextract PATH (or env
// SMILEXTRACT), openSMILE's SMILExtract runs eGeMAPSv02.conf on the same WAV file, measured
// the same way, and the ratios are printed. The load average is printed before and after:
// other jobs on the machine slow the figures down.
// Audio: the first EmoDB files up to the given seconds (../shared/datasets), else seeded
// synthetic speech-like utterances of the same total length.
// Usage: see BENCH_USAGE in bench/egemaps-smilextract.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { egemapsFunctionals } from '../daemon/features/egemaps/egemaps-functionals.ts';
import { createEgemapsExtractor, type EgemapsExtractor } from '../daemon/features/egemaps/egemaps-extractor.ts';
import { SR, benchAudio, throughput } from './bench-audio.ts';
import {
  BenchUsageError, cpuModel, egemapsConfFor, measureChild, parseBenchArgs, smilextractArgs, writeWav16, type ChildUsage,
} from './egemaps-smilextract.ts';

let args;
try {
  args = parseBenchArgs(process.argv.slice(2), process.env);
} catch (err) {
  if (!(err instanceof BenchUsageError)) throw err;
  console.error(err.message);
  process.exit(2);
}

/** Seconds of audio per CPU second: best of `repeats` timed passes (each at least 1 CPU s). */
function measure(e: EgemapsExtractor, utts: Float32Array[], functionals: boolean, repeats: number): number {
  return throughput(utts, (x) => {
    const l = e.llds(x);
    if (functionals) egemapsFunctionals(l);
  }, { repeats });
}

const load = (): string => loadavg().map((v) => v.toFixed(2)).join(' ');
const { utts, source, seconds: audio } = await benchAudio(args.seconds);
const loadBefore = load();
console.log(`audio: ${source}, ${utts.length} utterances, ${audio.toFixed(1)} s; ${cpuModel()}; node ${process.version}`);
console.log(`load average before: ${loadBefore}`);
console.log('\n| backend | LLDs (s audio / CPU s) | LLDs + 88 functionals (s audio / CPU s) | CPU s per s audio |\n|---|---:|---:|---:|');
for (const b of args.backends) {
  const e = await createEgemapsExtractor({ backend: b });
  const lld = measure(e, utts, false, args.repeats), all = measure(e, utts, true, args.repeats);
  console.log(`| ${b === 'wasm' ? 'wasm-simd' : b} | ${lld.toFixed(0)} | ${all.toFixed(0)} | ${(1 / all).toPrecision(2)} |`);
}

// One WAV file of all the audio, for the child processes (ours and openSMILE's).
const dir = mkdtempSync(join(tmpdir(), 'egemaps-bench-'));
try {
  const wav = join(dir, 'all.wav'), all = new Float32Array(utts.reduce((s, x) => s + x.length, 0));
  utts.reduce((at, x) => (all.set(x, at), at + x.length), 0);
  writeWav16(wav, all, SR);
  const child = fileURLToPath(new URL('egemaps-peak-memory.ts', import.meta.url));
  const ours = measureChild(process.execPath, ['--import', 'tsx', child, wav, 'wasm']);
  if (ours.status !== 0) throw new Error(`bench/egemaps-peak-memory.ts failed: ${ours.stderr}`);
  const inner = JSON.parse(ours.stdout.trim().split('\n').pop() ?? '{}') as Record<string, number>;
  console.log(`\nwhole audio as one ${audio.toFixed(1)} s WAV, one process each (getrusage of the child):\n`);
  console.log('| extractor | CPU s (process) | s audio / CPU s | peak RSS (MiB) |\n|---|---:|---:|---:|');
  const row = (name: string, u: ChildUsage): void =>
    console.log(`| ${name} | ${u.cpuSeconds.toFixed(2)} | ${(audio / u.cpuSeconds).toFixed(0)} | ${u.peakMiB.toFixed(0)} |`);
  row('emotiond wasm-simd (Node, streamed in 20 ms pieces)', ours);
  console.log(`\nours: extraction alone ${inner.extractCpuSeconds.toFixed(2)} CPU s (${(audio / inner.extractCpuSeconds).toFixed(0)} s audio / CPU s); ` +
    `RSS ${inner.rssBeforeMiB.toFixed(0)} MiB before the audio (Node, tsx, the module), peak ${inner.maxRssMiB.toFixed(0)} MiB; ` +
    `WASM memory ${inner.backendMiB.toFixed(2)} MiB (fixed), LLD contours ${inner.contoursMiB.toFixed(2)} MiB (grow with the segment)`);
  if (args.smilextract) {
    const conf = egemapsConfFor(args.smilextract, args.egemapsConf);
    if (!conf) throw new Error(`no eGeMAPSv02.conf found for ${args.smilextract}; pass --egemaps-conf PATH`);
    const theirs = measureChild(args.smilextract, smilextractArgs(conf, wav, join(dir, 'opensmile.csv')));
    if (theirs.status !== 0) throw new Error(`SMILExtract exited with ${theirs.status}: ${theirs.stderr.slice(-2000)}`);
    row(`openSMILE SMILExtract (${conf.split('/').slice(-1)[0]})`, theirs);
    console.log(`\nthroughput ratio (process CPU time, openSMILE / ours): ${(theirs.cpuSeconds / ours.cpuSeconds).toFixed(1)}x; ` +
      `peak memory: ours ${ours.peakMiB.toFixed(0)} MiB, openSMILE ${theirs.peakMiB.toFixed(0)} MiB`);
  } else {
    console.log('\n(no --smilextract PATH or SMILEXTRACT given: openSMILE not run)');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\nload average after: ${load()}`);
