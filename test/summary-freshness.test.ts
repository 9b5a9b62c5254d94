// Election-night freshness with re-reads: the summary says when an acta last changed
// (`updatedAt`) and, apart, when cifra last read the source (`checked`, with that read's cut). A
// re-read (the same file at a later cut) moves the second and not the first; so does a new file
// that changes nothing; a correction moves the first and not the second (a ruling, not a read).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../src/ingest/ingest.js';
import { getSummary } from '../src/results/summary.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { bundledElection } from '../src/elections/manifests.js';
import { fileWriter, ONPE_COLUMNS, onpeRow, tempDir } from './helpers.js';

const E = 'pe-2021-presidencial';
const dir = tempDir('cifra-freshness-');
const write = fileWriter(dir);
const csv = (...rows: string[]): string => [ONPE_COLUMNS.join(','), ...rows].join('\n') + '\n';
const CUT_1 = '2026-06-07T21:00:00-05:00';
const CUT_2 = '2026-06-07T21:40:00-05:00';

/** A clock that reads `at` (set before each import): each import finishes at its own time. */
function clock(): { now: () => string; at: (iso: string) => void } {
  let t = '';
  return { now: () => t, at: (iso) => (t = iso) };
}

async function summaryOf(store: SqliteStore) {
  const s = await getSummary(store, E);
  if (!s.ok) throw new Error(JSON.stringify(s.issues));
  return s.value;
}

/** A new store in `dir` holding the bundled election E (no acta yet). */
async function newStore(name: string) {
  const store = new SqliteStore(join(dir, name));
  await store.migrate();
  const election = bundledElection(E);
  if (!election) throw new Error(E);
  await store.putElection(election);
  return { store, election };
}

describe('getSummary(store, id) freshness', () => {
  it('a re-read moves `checked` (its time, its cut, its import) and leaves `updatedAt` at the last change', async () => {
    const { store, election } = await newStore('reread.db');
    const c = clock();
    const file = write('a.csv', csv(onpeRow('000001', '010101', 40, 50)));
    c.at('2026-06-08T02:01:00.000Z');
    expect((await ingestFile(store, { file, election, now: c.now, cut: CUT_1 })).ok).toBe(true);
    // one import: it changed actas and it is the last read, the same instant
    expect(await summaryOf(store)).toMatchObject({
      updatedAt: '2026-06-08T02:01:00.000Z',
      checked: { at: '2026-06-08T02:01:00.000Z', cut: CUT_1, import: 1 },
    });
    c.at('2026-06-08T02:41:00.000Z');
    const again = await ingestFile(store, { file, election, now: c.now, cut: CUT_2 });
    expect(again.ok).toBe(true);
    const s = await summaryOf(store);
    expect(s.updatedAt).toBe('2026-06-08T02:01:00.000Z');
    expect(s.checked).toEqual({ at: '2026-06-08T02:41:00.000Z', cut: CUT_2, import: 2 });
    // the figures' cut is the re-read's: the line the dashboard draws names one cut
    expect(s.status).toMatchObject({ cut: CUT_2, cutImport: 2 });
    await store.close();
  });

  it('a new file that changes no acta is a read too; a correction is a change, not a read', async () => {
    const { store, election } = await newStore('same.db');
    const c = clock();
    const row = onpeRow('000001', '010101', 40, 50);
    c.at('2026-06-08T02:01:00.000Z');
    const first = write('b1.csv', csv(row));
    expect((await ingestFile(store, { file: first, election, now: c.now })).ok).toBe(true);
    // another file (another name and bytes: a trailing blank line) with the same acta, no cut
    c.at('2026-06-08T02:30:00.000Z');
    const second = write('b2.csv', csv(row) + '\n');
    expect((await ingestFile(store, { file: second, election, now: c.now })).ok).toBe(true);
    expect(await summaryOf(store)).toMatchObject({
      updatedAt: '2026-06-08T02:01:00.000Z',
      checked: { at: '2026-06-08T02:30:00.000Z', cut: null, import: 2 },
    });
    c.at('2026-06-08T02:50:00.000Z');
    const ruling = write('jee.csv', csv(onpeRow('000001', '010101', 41, 50)));
    const r = await ingestFile(store, { file: ruling, election, now: c.now, mode: 'correction' });
    expect(r.ok).toBe(true);
    expect(await summaryOf(store)).toMatchObject({
      updatedAt: '2026-06-08T02:50:00.000Z',
      checked: { at: '2026-06-08T02:30:00.000Z', cut: null, import: 2 },
    });
    await store.close();
  });
});
