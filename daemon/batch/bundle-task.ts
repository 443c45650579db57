// A batch task's TypeScript as one JavaScript module (a data: URL), made by the esbuild
// bundler the `emotiond` command uses for the daemon (bin/bundle-entry.js): workers import it
// without a TypeScript loader of their own. Null where it cannot be made; workers then run
// the sources under tsx (worker-entry.mjs), slower to start but the same code.

export async function bundleTask(task: URL): Promise<string | null> {
  try {
    // Loaded here, not at the top: a bundle that includes this module then never runs it.
    // @ts-expect-error bin/ is plain JavaScript without type declarations.
    const { bundleEntry } = (await import('../../bin/bundle-entry.js')) as { bundleEntry(entry: URL): Promise<string> };
    return await bundleEntry(task);
  } catch (err) {
    process.stderr.write(`emotiond: workers run the sources under tsx, the task could not be bundled: ${String((err as Error)?.message ?? err).split('\n')[0]}\n`);
    return null;
  }
}
