// The night recorder (src/api/night-record.ts) after a restart: a revision an earlier run
// recorded is not projected again. Before, every `npm start` with the 2021 runoff stored computed
// both 2021 projections on its first tick (about 280 MB more RSS, seconds of CPU) only for
// putProjection to keep the record it already had. A new revision is still recorded.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NightRecorder } from '../src/api/night-record.js';
import { buildApi } from '../src/api/server.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { fileWriter, fixedClock, ONPE_COLUMNS, onpeRow, tempDir } from './helpers.js';

const ELECTION = 'pe-2021-presidencial';
const dir = tempDir('cifra-night-record-');
const write = fileWriter(dir);
const DB = join(dir, 'night.db');
const closing: { close(): Promise<unknown> }[] = [];
afterAll(async () => {
  for (const c of closing.reverse()) await c.close();
});

function election() {
  const e = bundledElection(ELECTION);
  if (!e) throw new Error(ELECTION);
  return e;
}

async function ingest(store: Store, name: string, rows: string[]): Promise<void> {
  const file = write(name, [ONPE_COLUMNS.join(','), ...rows].join('\n') + '\n');
  const r = await ingestFile(store, { file, election: election(), now: fixedClock });
  expect(r.ok).toBe(true);
}

/** The store at DB, as a new process opens it, counting the reads of the current actas. */
async function reopened(): Promise<{
  store: Store;
  columnReads: () => number;
  historyReads: () => number;
}> {
  const inner = new SqliteStore(DB);
  closing.push(inner);
  let reads = 0;
  let histories = 0;
  const store = new Proxy(inner, {
    get(target, key, receiver) {
      if (key === 'currentActaColumns') reads++;
      if (key === 'projectionHistory') histories++;
      const v: unknown = Reflect.get(target, key, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { store, columnReads: () => reads, historyReads: () => histories };
}

/** A server as `cifra serve` builds it (the recorder on, its timer off: ticks by hand). */
async function recorderOver(store: Store): Promise<NightRecorder> {
  const app = await buildApi({ store, tokenHash: null, recordEveryMs: 0, now: fixedClock });
  closing.push(app);
  return (app as unknown as { cifraNightRecorder: NightRecorder }).cifraNightRecorder;
}

describe('the night recorder after a restart', () => {
  it('does not project again a revision an earlier run recorded; records the next one', async () => {
    const first = new SqliteStore(DB);
    closing.push(first);
    await first.migrate();
    await first.putElection(election());
    await ingest(first, 'a.csv', [onpeRow('000001', '010101', 40, 50)]);
    await (await recorderOver(first)).tick();
    const recorded = await first.projectionHistory(ELECTION);
    expect(recorded.map((r) => r.revision)).toEqual([await first.revision(ELECTION)]);

    // a restart: a new store object (no memos), the same file
    const { store, columnReads, historyReads } = await reopened();
    const recorder = await recorderOver(store);
    await recorder.tick();
    expect(columnReads()).toBe(0);
    // the first look asks for the one revision: no recorded document is read (or parsed)
    expect(historyReads()).toBe(0);
    expect(await store.projectionHistory(ELECTION)).toEqual(recorded);

    // a new import: its revision is projected and recorded
    await ingest(store, 'b.csv', [
      onpeRow('000001', '010101', 40, 50),
      onpeRow('000002', '150101', 45, 41),
    ]);
    await recorder.tick();
    expect(columnReads()).toBeGreaterThan(0);
    expect((await store.projectionHistory(ELECTION)).map((r) => r.revision)).toEqual([
      recorded[0]?.revision,
      await store.revision(ELECTION),
    ]);
  });
});
