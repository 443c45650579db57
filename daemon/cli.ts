#!/usr/bin/env -S npx tsx
// The `emotiond` command line. Each command is a thin shell over daemon/app/ and train/;
// errors with a code are printed as one clear line and a non-zero exit, never a stack.
import { Command, Option } from 'commander';
import { loadConfig } from './config/load-config.ts';
import { configuredBackends } from './config/stage-backends.ts';
import { reportCliError } from './app/cli-error.ts';
import { addTrainCommands } from './commands/train-commands.ts';
import { addBackendOptions, backendChoice } from './commands/backend-options.ts';
import { addFeaturesCommand } from './commands/features-command.ts';
import { addJobsOption, defaultJobs, setTrainingJobs } from './batch/jobs.ts';

const program = new Command()
  .name('emotiond')
  .description('Speech emotion recognition daemon: microphone in, emotion events out over MQTT.')
  .showHelpAfterError();

addJobsOption(addBackendOptions(program.command('analyze')))
  .description('classify WAV/FLAC files: one result per speech segment, or per file with --whole')
  .argument('<files...>', 'audio files (WAV of any common encoding, FLAC; any rate and channel count)')
  .option('--whole', 'one result per file over the whole file')
  .option('--jsonl', 'one JSON object per line instead of a table')
  .option('-c, --config <file>', 'config file (for model.path and vad.*)')
  .option('--max-file-mib <n>', 'refuse files larger than this (MiB; default 256)')
  .option('--max-duration-s <n>', 'refuse audio longer than this (seconds; default 3600)')
  .action(async (files: string[], opts: { whole?: boolean; jsonl?: boolean; config?: string; backend?: string; ep?: string; jobs?: number; maxFileMib?: string; maxDurationS?: string }) => {
    const { analyzeFiles } = await import('./app/analyze-files.ts');
    const { inputLimitsFrom } = await import('./audio/input-limits.ts');
    const limits = inputLimitsFrom(opts);
    const config = loadConfig(opts.config);
    const failed = await analyzeFiles(files, {
      whole: !!opts.whole, jsonl: !!opts.jsonl, configPath: opts.config, config,
      choice: backendChoice(opts, configuredBackends(config)), jobs: opts.jobs ?? defaultJobs(), limits,
    });
    if (failed) process.exitCode = 1;
  });

program
  .command('run')
  .description('run the daemon: listen, detect speech, classify, publish events over MQTT')
  .option('-c, --config <file>', 'YAML config file (see config/emotiond.example.yaml)', process.env.EMOTIOND_CONFIG)
  .action(async (opts: { config?: string }) => {
    const { runCommand } = await import('./app/run-command.ts');
    await runCommand(opts);
  });

program
  .command('devices')
  .description('list audio capture devices (PortAudio)')
  .option('--json', 'print JSON')
  .action(async (opts: { json?: boolean }) => {
    const { listDevices, NO_DEVICE_ADVICE } = await import('./audio/devices.ts');
    const devices = await listDevices();
    if (opts.json) process.stdout.write(JSON.stringify(devices, null, 2) + '\n');
    if (devices.length === 0) {
      // Non-zero, so that scripts and installers can tell "no microphone" from a listing.
      process.stderr.write(`emotiond [DEVICE]: no capture device found: ${NO_DEVICE_ADVICE}\n`);
      process.exitCode = 1;
      return;
    }
    if (opts.json) return;
    for (const d of devices) {
      process.stdout.write(`${String(d.id).padStart(3)}  ${d.name}  (${d.maxInputChannels} ch, ${d.defaultSampleRate} Hz)\n`);
    }
  });

const configCmd = program.command('config').description('configuration tools');
configCmd
  .command('check')
  .description('validate a config file (with EMOTIOND_* environment overrides) and print the effective config')
  .argument('<file>', 'YAML config file')
  .option('--quiet', 'print only the verdict, not the effective config')
  .action(async (file: string, opts: { quiet?: boolean }) => {
    const config = loadConfig(file);
    // The TLS files are read as the daemon would read them: a missing one fails here, not at 3 a.m.
    const { loadTls } = await import('./sinks/mqtt-tls.ts');
    if (config.mqtt.url !== 'embedded') loadTls(config.mqtt.tls);
    // Secrets stay out of terminals and CI logs: the password, the one a URL may hold, the status token.
    const { redactUrl } = await import('./sinks/mqtt-util.ts');
    const { redact } = await import('./core/redact.ts');
    const mqtt = { ...config.mqtt, url: redactUrl(config.mqtt.url), password: config.mqtt.password === undefined ? undefined : '***' };
    const http = { ...config.http, token: config.http.token === undefined ? undefined : '***' };
    process.stdout.write(redact(`${file}: ok\n${opts.quiet ? '' : JSON.stringify({ ...config, mqtt, http }, null, 2) + '\n'}`));
  });

addTrainCommands(program);
// Their feature extraction runs on worker threads: --jobs is handed to it before the action.
for (const cmd of program.commands.filter((c) => c.name() === 'train' || c.name() === 'eval')) {
  addJobsOption(cmd).hook('preAction', (c) => setTrainingJobs(c.opts<{ jobs?: number }>().jobs));
}
addFeaturesCommand(program);

program.addOption(new Option('--version').hideHelp()).on('option:version', () => {
  process.stdout.write('emotiond 0.1.0\n');
  process.exit(0);
});

try {
  await program.parseAsync(process.argv);
} catch (err) {
  reportCliError(err);
}
