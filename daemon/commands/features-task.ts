// `emotiond features` in a batch worker (daemon/batch/): the set's extractor built once per
// worker, then one file at a time, its row moved (not copied) back to the main thread.
import type { FileTask } from '../batch/task.ts';
import { decodeAudioFile } from '../audio/decode.ts';
import { extractorFor } from './features-extractors.ts';

export interface FeaturesInit {
  set: string;
  backend: string;
}

export async function createTask(init: FeaturesInit): Promise<FileTask<Float32Array>> {
  const extractor = await extractorFor(init.set, init.backend);
  return {
    run: async (file) => {
      const values = Float32Array.from(await extractor.extract((await decodeAudioFile(file)).samples));
      return { value: values, transfer: [values.buffer] };
    },
    dispose: () => extractor.dispose(),
  };
}
