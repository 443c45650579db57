// `emotiond features` in a batch worker (daemon/batch/): the set's extractor built once per
// worker, then one file at a time, its row moved (not copied) back to the main thread with the
// file's damaged-audio warnings (printed there, in the files' order). Inputs past the limits
// are refused here as in one thread.
import type { FileTask } from '../batch/task.ts';
import { decodeAudioFile } from '../audio/decode.ts';
import type { InputLimits } from '../audio/input-limits.ts';
import { extractorFor } from './features-extractors.ts';

export interface FeaturesInit {
  set: string;
  backend: string;
  /** --max-file-mib / --max-duration-s. */
  limits: InputLimits;
}

export interface FeaturesRow {
  values: Float32Array;
  warnings?: string[];
}

export async function createTask(init: FeaturesInit): Promise<FileTask<FeaturesRow>> {
  const extractor = await extractorFor(init.set, init.backend);
  return {
    run: async (file) => {
      const audio = await decodeAudioFile(file, init.limits);
      const values = Float32Array.from(await extractor.extract(audio.samples));
      return { value: { values, ...(audio.warnings?.length ? { warnings: audio.warnings } : {}) }, transfer: [values.buffer] };
    },
    dispose: () => extractor.dispose(),
  };
}
