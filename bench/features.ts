// Feature extraction speed: seconds of audio featurised per CPU second, for each backend.
// Audio: EmoDB utterances from ../shared/datasets/emodb/wav (first files up to 60 s), each
// extracted separately as training does; without the corpus, synthetic speech-like
// utterances (harmonic source with vibrato, noise, pauses) of the same total length.
// Each backend is warmed up first (V8 compiles hot WASM functions with its optimising tier
// in the background), then timed by process.cpuUsage() over repeated passes of >= 2 CPU s.
// Usage: npx tsx bench/features.ts [seconds=60]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import wavefile from 'wavefile';
import { createKernels } from '../daemon/features/extractor.ts';
import { evaluateFeatureSet, FEATURE_SET_V1 } from '../daemon/features/feature-set.ts';
import type { FeatureBackend, FrameKernels } from '../daemon/features/frame-kernels.ts';
import { computeLlds } from '../daemon/features/lld-pipeline.ts';

const SR = 16000;
const total = Number(process.argv[2] ?? 60);
const corpus = fileURLToPath(new URL('../../shared/datasets/emodb/wav/', import.meta.url));

function emodb(): Float32Array[] | null {
  if (!existsSync(corpus)) return null;
  const out: Float32Array[] = [];
  let s = 0;
  for (const f of readdirSync(corpus).filter((n) => n.endsWith('.wav')).sort()) {
    if (s >= total) break;
    const w = new wavefile.WaveFile(readFileSync(corpus + f));
    w.toBitDepth('32f');
    const x = w.getSamples(false, Float32Array) as unknown as Float32Array;
    out.push(x);
    s += x.length / SR;
  }
  return out;
}

/** 2.5 s utterances: glottal-like pulse train 90-260 Hz with vibrato, noise, 20% pauses. */
function synthetic(): Float32Array[] {
  let seed = 7;
  const rnd = (): number => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32) - 0.5;
  return Array.from({ length: Math.ceil(total / 2.5) }, (_, u) => {
    const x = new Float32Array(2.5 * SR);
    let phase = 0;
    for (let i = 0; i < x.length; i++) {
      const t = i / SR, f0 = 90 + 20 * u % 170 + 15 * Math.sin(2 * Math.PI * 4 * t);
      phase += f0 / SR;
      const voiced = t % 0.5 < 0.4;
      let v = 0;
      for (let h = 1; h <= 12; h++) v += Math.sin(2 * Math.PI * h * phase) / h;
      x[i] = (voiced ? 0.2 * v : 0) + 0.01 * rnd();
    }
    return x;
  });
}

function cpuSeconds(f: () => void): number {
  const c = process.cpuUsage();
  f();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1e6;
}

function measure(k: FrameKernels, utts: Float32Array[], withFunctionals: boolean): number {
  const audio = utts.reduce((s, x) => s + x.length, 0) / SR;
  const pass = (): void => {
    for (const x of utts) {
      const l = computeLlds(k, x);
      if (withFunctionals) evaluateFeatureSet(FEATURE_SET_V1, l);
    }
  };
  for (let i = 0; i < 3; i++) pass();
  let cpu = 0, done = 0;
  while (cpu < 2) {
    cpu += cpuSeconds(pass);
    done += audio;
  }
  return done / cpu;
}

const real = emodb();
const utts = real ?? synthetic();
const audio = utts.reduce((s, x) => s + x.length, 0) / SR;
console.log(`audio: ${real ? 'EmoDB' : 'synthetic'}, ${utts.length} utterances, ${audio.toFixed(1)} s; ` +
  `${cpus()[0]?.model ?? 'unknown CPU'}; node ${process.version}`);
console.log('\n| backend | LLDs only (x real time) | LLDs + functionals (x real time) |\n|---|---:|---:|');
for (const b of ['wasm', 'wasm-scalar', 'ref'] as FeatureBackend[]) {
  const k = await createKernels(b);
  const lld = measure(k, utts, false);
  const all = measure(k, utts, true);
  console.log(`| ${b === 'wasm' ? 'wasm-simd' : b} | ${lld.toFixed(0)} | ${all.toFixed(0)} |`);
}
