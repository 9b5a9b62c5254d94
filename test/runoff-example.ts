// The 2021 runoff's bundled election and the README's ingest example (its first 40 mesas) split
// into header and rows: the material of the ingest tests that edit one row of a real file.
import { readFileSync } from 'node:fs';
import { bundledElection } from '../src/elections/manifests.js';

const found = bundledElection('pe-2021-presidencial-segunda');
if (found === null) throw new Error('pe-2021-presidencial-segunda');
/** The bundled 2021 runoff. */
export const RUNOFF = found;

const LINES = readFileSync(
  new URL('../examples/ingest/r2-first-40-mesas.csv', import.meta.url),
  'utf8',
)
  .trimEnd()
  .split('\n');
/** The example file's header line. */
export const HEADER = LINES[0] as string;
/** The example file's 40 rows, in order. */
export const ROWS = LINES.slice(1);
