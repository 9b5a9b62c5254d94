// duplicate_acta says whether the repeated row's figures are the kept row's (review 21 M4):
// `details.sameFigures`, compared with the kept row wherever it is — the batch being filled or a
// batch already sent to the store — on the quick path and the full one, CSV and JSON; a check,
// which keeps no figures, omits it. The CLI line says it in words.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { formatIssue } from '../src/cli/messages.js';
import { issue } from '../src/core/issues.js';
import { issueSentence } from '../src/core/issue-words.js';
import { fixedClock, ONPE_COLUMNS, tempDir } from './helpers.js';

const bundled = bundledElection('pe-2021-presidencial');
if (bundled === null) throw new Error('election');
const election = bundled;
const dir = tempDir();

/** An ONPE row: 100 voters = P1 `p1` + P16 (80 − p1) + 15 blank + 5 null. */
const row = (mesa: string, p1 = 40, voters = '100'): string =>
  [
    '010101',
    'AMAZONAS',
    'CHACHAPOYAS',
    'CHACHAPOYAS',
    'PRESIDENCIAL',
    mesa,
    'CONTABILIZADA',
    '',
    voters,
    '300',
    String(p1),
    ...Array<string>(14).fill(''),
    String(80 - p1),
    '',
    '',
    '15',
    '5',
    '',
  ].join(',');

let n = 0;
function write(lines: readonly string[], ext = '.csv'): string {
  const f = join(dir, `dup-${n++}${ext}`);
  writeFileSync(f, (ext === '.csv' ? [ONPE_COLUMNS.join(','), ...lines] : lines).join('\n') + '\n');
  return f;
}

/** A store in a file (its import runs on the writer thread, as `cifra ingest`'s does). */
async function storeAt(name: string): Promise<SqliteStore> {
  const store = new SqliteStore(join(dir, name));
  await store.migrate();
  await store.putElection(election);
  return store;
}

/** The duplicate_acta details of each quarantined row, by row. */
async function duplicates(
  file: string,
  opts: { quick?: boolean; batchSize?: number } = {},
): Promise<[number, unknown][]> {
  const store = await storeAt(`dup-${n}.db`);
  const r = await ingestFile(store, { file, election, now: fixedClock, ...opts });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  const q = await store.quarantined(r.report.importId as number);
  await store.close();
  return q.map((x) => [x.row, x.issues.find((i) => i.code === 'duplicate_acta')?.details]);
}

describe('duplicate_acta: sameFigures', () => {
  it.each([true, false])('kept row in the same batch (quick path %s)', async (quick) => {
    const file = write([row('800001'), row('800002'), row('800001'), row('800002', 41)]);
    expect(await duplicates(file, { quick })).toEqual([
      [3, { mesa: '800001', keptRow: 1, sameFigures: true }],
      [4, { mesa: '800002', keptRow: 2, sameFigures: false }],
    ]);
  });

  it.each([true, false])('one figure apart is not the same (quick path %s)', async (quick) => {
    // eligible alone, or blank and null traded (the same sum): each a different count
    const file = write([
      row('800003'),
      row('800004'),
      row('800003').replace(',100,300,', ',100,301,'),
      row('800004').replace(/,15,5,$/, ',14,6,'),
    ]);
    const d = await duplicates(file, { quick });
    expect(
      d.map(([r, x]) => [r, (x as { sameFigures?: boolean } | undefined)?.sameFigures]),
    ).toEqual([
      [3, false],
      [4, false],
    ]);
  });

  it('kept row in a batch already sent (CSV past one read chunk, small batches)', async () => {
    // > 1 MB: the reader flushes between its 1 MB chunks, so row 1 is sent before the repeats
    const rows = Array.from({ length: 14_000 }, (_, i) => row(String(100_000 + i)));
    const file = write([...rows, row('100000'), row('100001', 39)]);
    expect(await duplicates(file, { batchSize: 1000 })).toEqual([
      [14_001, { mesa: '100000', keptRow: 1, sameFigures: true }],
      [14_002, { mesa: '100001', keptRow: 2, sameFigures: false }],
    ]);
  });

  it('JSON: kept row in a batch sent (a batch a record)', async () => {
    const acta = (mesa: string, p1: number): string =>
      JSON.stringify({
        mesa,
        ubigeo: '010101',
        state: 'counted',
        eligible: 300,
        voters: 100,
        votes: { P1: p1, P16: 80 - p1 },
        blank: 15,
        null: 5,
      });
    const file = write(
      [acta('600001', 40), acta('600002', 40), acta('600001', 40), acta('600002', 30)],
      '.jsonl',
    );
    expect(await duplicates(file, { batchSize: 1 })).toEqual([
      [3, { mesa: '600001', keptRow: 1, sameFigures: true }],
      [4, { mesa: '600002', keptRow: 2, sameFigures: false }],
    ]);
  });

  it('a check keeps no figures: keptRow only', async () => {
    const store = await storeAt('check.db');
    const file = write([row('800005'), row('800005')]);
    const r = await ingestFile(store, { file, election, now: fixedClock, check: true });
    await store.close();
    expect(r.ok && r.report.quarantinedRows[0]?.issues[0]?.details).toEqual({
      mesa: '800005',
      keptRow: 1,
    });
  });

  it('the CLI line says it, in Spanish and English, naming the kept row (no detail name)', () => {
    const i = (same: boolean) =>
      issue('duplicate_acta', ['row', 9], { mesa: '800001', keptRow: 4, sameFigures: same });
    expect(formatIssue(i(true), 'en')).toContain(
      'the first row (row 4) is kept; this one is quarantined (same figures)',
    );
    expect(formatIssue(i(false), 'en')).toContain(
      'the first row (row 4) is kept; this one is quarantined (other figures: compare them)',
    );
    expect(formatIssue(i(true), 'es')).toContain(
      'se guarda la primera fila (fila 4); esta queda en cuarentena (mismas cifras)',
    );
    expect(formatIssue(i(false), 'es')).toContain(
      'se guarda la primera fila (fila 4); esta queda en cuarentena (con otras cifras: compárelas)',
    );
    const check = issue('duplicate_acta', ['row', 9], { mesa: '800001', keptRow: 4 });
    expect(formatIssue(check, 'en')).toContain(
      'the first row (row 4) is kept; this one is quarantined {',
    );
    for (const lang of ['en', 'es'] as const)
      expect(issueSentence(i(true), lang)).not.toContain('details.');
  });
});
