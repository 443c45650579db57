// Feature extraction speed: seconds of audio featurised per CPU second, for each backend.
// Audio: EmoDB utterances from ../shared/datasets/emodb/wav (first files up to 60 s), each
// extracted separately as training does; without the corpus, synthetic speech-like
// utterances (harmonic source with vibrato, noise, pauses) of the same total length.
// Each backend is warmed up first (V8 compiles hot WASM functions with its optimising tier
// in the background), then timed by process.cpuUsage() over repeated passes of >= 2 CPU s.
// Usage: npx tsx bench/features.ts [seconds=60]
import { cpus } from 'node:os';
import { createKernels } from '../daemon/features/extractor.ts';
import { evaluateFeatureSet, FEATURE_SET_V1 } from '../daemon/features/feature-set.ts';
import type { FeatureBackend, FrameKernels } from '../daemon/features/frame-kernels.ts';
import { computeLlds } from '../daemon/features/lld-pipeline.ts';
import { benchAudio, throughput } from './bench-audio.ts';

function measure(k: FrameKernels, utts: Float32Array[], withFunctionals: boolean): number {
  return throughput(utts, (x) => {
    const l = computeLlds(k, x);
    if (withFunctionals) evaluateFeatureSet(FEATURE_SET_V1, l);
  }, { warmups: 3, minCpuSeconds: 2 });
}

const { utts, source, seconds } = await benchAudio(Number(process.argv[2] ?? 60));
console.log(`audio: ${source}, ${utts.length} utterances, ${seconds.toFixed(1)} s; ` +
  `${cpus()[0]?.model ?? 'unknown CPU'}; node ${process.version}`);
console.log('\n| backend | LLDs only (x real time) | LLDs + functionals (x real time) |\n|---|---:|---:|');
for (const b of ['wasm', 'wasm-scalar', 'ref'] as FeatureBackend[]) {
  const k = await createKernels(b);
  const lld = measure(k, utts, false);
  const all = measure(k, utts, true);
  console.log(`| ${b === 'wasm' ? 'wasm-simd' : b} | ${lld.toFixed(0)} | ${all.toFixed(0)} |`);
}
