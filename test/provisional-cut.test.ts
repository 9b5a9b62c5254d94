// A provisional release's cut is said while its count is incomplete (an adopter's review, session
// 25: a manifest's `status.cut` and `cutTime` were dropped whenever the store's count was short of
// the universe, so the dashboard said no cut for the very file that is that cut). A final
// release's date is still not said for a partial store of it (a replay). Failed on the old code:
// cut null.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getSummary, SummarySchema } from '../src/results/summary.js';
import { tempDir } from './helpers.js';
import { manifestStore, XF_DIR, XF_ELECTION } from './xf-fixture.js';

/** Freedonia's six actas in a universe of nine (three a region), under `status`. */
async function summaryUnder(status: Record<string, unknown>) {
  const dir = tempDir('cifra-provisional-cut-');
  cpSync(XF_DIR, dir, { recursive: true });
  const manifest = join(dir, 'xf-2026.json');
  const m = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
  const universe = { file: 'universe.csv', publisher: 'Freedonia Electoral Commission (made up)' };
  writeFileSync(manifest, JSON.stringify({ ...m, status, universe }));
  writeFileSync(
    join(dir, 'universe.csv'),
    ['code,name,eligible,actas_total', '01,R01,9000,3', '02,R02,9000,3', '03,R03,9000,3'].join(
      '\n',
    ) + '\n',
  );
  const store = await manifestStore(join(dir, 'xf.db'), manifest, join(dir, 'jurisdictions'));
  try {
    const s = await getSummary(store, XF_ELECTION);
    if (!s.ok) throw new Error(JSON.stringify(s.issues));
    return SummarySchema.parse(s.value);
  } finally {
    await store.close();
  }
}

describe("a provisional release's cut on an incomplete count", () => {
  it('is said, as the source gives it and as an instant', async () => {
    const s = await summaryUnder({
      kind: 'provisional',
      pctCounted: null,
      cut: '02/05/2026 21:00 h',
      cutTime: '2026-05-02T21:00:00+02:00',
    });
    expect(s.count.complete).toBe(false);
    expect(s.status).toMatchObject({
      kind: 'provisional',
      cut: '02/05/2026 21:00 h',
      cutTime: '2026-05-02T21:00:00+02:00',
    });
  });

  it("a final release's date is not a partial store's cut", async () => {
    const s = await summaryUnder({ kind: 'final' });
    expect(s.count.complete).toBe(false);
    expect(s.status).toMatchObject({ kind: 'provisional', cut: null, cutTime: null });
  });
});
