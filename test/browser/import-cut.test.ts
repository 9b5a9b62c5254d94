/// <reference lib="dom" />
// A night's file ingested with its cut (`cifra ingest --cut`): the dashboard's "Corte de la
// fuente" is that file's, in Lima time — given here in UTC, so the page must convert it — on a
// phone (390 px) in Spanish and English, with no sideways scroll. Before, a count under way of a
// final release's manifest showed no cut at all.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledElection } from '../../src/elections/manifests.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { PROJECT_ROOT } from '../../src/io/paths.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from '../helpers.js';
import { noSideScroll, openPage, useDashboard } from './harness.js';

const RUNOFF = 'pe-2021-presidencial-segunda';
// 23:30 in Lima (UTC−5) on the night of the runoff, as a UTC instant
const CUT = '2021-06-07T04:30:00Z';

async function slice(): Promise<SqliteStore> {
  const store = new SqliteStore(join(tempDir('cifra-browser-cut-'), 'c.db'));
  await store.migrate();
  const e = bundledElection(RUNOFF);
  if (!e) throw new Error(RUNOFF);
  await store.putElection(e);
  const file = join(PROJECT_ROOT, 'examples', 'ingest', 'r2-first-40-mesas.csv');
  const r = await ingestFile(store, { file, election: e, now: fixedClock, cut: CUT });
  expect(r.ok).toBe(true);
  return store;
}

const env = useDashboard(slice);

describe("the source's cut of the latest import, on the dashboard", () => {
  const shown = {
    es: /^Corte de la fuente: 6 jun\.? 2021, 23:30 \(hora de Lima\)$/,
    en: /^Source's cut: 6 Jun 2021, 23:30 \(Lima time\)$/,
  };
  for (const lang of ['es', 'en'] as const)
    it(`390 px, ${lang}`, async () => {
      const s = (await (await fetch(`${env.base}/api/v1/summary?election=${RUNOFF}`)).json()) as {
        status: { kind: string; cutTime: string | null; cutImport?: number };
      };
      // the premise: a count under way, its cut the import's
      expect(s.status).toMatchObject({ kind: 'provisional', cutTime: CUT, cutImport: 1 });
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=${RUNOFF}${lang === 'en' ? '&lang=en' : ''}`,
        390,
      );
      expect((await page.textContent('#source-cut'))?.trim()).toMatch(shown[lang]);
      // the figures' status line says the same cut
      expect(await page.textContent('#provisional')).toMatch(
        lang === 'es' ? /6 jun\.? 2021, 23:30 \(hora de Lima\)/ : /6 Jun 2021, 23:30 \(Lima time\)/,
      );
      expect(await noSideScroll(page)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    });
});
