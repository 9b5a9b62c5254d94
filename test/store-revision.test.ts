// The store's revision keys every response cache (issue 14): it must change whenever what cifra
// serves changes — published results replaced by as many units, an election redefined — and not
// when a projection is recorded at it. On both backends.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledElection } from '../src/elections/manifests.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { tempDir } from './helpers.js';
import { freshDatabase } from './pg-helpers.js';

const unit = (code: string, votes: number) => ({
  level: 'department',
  code,
  doc: { code, votes },
});

async function revisions(store: Store, id: string): Promise<[string, string]> {
  return [await store.revision(), await store.revision(id)];
}

async function check(store: Store): Promise<void> {
  await store.migrate();
  const e = bundledElection('pe-2021-presidencial');
  if (!e) throw new Error('election');
  await store.putElection(e);
  const seen = [await revisions(store, e.id)];
  const changed = async (what: string): Promise<void> => {
    const now = await revisions(store, e.id);
    const before = seen.at(-1) ?? ['', ''];
    expect([what, now[0] === before[0], now[1] === before[1]]).toEqual([what, false, false]);
    seen.push(now);
  };
  await store.putPublished(e.id, [unit('01', 10), unit('02', 20)], null);
  await changed('units published');
  await store.putPublished(e.id, [unit('01', 11), unit('02', 19)], null);
  await changed('the same number of units, other votes');
  await store.putPublished(e.id, [unit('01', 11), unit('02', 19)], { seats: 1 });
  await changed('seats published');
  await store.putElection({ ...e, label: `${e.label} (corrected)` });
  await changed('the election redefined');
  // no change: the same definition again, a projection recorded at the revision
  const [, at] = await revisions(store, e.id);
  await store.putElection({ ...e, label: `${e.label} (corrected)` });
  await store.putProjection({
    election: e.id,
    revision: at,
    recordedAt: '2026-11-30T00:00:00.000Z',
    pctCounted: 0,
    doc: { choices: [] },
  });
  expect(await revisions(store, e.id)).toEqual(seen.at(-1));
  // another election defined and published: new global revisions, not new ones of this election
  for (const act of [
    () => store.putElection({ ...e, id: 'pe-other' }),
    () => store.putPublished('pe-other', [unit('01', 1)], null),
  ]) {
    await act();
    const after = await revisions(store, e.id);
    expect([after[0] === seen.at(-1)?.[0], after[1]]).toEqual([false, seen.at(-1)?.[1]]);
    seen.push(after);
  }
  await store.close();
}

describe('the store revision changes whenever published content changes', () => {
  it('SQLite', async () => {
    await check(new SqliteStore(join(tempDir('cifra-revision-'), 'r.db')));
  });
  it('PostgreSQL', async () => {
    await check(new PgStore(await freshDatabase('revision')));
  });
});
