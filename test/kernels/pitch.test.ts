import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ANALYSIS, PITCH_GEOMETRY } from '../../daemon/features/analysis-config.ts';
import { createKernels } from '../../daemon/features/extractor.ts';
import type { FeatureBackend } from '../../daemon/features/frame-kernels.ts';
import { dcBlock } from '../../daemon/features/ref/dc-block.ts';
import { decimate2, decimatorTaps } from '../../daemon/features/ref/decimate.ts';
import { pitchFrame, pitchTolerance, type PitchParams } from '../../daemon/features/ref/pitch.ts';
import { pitchStartCoarse, signalLayout } from '../../daemon/features/signal-layout.ts';
import { assertClose, wasmKits } from './helpers/kernel-harness.ts';
import { voiced, whiteNoise } from './helpers/voices.ts';

const BACKENDS: FeatureBackend[] = ['wasm', 'wasm-scalar', 'ref'];
const PARAMS: PitchParams = {
  ...PITCH_GEOMETRY, sampleRate: 16000, threshold: ANALYSIS.voicingThreshold,
  octaveCost: ANALYSIS.octaveCost, silenceMs: ANALYSIS.pitchSilenceMs,
};

/** [f0, r, voiced, hnr] of every frame of x on a backend. */
async function track(backend: FeatureBackend, x: Float32Array): Promise<Float32Array[]> {
  const k = await createKernels(backend);
  const frames = k.load(x);
  return Array.from({ length: frames }, (_, i) => {
    k.pitch(i);
    const out = new Float32Array(4);
    k.pitchResult(out);
    return out;
  });
}

for (const f0 of [150, 220]) {
  test(`known answer: ${f0} Hz voiced signal within 2% in every inner frame, all backends`, async () => {
    for (const b of BACKENDS) {
      const frames = await track(b, voiced(f0, 1));
      for (const [i, [f, , v, hnr]] of frames.slice(3, -3).entries()) {
        assert.is(v, 1, `${b} frame ${i + 3} unvoiced`);
        assert.ok(Math.abs(f / f0 - 1) < 0.02, `${b} frame ${i + 3}: ${f} Hz`);
        assert.ok(hnr > 10, `${b} frame ${i + 3}: HNR ${hnr} dB`);
      }
    }
  });
}

test('known answer: 80 Hz and 500 Hz, the search range ends, within 2%', async () => {
  for (const f0 of [80, 500]) {
    const frames = await track('wasm', voiced(f0, 0.6));
    const inner = frames.slice(4, -4);
    assert.ok(inner.every(([f, , v]) => v === 1 && Math.abs(f / f0 - 1) < 0.02), `${f0} Hz: ${inner.map((o) => o[0].toFixed(1))}`);
  }
});

test('silence, a DC offset and white noise are unvoiced', async () => {
  for (const b of BACKENDS) {
    for (const [name, x] of [
      ['silence', new Float32Array(16000)],
      ['dc', new Float32Array(16000).fill(0.4)],
      ['noise', whiteNoise(1)],
    ] as const) {
      const frames = await track(b, x);
      const nVoiced = frames.filter((o) => o[2] === 1).length;
      assert.ok(nVoiced <= (name === 'noise' ? frames.length * 0.02 : 0), `${b} ${name}: ${nVoiced} voiced frames`);
      if (name !== 'noise') assert.ok(frames.every((o) => o.every((v) => v === 0)), `${b} ${name}: not all zero`);
    }
  }
});

/** The coarse and full-rate pitch signals exactly as the pipeline prepares them. */
function prepared(x: Float32Array): { coarse: Float32Array; d16: Float32Array; frames: number } {
  const l = signalLayout(x.length), p = ANALYSIS.padding;
  const d16 = new Float32Array(l.len16);
  dcBlock(x, d16.subarray(p), x.length, ANALYSIS.dcBlockPole);
  const taps = decimatorTaps(ANALYSIS.decimatorTaps, ANALYSIS.decimatorCutoffHz, ANALYSIS.sampleRate);
  let level = d16;
  for (const s of l.steps) {
    const next = new Float32Array(s.length);
    decimate2(level, s.input, s.count, taps, next.subarray(s.from));
    level = next;
  }
  return { coarse: level, d16, frames: Math.floor((x.length - 400) / 160) + 1 };
}

test('WASM pitchFrame matches the reference frame by frame on voiced, mixed and noise input', async () => {
  const inputs = [voiced(120, 0.5, 0.05, 3), voiced(310, 0.5, 0.02, 4), whiteNoise(0.5, 0.2, 5)];
  for (const k of await wasmKits()) {
    for (const [n, x] of inputs.entries()) {
      const { coarse, d16, frames } = prepared(x);
      const pc = k.put(coarse), pd = k.put(d16), scratch = k.alloc(256), out = k.alloc(4);
      const want = new Float32Array(4);
      for (let i = 0; i < frames; i++) {
        const s = pitchStartCoarse(i), g = PITCH_GEOMETRY;
        pitchFrame(coarse, d16, s, PARAMS, want);
        k.wasm.pitchFrame(pc + 4 * s, pd + 4 * g.factor * s, g.factor, g.win, g.minLag, g.maxLag, 16000,
          PARAMS.threshold, PARAMS.octaveCost, PARAMS.silenceMs, scratch, out);
        assertClose(k.read(out, 4), want, pitchTolerance, `${k.variant} input ${n} frame ${i}`);
      }
      k.reset();
    }
  }
});

test.run();
