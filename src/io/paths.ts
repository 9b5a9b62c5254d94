import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root: the nearest folder above this file with package.json and data/. */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('cifra: cannot find the project root (package.json and data/)');
    dir = up;
  }
}

export const PROJECT_ROOT = findRoot();

/** A file of the bundled data (data/ in the project; never ../shared). */
export function dataPath(...parts: string[]): string {
  return resolve(PROJECT_ROOT, 'data', ...parts);
}

/**
 * A file as an issue names it, by one rule for every jurisdiction file (review s36: a user's
 * folder was named relative to cifra's checkout, its place table by its bare name): a bundled
 * one relative to cifra's checkout (`data/jurisdictions/pe/jurisdiction.json`, as a bundled
 * ruleset's), any other by its absolute path, which resolves from wherever cifra runs (as an
 * election manifest's and a ruleset file's).
 */
export function shownPath(path: string): string {
  const abs = resolve(path);
  const inside = relative(PROJECT_ROOT, abs);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : abs;
}
