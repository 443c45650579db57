// The eGeMAPS WGSL kernels against their TypeScript references (daemon/features/ref/), each
// within the reference's declared tolerance, several frames a dispatch, with the constants
// the GPU stage sets (egemaps-stage.ts) and at edge sizes. The shared kernels (rfft,
// mel-filterbank, mfcc, energy) have their own tests in test/kernels/webgpu-*.test.ts.
import * as assert from 'uvu/assert';
import { test } from 'uvu';
import { EGEMAPS as E } from '../../../daemon/features/egemaps/egemaps-config.ts';
import { egemapsTables } from '../../../daemon/features/egemaps/egemaps-tables.ts';
import { applyWindow, applyWindowTolerance } from '../../../daemon/features/ref/apply-window.ts';
import { auditoryLoudness, auditoryLoudnessTolerance } from '../../../daemon/features/ref/auditory-loudness.ts';
import { bandRatios, bandRatiosTolerance } from '../../../daemon/features/ref/band-ratios.ts';
import { bandSlope, bandSlopeTolerance } from '../../../daemon/features/ref/band-slope.ts';
import { magnitudeFlux, magnitudeFluxTolerance } from '../../../daemon/features/ref/magnitude-flux.ts';
import { bandRatioBins, SLOPE_BANDS } from '../../../daemon/features/webgpu/egemaps-stage.ts';
import { assertClose, assertNumberClose, randomArray, rng } from '../../kernels/helpers/kernel-harness.ts';
import { gpuTest, row, runKernel, stack } from '../../kernels/helpers/webgpu-harness.ts';

const BINS = E.shortFft / 2 + 1;
const BIN_HZ = E.sampleRate / E.shortFft;

/** Power spectra over 13 decades with empty bins, a silent frame and a frame silent above 2 kHz. */
function spectra(n: number, seed: number): Float32Array[] {
  const r = rng(seed);
  const noisy = Float32Array.from({ length: n }, (_, k) => (k % 9 === 4 ? 0 : 10 ** (-12 + 13 * r())));
  const lowOnly = noisy.map((v, k) => (k * BIN_HZ < 2000 ? v : 0));
  return [noisy, new Float32Array(n), lowOnly, Float32Array.from({ length: n }, () => r())];
}

gpuTest('apply-window: framed, windowed and zero-padded rows at edge frame lengths; raw rows unchanged', async (h) => {
  for (const [len, fft] of [[1, 2], [63, 64], [64, 64], [65, 128], [320, 512]]) {
    const x = randomArray(4 * len + 37, len), win = randomArray(len, len + 1, 0, 1);
    const starts = Uint32Array.from([0, 5, 3 * len, 37]);
    const [raw, out] = await runKernel(h, 'apply-window', { FRAME_LEN: len, FFT_SIZE: fft }, [x, starts, win], [4 * len, 4 * fft], 3);
    starts.forEach((at, f) => {
      const want = new Float32Array(fft);
      applyWindow(x, at, len, win, fft, want);
      assertClose(row(out, f, fft), want, applyWindowTolerance, `len=${len} frame ${f}`);
      assert.equal(Array.from(row(raw, f, len)), Array.from(x.subarray(at, at + len)), `raw len=${len} frame ${f}`);
    });
  }
});

gpuTest('auditory-loudness matches the reference with the eGeMAPS weights, floor and exponent', async (h) => {
  const w = egemapsTables().loudnessWeights, r = rng(7);
  const mel = [Float32Array.from({ length: E.melBands }, () => 10 ** (-12 + 12 * r())), new Float32Array(E.melBands),
    Float32Array.from({ length: E.melBands }, () => r() * 1e3)];
  const consts = { BANDS: E.melBands, FLOOR: E.loudnessFloor, EXPONENT: E.loudnessExponent };
  const [got] = await runKernel(h, 'auditory-loudness', consts, [stack(mel), w], [mel.length], 1);
  mel.forEach((m, f) => assertNumberClose(got[f], auditoryLoudness(m, E.melBands, w, E.loudnessFloor, E.loudnessExponent), auditoryLoudnessTolerance, `frame ${f}`));
});

gpuTest('band-ratios matches the reference at three bin widths (bins derived as the stage does)', async (h) => {
  for (const [n, df] of [[BINS, BIN_HZ], [513, 15.625], [65, 200]]) {
    const frames = spectra(n, n);
    const [got] = await runKernel(h, 'band-ratios', { BINS: n, ...bandRatioBins(df, n), FLOOR: E.specFloor }, [stack(frames)], [2 * frames.length], 1);
    frames.forEach((p, f) => {
      const want = new Float32Array(2);
      bandRatios(p, n, df, E.specFloor, want);
      assertClose(row(got, f, 2), want, bandRatiosTolerance, `n=${n} df=${df} frame ${f}`);
    });
  }
});

gpuTest('band-slope matches the reference on the eGeMAPS bands and on edge bands', async (h) => {
  const frames = spectra(BINS, 3);
  for (const band of [SLOPE_BANDS.low, SLOPE_BANDS.high, { LO: 5, HI: 5 }, { LO: 0, HI: 1 }, { LO: 200, HI: 256 }]) {
    const [got] = await runKernel(h, 'band-slope', { BINS, ...band, BIN_HZ, FLOOR: E.specFloor }, [stack(frames)], [frames.length], 1);
    frames.forEach((p, f) => {
      const want = bandSlope(p, band.LO, band.HI, BIN_HZ, E.specFloor);
      assertNumberClose(got[f], want, bandSlopeTolerance, `bins ${band.LO}..${band.HI} frame ${f}`);
    });
  }
});

gpuTest('magnitude-flux: against the frame before within a signal, 0 on a signal\'s first frame', async (h) => {
  const frames = spectra(BINS, 11);
  const continues = Uint32Array.from([0, 1, 1, 0]);
  const [got] = await runKernel(h, 'magnitude-flux', { BINS, N: E.fluxBins }, [stack(frames), continues], [frames.length], 1);
  frames.forEach((p, f) => {
    const want = continues[f] ? magnitudeFlux(p, frames[f - 1], E.fluxBins) : 0;
    assertNumberClose(got[f], want, magnitudeFluxTolerance, `frame ${f}`);
  });
  assert.is(got[0], 0);
  assert.is(got[3], 0);
});

test.run();
