/// <reference lib="dom" />
// The count's course over the night against the source's time: a night ingested file by file with
// each file's cut (`cifra ingest --cut`), the lead changing hands at a file with a cut and again at
// one without. The lead changes were labelled with cifra's recording time whatever the source
// said; now a change at a file with a cut says the source's cut in Lima time (given here in UTC),
// and one without says it is cifra's time — on phones (320 and 390 px), in Spanish and English.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledElection } from '../../src/elections/manifests.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { courseGeometry, expectCourseReadable } from './course-geometry.js';
import { openPage, useDashboard } from './harness.js';

const ID = 'pe-2021-presidencial-segunda';
// 22:00 and 23:30 in Lima (UTC−5) on 6 June, as UTC instants
const CUT_1 = '2021-06-07T03:00:00Z';
const CUT_2 = '2021-06-07T04:30:00Z';
// when cifra recorded each file: well after the source's cuts (00:10, 00:40, 01:05 in Lima)
const RECORDED = [
  '2021-06-07T05:10:00.000Z',
  '2021-06-07T05:40:00.000Z',
  '2021-06-07T06:05:00.000Z',
];

/** One file of one counted acta, ingested with its cut (if any) at its recording time. */
async function deliver(
  store: SqliteStore,
  dir: string,
  n: number,
  votes: { P1: number; P2: number },
  cut?: string,
): Promise<void> {
  const e = bundledElection(ID);
  if (!e) throw new Error(ID);
  const file = join(dir, `batch-${n}.jsonl`);
  const mesa = String(n).padStart(6, '0');
  const voters = votes.P1 + votes.P2;
  const acta = { mesa, ubigeo: '010101', state: 'counted', eligible: 900, voters, votes };
  writeFileSync(file, JSON.stringify({ ...acta, blank: 0, null: 0 }));
  const now = (): string => RECORDED[n - 1] ?? '';
  const r = await ingestFile(store, { file, election: e, now, ...(cut ? { cut } : {}) });
  expect(r.ok).toBe(true);
}

const env = useDashboard(async () => {
  const dir = tempDir('cifra-course-cuts-');
  const store = new SqliteStore(join(dir, 'c.db'));
  await store.migrate();
  const e = bundledElection(ID);
  if (!e) throw new Error(ID);
  await store.putElection(e);
  await deliver(store, dir, 1, { P1: 100, P2: 50 }, CUT_1);
  await deliver(store, dir, 2, { P1: 10, P2: 200 }, CUT_2); // P2 takes the lead at the 23:30 cut
  await deliver(store, dir, 3, { P1: 300, P2: 10 }); // P1 again, at a file with no cut
  return store;
}, 120_000);

describe("the count's course against the source's cut", () => {
  const said = {
    es: [
      /pasa adelante con [\d.,]+ % de actas, corte de la fuente: 6 jun\.? 2021, 23:30 \(hora de Lima\)/,
      /pasa adelante con [\d.,]+ % de actas, registrado por cifra: 7 jun\.? 2021, 01:05 \(hora de Lima\), sin corte de la fuente/,
    ],
    en: [
      /takes the lead at [\d.,]+ % of actas, source's cut: 6 Jun 2021, 23:30 \(Lima time\)/,
      /takes the lead at [\d.,]+ % of actas, recorded by cifra: 7 Jun 2021, 01:05 \(Lima time\), no source's cut given/,
    ],
  };
  for (const lang of ['es', 'en'] as const)
    for (const width of [320, 390])
      it(`${lang}, ${width} px: a change at a file with a cut says the source's cut; one without, cifra's time`, async () => {
        const course = (await (
          await fetch(`${env.base}/api/v1/count-course?election=${ID}`)
        ).json()) as {
          times: string;
          points: { cut: string | null }[];
          leadChanges: { to: string; cut: string | null; time: string }[];
        };
        // the premise: two lead changes, the first at the file cut at 23:30, the second at none
        expect(course.times).toBe('import');
        expect(course.points.map((p) => p.cut)).toEqual([CUT_1, CUT_2, null]);
        expect(course.leadChanges.map((c) => [c.to, c.cut, c.time])).toEqual([
          ['P2', CUT_2, RECORDED[1]],
          ['P1', null, RECORDED[2]],
        ]);
        const { page, errors } = await openPage(
          env.browser,
          `${env.base}/?election=${ID}&lang=${lang}`,
          width,
          { timeout: 60_000 },
        );
        await page.waitForSelector('#course:not([hidden]) #course-chart path.margin');
        const meta = (await page.textContent('#course-meta')) ?? '';
        for (const re of said[lang]) expect(meta).toMatch(re);
        // cifra's time of the file with a cut (00:40 in Lima) is not passed off as its time
        expect(meta).not.toContain('00:40');
        const marks = await page
          .locator('#course-chart circle.lead-change')
          .evaluateAll((cs) => cs.map((c) => c.getAttribute('data-cut')));
        expect(marks).toEqual([CUT_2, null]);
        // three actas of ~86,000: the axis's ends read "0.0 %" both before session 29
        const axis = await page.locator('#course-chart text.axis').allTextContents();
        const [from, to] = axis.filter((x) => x.endsWith(' %'));
        expect(from).toMatch(/^0[.,]00\d %$/);
        expect(to).not.toBe(from);
        // the halves' long names ("▼ KEIKO SOFIA FUJIMORI HIGUCHI leads") and each side's largest
        // lead near the edge (140 and 150 votes) share a row: readable, none over another (session 34),
        // nor under the last lead change's dot, at 150 votes at the right end (session 35)
        const g = await courseGeometry(page);
        expect(g.maxLeads.map((m) => [m.side, m.value])).toEqual([
          ['top', 150],
          ['foot', 140],
        ]);
        await expectCourseReadable(g, page, `course-cuts-${lang}-${width}`);
        expect(errors).toEqual([]);
        await page.close();
      }, 120_000);
});
