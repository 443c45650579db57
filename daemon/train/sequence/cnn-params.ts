// `--param cnn.<key>=<value>` for the frame CNN, e.g. cnn.maxEpochs=30, cnn.dropout=0.2,
// cnn.convs=48:5:2,48:5:2,48:3:1 (channels:kernel:stride per layer), cnn.pool=mean,std,max,
// cnn.refit=true.
import { CNN_DEFAULTS, type CnnOptions } from './train-cnn.ts';

export function parseCnnParams(params: readonly string[]): CnnOptions {
  const out: Record<string, unknown> = {};
  for (const p of params) {
    const m = /^cnn\.([A-Za-z]+)=(.+)$/.exec(p);
    if (!m) throw new RangeError(`--param ${p}: the cnn model takes cnn.<key>=<value> (keys: ${Object.keys(CNN_DEFAULTS).join(', ')})`);
    const [, key, value] = m;
    if (!(key in CNN_DEFAULTS)) throw new RangeError(`--param ${p}: unknown key '${key}' (keys: ${Object.keys(CNN_DEFAULTS).join(', ')})`);
    if (key === 'convs') {
      out.convs = value.split(',').map((layer) => {
        const parts = layer.split(':').map(Number);
        if (parts.length !== 3 || parts.some((v) => !Number.isInteger(v) || v < 1)) {
          throw new RangeError(`--param ${p}: each layer is channels:kernel:stride in whole numbers, got '${layer}'`);
        }
        return { channels: parts[0], kernel: parts[1], stride: parts[2] };
      });
    } else if (key === 'pool') {
      const kinds = value.split(',');
      if (kinds.some((k) => k !== 'mean' && k !== 'std' && k !== 'max')) throw new RangeError(`--param ${p}: pool lists mean, std, max`);
      out.pool = kinds;
    } else if (typeof CNN_DEFAULTS[key as keyof CnnOptions] === 'boolean') {
      if (value !== 'true' && value !== 'false') throw new RangeError(`--param ${p}: expected true or false`);
      out[key] = value === 'true';
    } else {
      const v = Number(value);
      if (!Number.isFinite(v) || v < 0) throw new RangeError(`--param ${p}: expected a non-negative number`);
      out[key] = v;
    }
  }
  return out as CnnOptions;
}
