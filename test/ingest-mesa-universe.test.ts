// A mesa the election's list does not have (review s35: mesa 999999 under ubigeo 010101 of the
// 2021 runoff, whose polling-place list names every mesa) is stored with a mesa_not_in_universe
// warning, on the quick path and the full one; without a list, nothing changes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issue } from '../src/core/issues.js';
import type { Acta } from '../src/core/model/acta.js';
import { validateActa, type PlaceCheck } from '../src/core/tally/validate-acta.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { declaredMesas } from '../src/results/polling-places.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from './helpers.js';
import { HEADER, ROWS, RUNOFF } from './runoff-example.js';

const election = RUNOFF;
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
const places = (mesas?: ReadonlySet<string> | null): PlaceCheck => ({
  mesaPattern: /^\d{6}$/,
  placePattern: /^\d{6}$/,
  isKnownPlace: () => true,
  ...(mesas === undefined ? {} : { mesas }),
});

describe('validateActa: the declared mesas', () => {
  it('a mesa the list lacks is a warning with its mesa and ubigeo', () => {
    expect(validateActa(acta, places(new Set(['000013'])))).toEqual([
      issue(
        'mesa_not_in_universe',
        ['mesa', '999999'],
        { mesa: '999999', ubigeo: '010101' },
        'warning',
      ),
    ]);
  });

  it('a listed mesa, or no list, says nothing', () => {
    expect(validateActa(acta, places(new Set(['999999'])))).toEqual([]);
    expect(validateActa(acta, places(null))).toEqual([]);
    expect(validateActa(acta, places())).toEqual([]);
  });
});

describe("ingest with the election's mesa list", () => {
  it('the 2021 runoff declares its 86,488 mesas; an election without a list none', async () => {
    const mesas = await declaredMesas(election);
    expect(mesas?.size).toBe(86_488);
    expect(mesas?.has('000013')).toBe(true);
    expect(mesas?.has('999999')).toBe(false);
    const first = bundledElection('pe-2021-presidencial');
    expect(first && (await declaredMesas(first))).toBeNull();
  });

  async function ingest(mesas: ReadonlySet<string> | null | undefined, quick: boolean) {
    const file = join(dir, `f-${quick}-${String(mesas?.size)}.csv`);
    writeFileSync(file, [HEADER, ...ROWS.slice(1), MADE_UP].join('\n') + '\n');
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
