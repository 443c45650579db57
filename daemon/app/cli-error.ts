// How every command ends on an error: one line on stderr (with the error's code), never a
// stack (unless EMOTIOND_DEBUG), and exit status 2 for usage errors and unusable corpora
// (what the command line was given is wrong), 1 for the rest.
import { EmotiondError, errorMessage } from '../core/errors.ts';
import { redact } from '../core/redact.ts';

export function reportCliError(err: unknown): void {
  const code = err instanceof EmotiondError ? ` [${err.code}]` : '';
  process.stderr.write(redact(`emotiond${code}: ${errorMessage(err)}\n`));
  if (!(err instanceof EmotiondError) && process.env.EMOTIOND_DEBUG) console.error(err);
  process.exitCode = err instanceof EmotiondError && (err.code === 'USAGE' || err.code === 'DATASET') ? 2 : 1;
}
