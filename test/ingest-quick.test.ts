// Differential test of `cifra ingest --check`'s quick path (src/ingest/quick-check.ts) against the
// full reading of every row (`quick: false`): the same report — rows, valid actas, quarantine
// and warnings by code — or the same rejection, on ONPE's real 2021 file and on generated files
// with quoting, CRLF, a BOM, empty and bad cells, repeated mesas and over-long lines.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { validateActa } from '../src/core/tally/validate-acta.js';
import { bundledElection } from '../src/elections/manifests.js';
import { CsvScanner } from '../src/io/csv-scanner.js';
import { onpeMesaParser } from '../src/ingest/formats.js';
import { ingestFile, type IngestOptions } from '../src/ingest/ingest.js';
import { quickChecker } from '../src/ingest/quick-check.js';
import { dataPath } from '../src/io/paths.js';
import { requireJurisdiction } from '../src/jurisdictions/load.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ONPE_COLUMNS, tempDir } from './helpers.js';
import { onpeFile, onpeRow } from './onpe-rows.js';

const election = bundledElection('pe-2021-presidencial');
if (election === null) throw new Error('election');
const PE = requireJurisdiction('pe');
const dir = tempDir('cifra-quick-');
const store = new SqliteStore(':memory:');
await store.migrate();
afterAll(() => store.close());

const REAL = dataPath(
  'peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
);

/** The check's outcome by one path: its report (the time fixed) or its rejection. */
async function check(file: string, quick: boolean, extra: Partial<IngestOptions> = {}) {
  const r = await ingestFile(store, {
    file,
    election: election as NonNullable<typeof election>,
    now: () => '2026-11-30T00:00:00Z',
    check: true,
    quick,
    ...extra,
  });
  return r.ok ? r.report : r.issues;
}

describe('ingest --check: the quick path against the full reading', () => {
  it('gives the same report on ONPE’s 2021 file, as shipped (quoted) and unquoted', async () => {
    const plain = join(dir, 'onpe-2021-unquoted.csv');
    writeFileSync(plain, gunzipSync(readFileSync(REAL)).toString('latin1').replace(/"/g, ''), {
      encoding: 'latin1',
    });
    for (const file of [REAL, plain]) {
      const quick = await check(file, true);
      expect(quick).toEqual(await check(file, false));
      expect(quick).toMatchObject({ rowsRead: 86_488, checked: true });
    }
  }, 60_000);

  it('gives the same report or rejection on generated ONPE files (300 files)', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(onpeFile, async ({ text, eol, bom, lineBytes }) => {
        const file = join(dir, `gen-${n++}.csv`);
        writeFileSync(file, (bom ? '\uFEFF' : '') + text.replace(/\n/g, eol));
        const limits = lineBytes === null ? {} : { limits: { lineBytes } };
        expect(await check(file, true, limits)).toEqual(await check(file, false, limits));
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('gives the same report on generated files in cifra’s CSV format (200 files)', async () => {
    const e = election as NonNullable<typeof election>;
    const header = ['mesa', 'ubigeo', 'state', 'eligible', 'voters', 'blank', 'null', 'impugned'];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(onpeRow, { maxLength: 30 }), async (rows) => {
        const file = join(dir, `cifra-${n++}.csv`);
        // the same cells in cifra's columns: mesa, ubigeo, state, eligible, voters, blank, null,
        // impugned, then one column per choice
        const body = rows.map((r) =>
          [r[5], r[0], r[6], r[9], r[8], r[28], r[29], r[30], ...r.slice(10, 28)].join(','),
        );
        writeFileSync(
          file,
          [[...header, ...e.choices.map((c) => c.id)].join(','), ...body].join('\n') + '\n',
        );
        expect(await check(file, true)).toEqual(await check(file, false));
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('reads a row as valid only when the full path finds it valid with no issue', () => {
    const full = onpeMesaParser(ONPE_COLUMNS, election, PE);
    const quick = quickChecker(full.columns, PE, PE);
    let taken = 0;
    const takenByState: Record<string, number> = {};
    fc.assert(
      fc.property(fc.array(onpeRow, { minLength: 1, maxLength: 20 }), (rows) => {
        const scanner = new CsvScanner(',', 'utf8', (r) => {
          const q = quick(r);
          if (q === null) return;
          taken++;
          takenByState[r.text(6)] = (takenByState[r.text(6)] ?? 0) + 1;
          const p = full.parse(r, 1);
          expect(p.ok).toBe(true);
          if (!p.ok) return;
          const { mesa, ubigeo, state, stateLabel } = p.acta;
          expect({ mesa, ubigeo, state, label: stateLabel }).toEqual(q);
          expect(validateActa(p.acta, PE)).toEqual([]);
        });
        scanner.push(Buffer.from(rows.map((r) => r.join(',')).join('\n') + '\n'));
        scanner.end();
      }),
      { numRuns: 2_000 },
    );
    // the quick path was exercised, not only refused, for each state's rules
    expect(taken).toBeGreaterThan(300);
    expect(takenByState).toMatchObject({
      ANULADA: expect.any(Number),
      'SIN INSTALAR': expect.any(Number),
    });
    expect(Math.min(...Object.values(takenByState))).toBeGreaterThan(20);
  });
});
