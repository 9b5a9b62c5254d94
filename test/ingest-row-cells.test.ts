// A row cut short (or run long) in the middle of a file is no acta (review s35): its missing cells
// were read as empty and empty as 0, so `…,"000031","CONTABILIZADA",,144,300,144` was stored with
// P2 0. Such a row is quarantined with row_cells_mismatch and the rest of the file is stored, on
// SQLite and PostgreSQL, on the quick path and the full one; a one-cell line of only whitespace is
// skipped as an empty one is (it failed `--check` on a clean file). A trailing delimiter (empty,
// unquoted cells past the header's, or an unnamed last header column) is no misfit.
import { writeFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../src/ingest/ingest.js';
import { readCsvRows } from '../src/ingest/rows.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { fixedClock, tempDir } from './helpers.js';
import { HEADER, ROWS, RUNOFF } from './runoff-example.js';
import { freshDatabase } from './pg-helpers.js';

const election = RUNOFF;
const dir = tempDir('cifra-row-cells-');
/** A row in the middle of the file, and its mesa. */
const MID = 10;
const MID_MESA = (ROWS[MID] as string).split(',')[5]?.replace(/"/g, '') ?? '';
let n = 0;
function write(lines: readonly string[]): string {
  const f = join(dir, `f-${n++}.csv`);
  writeFileSync(f, lines.join('\n') + '\n');
  return f;
}

/** ROWS with row `i` (0-based) replaced. */
const withRow = (i: number, line: string): string[] => ROWS.map((l, j) => (j === i ? line : l));
/**
 * A row's first 11 cells, its voters made its P1 votes: the review's `…,144,300,144`, which adds
 * up once the missing cells read as 0 (none of the example's cells holds a comma).
 */
const cutShort = (line: string): string => {
  const cells = line.split(',').slice(0, 11);
  cells[8] = cells[10] as string;
  return cells.join(',');
};

const stores: [string, () => Promise<Store>][] = [
  ['sqlite', async () => new SqliteStore(join(dir, `s-${n++}.db`))],
  ['postgres', async () => new PgStore(await freshDatabase('row_cells'))],
];

describe.each(stores)('a row with more or fewer cells than the header (%s)', (_name, open) => {
  async function ingest(file: string, quick: boolean) {
    const store = await open();
    await store.migrate();
    await store.putElection(election);
    const r = await ingestFile(store, { file, election, now: fixedClock, quick });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const q = await store.quarantined(r.report.importId as number);
    const acta = await store.getActa(election.id, MID_MESA);
    const stored = (await store.currentActas(election.id)).length;
    await store.close();
    return { report: r.report, q, acta, stored };
  }

  it.each([true, false])(
    'a short row mid-file is quarantined, the rest stored (quick %s)',
    async (quick) => {
      expect(MID_MESA).toMatch(/^\d{6}$/);
      const cut = cutShort(ROWS[MID] as string);
      const file = write([HEADER, ...withRow(MID, cut)]);
      const { report, q, acta, stored } = await ingest(file, quick);
      expect(report.quarantined).toBe(1);
      expect(report.quarantinedByCode).toEqual({ row_cells_mismatch: 1 });
      expect(report.valid).toBe(ROWS.length - 1);
      expect(stored).toBe(ROWS.length - 1);
      expect(acta).toBeNull();
      expect(q).toHaveLength(1);
      expect(q[0]?.row).toBe(MID + 1);
      expect(q[0]?.mesa).toBe(MID_MESA);
      expect(q[0]?.issues).toEqual([
        {
          code: 'row_cells_mismatch',
          severity: 'error',
          path: ['row', MID + 1],
          details: { cells: 11, expected: 15 },
        },
      ]);
      // the quarantine keeps the cells the row has, and no column it lacks
      expect(Object.keys(q[0]?.raw ?? {})).toHaveLength(11);
      expect(q[0]?.raw).not.toHaveProperty('VOTOS_P2');
    },
  );

  it.each([true, false])('a long row is quarantined too (quick %s)', async (quick) => {
    const file = write([HEADER, ...withRow(2, `${ROWS[2] as string},7`)]);
    const { report, q } = await ingest(file, quick);
    expect(report.quarantinedByCode).toEqual({ row_cells_mismatch: 1 });
    expect(report.valid).toBe(ROWS.length - 1);
    expect(q[0]?.issues[0]?.details).toEqual({ cells: 16, expected: 15 });
    expect(q[0]?.raw['#16']).toBe('7');
  });
});

describe('whitespace-only lines', () => {
  async function check(lines: readonly string[]) {
    const store = new SqliteStore(':memory:');
    await store.migrate();
    const r = await ingestFile(store, {
      file: write(lines),
      election,
      now: fixedClock,
      check: true,
    });
    await store.close();
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.report;
  }

  it('a trailing " " line, and blank lines between rows, are skipped: the check is clean', async () => {
    for (const extra of [[' '], ['\t'], ['   ', '']]) {
      const report = await check([HEADER, ...ROWS, ...extra]);
      expect(report.quarantined).toBe(0);
      expect(report.valid).toBe(ROWS.length);
      expect(report.rowsRead).toBe(ROWS.length);
    }
    const between = await check([HEADER, ...ROWS.slice(0, 5), '  ', ...ROWS.slice(5)]);
    expect(between).toMatchObject({ quarantined: 0, valid: ROWS.length });
  });

  it('a line of only delimiters is a row (its cells are there, empty): not skipped', async () => {
    const report = await check([HEADER, ...ROWS, ',,,,,,,,,,,,,,']);
    expect(report.quarantined).toBe(1);
    expect(report.quarantinedByCode['row_cells_mismatch']).toBeUndefined();
  });

  it('a TSV line of only tabs is a row too, quarantined as the CSV one is', async () => {
    const tsv = (l: string): string => l.split(',').join('\t');
    const report = await check([tsv(HEADER), ...ROWS.map(tsv), '\t'.repeat(14)]);
    expect(report.rowsRead).toBe(ROWS.length + 1);
    expect(report.valid).toBe(ROWS.length);
    expect(report.quarantined).toBe(1);
    expect(report.quarantinedByCode['row_cells_mismatch']).toBeUndefined();
    const csv = await check([HEADER, ...ROWS, ',,,,,,,,,,,,,,']);
    expect(report.quarantinedByCode).toEqual(csv.quarantinedByCode);
    expect(report.quarantinedByCode['missing_required']).toBeGreaterThan(0);
  });
});

describe('a trailing delimiter (review s35: every row of such a file was quarantined)', () => {
  async function store(lines: readonly string[]) {
    const s = new SqliteStore(':memory:');
    await s.migrate();
    await s.putElection(election);
    const r = await ingestFile(s, { file: write(lines), election, now: fixedClock });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const stored = (await s.currentActas(election.id)).length;
    const acta = await s.getActa(election.id, MID_MESA);
    await s.close();
    return { report: r.report, stored, acta };
  }
  const comma = (l: string): string => `${l},`;

  it.each([
    ['on every row', [HEADER, ...ROWS.map(comma)]],
    ['on the header', [comma(HEADER), ...ROWS]],
    ['on both', [comma(HEADER), ...ROWS.map(comma)]],
    ['on the header, some rows', [comma(HEADER), ...ROWS.map((l, i) => (i % 2 ? comma(l) : l))]],
  ])('%s: every row is stored', async (_what, lines) => {
    const { report, stored, acta } = await store(lines);
    expect(report.quarantined).toBe(0);
    expect(report.valid).toBe(ROWS.length);
    expect(stored).toBe(ROWS.length);
    expect(acta?.mesa).toBe(MID_MESA);
  });

  it('a row with a non-empty cell past the header is still a long row', async () => {
    const { report, stored } = await store([
      comma(HEADER),
      ...withRow(3, `${ROWS[3] as string},,7`),
    ]);
    expect(report.quarantinedByCode).toEqual({ row_cells_mismatch: 1 });
    expect(stored).toBe(ROWS.length - 1);
  });
});

describe('readCsvRows: misfits and blank lines', () => {
  async function scan(text: string) {
    const f = join(dir, `r-${n++}.csv`);
    writeFileSync(f, text);
    const csv = await readCsvRows(createReadStream(f));
    const seen: string[] = [];
    await csv.scan(
      (r, row) => void seen.push(`${row}:${r.cells().join('|')}`),
      async () => {},
      (r, row, i) => void seen.push(`${row}!${i.code}:${JSON.stringify(i.details)}`),
    );
    return seen;
  }

  it('hands a short or long row to onMisfit with its cells and the header count', async () => {
    expect(await scan('a,b,c\n1,2,3\n1,2\n1,2,3,4\n5,6,7\n')).toEqual([
      '1:1|2|3',
      '2!row_cells_mismatch:{"cells":2,"expected":3}',
      '3!row_cells_mismatch:{"cells":4,"expected":3}',
      '4:5|6|7',
    ]);
  });

  it('skips whitespace-only lines without a row number; a quoted blank is a row', async () => {
    expect(await scan('a,b\n1,2\n \n\t\n3,4\n  ')).toEqual(['1:1|2', '2:3|4']);
    expect(await scan('a\tb\n1\t2\n \n3\t4\n')).toEqual(['1:1|2', '2:3|4']);
    // a line with a delimiter is a row of (blank) cells, in a TSV as in a CSV
    expect(await scan('a\tb\n1\t2\n \t \n3\t4\n')).toEqual(['1:1|2', '2: | ', '3:3|4']);
    expect(await scan('a\tb\tc\n\t\t\n\t\n')).toEqual([
      '1:||',
      '2!row_cells_mismatch:{"cells":2,"expected":3}',
    ]);
    expect(await scan('a,b\n1,2\n" "\n')).toEqual([
      '1:1|2',
      '2!row_cells_mismatch:{"cells":1,"expected":2}',
    ]);
  });

  it('reads a row with empty, unquoted cells past the header as its first cells', async () => {
    expect(await scan('a,b,c\n1,2,3,\n4,5,6, ,\n7,8,9,""\n1,2,3,,0\n')).toEqual([
      '1:1|2|3',
      '2:4|5|6',
      '3!row_cells_mismatch:{"cells":4,"expected":3}',
      '4!row_cells_mismatch:{"cells":5,"expected":3}',
    ]);
  });

  it('ignores unnamed columns at the end of the header; rows may carry them or not', async () => {
    const f = join(dir, `r-${n++}.csv`);
    writeFileSync(f, 'a,b,c,,\n');
    expect((await readCsvRows(createReadStream(f))).header).toEqual(['a', 'b', 'c']);
    expect(await scan('a,b,c,,\n1,2,3\n4,5,6,\n7,8,9,,\n1,2\n')).toEqual([
      '1:1|2|3',
      '2:4|5|6',
      '3:7|8|9',
      '4!row_cells_mismatch:{"cells":2,"expected":3}',
    ]);
  });

  it('a short last record without a newline is still a cut file', async () => {
    await expect(scan('a,b,c\n1,2,3\n1,2')).rejects.toMatchObject({ code: 'file_truncated' });
  });
});
