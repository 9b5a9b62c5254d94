// A made-up mesa fills no expected acta (review s35: mesa 999999 ingested under 010101 of the
// 2021 runoff, with a real Amazonas mesa not loaded, read "every acta loaded" in Amazonas). The
// extent counts only the actas whose mesa the election's list has; the others are said apart
// (extent_unlisted_mesas, the progress's actasNotInList) and their votes still count. Without a
// list nothing changes. On SQLite and PostgreSQL.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../src/ingest/ingest.js';
import { dataPath } from '../src/io/paths.js';
import { requireJurisdiction } from '../src/jurisdictions/load.js';
import {
  buildResults,
  countExtent,
  currentColumns,
  sumPlacesInTurns,
} from '../src/results/documents.js';
import { electionExtent, extentNote } from '../src/results/extent.js';
import { getProgress } from '../src/results/service.js';
import { getSummary } from '../src/results/summary.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { fixedClock, tempDir } from './helpers.js';
import { freshDatabase } from './pg-helpers.js';
import { RUNOFF } from './runoff-example.js';

const R2 = dataPath(
  'peru/2021/presidential_r2/onpe_resultados_por_mesa_presidencial_2021_2da_vuelta.csv.gz',
);
const [HEADER, ...ALL] = gunzipSync(readFileSync(R2))
  .toString('utf8')
  .split('\n')
  .filter((l) => l !== '');
/** Chachapoyas (district 010101): 73 actas, as many as the universe expects of it. */
const DISTRICT = ALL.filter((l) => l.startsWith('"010101"'));
/** Its first row, mesa 000013 (counted, 202 valid votes), left out: a real acta not loaded. */
const REAL = DISTRICT[0] as string;
const MADE_UP = REAL.replace('"000013"', '"999999"');
const dir = tempDir('cifra-unlisted-');

async function loaded(store: Store, rows: readonly string[], name: string): Promise<Store> {
  await store.migrate();
  await store.putElection(RUNOFF);
  const file = join(dir, `${name}.csv`);
  writeFileSync(file, [HEADER, ...rows].join('\n') + '\n');
  const r = await ingestFile(store, { file, election: RUNOFF, now: fixedClock });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return store;
}

const stores: [string, (name: string) => Promise<Store>][] = [
  ['SQLite', () => Promise.resolve(new SqliteStore(':memory:'))],
  ['PostgreSQL', async (name) => new PgStore(await freshDatabase(`unlisted_${name}`))],
];

describe.each(stores)(
  '%s: Chachapoyas with a made-up mesa for a real one not loaded',
  (_, open) => {
    it('is not complete: one real acta missing, the made-up one said apart, its votes counted', async () => {
      expect(REAL).toContain('"000013","CONTABILIZADA"');
      const store = await loaded(await open('made'), [...DISTRICT.slice(1), MADE_UP], 'made');
      const honest = await loaded(await open('honest'), DISTRICT.slice(1), 'honest');
      try {
        const x = await countExtent(store, RUNOFF);
        const chachapoyas = x?.extent?.units.get('010101');
        // main read { actasTotal: 73, actasMissing: 0 }: "all loaded"
        expect(chachapoyas).toEqual({
          actasTotal: 74,
          actasMissing: 1,
          eligibleMissing: 300,
          unlisted: 1,
        });
        expect(x?.extent?.unlisted).toEqual([{ code: '010101', actas: 1 }]);
        expect(x?.issues.map((i) => [i.code, i.severity, i.details?.['units']])).toEqual([
          ['extent_unlisted_mesas', 'warning', '010101: 1'],
        ]);
        const district = (await buildResults(store, RUNOFF, 'district', '010101')).units[0];
        expect(district?.actas?.total).toBe(74);
        expect(district?.actas?.pctProcessed).not.toBe('100.000');
        // the made-up acta's votes are in the results: 202 more valid votes than without it
        const without = (await buildResults(honest, RUNOFF, 'district', '010101')).units[0];
        expect((district?.valid ?? 0) - (without?.valid ?? 0)).toBe(202);

        const p = await getProgress(store, RUNOFF.id);
        if (!p.ok) throw new Error(JSON.stringify(p.issues));
        expect(p.value.actasNotInList).toBe(1);
        const h = await getProgress(honest, RUNOFF.id);
        if (!h.ok) throw new Error(JSON.stringify(h.issues));
        // the same actas still to load as without the made-up one; a listed store has none apart
        expect(p.value.actasNotLoaded).toBe(h.value.actasNotLoaded);
        expect(h.value.actasNotInList).toBe(0);

        const s = await getSummary(store, RUNOFF.id);
        if (!s.ok) throw new Error(JSON.stringify(s.issues));
        expect(s.value.count.complete).toBe(false);
        expect(s.value.status.note?.en).toContain('extent_unlisted_mesas (010101: 1)');
        expect(s.value.status.note?.es).toContain('no están en la lista de mesas');
      } finally {
        await store.close();
        await honest.close();
      }
    });

    it('without a list, nothing changes: the made-up acta fills the slot, as before', async () => {
      const store = await loaded(await open('nolist'), [...DISTRICT.slice(1), MADE_UP], 'nolist');
      try {
        const sums = await sumPlacesInTurns(await currentColumns(store, RUNOFF), false);
        const x = electionExtent(RUNOFF, requireJurisdiction(RUNOFF.jurisdiction), sums, null);
        expect(x?.extent?.units.get('010101')).toEqual({
          actasTotal: 73,
          actasMissing: 0,
          eligibleMissing: 0,
          unlisted: 0,
        });
        expect(x?.extent?.unlisted).toEqual([]);
        expect(x?.issues).toEqual([]);
      } finally {
        await store.close();
      }
    });
  },
);

describe('the status note of unlisted mesas', () => {
  it("an unlisted-only note says the votes count; with another problem, that problem's words", () => {
    const unlisted = {
      code: 'extent_unlisted_mesas' as const,
      severity: 'warning' as const,
      path: ['universe'],
      details: { units: '01: 1' },
    };
    expect(extentNote([unlisted])?.en).toMatch(
      /^Some actas loaded are of mesas .* Their votes count/,
    );
    const exceeded = { ...unlisted, code: 'extent_exceeded' as const, severity: 'error' as const };
    expect(extentNote([exceeded, unlisted])?.en).toMatch(/does not agree with the actas loaded/);
  });
});
