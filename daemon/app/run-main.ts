// The entry of the installed daemon: `emotiond run [-c|--config FILE]` and nothing else, so
// that the process loads only what the daemon needs (not the training, export and analysis
// commands and their packages). bin/emotiond.js parses the command line (bin/run-args.js)
// and sends any other form of it to cli.ts.
import { reportCliError } from './cli-error.ts';
import { runCommand } from './run-command.ts';

export async function main(opts: { config?: string }): Promise<void> {
  try {
    await runCommand(opts);
  } catch (err) {
    reportCliError(err);
  }
}
