// A store of the 2021 runoff without its universe, fed actas as the night's deliveries would be:
// the mesas a test delivers are the whole count (tests of the cut a document belongs to).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ingestFile } from '../src/ingest/ingest.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fixedClock, fixtureElection, tempDir } from './helpers.js';

export const RUNOFF = 'pe-2021-presidencial-segunda';

/** A mesa of Chachapoyas (010101): counted with `votes` (P1 110, P2 70 unless given) or pending. */
export const runoffActa = (
  mesa: string,
  counted: boolean,
  votes: Readonly<Record<string, number>> = { P1: 110, P2: 70 },
) => ({
  mesa,
  ubigeo: '010101',
  state: counted ? 'counted' : 'pending',
  eligible: 300,
  // no blank or null votes: the voters are the candidates' votes
  voters: counted ? Object.values(votes).reduce((a, b) => a + b, 0) : null,
  votes: counted ? votes : null,
  blank: 0,
  null: 0,
});

/**
 * A new store with the runoff defined, the folder it is in (for a site published from it), and
 * how to deliver it a batch of actas (one import).
 */
export async function runoffStore(prefix: string): Promise<{
  store: SqliteStore;
  dir: string;
  deliver: (rows: readonly object[]) => Promise<void>;
}> {
  const dir = tempDir(prefix);
  const store = new SqliteStore(join(dir, 'r.db'));
  await store.migrate();
  await store.putElection(fixtureElection(RUNOFF));
  let batch = 0;
  const deliver = async (rows: readonly object[]): Promise<void> => {
    const file = join(dir, `batch-${++batch}.jsonl`);
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
    const r = await ingestFile(store, { file, election: fixtureElection(RUNOFF), now: fixedClock });
    expect(r.ok).toBe(true);
  };
  return { store, dir, deliver };
}
