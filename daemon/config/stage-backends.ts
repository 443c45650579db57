// The backends the config asks for (features.backend, model.ep), in the shape the model
// stages take them; command-line flags are applied over this by the commands.
import type { Config } from './schema.ts';

export interface ConfiguredBackends {
  backend: Config['features']['backend'];
  ep: Config['model']['ep'];
}

export function configuredBackends(config: Pick<Config, 'features' | 'model'>): ConfiguredBackends {
  return { backend: config.features.backend, ep: config.model.ep };
}
