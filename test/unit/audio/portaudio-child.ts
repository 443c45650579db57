// Runs one PortAudioSource capture in its own process for portaudio-source.test.ts: naudiodon
// is a native addon that can crash, and must not take the test runner down with it.
// Usage: tsx portaudio-child.ts '{"options": {...}, "samples": N, "timeoutMs": T}'
// Prints "ERROR <message>" for each onError as it happens, then one "RESULT <json>" line.
// (naudiodon prints its own lines on stdout too; the parent reads only these two kinds.)
import { listDevices } from '../../../daemon/audio/devices.ts';
import { PortAudioSource, type PortAudioSourceOptions } from '../../../daemon/audio/portaudio-source.ts';
import { errorMessage } from '../../../daemon/core/errors.ts';

const { options, samples: want, timeoutMs } = JSON.parse(process.argv[2] ?? '{}') as {
  options: PortAudioSourceOptions;
  samples: number;
  timeoutMs: number;
};

const result = {
  devices: [] as unknown[],
  startError: null as null | { code: unknown; message: string },
  samples: [] as number[],
  starts: [] as number[],
  sizes: [] as number[],
  errors: [] as string[],
};

function finish(): void {
  // Exit only once the line is written: stdout to a pipe is asynchronous.
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`, () => process.exit(0));
}

try {
  result.devices = await listDevices();
} catch (err) {
  result.errors.push(`listDevices: ${errorMessage(err)}`);
}

const source = new PortAudioSource(options);
let done = false;
const end = async () => {
  if (done) return;
  done = true;
  await source.stop();
  finish();
};
setTimeout(() => void end(), timeoutMs);
try {
  await source.start({
    onChunk: (c) => {
      if (done) return;
      result.starts.push(c.startS);
      result.sizes.push(c.samples.length);
      for (const x of c.samples) result.samples.push(x);
      if (result.samples.length >= want) {
        result.samples.length = want;
        void end();
      }
    },
    onError: (e) => {
      result.errors.push(e.message);
      process.stdout.write(`ERROR ${e.message.replace(/\n/g, ' ')}\n`);
    },
  });
} catch (err) {
  result.startError = { code: (err as { code?: unknown }).code, message: errorMessage(err) };
  done = true;
  finish();
}
