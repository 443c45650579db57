// Input devices as PortAudio (through naudiodon) sees them, and picking one by index or name.
//
// naudiodon is loaded on first use, never at import: it is a native addon (with a
// segfault handler that does not load under Deno), and a machine that only replays files
// must not fail at startup for want of it.

import type * as Naudiodon from 'naudiodon';
import { EmotiondError, errorMessage } from '../core/errors.ts';

export type NaudiodonModule = typeof Naudiodon;

export interface InputDevice {
  /** PortAudio's device index; it can change when devices are plugged or unplugged. */
  id: number;
  name: string;
  maxInputChannels: number;
  defaultSampleRate: number;
  hostApi: string;
}

/** What selects a device: its index, a case-insensitive part of its name, or the default. */
export type DeviceSpec = number | string | undefined;

let loaded: Promise<NaudiodonModule> | null = null;

export function loadNaudiodon(): Promise<NaudiodonModule> {
  loaded ??= import('naudiodon').then(
    (mod) => ((mod as unknown as { default?: NaudiodonModule }).default ?? mod) as NaudiodonModule,
    (err: unknown) => {
      loaded = null;
      throw new EmotiondError(
        'DEVICE',
        `audio capture needs the native package naudiodon (PortAudio), which failed to load: ${errorMessage(err)}. ` +
          'Replay files instead, or install it under Node (it does not load under Deno).',
        { cause: err },
      );
    },
  );
  return loaded;
}

/** What to check when PortAudio sees no capture device at all; said by `devices` and `run`. */
export const NO_DEVICE_ADVICE =
  'plug in a microphone (a USB one shows in `arecord -l`), make sure this user may open it ' +
  '(group `audio`; for the service, SupplementaryGroups=audio), or replay files instead (source.type: file)';

/** Every device that can capture (maxInputChannels > 0). */
export async function listDevices(): Promise<InputDevice[]> {
  const na = await loadNaudiodon();
  return na
    .getDevices()
    .filter((d) => d.maxInputChannels > 0)
    .map((d) => ({
      id: d.id,
      name: d.name,
      maxInputChannels: d.maxInputChannels,
      defaultSampleRate: d.defaultSampleRate,
      hostApi: d.hostAPIName,
    }));
}

/**
 * Finds the input device `spec` names. A name is matched exactly (ignoring case) first, then
 * as a substring, so that "usb" finds "USB PnP Sound Device: Audio (hw:1,0)" after a replug
 * has changed its index.
 */
export async function findInputDevice(spec: DeviceSpec): Promise<InputDevice> {
  const na = await loadNaudiodon();
  const inputs = await listDevices();
  const known = () =>
    inputs.length ? `input devices: ${inputs.map((d) => `#${d.id} '${d.name}'`).join(', ')}` : `no input device is present: ${NO_DEVICE_ADVICE}`;
  if (typeof spec === 'number') {
    const d = inputs.find((x) => x.id === spec);
    if (!d) throw new EmotiondError('DEVICE', `no input device #${spec} (${known()})`);
    return d;
  }
  if (typeof spec === 'string' && spec.trim() !== '') {
    const want = spec.trim().toLowerCase();
    const d = inputs.find((x) => x.name.toLowerCase() === want) ?? inputs.find((x) => x.name.toLowerCase().includes(want));
    if (!d) throw new EmotiondError('DEVICE', `no input device matches '${spec}' (${known()})`);
    return d;
  }
  const apis = na.getHostAPIs();
  const defaultId = apis.HostAPIs[apis.defaultHostAPI]?.defaultInput;
  const d = inputs.find((x) => x.id === defaultId) ?? inputs[0];
  if (!d) throw new EmotiondError('DEVICE', `no default input device (${known()})`);
  return d;
}
