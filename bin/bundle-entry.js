// `emotiond run` as plain JavaScript: its TypeScript sources are bundled in memory by esbuild
// (a direct dependency, pinned to the version tsx uses, so one copy is installed) and
// imported from a data: URL. A daemon runs for months, and tsx's loader (a module-hook
// thread with a V8 isolate of its own: `node --import tsx` idles ~38 MiB above plain `node`) would stay for the life of the process, though nothing loads after start.
// Only the project's own sources are bundled: packages stay separate modules, imported by
// the file URL Node's resolution would pick, so they see their own import.meta.url (where
// onnxruntime-web finds its .wasm). import.meta.url in the sources is replaced by the URL of
// the file it appears in, for the same reason (feature kernels, shaders, the Silero model).
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SOURCES = fileURLToPath(new URL('../daemon/', import.meta.url));

/** Bundles the module at `entry` (a file URL) with what it imports; returns the data: URL of the bundle. */
export async function bundleEntry(entry) {
  const esbuild = await import('esbuild');
  const packagesByUrl = {
    name: 'packages-by-url',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === 'inner') return undefined;
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        const r = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'inner' });
        if (r.errors.length) return { errors: r.errors };
        return { path: pathToFileURL(r.path).href, external: true };
      });
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (!args.path.startsWith(SOURCES)) return undefined;
        const text = await readFile(args.path, 'utf8');
        return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
      });
    },
  };
  try {
    const out = await esbuild.build({
      entryPoints: [fileURLToPath(entry)],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
      plugins: [packagesByUrl],
    });
    return `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].contents).toString('base64')}`;
  } finally {
    // esbuild's service is a child process: end it, nothing else is built in this process.
    await esbuild.stop?.();
  }
}
