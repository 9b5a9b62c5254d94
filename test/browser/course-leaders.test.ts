/// <reference lib="dom" />
// The count's course of a first round whose leaders changed (review 20 H1): the chart drew the
// last update's two (their signed margin) under halves labelled "<first> lidera" / "<second>
// lidera" while a third choice led the early count. Now each update's leader's lead is drawn in
// that leader's colour, with a legend, and the lead changes sit on the line.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledElection } from '../../src/elections/manifests.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from '../helpers.js';
import { courseGeometry, expectCourseReadable } from './course-geometry.js';
import { openPage, useDashboard } from './harness.js';

const ID = 'pe-2021-presidencial';
let batch = 0;

/** One delivery of one counted mesa's acta (JSONL), as the night would import it. */
async function deliver(
  store: SqliteStore,
  dir: string,
  mesa: string,
  votes: Readonly<Record<string, number>>,
): Promise<void> {
  const e = bundledElection(ID);
  if (!e) throw new Error(ID);
  const file = join(dir, `batch-${++batch}.jsonl`);
  const voters = Object.values(votes).reduce((a, v) => a + v, 0);
  const acta = { mesa, ubigeo: '010101', state: 'counted', eligible: 900, voters, votes };
  writeFileSync(file, JSON.stringify({ ...acta, blank: 0, null: 0 }));
  expect((await ingestFile(store, { file, election: e, now: fixedClock })).ok).toBe(true);
}

const env = useDashboard(async () => {
  const dir = tempDir('cifra-course-leaders-');
  const store = new SqliteStore(join(dir, 'c.db'));
  await store.migrate();
  const e = bundledElection(ID);
  if (!e) throw new Error(ID);
  await store.putElection(e);
  // P7 leads, then P13; the last update's first two are P16 and P11, who never led before
  await deliver(store, dir, '000001', { P7: 100, P13: 50, P16: 10, P11: 5 });
  await deliver(store, dir, '000002', { P13: 200, P16: 40, P11: 30 });
  await deliver(store, dir, '000003', { P16: 400, P11: 380 });
  return store;
}, 120_000);

describe("the count's course when others led", () => {
  for (const lang of ['es', 'en'] as const)
    it(`${lang}: draws each update's leader's lead, by leader, never "P16 − P11"`, async () => {
      const course = (await (
        await fetch(`${env.base}/api/v1/count-course?election=${ID}`)
      ).json()) as {
        points: { leader: string | null; margin: number }[];
        leadChanges: { to: string }[];
      };
      // the premise, from the API: three leaders in turn, two lead changes
      expect(course.points.map((p) => p.leader)).toEqual(['P7', 'P13', 'P16']);
      expect(course.leadChanges.map((c) => c.to)).toEqual(['P13', 'P16']);
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=${ID}&lang=${lang}`,
        390,
        { timeout: 60_000 },
      );
      await page.waitForSelector('#course:not([hidden]) #course-legend li');
      expect(await page.getAttribute('#course-chart', 'data-kind')).toBe('lead');
      const paths = await page
        .locator('#course-chart path.margin')
        .evaluateAll((ps) => ps.map((p) => [p.getAttribute('data-leader'), p.getAttribute('d')]));
      expect(paths.map(([leader]) => leader)).toEqual(['P7', 'P13', 'P16']);
      // no half of the chart says who leads: the axis says what the line is
      const texts = await page.locator('#course-chart text').allTextContents();
      for (const text of texts) expect(text).not.toMatch(/ (lidera|leads)$/);
      expect(texts.join('|')).toContain(
        lang === 'es' ? 'Ventaja de quien lidera' : "Leader's lead",
      );
      // the lead changes sit on the line: each mark's centre is a vertex of the drawn line
      const vertices = paths.flatMap(([, d]) =>
        [...(d ?? '').matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => `${m[1]},${m[2]}`),
      );
      const marks = await page
        .locator('#course-chart circle.lead-change')
        .evaluateAll((cs) => cs.map((c) => `${c.getAttribute('cx')},${c.getAttribute('cy')}`));
      expect(marks).toHaveLength(2);
      for (const m of marks) expect(vertices).toContain(m);
      const legend = await page
        .locator('#course-legend li')
        .evaluateAll((li) => li.map((x) => x.getAttribute('data-choice')));
      expect(legend).toEqual(['P7', 'P13', 'P16']);
      expect(await page.textContent('#course-meta')).toContain(
        lang === 'es' ? 'quien lideraba cada actualización' : "each update's leader",
      );
      // its scale: the baseline a tie, round gridlines; no text over another or clipped (session 34)
      const g = await courseGeometry(page);
      expect(g.grid.map((l) => l.value)).toEqual([50, 100, 150]);
      expect(g.maxLeads).toEqual([]);
      await expectCourseReadable(g, page, `course-leaders-${lang}`);
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
});
