// The `cifra` bin: src/cli/main.ts bundled by esbuild into dist/cli/main.js, with the server,
// publisher, projection and demo split into chunks that only the commands using them load, and
// the worker entries (projection, what-if, the import's writer, the audit check) beside them. One file to compile instead of ~150 ES
// modules (Node 20 has no module compile cache): `cifra ingest` starts in about half the CPU.
// Run by `npm run build:cli` (from `build` and `prepare`); the process tests bundle the same way.
import { build, type Plugin } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT as root } from '../src/io/paths.js';

// Native (better-sqlite3), optional-native (pg) and packages that read their own files at run
// time stay in node_modules; the rest (zod, commander, csv-parse, …) is bundled.
const EXTERNAL = ['better-sqlite3', 'pg', 'fastify', '@fastify/*', 'esbuild', 'tsx'];

/**
 * zod's namespace re-exports every message locale (`z.locales`, 366 KB of the bundle's 750 KB of
 * zod) and esbuild cannot drop a namespace that is used whole. cifra reads no zod message in
 * another language (issues carry codes; zod keeps English, which schemas.js imports directly), so
 * the index of locales is an empty module here: every process compiles ~17 % less at start.
 */
const noZodLocales: Plugin = {
  name: 'no-zod-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (a) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(a.importer)
        ? { path: 'zod-locales', namespace: 'no-zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'no-zod-locales' }, () => ({
      contents: 'export {};',
      loader: 'js',
    }));
  },
};

/**
 * Bundles the CLI into `outdir` (emptied first): main.js, projection-worker.js, frame-worker.js
 * and what-if-worker.js flat beside their chunks, so src/api/workers.ts finds `./<entry>.js` beside
 * whichever chunk holds it. Resolves to main.js's path and the bytes of all outputs.
 */
export async function buildCli(
  outdir = join(root, 'dist', 'cli'),
): Promise<{ main: string; bytes: number }> {
  rmSync(outdir, { recursive: true, force: true });
  const r = await build({
    entryPoints: {
      main: join(root, 'src', 'cli', 'main.ts'),
      'projection-worker': join(root, 'src', 'api', 'projection-worker.ts'),
      'what-if-worker': join(root, 'src', 'api', 'what-if-worker.ts'),
      'frame-worker': join(root, 'src', 'api', 'frame-worker.ts'),
      // started by name from the chunk beside it (src/store/sqlite/import-worker-start.ts)
      'import-worker': join(root, 'src', 'store', 'sqlite', 'import-worker.ts'),
      // the server's whole-chain audit check (src/store/audit-thread.ts, ADR 016)
      'audit-worker': join(root, 'src', 'store', 'audit-worker.ts'),
    },
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    chunkNames: 'chunk-[hash]',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [noZodLocales],
    // bundled CommonJS packages (commander, cli-table3) call require() for Node's built-ins
    banner: {
      js: "import { createRequire as __cifraCreateRequire } from 'node:module'; const require = __cifraCreateRequire(import.meta.url);",
    },
  });
  const bytes = Object.entries(r.metafile.outputs)
    .filter(([f]) => !f.endsWith('.map'))
    .reduce((n, [, o]) => n + o.bytes, 0);
  return { main: join(outdir, 'main.js'), bytes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { main, bytes } = await buildCli();
  console.log(`${main}: ${bytes} bytes with its chunks`);
}
