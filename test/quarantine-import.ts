// An import of quarantined rows only, on any store: enough for the import log, its audit chain and
// the quarantine's lookups, without an acta (the store tests of migrations 10 and 16).
import type { QuarantinedRow, Store } from '../src/store/store.js';
import { ZERO_COUNTS } from '../src/ingest/reread.js';

/** A row refused for its sheet's sum, of `mesa`. */
export const refused = (row: number, mesa: string | null): QuarantinedRow => ({
  row,
  mesa,
  issues: [{ code: 'sheet_sum_mismatch', severity: 'error', path: ['row', row], details: {} }],
  raw: { mesa: mesa ?? '', row: String(row) },
});

/**
 * An import of `election` named by `sha` (its file `<sha>.jsonl`) of quarantined `rows` only;
 * committed unless `rollback`; `cut`: the source's cut kept with it (migration 16).
 */
export async function quarantineImport(
  store: Store,
  election: string,
  sha: string,
  rows: readonly QuarantinedRow[],
  o: { readonly rollback?: boolean; readonly cut?: string } = {},
): Promise<void> {
  const s = await store.beginImport({
    election,
    fileName: `${sha}.jsonl`,
    sha256: sha.padStart(64, '0'),
    size: 1,
    format: 'cifra-json',
    mode: 'import',
    startedAt: '2026-12-02T00:00:00.000Z',
    ...(o.cut === undefined ? {} : { cut: o.cut }),
  });
  await s.applyBatch([], rows);
  if (o.rollback === true) return s.rollback();
  await s.commit({
    ...ZERO_COUNTS,
    rowsRead: rows.length,
    quarantined: rows.length,
    quarantinedByCode: { sheet_sum_mismatch: rows.length },
    finishedAt: '2026-12-02T00:00:01.000Z',
  });
}
