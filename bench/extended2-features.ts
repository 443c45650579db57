// emotiond-extended-v2 extraction speed against emotiond-extended-v1's: seconds of audio per
// CPU second, one thread, utterances one by one as training extracts them, on the WASM SIMD
// kernels (and the others when asked). Audio as bench/extended-features.ts: the first EmoDB
// files up to the given length, else seeded synthetic speech-like utterances.
// Usage: npx tsx bench/extended2-features.ts [seconds=60] [all-backends]
import { cpus } from 'node:os';
import { createExtendedExtractor } from '../daemon/features/extended/extended-extractor.ts';
import { createExtended2Extractor } from '../daemon/features/extended2/extended2-extractor.ts';
import { EXTENDED2_NAMES } from '../daemon/features/extended2/extended2-set.ts';
import type { FeatureBackend } from '../daemon/features/frame-kernels.ts';
import { benchAudio, throughput } from './bench-audio.ts';

const { utts, source, seconds } = await benchAudio(Number(process.argv[2] ?? 60));
const measure = (one: (x: Float32Array) => void): number => throughput(utts, one, { minCpuSeconds: 2 });
console.log(`audio: ${source}, ${utts.length} utterances, ${seconds.toFixed(1)} s; ` +
  `${cpus()[0]?.model ?? 'unknown CPU'}; node ${process.version}`);
console.log(`\n| backend | extended-v1, 3008 (x real time) | extended-v2, ${EXTENDED2_NAMES.length} (x real time) |\n|---|---:|---:|`);
const backends: FeatureBackend[] = process.argv[3] === 'all-backends' ? ['wasm', 'wasm-scalar', 'ref'] : ['wasm'];
for (const b of backends) {
  const v1 = await createExtendedExtractor({ backend: b }), v2 = await createExtended2Extractor({ backend: b });
  const r1 = measure((x) => v1.extract(x)), r2 = measure((x) => v2.extract(x));
  console.log(`| ${b === 'wasm' ? 'wasm-simd' : b} | ${r1.toFixed(0)} | ${r2.toFixed(0)} |`);
}
