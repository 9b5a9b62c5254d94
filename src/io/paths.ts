import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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
