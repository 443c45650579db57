// The 25 eGeMAPSv02 frame-level descriptors (Eyben et al. 2016, sec. 3.1 and 4; openSMILE's
// eGeMAPSv02.conf), every 10 ms, before the 3-frame smoothing, for a whole signal. On frame
// kernels (egemaps-frame-kernels.ts) this is the streaming pipeline (egemaps-stream.ts) fed
// the signal at once, in fixed memory; on the whole-signal interface (egemaps-kernels.ts) it
// is the two-pass pipeline (egemaps-llds-two-pass.ts). Both give the same numbers.
import type { EgemapsFrameKernels } from './egemaps-frame-kernels.ts';
import type { EgemapsKernels } from './egemaps-kernels.ts';
import type { EgemapsLldFrames } from './egemaps-lld-types.ts';
import { computeEgemapsLldsTwoPass } from './egemaps-llds-two-pass.ts';
import { EgemapsLldStream } from './egemaps-stream.ts';

export { EGEMAPS_LLDS, SMA3_LLDS, type EgemapsLld, type EgemapsLldFrames } from './egemaps-lld-types.ts';

export const isFrameKernels = (k: EgemapsKernels | EgemapsFrameKernels): k is EgemapsFrameKernels => 'shortLlds' in k;

/** The LLDs of a whole signal; a stream may be passed to reuse its buffers. */
export function computeEgemapsLlds(
  k: EgemapsKernels | EgemapsFrameKernels, samples: Float32Array, stream?: EgemapsLldStream,
): EgemapsLldFrames {
  if (!isFrameKernels(k)) return computeEgemapsLldsTwoPass(k, samples);
  const s = stream ?? new EgemapsLldStream(k);
  s.reset();
  k.prepare?.(samples);
  s.push(samples);
  return s.end();
}
