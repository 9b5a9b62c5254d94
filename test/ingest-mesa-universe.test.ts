// A mesa the election's list does not have (review s35: mesa 999999 under ubigeo 010101 of the
// 2021 runoff, whose polling-place list names every mesa) is stored with a mesa_not_in_universe
// warning, on the quick path and the full one; without a list, nothing changes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { issue } from '../src/core/issues.js';
import type { Acta } from '../src/core/model/acta.js';
import { validateActa, type PlaceCheck } from '../src/core/tally/validate-acta.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { dataPath } from '../src/io/paths.js';
import { declaredMesas } from '../src/results/polling-places.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from './helpers.js';
import { HEADER, ROWS, RUNOFF } from './runoff-example.js';

const election = RUNOFF;
const R2 = dataPath(
  'peru/2021/presidential_r2/onpe_resultados_por_mesa_presidencial_2021_2da_vuelta.csv.gz',
);
const dir = tempDir('cifra-mesa-universe-');
/** The example's row of mesa 000013 (in 010101), numbered 999999. */
const MADE_UP = (ROWS[0] as string).replace('"000013"', '"999999"');

const acta: Acta = {
  election: 'e',
  mesa: '999999',
  ubigeo: '010101',
  state: 'counted',
  stateLabel: 'CONTABILIZADA',
  eligible: 300,
  voters: 100,
  votes: [50, 40],
  blank: 6,
  null: 4,
  impugned: 0,
};
const places = (mesas?: ReadonlyMap<string, string> | null): PlaceCheck => ({
  mesaPattern: /^\d{6}$/,
  placePattern: /^\d{6}$/,
  isKnownPlace: () => true,
  ...(mesas === undefined ? {} : { mesas }),
});

describe('validateActa: the declared mesas', () => {
  it('a mesa the list lacks is a warning with its mesa and ubigeo', () => {
    expect(validateActa(acta, places(new Map([['000013', '010101']])))).toEqual([
      issue(
        'mesa_not_in_universe',
        ['mesa', '999999'],
        { mesa: '999999', ubigeo: '010101' },
        'warning',
      ),
    ]);
  });

  it('a listed mesa, or no list, says nothing', () => {
    expect(validateActa(acta, places(new Map([['999999', '010101']])))).toEqual([]);
    // a list row without a place checks no place
    expect(validateActa(acta, places(new Map([['999999', '']])))).toEqual([]);
    expect(validateActa(acta, places(null))).toEqual([]);
    expect(validateActa(acta, places())).toEqual([]);
  });
});

describe('validateActa: the listed place of a mesa', () => {
  it('a listed mesa under another place is a warning with both places', () => {
    expect(validateActa(acta, places(new Map([['999999', '010102']])))).toEqual([
      issue(
        'mesa_ubigeo_mismatch',
        ['mesa', '999999'],
        { mesa: '999999', ubigeo: '010101', listed: '010102' },
        'warning',
      ),
    ]);
  });

  it("the 2021 runoff's list and ONPE's per-mesa file agree on every mesa's ubigeo, abroad too", async () => {
    const listed = await declaredMesas(election);
    const [header, ...rows] = gunzipSync(readFileSync(R2)).toString('utf8').trimEnd().split('\n');
    const cells = (l: string): string[] => l.split(',').map((c) => c.replace(/"/g, ''));
    const head = cells(header as string);
    const [u, m] = [head.indexOf('UBIGEO'), head.indexOf('MESA_DE_VOTACION')];
    const differ = { peru: 0, abroad: 0 };
    for (const row of rows) {
      const c = cells(row);
      const ubigeo = c[u] as string;
      if (listed?.get(c[m] as string) !== ubigeo) differ[ubigeo < '9' ? 'peru' : 'abroad']++;
    }
    expect(rows).toHaveLength(86_488);
    expect(differ).toEqual({ peru: 0, abroad: 0 });
  });
});

describe("ingest with the election's mesa list", () => {
  it('the 2021 runoff declares its 86,488 mesas; an election without a list none', async () => {
    const mesas = await declaredMesas(election);
    expect(mesas?.size).toBe(86_488);
    expect(mesas?.get('000013')).toBe('010101');
    expect(mesas?.has('999999')).toBe(false);
    const first = bundledElection('pe-2021-presidencial');
    expect(first && (await declaredMesas(first))).toBeNull();
  });

  async function ingest(
    mesas: ReadonlyMap<string, string> | null | undefined,
    quick: boolean,
    last = MADE_UP,
  ) {
    const file = join(dir, `f-${quick}-${String(mesas?.size)}.csv`);
    writeFileSync(file, [HEADER, ...ROWS.slice(1), last].join('\n') + '\n');
    const store = new SqliteStore(':memory:');
    await store.migrate();
    await store.putElection(election);
    const r = await ingestFile(store, { file, election, now: fixedClock, quick, mesas });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const made = await store.getActa(election.id, '999999');
    await store.close();
    return { report: r.report, made };
  }

  it.each([true, false])(
    'a mesa not in it is stored and counted, with the warning (quick %s)',
    async (quick) => {
      const { report, made } = await ingest(declaredMesas(election) as never, quick);
      expect(report.valid).toBe(ROWS.length);
      expect(report.quarantined).toBe(0);
      expect(report.warningsByCode).toEqual({ mesa_not_in_universe: 1 });
      expect(made?.warnings).toEqual([
        issue(
          'mesa_not_in_universe',
          ['mesa', '999999'],
          { mesa: '999999', ubigeo: '010101' },
          'warning',
        ),
      ]);
    },
  );

  it.each([true, false])('without a list, no warning (quick %s)', async (quick) => {
    for (const mesas of [undefined, null]) {
      const { report, made } = await ingest(mesas, quick);
      expect(report.valid).toBe(ROWS.length);
      expect(report.warningsByCode).toEqual({});
      expect(made?.warnings ?? []).toEqual([]);
    }
  });
});

describe('ingest: a listed mesa under another ubigeo', () => {
  // the example's row of mesa 000013 (listed in 010101) under 010102 (ASUNCION, a real district)
  const MOVED = (ROWS[0] as string).replace('"010101"', '"010102"');

  it.each([true, false])('is stored and counted, with the warning (quick %s)', async (quick) => {
    const file = join(dir, `moved-${quick}.csv`);
    writeFileSync(file, [HEADER, ...ROWS.slice(1), MOVED].join('\n') + '\n');
    const store = new SqliteStore(':memory:');
    await store.migrate();
    await store.putElection(election);
    const r = await ingestFile(store, {
      file,
      election,
      now: fixedClock,
      quick,
      mesas: declaredMesas(election),
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const moved = await store.getActa(election.id, '000013');
    await store.close();
    expect(r.report.valid).toBe(ROWS.length);
    expect(r.report.warningsByCode).toEqual({ mesa_ubigeo_mismatch: 1 });
    expect(moved?.ubigeo).toBe('010102');
    expect(moved?.warnings).toEqual([
      issue(
        'mesa_ubigeo_mismatch',
        ['mesa', '000013'],
        { mesa: '000013', ubigeo: '010102', listed: '010101' },
        'warning',
      ),
    ]);
  });
});
