// A file store reads an election's whole columnar snapshot on a connection of its own, a turn of
// the event loop every few rows (column-snapshots.ts): read at once, it held the server's event
// loop for about half a second nationally as `cifra serve` started, and every reader waited.
// The turn is observed, not timed: a callback queued after the read began runs before it ends.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { fileWriter, fiveActasCsv, fixedClock, tempDir } from './helpers.js';

const ELECTION = 'pe-2021-presidencial';
const dir = tempDir('cifra-snapshot-read-turns-');
const file = fileWriter(dir)('turns.csv', fiveActasCsv());
const closing: Store[] = [];
afterAll(async () => {
  for (const s of closing) await s.close();
});

async function holding(store: Store): Promise<Store> {
  closing.push(store);
  await store.migrate();
  const election = bundledElection(ELECTION);
  if (!election) throw new Error(ELECTION);
  await store.putElection(election);
  expect((await ingestFile(store, { file, election, now: fixedClock })).ok).toBe(true);
  return store;
}

describe("a file store's whole snapshot read", () => {
  it('lets the event loop turn while it reads, and reads what the one-connection read does', async () => {
    const store = await holding(
      new SqliteStore(join(dir, 'turns.db'), undefined, { snapshotChunk: 2 }),
    );
    const choices = bundledElection(ELECTION)?.choices.length ?? 0;
    let turned = false;
    const read = store.currentActaColumns(ELECTION, choices);
    setImmediate(() => (turned = true));
    const columns = await read;
    expect(turned).toBe(true);
    expect(columns.mesa).toHaveLength(5);
    // a memory store has one connection: read there at once, the same columns
    const memory = await holding(new SqliteStore(':memory:'));
    expect(columns).toEqual(await memory.currentActaColumns(ELECTION, choices));
    // two readers at once (two requests as the server starts) share one read
    const other = new SqliteStore(join(dir, 'turns.db'), undefined, { snapshotChunk: 2 });
    closing.push(other);
    const [a, b] = await Promise.all([
      other.currentActaColumns(ELECTION, choices),
      other.currentActaColumns(ELECTION, choices),
    ]);
    expect(a).toBe(b);
    expect(a).toEqual(columns);
  });

  // review of pass 18 (HIGH): a caller that came after a commit joined the read begun before it,
  // and filed the older columns under the newer revision it had read
  it('is shared only by callers that saw the same last version: a commit in between reads anew', async () => {
    const path = join(dir, 'between.db');
    const store = await holding(new SqliteStore(path, undefined, { snapshotChunk: 1 }));
    const choices = bundledElection(ELECTION)?.choices.length ?? 0;
    // the read begins (its transaction is fixed at once), then another process commits a mesa
    const before = store.currentActaColumns(ELECTION, choices);
    const other = new Database(path);
    const cols = (other.prepare('PRAGMA table_info(acta_versions)').all() as { name: string }[])
      .map((c) => c.name)
      .filter((c) => c !== 'id');
    const values = cols.map((c) => (c === 'mesa' ? "'000006'" : c)).join(', ');
    other
      .prepare(
        `INSERT INTO acta_versions (${cols.join(', ')}) SELECT ${values} FROM acta_versions WHERE mesa = '000001' AND is_current = 1`,
      )
      .run();
    other.close();
    const after = store.currentActaColumns(ELECTION, choices);
    const [a, b] = await Promise.all([before, after]);
    expect(a.mesa).toHaveLength(5);
    expect([...b.mesa].sort()).toEqual([
      '000001',
      '000002',
      '000003',
      '000004',
      '000005',
      '000006',
    ]);
  });
});
