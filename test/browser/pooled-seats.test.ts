/// <reference lib="dom" />
// A remainder pool whose placement ties (SeatResult.unplaced) on the dashboard: an election of two
// circunscripciones under a user's ruleset — Droop quotas in the districts, the rest pooled and
// placed back by Hare on each list's unused votes (the Czech Chamber's kind of rule). A's pooled
// seat ties between the two districts: it is A's seat, in no circunscripción yet, and the page
// says so under the hemicycle and in both districts' rows.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { putListElection } from '../list-election.js';
import { ARTIFACTS, openPage, useDashboard } from './harness.js';

const ELECTION = 'test-pooled';
const DISTRICTS = [
  { name: 'Lima Metropolitana', code: '15' },
  { name: 'Callao', code: '07' },
] as const;

const env = useDashboard(async () => {
  const dir = tempDir('cifra-browser-pooled-');
  const ruleset = join(dir, 'pooled.json');
  writeFileSync(
    ruleset,
    JSON.stringify({
      format: 'cifra-ruleset/1',
      id: 'test-pooled',
      label: 'pooled',
      kind: 'list',
      method: 'droop',
      totalSeats: 6,
      districts: DISTRICTS.map((d) => ({ ...d, seats: 3 })),
      tiers: [{ kind: 'remainder-pooling', method: 'hare', placement: 'hare', source: 'test' }],
    }),
  );
  const store = new SqliteStore(join(dir, 'p.db'));
  await store.migrate();
  // the core's case (tiers.test.ts): Droop quota 251 in both; A 1 + 1 full quotas with 249 unused
  // in each, so its pooled seat ties; C's goes to Lima Metropolitana (200 > 199)
  await putListElection(store, {
    id: ELECTION,
    ruleset,
    districts: DISTRICTS,
    lists: ['A', 'B', 'C'],
    votes: [
      [500, 300, 200],
      [500, 301, 199],
    ],
  });
  return store;
});

interface SeatsDoc {
  result: { seats: Record<string, number>; unplaced?: unknown[] };
}

const WORDS = {
  es: {
    note: 'A: 1 escaño del resto nacional aún sin circunscripción (empatan',
    row: 'empata por 1 escaño del resto de A',
  },
  en: {
    note: 'A: 1 pooled seat in no electoral district yet (',
    row: 'tied for 1 pooled seat of A',
  },
} as const;

describe('a pooled seat whose circunscripción is tied', () => {
  it('the API counts it for its list and names it in unplaced', async () => {
    const doc = (await (
      await fetch(`${env.base}/api/v1/seats?election=${ELECTION}`)
    ).json()) as SeatsDoc;
    expect(doc.result.seats).toEqual({ A: 3, B: 2, C: 1 });
    expect(doc.result.unplaced).toEqual([
      {
        stage: 'placement',
        seats: 1,
        party: 'A',
        districts: expect.arrayContaining(['Callao', 'Lima Metropolitana']),
      },
    ]);
  });

  for (const lang of ['es', 'en'] as const)
    it(`${lang}: 6 seats, none hatched; the unplaced seat said under the hemicycle and in both rows`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=${ELECTION}&lang=${lang}`,
        1280,
        { consoleErrors: true, timeout: 60_000 },
      );
      await page.waitForSelector('#congress:not([hidden]) #hemicycle circle.seat');
      // A's seat is A's: the chamber is whole, nothing undecided
      expect(await page.locator('#hemicycle circle.seat').count()).toBe(6);
      expect(await page.locator('#hemicycle circle.seat.undecided').count()).toBe(0);
      expect(await page.textContent('#seats-ties')).toContain(WORDS[lang].note);
      await page.click('#by-district summary');
      for (const d of DISTRICTS) {
        const cell = page.locator(
          `#seats-by-district tr[data-district="${d.name}"] td.unallocated`,
        );
        expect(await cell.textContent()).toBe(WORDS[lang].row);
      }
      await page.locator('#congress').screenshot({ path: join(ARTIFACTS, `pooled-${lang}.png`) });
      // the fixture publishes its circunscripciones only: the national results' 404 is its own
      expect(errors.filter((e) => !e.includes('status of 404'))).toEqual([]);
    }, 120_000);
});
