// Config fuzzing: the documented example with lines dropped, values and keys swapped for
// edge values of every type, indentation and YAML syntax broken, and environment overrides
// (EMOTIOND_* names right and wrong, values of every shape), through loadConfig. Every input
// must load or be refused with an EmotiondError; a secret in the file or the environment
// must never appear in the message.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../daemon/config/load-config.ts';
import { ROOT } from '../helpers/daemon-process.ts';
import { FuzzTally, type FuzzReport } from './fuzz-report.ts';
import { SeededRandom } from './seeded-random.ts';

const SECRET = 'Fz-s3cret-9q';
const VALUES = ['', '0', '-1', '1e309', '.nan', 'null', '~', 'true', 'no', '"x"', "'", '"', '[', ']', '{', '}', '[1, 2]', '{a: 1}', '*alias', '&anchor x', '!!binary AA==', '|', '>', '- x', '%', '@', '`', 'mqtt://u:' + SECRET + '@h:1', SECRET, '0x10', '1_000', '65536', '99999999999999999999', 'é', '\u0000', '\t', '? x', 'a: b: c', '<<: *x'];
const ENV_KEYS = ['EMOTIOND_MQTT__URL', 'EMOTIOND_MQTT__PASSWORD', 'EMOTIOND_MQTT__USERNAME', 'EMOTIOND_HTTP__PORT', 'EMOTIOND_VAD__ENGINE', 'EMOTIOND_DEVICE_ID', 'EMOTIOND_LOG__LEVEL', 'EMOTIOND_MQTT__OUTBOX__MAX_EVENTS', 'EMOTIOND_SOURCE__TYPE', 'EMOTIOND_TSX', 'EMOTIOND_DEBUG', 'EMOTIOND_X', 'EMOTIOND___', 'EMOTIOND_MQTT__', 'EMOTIOND___PROTO____X', 'EMOTIOND_MQTT__TLS__CA', 'EMOTIOND_WEBGPU__FLAGS', 'EMOTIOND_VERSION', 'EMOTIOND_STATE_DIR'];

function mutateYaml(rng: SeededRandom, lines: string[]): string {
  const out = lines.slice();
  for (let k = rng.int(1, 4); k > 0; k--) {
    const i = rng.int(0, out.length - 1);
    const line = out[i];
    switch (rng.int(0, 6)) {
      case 0:
        out.splice(i, 1);
        break;
      case 1: {
        const m = /^(\s*[a-z_]+:)\s*(.*)$/.exec(line);
        out[i] = m ? `${m[1]} ${rng.pick(VALUES)}` : line;
        break;
      }
      case 2:
        out[i] = ' '.repeat(rng.int(0, 5)) + line.trimStart();
        break;
      case 3:
        out.splice(i, 0, `${rng.pick(['colour', 'mqtt', 'vad', 'x', '__proto__', 'constructor', 'password'])}: ${rng.pick(VALUES)}`);
        break;
      case 4: {
        const c = rng.int(0, Math.max(0, line.length - 1));
        out[i] = line.slice(0, c) + rng.pick([':', '"', "'", '[', '{', '#', '&', '*', '\t', '-', '?']) + line.slice(c);
        break;
      }
      case 5:
        out[i] = line.replace(/^#\s?/, ''); // an example line made live
        break;
      default:
        out.push(`  password: ${SECRET}`);
    }
  }
  return out.join('\n');
}

export async function fuzzConfig(inputs: number, seed = 2, limitMs = 2000): Promise<FuzzReport> {
  const rng = new SeededRandom(seed);
  const example = readFileSync(join(ROOT, 'config/emotiond.example.yaml'), 'utf8').split('\n');
  const dir = mkdtempSync(join(tmpdir(), 'emotiond-fuzz-config-'));
  const tally = new FuzzTally('config (YAML + environment)', seed, limitMs);
  // Nothing may reach stderr behind the error's back (a parser warning quoting the file).
  const warnings: string[] = [];
  const onWarning = (w: Error) => void warnings.push(w.message);
  process.on('warning', onWarning);
  for (let i = 0; i < inputs; i++) {
    const file = join(dir, `c${i % 16}.yaml`);
    const base = rng.chance(0.3) ? example.concat(['mqtt:', `  url: mqtt://user:${SECRET}@broker:1883`]) : example;
    writeFileSync(file, rng.chance(0.05) ? String.fromCharCode(...Array.from({ length: rng.int(0, 80) }, () => rng.int(0, 255))) : mutateYaml(rng, base));
    const env: Record<string, string> = {};
    for (let k = rng.int(0, 3); k > 0; k--) env[rng.pick(ENV_KEYS)] = rng.pick(VALUES);
    await tally.run(
      i,
      () => loadConfig(file, env),
      (err) => {
        if (!err.message.trim()) return 'empty message';
        if (err.message.includes(SECRET)) return `secret in the message: ${err.message.slice(0, 200)}`;
        if (/\[object Object\]|undefined\b/.test(err.message)) return `unclear message: ${err.message.slice(0, 200)}`;
        // Several bad keys give one line each; the first names the file or the variable.
        const first = err.message.split('\n')[0];
        return first.includes(file) || /EMOTIOND_/.test(first) || first.includes('(defaults)') ? null : `first line names neither file nor variable: ${first}`;
      },
    );
  }
  await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
  process.off('warning', onWarning);
  const report = tally.report();
  if (warnings.length === 0) return report;
  return { ...report, crashes: report.crashes + warnings.length, failures: [...report.failures, `warnings printed: ${warnings.length}, e.g. ${warnings[0].slice(0, 200)}`], ok: false };
}
