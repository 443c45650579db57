// Feature extraction for training and evaluation in a batch worker (daemon/batch/): the
// product's extractor for one feature set, built once per worker, and its decoder, exactly
// as resolveFeatureSource builds them in one thread.
import type { FileTask } from '../batch/task.ts';
import { decodeAudioFile } from '../audio/decode.ts';
import { createSetExtractor, type FeatureSetId } from '../features/feature-sets.ts';

export interface FeatureTaskInit {
  setId: FeatureSetId;
}

export async function createTask(init: FeatureTaskInit): Promise<FileTask<Float32Array>> {
  const extractor = await createSetExtractor(init.setId);
  return {
    run: async (path) => {
      const values = Float32Array.from(extractor.extract((await decodeAudioFile(path)).samples).values);
      return { value: values, transfer: [values.buffer] };
    },
    dispose: async () => undefined,
  };
}
