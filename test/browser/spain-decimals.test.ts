/// <reference lib="dom" />
// Spain's figures as Spain writes them (its jurisdiction's locale es-ES: 8.160.837 votes, 62,5 %)
// everywhere on the dashboard, not only in the main tables (session 28): the headline's % still
// out, the count's course (its axis, its last point), the status line. They wrote a dot whatever
// the locale (toFixed, a document's "62.500" as is), which in es-ES reads as a thousands point.
// The bundled Spanish election is a final count: here the same votes as a count under way at
// 62.5 % of actas, its course three updates long (a manifest written beside the bundled one).
// At 390 px, in Spanish and English (the locale is the jurisdiction's, whatever the language).
// The status line's source links to the Ministry's file its manifest names (its `url`).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../../src/io/paths.js';
import { putPublishedElection } from '../../src/results/published-load.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { courseGeometry, expectCourseReadable, pxPerVote } from './course-geometry.js';
import { noSideScroll, openPage, useDashboard } from './harness.js';

const ID = 'es-2023-en-curso';

/**
 * The bundled Spanish manifest as a count under way: provisional at 62.5 % of actas, with a
 * course of three updates (PP ahead of PSOE by 150,000, 260,000 and 339,119 votes).
 */
function spainUnderWay(dir: string): string {
  const m = JSON.parse(readFileSync(dataPath('elections/es-2023-congreso.json'), 'utf8')) as {
    sources: { file: string }[];
    [k: string]: unknown;
  };
  const votes = dataPath('spain/2023/congreso_2023_by_province.results.csv');
  const header = readFileSync(votes, 'utf8').split('\n')[0] ?? '';
  const choices = header.split(',').slice(10);
  /** One update: its actas counted of 10,000 and PP's, PSOE's and VOX's votes (the rest 0). */
  const update = (time: string, actas: number, v: Readonly<Record<string, number>>): string =>
    [`course,${time},${time},,,,,${actas},10000,`, ...choices.map((c) => v[c] ?? 0)].join(',');
  const course = join(dir, 'course.results.csv');
  writeFileSync(
    course,
    [
      header,
      update('2023-07-23T19:30:00Z', 2500, { pp: 2000000, psoe: 1850000, vox: 800000 }),
      update('2023-07-23T20:00:00Z', 4000, { pp: 3260000, psoe: 3000000, vox: 1300000 }),
      update('2023-07-23T20:30:00Z', 6250, { pp: 5100000, psoe: 4760881, vox: 1900000 }),
    ].join('\n') + '\n',
  );
  const manifest = {
    ...m,
    id: ID,
    status: {
      kind: 'provisional',
      pctCounted: '62.500',
      cut: '2023-07-23T20:30:00Z',
      cutTime: '2023-07-23T20:30:00Z',
    },
    sources: m.sources.map((s) => ({ ...s, file: votes })),
    provenance: dataPath('spain/2023/PROVENANCE.md'),
    course: { format: 'cifra-aggregate-csv', file: course, publisher: 'Prueba: tres avances' },
  };
  const file = join(dir, `${ID}.json`);
  writeFileSync(file, JSON.stringify(manifest));
  return file;
}

const env = useDashboard(async () => {
  const dir = tempDir('cifra-browser-spain-decimals-');
  const store = new SqliteStore(join(dir, 's.db'));
  await store.migrate();
  const r = await putPublishedElection(store, spainUnderWay(dir));
  expect(r.ok, JSON.stringify(r)).toBe(true);
  return store;
});

describe("Spain's decimals with a comma at 390 px", () => {
  for (const lang of ['es', 'en'] as const)
    it(`${lang}: the headline, the course and the status line write 62,5, never 62.5`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=${ID}${lang === 'en' ? '&lang=en' : ''}`,
        390,
      );
      await page.waitForSelector('#course:not([hidden]) #course-chart path.margin');
      const lead = (await page.textContent('#lead')) ?? '';
      const status = (await page.textContent('#provisional')) ?? '';
      const axis = await page.locator('#course-chart text.axis').allTextContents();
      const meta = (await page.textContent('#course-meta')) ?? '';
      const words =
        lang === 'es'
          ? { y: 'ventaja en votos', votes: 'votos', tie: 'empate', x: '% de actas contadas' }
          : { y: 'lead in votes', votes: 'votes', tie: 'tie', x: '% of actas counted' };
      // the headline's % of actas and the status line's: the document's "62.500" in es-ES
      expect(lead).toContain('62,500 %');
      expect(status).toContain('62,500 %');
      // the course: its x axis from 25 % to 62.5 % of actas, its y axis's unit said once, its
      // gridlines grouped with a point (200.000 on either side of the tie); PP's own largest lead
      // (PP over PSOE, 5,100,000 − 4,760,881) at its height, the edge's here; PSOE never led, so
      // no lead of its own is named (session 33, night review 4; session 34: at its height)
      expect(axis).toEqual(['200.000', '200.000', words.tie, words.y, '25,0 %', '62,5 %', words.x]);
      const g = await courseGeometry(page);
      expect(g.maxLeads.map((m) => [m.side, m.value, m.text])).toEqual([
        [
          'top',
          339_119,
          `${lang === 'es' ? 'mayor ventaja' : 'largest lead'}: 339.119 ${words.votes}`,
        ],
      ]);
      const [pp] = g.maxLeads;
      if (pp !== undefined)
        expect(Math.abs(g.plot.zeroY - 339_119 * pxPerVote(g) - pp.y)).toBeLessThan(2);
      await expectCourseReadable(g, page, `spain-decimals-course-${lang}`);
      expect(meta).toContain(`339.119 ${words.votes}`);
      expect(meta).toContain('62,500 %');
      // no decimal written with a point anywhere in these (8.160.837 is a grouped figure)
      for (const text of [lead, status, meta, ...axis, ...g.maxLeads.map((m) => m.text)])
        expect(text).not.toMatch(/\d\.\d{1,2}\b|\d\.\d{3} %/);
      expect(errors).toEqual([]);
      // the status line's source links to where it is fetched (its manifest's url), by its host
      const link = page.locator('#provisional a.source-link');
      expect(await link.getAttribute('href')).toBe(
        'https://infoelectoral.interior.gob.es/estaticos/docxl/apliextr/02202307_TOTA.zip',
      );
      expect(await link.textContent()).toBe('infoelectoral.interior.gob.es');
      expect(status).toContain(
        lang === 'es'
          ? ' · de dónde se descarga: infoelectoral.interior.gob.es'
          : ' · where to download it: infoelectoral.interior.gob.es',
      );
      expect(await noSideScroll(page)).toBe(true);
      await page.close();
    });
});
