// Where a worker thread's module is and how it starts, for every worker of cifra (the API's pools,
// the SQLite import's writer, the audit check): one rule for the bundle, tsc's output and tsx.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * The module `entry` beside `here` (the caller's import.meta.url): the bundle's `<entry>.js`
 * (scripts/build-cli.ts puts every entry and chunk in one folder), tsc's `.js`, or the `.ts`
 * source under tsx (tests).
 */
export function besideModule(here: string, entry: string): string {
  return new URL(`./${entry}${here.endsWith('.ts') ? '.ts' : '.js'}`, here).href;
}

/**
 * A worker running the module at `url`; a `.ts` one through tsx's ESM loader, registered inside
 * the worker (a worker does not inherit the parent's loaders).
 */
export function workerAt(url: string, options: WorkerOptions = {}): Worker {
  if (!url.endsWith('.ts')) return new Worker(new URL(url), options);
  const tsx = createRequire(url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs');
  const code = `import(${JSON.stringify(pathToFileURL(tsx).href)}).then((m) => { m.register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(code, { ...options, eval: true });
}
