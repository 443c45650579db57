// emotiond-extended-v1 extraction speed: seconds of audio per CPU second, per backend (WASM
// SIMD, the same kernels without SIMD, the TypeScript references), one thread, utterances
// one by one as training extracts them. Columns: the whole 3008-feature vector, and its two
// parts (the LLD-based 2920, the eGeMAPSv02 88) timed on their own. Audio: the first EmoDB
// files up to 60 s (../shared/datasets), else seeded synthetic speech-like utterances of the
// same total length. Warm-up first, then passes of >= 2 CPU s timed with process.cpuUsage().
// Usage: npx tsx bench/extended-features.ts [seconds=60]
import { existsSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { decodeAudioFile } from '../daemon/audio/decode.ts';
import { createEgemapsExtractor } from '../daemon/features/egemaps/egemaps-extractor.ts';
import { createKernels } from '../daemon/features/extractor.ts';
import { createExtendedExtractor } from '../daemon/features/extended/extended-extractor.ts';
import { EXTENDED_LLD_COLUMNS, LLD_PART_SIZE, evaluateLldPart } from '../daemon/features/extended/extended-set.ts';
import { logMelLld } from '../daemon/features/extended/log-mel-lld.ts';
import type { FeatureBackend } from '../daemon/features/frame-kernels.ts';
import { computeLlds } from '../daemon/features/lld-pipeline.ts';
import { DEFAULT_LLDS } from '../daemon/features/lld-registry.ts';
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

/** x real time of `one` applied to every utterance. */
function measure(utts: Float32Array[], one: (x: Float32Array) => void): number {
  const audio = utts.reduce((s, x) => s + x.length, 0) / SR;
  const pass = (): void => utts.forEach(one);
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
console.log('\n| backend | all 3008 (x real time) | LLD part, 2920 (x real time) | eGeMAPS part, 88 (x real time) |\n|---|---:|---:|---:|');
const wanted = new Set(EXTENDED_LLD_COLUMNS);
const llds = [...DEFAULT_LLDS, logMelLld].filter((d) => d.columns.some((c) => wanted.has(c)));
for (const b of ['wasm', 'wasm-scalar', 'ref'] as FeatureBackend[]) {
  const all = await createExtendedExtractor({ backend: b });
  const k = await createKernels(b);
  const eg = await createEgemapsExtractor({ backend: b });
  const out = new Float32Array(LLD_PART_SIZE);
  const whole = measure(utts, (x) => all.extract(x));
  const lldPart = measure(utts, (x) => evaluateLldPart(computeLlds(k, x, llds), out));
  const egPart = measure(utts, (x) => eg.extract(x));
  console.log(`| ${b === 'wasm' ? 'wasm-simd' : b} | ${whole.toFixed(0)} | ${lldPart.toFixed(0)} | ${egPart.toFixed(0)} |`);
}
