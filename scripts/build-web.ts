// The dashboard's bundles: web/app.ts and its modules (and the type-free parts of src/api they
// import) into one ES module with its source map, and the embeddable headline (web/embed.ts) into
// another, at dist/web/. Run by `npm run build:web`, which
// `prepare` (npm ci) and `prestart` call; the tests build it once in their global setup.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds the bundles; resolves to the dashboard's (app.js) size in bytes. */
export async function buildWeb(): Promise<number> {
  const r = await build({
    entryPoints: [join(root, 'web', 'app.ts'), join(root, 'web', 'embed.ts')],
    outdir: join(root, 'dist', 'web'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  return (
    Object.values(r.metafile.outputs).find((o) => o.entryPoint?.endsWith('app.ts') === true)
      ?.bytes ?? 0
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bytes = await buildWeb();
  console.log(`dist/web/app.js: ${bytes} bytes`);
}
