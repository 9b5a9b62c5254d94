// The small Peruvian store the publish tests share: JSON Lines actas of the 2021 first round.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { fixedClock } from './helpers.js';

export const ID = 'pe-2021-presidencial';

/** A counted acta of `mesa` with `p1` votes for P1 and 4 for P16. */
export const line = (mesa: string, ubigeo: string, p1: number): string =>
  JSON.stringify({
    mesa,
    ubigeo,
    state: 'counted',
    eligible: 300,
    voters: p1 + 4,
    votes: { P1: p1, P16: 4 },
    blank: 0,
    null: 0,
  });

/** Imports `rows` (written to `dir/name`) into the store; expected to succeed. */
export async function ingest(
  store: SqliteStore,
  dir: string,
  name: string,
  rows: string[],
  mode: 'import' | 'correction' = 'import',
): Promise<void> {
  const e = bundledElection(ID);
  if (!e) throw new Error('election');
  const file = join(dir, name);
  writeFileSync(file, rows.join('\n'));
  const r = await ingestFile(store, { file, election: e, now: fixedClock, mode });
  expect(r.ok).toBe(true);
}

/** A store at `dir/p.db` with the election and two mesas (000001 in Lima's 010101, 000002 abroad). */
export async function smallStore(dir: string): Promise<SqliteStore> {
  const store = new SqliteStore(join(dir, 'p.db'));
  await store.migrate();
  const e = bundledElection(ID);
  if (!e) throw new Error('election');
  await store.putElection(e);
  await ingest(store, dir, 'a.jsonl', [line('000001', '010101', 6), line('000002', '921001', 5)]);
  return store;
}

/** The store, with the calls of each method and the acta versions its pages returned counted. */
export function counting(store: Store): {
  store: Store;
  calls: Map<string, number>;
  versions: () => number;
} {
  const calls = new Map<string, number>();
  let versions = 0;
  const counted = new Proxy(store, {
    get(target, key) {
      const v: unknown = Reflect.get(target, key, target);
      if (typeof v !== 'function') return v;
      const f = (v as (...a: unknown[]) => unknown).bind(target);
      return async (...a: unknown[]) => {
        calls.set(String(key), (calls.get(String(key)) ?? 0) + 1);
        const r = await f(...a);
        if (key === 'appliedVersionPage') versions += (r as unknown[]).length;
        return r;
      };
    },
  });
  return { store: counted, calls, versions: () => versions };
}
