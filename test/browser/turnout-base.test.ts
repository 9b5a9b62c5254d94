/// <reference lib="dom" />
// During a count, participation is over the actas processed: the page shows the eligible voters
// of those actas beside it (the API's figure, not one the browser works out) and labels the
// eligible of all actas as such (a new user's review, 2026-12-01, read "Electores hábiles
// 25,287,954 · Participación 74.894 %" as one base). Freedonia (test/fixtures/xf) with one
// acta counted and one pending, on a phone in Spanish and a desktop in English. The drill's facts
// line names the base too, beside the electors still to count.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../../src/api/paths.js';
import { electionDefOf, loadManifest } from '../../src/elections/manifests.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from '../helpers.js';
import { XF_DIR, XF_ELECTION } from '../xf-fixture.js';
import { noSideScroll, openPage, useDashboard } from './harness.js';

const env = useDashboard(async () => {
  const dir = tempDir('cifra-browser-turnout-');
  const m = loadManifest(join(XF_DIR, 'xf-2026.json'), {
    jurisdictions: join(XF_DIR, 'jurisdictions'),
  });
  if (!m.ok) throw new Error(JSON.stringify(m.error));
  const def = electionDefOf(m.value);
  const store = new SqliteStore(join(dir, 't.db'));
  await store.migrate();
  await store.putElection(def);
  // the fixture's first two mesas, the second not yet counted
  const rows = [
    { mesa: '00001', ubigeo: '0101', state: 'counted', eligible: 6745, voters: 5745 },
    { mesa: '00002', ubigeo: '0102', state: 'pending', eligible: 4835, voters: null },
  ].map((r) => ({
    ...r,
    votes: r.voters === null ? null : { A: 3000, B: 1800, C: 900, D: 30 },
    blank: r.voters === null ? 0 : 10,
    null: r.voters === null ? 0 : 5,
  }));
  const file = join(dir, 'count.jsonl');
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
  const r = await ingestFile(store, { file, election: def, now: fixedClock });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  expect(r.report.new).toBe(2);
  return store;
});

interface NationalDoc {
  units: {
    eligible: number | null;
    eligibleProcessed?: number | null;
    eligibleRemaining: number | null;
    participation: string | null;
  }[];
}

describe('eligible voters and participation on one base during a count', () => {
  for (const [width, lang] of [
    [390, 'es'],
    [1280, 'en'],
  ] as const)
    it(`${width} px, ${lang}: the eligible of the actas processed beside participation`, async () => {
      const res = await fetch(`${env.base}${PATHS.results(XF_ELECTION, 'national')}`);
      const body = (await res.json()) as NationalDoc;
      const n = body.units?.[0];
      if (!n) throw new Error(`no national unit: ${JSON.stringify(body).slice(0, 400)}`);
      // the API gives both bases: some actas are out
      expect(n.eligibleRemaining).toBeGreaterThan(0);
      expect(n.eligibleProcessed).toBeLessThan(n.eligible ?? 0);
      const fmt = (x: number | null | undefined): string =>
        new Intl.NumberFormat(lang === 'es' ? 'es-PE' : 'en-US').format(x ?? NaN);
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=${XF_ELECTION}${lang === 'en' ? '&lang=en' : ''}`,
        width,
      );
      await page.waitForSelector('#totals #participation');
      const pairs = await page.$$eval('#totals dt', (dts) =>
        dts.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]),
      );
      const es = lang === 'es';
      expect(pairs).toContainEqual([
        es ? 'Electores hábiles de las actas procesadas' : 'Eligible voters of the actas processed',
        fmt(n.eligibleProcessed),
      ]);
      expect(pairs).toContainEqual([
        es ? 'Participación en esas actas' : 'Turnout in those actas',
        `${n.participation} %`,
      ]);
      expect(pairs).toContainEqual([
        es ? 'Electores hábiles de todas las actas' : 'Eligible voters of all actas',
        fmt(n.eligible),
      ]);
      // no bare "Electores hábiles" beside a participation of another base
      expect(pairs.map(([k]) => k)).not.toContain(es ? 'Electores hábiles' : 'Eligible voters');
      // the drill's facts line: the electors still to count, then participation naming its base
      await page.waitForSelector('#unit-facts');
      const facts = (await page.textContent('#unit-facts')) ?? '';
      expect(facts).toContain(
        es
          ? `Electores por contabilizar: ${fmt(n.eligibleRemaining)} · Participación en las actas procesadas: ${n.participation} %`
          : `Electors still to count: ${fmt(n.eligibleRemaining)} · Turnout in the actas processed: ${n.participation} %`,
      );
      expect(facts).not.toContain(es ? 'Participación:' : 'Turnout:');
      expect(await noSideScroll(page)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    });

  // review 5: a unit with nothing processed showed "Participación 0.000 %"; its participation is
  // none (null in the API), shown as a dash. Municipality 0102's only mesa is not yet counted.
  for (const lang of ['es', 'en'] as const)
    it(`${lang}: a unit with nothing processed shows its participation as a dash`, async () => {
      const res = await fetch(`${env.base}${PATHS.results(XF_ELECTION, 'municipality')}`);
      const body = (await res.json()) as {
        units: { code: string; participation: string | null }[];
      };
      const unit = body.units.find((u) => u.code === '0102');
      expect(unit?.participation).toBeNull();
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=${XF_ELECTION}&level=municipality&code=0102${lang === 'en' ? '&lang=en' : ''}`,
        390,
      );
      await page.waitForFunction(() =>
        /Participación|Turnout/.test(document.querySelector('#unit-facts')?.textContent ?? ''),
      );
      const facts = (await page.textContent('#unit-facts')) ?? '';
      expect(facts).toContain(
        lang === 'es'
          ? 'Participación en las actas procesadas: —'
          : 'Turnout in the actas processed: —',
      );
      // its actas are a real 0 of 1 (0.000 %); only the turnout has no base
      expect(facts).toContain(
        lang === 'es' ? 'Actas procesadas: 0.000 %' : 'Actas (tally sheets) processed: 0.000 %',
      );
      expect(facts).not.toContain('null');
      expect(errors).toEqual([]);
      await page.close();
    });
});
