// eGeMAPSv02 extraction speed: seconds of audio per CPU second, per backend (WASM SIMD, the
// same kernels built without SIMD, the TypeScript references), one thread, utterances one by
// one. Audio: the first EmoDB files up to 60 s (../shared/datasets), else seeded synthetic
// speech-like utterances of the same total length. Warm-up first, then repeated passes of
// >= 2 CPU s timed with process.cpuUsage().
// Usage: npx tsx bench/egemaps-features.ts [seconds=60]
import { existsSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { decodeAudioFile } from '../daemon/audio/decode.ts';
import { egemapsFunctionals } from '../daemon/features/egemaps/egemaps-functionals.ts';
import { createEgemapsExtractor, type EgemapsExtractor } from '../daemon/features/egemaps/egemaps-extractor.ts';
import type { FeatureBackend } from '../daemon/features/frame-kernels.ts';
import { speechLike } from '../test/unit/features/speech-like.ts';
import { EMODB_WAV } from './opensmile-csv.ts';

const SR = 16000;
const total = Number(process.argv[2] ?? 60);

async function emodb(): Promise<Float32Array[] | null> {
  if (!existsSync(EMODB_WAV)) return null;
  const out: Float32Array[] = [];
  let s = 0;
  for (const f of readdirSync(EMODB_WAV).filter((n) => n.endsWith('.wav')).sort()) {
    if (s >= total) break;
    const x = (await decodeAudioFile(EMODB_WAV + f)).samples;
    out.push(x);
    s += x.length / SR;
  }
  return out;
}

const synthetic = (): Float32Array[] =>
  Array.from({ length: Math.ceil(total / 2.5) }, (_, u) => speechLike(2.5, 90 + ((40 * u) % 160), u + 1));

function cpuSeconds(f: () => void): number {
  const c = process.cpuUsage();
  f();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1e6;
}

function measure(e: EgemapsExtractor, utts: Float32Array[], functionals: boolean): number {
  const audio = utts.reduce((s, x) => s + x.length, 0) / SR;
  const pass = (): void => {
    for (const x of utts) {
      const l = e.llds(x);
      if (functionals) egemapsFunctionals(l);
    }
  };
  pass();
  let cpu = 0, done = 0;
  while (cpu < 2) {
    cpu += cpuSeconds(pass);
    done += audio;
  }
  return done / cpu;
}

const real = await emodb();
const utts = real ?? synthetic();
const audio = utts.reduce((s, x) => s + x.length, 0) / SR;
console.log(`audio: ${real ? 'EmoDB' : 'synthetic'}, ${utts.length} utterances, ${audio.toFixed(1)} s; ` +
  `${cpus()[0]?.model ?? 'unknown CPU'}; node ${process.version}`);
console.log('\n| backend | eGeMAPS LLDs (x real time) | LLDs + 88 functionals (x real time) |\n|---|---:|---:|');
for (const b of ['wasm', 'wasm-scalar', 'ref'] as FeatureBackend[]) {
  const e = await createEgemapsExtractor({ backend: b });
  const lld = measure(e, utts, false), all = measure(e, utts, true);
  console.log(`| ${b === 'wasm' ? 'wasm-simd' : b} | ${lld.toFixed(0)} | ${all.toFixed(0)} |`);
}
