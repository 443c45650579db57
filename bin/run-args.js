// The simple form of `emotiond run` that the lean daemon entry accepts: no option but the
// config file. Anything else (--help, a typo) goes to the full command line, which explains.
/**
 * @param {readonly string[]} args what follows `run`
 * @param {Record<string, string | undefined>} env
 * @returns {{ config?: string } | null}
 */
export function parseRunArgs(args, env = process.env) {
  if (args.length === 0) return { config: env.EMOTIOND_CONFIG };
  if (args.length === 1 && args[0].startsWith('--config=') && args[0].length > '--config='.length) return { config: args[0].slice('--config='.length) };
  if (args.length === 2 && (args[0] === '-c' || args[0] === '--config') && !args[1].startsWith('-')) return { config: args[1] };
  return null;
}
