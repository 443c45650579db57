// spectral_flux_maxpos must name the same frame on every backend. On a hardware GPU it did
// not (edge input "huge values", a steady Nyquist tone: WebGPU 1/97, WASM 0): every frame
// has the same spectrum, so WASM's flux is exactly 0 everywhere and maxpos is the first
// frame, while a GPU compiler that fuses p * a - q * b into an fma keeps the rounding of
// q * b, a flux of ~1e-14 from frame 1 on, and maxpos moved to frame 1.
// The software adapter does not fuse, so the GPU's arithmetic is reproduced here on the
// WASM kernels: the flux of each frame gets what the flux kernel gives between its power
// spectrum and the same spectrum moved by one ulp per bin (the size of a fused rounding).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ANALYSIS } from '../../../daemon/features/analysis-config.ts';
import { LldFeatureExtractor, createKernels } from '../../../daemon/features/extractor.ts';
import type { FrameKernels } from '../../../daemon/features/frame-kernels.ts';
import { spectralFlux } from '../../../daemon/features/ref/spectral-flux.ts';
import { speechLike } from './speech-like.ts';

const BINS = ANALYSIS.fftSize / 2 + 1;
const steady = Float32Array.from({ length: 16000 }, (_, i) => (i % 2 ? 3e38 : -3e38));
const hum = Float32Array.from({ length: 16000 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 250 * i) / 16000));

/** One ulp up, in f32. */
function nextUp(x: number): number {
  const f = new Float32Array([x]), u = new Uint32Array(f.buffer);
  if (x > 0) u[0]++;
  return f[0];
}

/** The WASM kernels, with each frame's flux as a fusing GPU computes it: rounding noise added. */
function withFusedRounding(k: FrameKernels): FrameKernels {
  const pow = new Float32Array(BINS), moved = new Float32Array(BINS);
  let frames = 0;
  return new Proxy(k, {
    get(target, key) {
      if (key === 'load') return (x: Float32Array) => ((frames = 0), target.load(x));
      if (key !== 'spectralFlux') return Reflect.get(target, key);
      return () => {
        const exact = target.spectralFlux();
        // The first frame has no previous one: 0 on every backend, the GPU included.
        if (frames++ === 0) return exact;
        target.powerSpectrum!(pow);
        pow.forEach((p, i) => (moved[i] = i % 2 ? nextUp(p) : p));
        return exact + spectralFlux(pow, moved, BINS, ANALYSIS.silentPowerSum);
      };
    },
  });
}

const plain = new LldFeatureExtractor(await createKernels('wasm'));
const fused = new LldFeatureExtractor(withFusedRounding(await createKernels('wasm')));
const at = (v: Float32Array, name: string): number => v[plain.names.indexOf(name)];

test('the rounding reproduced is real: flux between a spectrum and its one-ulp neighbour is above 0', async () => {
  const k = await createKernels('wasm');
  k.load(hum);
  for (const f of [0, 1]) {
    k.frame(f);
    k.spectrum();
  }
  const pow = new Float32Array(BINS);
  k.powerSpectrum!(pow);
  const noise = spectralFlux(pow, pow.map((p, i) => (i % 2 ? nextUp(p) : p)), BINS, ANALYSIS.silentPowerSum);
  assert.ok(noise > 0 && noise < ANALYSIS.fluxResolution, `rounding flux ${noise}`);
});

test('a steady signal: flux 0 and maxpos the first frame, with or without fused rounding', () => {
  for (const [name, x] of Object.entries({ 'huge values (the edge input)': steady, '250 Hz tone': hum })) {
    const a = plain.extract(x).values, b = fused.extract(x).values;
    for (const f of ['spectral_flux_max', 'spectral_flux_mean', 'spectral_flux_maxpos']) {
      assert.is(at(b, f), at(a, f), `${name}: ${f}`);
    }
    assert.is(at(a, 'spectral_flux_maxpos'), 0, name);
  }
});

test('speech: the rounding changes no feature (real flux is far above the floor)', () => {
  const x = speechLike(1.5, 180, 3);
  const a = plain.extract(x).values, b = fused.extract(x).values;
  for (const f of ['spectral_flux_maxpos', 'spectral_flux_minpos']) assert.is(at(b, f), at(a, f), f);
  assert.ok(Math.abs(at(b, 'spectral_flux_mean') - at(a, 'spectral_flux_mean')) <= 1e-6 * at(a, 'spectral_flux_mean'));
});

test.run();
