// Differential test of the ingest's column path (ADR 012: rows the quick path reads are written
// from the scanner's cells into a batch's columns, and a fresh SQLite import plans and packs them
// without objects) against the reference (`quick: false`: every row parsed, validated and planned
// as objects). The stored versions, hashes, imports, quarantine, places and log entries must be
// the same bytes: on ONPE's real rows (a first import, then a correction), through the writer
// thread and on the calling thread, and on generated files with every shape that leaves the quick
// path, a repeated mesa and a second file that re-versions mesas.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { verifyChains } from '../src/store/audit.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { dumpStore } from './sqlite-dump.js';
import { fixedClock, ONPE_COLUMNS, onpe2021R1Lines, tempDir } from './helpers.js';
import { onpeFile, onpeRow } from './onpe-rows.js';

const found = bundledElection('pe-2021-presidencial');
if (found === null) throw new Error('pe-2021-presidencial');
const election = found;
const dir = tempDir('cifra-packed-');
let n = 0;

/** Imports the files in order into a fresh store; its tables as text, and each file's outcome. */
async function importAll(
  files: readonly (readonly [string, 'import' | 'correction'])[],
  quick: boolean,
  importWorker: boolean,
): Promise<{ tables: string; outcomes: unknown[] }> {
  const db = join(dir, `s-${n++}.db`);
  const store = new SqliteStore(db, undefined, { importWorker });
  await store.migrate();
  await store.putElection(election);
  const outcomes: unknown[] = [];
  for (const [file, mode] of files) {
    const r = await ingestFile(store, {
      file,
      election,
      mode,
      batchSize: 7,
      now: fixedClock,
      quick,
    });
    outcomes.push(r.ok ? { ...r.report, file: null } : r.issues);
  }
  const chains = await store.auditChains();
  expect(verifyChains(chains.versions, chains.imports).ok).toBe(true);
  await store.close();
  return { tables: dumpStore(db), outcomes };
}

describe('ingest: the column path against objects', () => {
  it('stores the same bytes on ONPE’s real rows: a first import, then a correction', async () => {
    const lines = onpe2021R1Lines();
    const header = lines[0] ?? '';
    const first = join(dir, 'first.csv');
    // 9,000 rows, one repeated: annulled, not installed and JEE actas among them
    const rows = lines.slice(1, 9_001);
    writeFileSync(first, [header, ...rows, rows[5]].join('\n') + '\n', 'latin1');
    const cells = header.split(',');
    const [p1, p2] = [cells.indexOf('VOTOS_P1'), cells.indexOf('VOTOS_P2')];
    const swapped = lines.slice(1, 2_001).map((l) => {
      const c = l.replace(/"/g, '').split(',');
      [c[p1], c[p2]] = [c[p2] ?? '', c[p1] ?? ''];
      return c.join(',');
    });
    const later = join(dir, 'later.csv');
    writeFileSync(later, [header, ...swapped, ...lines.slice(9_001, 9_501)].join('\n') + '\n');
    const files = [
      [first, 'import'],
      [later, 'correction'],
    ] as const;
    const reference = await importAll(files, false, false);
    expect(reference.tables.split('\n').length).toBeGreaterThan(10_500);
    for (const worker of [false, true]) {
      const columns = await importAll(files, true, worker);
      expect(columns.outcomes).toEqual(reference.outcomes);
      expect(columns.tables).toBe(reference.tables);
    }
  }, 120_000);

  it('stores the same bytes on generated files: a first import, then another import or a correction (150 pairs)', async () => {
    await fc.assert(
      fc.asyncProperty(
        onpeFile,
        fc.array(onpeRow, { maxLength: 20 }),
        fc.constantFrom('import', 'correction'),
        async ({ text, eol }, more, mode) => {
          const first = join(dir, `gen-${n}-a.csv`);
          const second = join(dir, `gen-${n}-b.csv`);
          writeFileSync(first, text.replace(/\n/g, eol));
          // the second file: the first file's rows again (unchanged or re-versioned) and others
          const again = text.split('\n').slice(1, 12).filter(Boolean);
          const body = [...again, ...more.map((r) => r.join(','))];
          writeFileSync(second, [ONPE_COLUMNS.join(','), ...body].join('\n') + '\n');
          const files = [
            [first, 'import'],
            [second, mode],
          ] as const;
          const reference = await importAll(files, false, false);
          expect(await importAll(files, true, false)).toEqual(reference);
        },
      ),
      { numRuns: 150 },
    );
  }, 300_000);
});
