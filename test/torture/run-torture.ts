// The hostile-conditions suite in one command (`npm run torture`): seeded fuzzing of audio
// files, configs and MQTT set payloads, the fault scenarios, and the soak. Prints a JSON
// report (and writes it with --json FILE); exit 1 if anything failed.
//   npm run torture                          # full: 10,000 inputs per fuzzer, every fault, 8 h soak at 50x
//   npm run torture -- --inputs 500 --soak-hours 0 --commands 200   # a quicker pass
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fuzzAudio } from './fuzz-audio.ts';
import { fuzzCommands } from './fuzz-commands.ts';
import { fuzzConfig } from './fuzz-config.ts';
import * as faults from './faults.ts';
import { soak } from './soak.ts';

const { values } = parseArgs({
  options: {
    inputs: { type: 'string', default: '10000' },
    commands: { type: 'string', default: '10000' },
    'soak-hours': { type: 'string', default: '8' },
    speed: { type: 'string', default: '50' },
    only: { type: 'string' },
    json: { type: 'string' },
  },
});
const n = Number(values.inputs);
const only = values.only?.split(',');
const want = (part: string) => !only || only.includes(part);
const log = (s: string) => process.stderr.write(`${new Date().toISOString()} ${s}\n`);
const report: Record<string, unknown> = { started: new Date().toISOString(), args: values };
const results: { ok: boolean }[] = [];
/** Written after every part too, so a long run that is cut short still leaves what it found. */
const save = () => values.json && writeFileSync(values.json, JSON.stringify({ ...report, ok: results.every((r) => r.ok) }, null, 2) + '\n');

if (want('fuzz')) {
  report.fuzz = [];
  for (const f of [() => fuzzAudio(n), () => fuzzConfig(n), () => fuzzCommands(n)]) {
    const r = await f();
    log(`fuzz ${r.name}: ${r.inputs} inputs, ${r.crashes} crashes, ${r.hangs} hangs`);
    (report.fuzz as unknown[]).push(r);
    results.push(r);
    save();
  }
}
if (want('faults')) {
  report.faults = [];
  const scenarios = [
    faults.brokerKilledFrozenRestarted,
    faults.daemonKilledInOutage,
    faults.diskFull,
    faults.secondDaemonSameStateDir,
    function reloadAndCommandStorms() {
      return faults.reloadAndCommandStorms(Number(values.commands));
    },
  ];
  for (const s of scenarios) {
    let r: faults.FaultReport;
    try {
      r = await s();
    } catch (err) {
      r = { name: s.name, ok: false, notes: [`failed: ${err instanceof Error ? err.message.slice(0, 2000) : String(err)}`] };
    }
    log(`fault ${r.name}: ${r.ok ? 'ok' : 'FAILED'} ${JSON.stringify(r.delivery ?? {})}`);
    (report.faults as unknown[]).push(r);
    results.push(r);
    save();
  }
}
const hours = Number(values['soak-hours']);
if (want('soak') && hours > 0) {
  const r = await soak({ audioHours: hours, speed: Number(values.speed), log });
  report.soak = r;
  results.push(r);
}
report.finished = new Date().toISOString();
report.ok = results.every((r) => r.ok);
const text = JSON.stringify(report, null, 2);
if (values.json) writeFileSync(values.json, text + '\n');
console.log(text);
process.exit(report.ok ? 0 : 1);
