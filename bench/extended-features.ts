// emotiond-extended-v1 extraction speed: seconds of audio per CPU second, per backend (WASM
// SIMD, the same kernels without SIMD, the TypeScript references), one thread, utterances
// one by one as training extracts them. Columns: the whole 3008-feature vector, and its two
// parts (the LLD-based 2920, the eGeMAPSv02 88) timed on their own. Audio: the first EmoDB
// files up to 60 s (../shared/datasets), else seeded synthetic speech-like utterances of the
// same total length. Warm-up first, then passes of >= 2 CPU s timed with process.cpuUsage().
// Usage: npx tsx bench/extended-features.ts [seconds=60]
import { cpus } from 'node:os';
import { createEgemapsExtractor } from '../daemon/features/egemaps/egemaps-extractor.ts';
import { createKernels } from '../daemon/features/extractor.ts';
import { createExtendedExtractor } from '../daemon/features/extended/extended-extractor.ts';
import { EXTENDED_LLD_COLUMNS, LLD_PART_SIZE, evaluateLldPart } from '../daemon/features/extended/extended-set.ts';
import { logMelLld } from '../daemon/features/extended/log-mel-lld.ts';
import type { FeatureBackend } from '../daemon/features/frame-kernels.ts';
import { computeLlds } from '../daemon/features/lld-pipeline.ts';
import { DEFAULT_LLDS } from '../daemon/features/lld-registry.ts';
import { benchAudio, throughput } from './bench-audio.ts';

const { utts, source, seconds } = await benchAudio(Number(process.argv[2] ?? 60));
const measure = (one: (x: Float32Array) => void): number => throughput(utts, one, { minCpuSeconds: 2 });
console.log(`audio: ${source}, ${utts.length} utterances, ${seconds.toFixed(1)} s; ` +
  `${cpus()[0]?.model ?? 'unknown CPU'}; node ${process.version}`);
console.log('\n| backend | all 3008 (x real time) | LLD part, 2920 (x real time) | eGeMAPS part, 88 (x real time) |\n|---|---:|---:|---:|');
const wanted = new Set(EXTENDED_LLD_COLUMNS);
const llds = [...DEFAULT_LLDS, logMelLld].filter((d) => d.columns.some((c) => wanted.has(c)));
for (const b of ['wasm', 'wasm-scalar', 'ref'] as FeatureBackend[]) {
  const all = await createExtendedExtractor({ backend: b });
  const k = await createKernels(b);
  const eg = await createEgemapsExtractor({ backend: b });
  const out = new Float32Array(LLD_PART_SIZE);
  const whole = measure((x) => all.extract(x));
  const lldPart = measure((x) => evaluateLldPart(computeLlds(k, x, llds), out));
  const egPart = measure((x) => eg.extract(x));
  console.log(`| ${b === 'wasm' ? 'wasm-simd' : b} | ${whole.toFixed(0)} | ${lldPart.toFixed(0)} | ${egPart.toFixed(0)} |`);
}
