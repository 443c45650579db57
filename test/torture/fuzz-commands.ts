// MQTT `set` payload fuzzing: valid commands mutated (case, spaces, keys, types, nesting,
// size), JSON of every shape, invalid UTF-8, random bytes, 1 KiB boundaries, through the
// parser every payload on the set topic goes through. `liveFuzzCommands` sends the same
// payloads to a running daemon through a real broker (faults.ts).
import { parseCommand, MAX_COMMAND_BYTES } from '../../daemon/sinks/commands.ts';
import { FuzzTally, oneLine, type FuzzReport } from './fuzz-report.ts';
import { SeededRandom } from './seeded-random.ts';

const VALID = ['mute', 'unmute', 'reload', '{"mute": true}', '{"mute": false}', '{"reload": true}'];
const JSONISH = ['null', 'true', '0', '-1e999', '[]', '{}', '""', '{"mute": "true"}', '{"mute": 1}', '{"reload": false}', '{"mute": true, "reload": true}', '{"__proto__": {"mute": true}}', '{"constructor": 1}', '{"mute": null}', '[{"mute": true}]', '{"mute": true}{"mute": false}', '{"mute": tru', '{"mute":\u0000true}', '{"MUTE": true}', '{"mute": true,}'];

export function fuzzPayload(rng: SeededRandom): Uint8Array {
  const enc = (s: string) => new TextEncoder().encode(s);
  switch (rng.int(0, 7)) {
    case 0:
      return rng.bytes(rng.int(0, 64));
    case 1: {
      const v = rng.pick(VALID);
      return enc(rng.chance(0.5) ? v.toUpperCase() : ` \t${v}\n `);
    }
    case 2:
      return enc(rng.pick(JSONISH));
    case 3: {
      const v = enc(rng.pick(VALID));
      v[rng.int(0, v.length - 1)] = rng.int(0, 255);
      return v;
    }
    case 4: // around the size limit
      return enc(`{"mute": true}${' '.repeat(rng.int(MAX_COMMAND_BYTES - 20, MAX_COMMAND_BYTES + 20))}`);
    case 5: // invalid UTF-8 around a valid word
      return new Uint8Array([...enc('mu'), rng.pick([0x80, 0xc0, 0xff, 0xfe, 0xed]), ...enc('te')]);
    case 6: // deep nesting
      return enc('{"mute":'.repeat(rng.int(1, 2000)) + 'true' + '}'.repeat(rng.int(0, 2000)));
    default:
      return enc(rng.pick(VALID));
  }
}

export async function fuzzCommands(inputs: number, seed = 3, limitMs = 1000): Promise<FuzzReport> {
  const rng = new SeededRandom(seed);
  const tally = new FuzzTally('MQTT set payloads', seed, limitMs);
  for (let i = 0; i < inputs; i++) {
    const payload = fuzzPayload(rng);
    await tally.run(i, () => parseCommand(payload), oneLine);
  }
  return tally.report();
}
