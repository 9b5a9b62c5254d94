import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root (src/io/ and dist/io/ are both two levels below it). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A file of the bundled data (data/ in the project; never ../shared). */
export function dataPath(...parts: string[]): string {
  return resolve(PROJECT_ROOT, 'data', ...parts);
}
