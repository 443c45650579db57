// The per-frame WASM pipelines (wasm/assembly/egemaps-frames.ts, behind
// egemaps/egemaps-wasm-frame-kernels.ts) against the same stages on the TypeScript
// references (egemaps/egemaps-ref-frame-kernels.ts), frame by frame on speech-like audio.
// Tolerances: the 20 ms LLDs and the pitch spectrum's candidates are sums of f32 products
// (1e-3 relative, 2e-3 absolute for values near 0); formants are roots of an ill-conditioned
// polynomial of f32 autocorrelations, so 2% on F1-F3 of voiced frames (egemaps-backends.test.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createEgemapsFrameKernels } from '../../daemon/features/egemaps/egemaps-backends.ts';
import { EGEMAPS as E } from '../../daemon/features/egemaps/egemaps-config.ts';
import { SHORT_LLDS } from '../../daemon/features/egemaps/egemaps-frame-kernels.ts';
import { newCandidates } from '../../daemon/features/egemaps/pitch-candidates.ts';
import { speechLike } from '../unit/features/speech-like.ts';

const near = (got: number, want: number, rel: number, abs: number): boolean => Math.abs(got - want) <= abs + rel * Math.abs(want);

test('egemapsShort, egemapsFormantRoots and egemapsLong match the reference stages', async () => {
  const x = speechLike(1.5, 140, 7), frames = Math.floor((x.length - E.longFrame) / E.hop) + 1;
  const ref = await createEgemapsFrameKernels('ref');
  ref.append(x);
  const a = new Float64Array(SHORT_LLDS.length), b = new Float64Array(SHORT_LLDS.length);
  const fa = new Float64Array(5), fb = new Float64Array(5), ga = new Float64Array(5), gb = new Float64Array(5);
  const ca = newCandidates(), cb = newCandidates();
  let formantFrames = 0, formantOk = 0;
  for (const backend of ['wasm', 'wasm-scalar'] as const) {
    const k = await createEgemapsFrameKernels(backend);
    k.append(x);
    ref.reset();
    ref.append(x);
    for (let f = 0; f < frames; f++) {
      ref.shortLlds(f, a);
      k.shortLlds(f, b);
      SHORT_LLDS.forEach((name, i) => assert.ok(near(b[i], a[i], 1e-3, 2e-3), `${backend} frame ${f} ${name}: ${b[i]} vs ${a[i]}`));
      ref.formants(f, fa, ga);
      k.formants(f, fb, gb);
      const ra = ref.longFrame(f, f % 64, ca), rb = k.longFrame(f, f % 64, cb);
      assert.ok(near(rb, ra, 1e-4, 1e-7), `${backend} frame ${f} rms`);
      assert.is(cb.n, ca.n, `${backend} frame ${f} candidates`);
      for (let c = 0; c < ca.n; c++) {
        assert.ok(near(cb.f0[c], ca.f0[c], 1e-3, 0), `${backend} frame ${f} F0 candidate ${c}: ${cb.f0[c]} vs ${ca.f0[c]}`);
        assert.ok(near(cb.voicing[c], ca.voicing[c], 1e-3, 2e-3), `${backend} frame ${f} voicing ${c}`);
      }
      const mags = [ref.longMagnitude(f % 64), k.longMagnitude(f % 64)];
      for (let i = 0; i < 513; i += 37) assert.ok(near(mags[1][i], mags[0][i], 1e-3, 1e-5), `${backend} frame ${f} magnitude ${i}`);
      assert.ok(near(k.longAcf(f, 100), ref.longAcf(f, 100), 1e-3, 1e-6), `${backend} frame ${f} acf`);
      if (ca.voicing[0] > 0.7) {
        formantFrames++;
        if ([0, 1, 2].every((i) => near(fb[i], fa[i], 0.02, 1))) formantOk++;
      }
    }
  }
  assert.ok(formantFrames > 50, `${formantFrames} voiced frames`);
  // An f32 rounding difference can move a root far now and then; nearly all frames agree.
  assert.ok(formantOk >= 0.97 * formantFrames, `formants agree on ${formantOk} of ${formantFrames} voiced frames`);
});

test('formants from the FFT points kept by shortLlds equal those of the frame transformed again, bit for bit', async () => {
  const x = speechLike(1.2, 160, 3), frames = Math.floor((x.length - E.longFrame) / E.hop) + 1;
  for (const backend of ['wasm', 'wasm-scalar'] as const) {
    const kept = await createEgemapsFrameKernels(backend), fresh = await createEgemapsFrameKernels(backend);
    kept.append(x);
    fresh.append(x);
    const row = new Float64Array(SHORT_LLDS.length), fa = new Float64Array(5), ba = new Float64Array(5);
    const fb = new Float64Array(5), bb = new Float64Array(5);
    for (let f = 0; f < frames; f++) kept.shortLlds(f, row);
    for (let f = 0; f < frames; f++) {
      // kept: the frame's points are in its slot (the last 64 frames); fresh never computed them.
      kept.formants(f, fa, ba);
      fresh.formants(f, fb, bb);
      assert.equal([...fa, ...ba], [...fb, ...bb], `${backend} frame ${f}`);
    }
  }
});

test.run();
