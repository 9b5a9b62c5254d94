/// <reference lib="dom" />
// The live announcement says what the headline says: the 2026 first round's runoff pair is settled
// only by the source's ranking (the 29 candidates not itemised hold 22.558 %, more than Sánchez's
// 12.031 %), and a screen reader hearing the outcome arrive hears that qualifier too, not the pair
// stated flatly. The count moves from an earlier cut (the same figures as provisional: a lead, no
// outcome) to the final release; #live-news then says the outcome, in Spanish and in English.
// Failed on the old code: the announcement ended at "ROBERTO SÁNCHEZ".
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataPath } from '../../src/io/paths.js';
import { putPublishedElection } from '../../src/results/published-load.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { openPage, useDashboard } from './harness.js';

const ID = 'pe-2026-presidencial';

/** The bundled manifest as a provisional cut (99 % counted): the page shows a lead, no outcome. */
function provisionalManifest(): string {
  const dir = tempDir('cifra-browser-live-rank-');
  const bundled = dataPath('elections', `${ID}.json`);
  const m = JSON.parse(readFileSync(bundled, 'utf8')) as {
    sources: { file: string }[];
    [k: string]: unknown;
  };
  const path = join(dir, `${ID}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      ...m,
      status: { kind: 'provisional', pctCounted: '99.000', cut: '2026-05-20' },
      sources: m.sources.map((s) => ({
        ...s,
        file: relative(dir, join(dataPath('elections'), s.file)),
      })),
    }),
  );
  return path;
}

const PROVISIONAL = provisionalManifest();

const put = async (store: SqliteStore, ref: string): Promise<void> => {
  const r = await putPublishedElection(store, ref);
  expect(r.ok, JSON.stringify(r.ok ? null : r.error)).toBe(true);
};

const env = useDashboard(async () => {
  const store = new SqliteStore(join(tempDir('cifra-browser-live-rank-db-'), 'r.db'));
  await store.migrate();
  return store;
});

const SAID = {
  es:
    'Segunda vuelta entre KEIKO FUJIMORI y ROBERTO SÁNCHEZ, según el orden de la fuente: ' +
    'OTROS 29 CANDIDATOS (no detallados al 100 %) suman 22.558 %, pero ninguno por ' +
    'separado supera a ROBERTO SÁNCHEZ (12.031 %).',
  en:
    "Runoff between KEIKO FUJIMORI and ROBERTO SÁNCHEZ, by the source's ranking: " +
    '29 OTHER CANDIDATES (not itemised at 100 %) total 22.558 %, but none of them alone ' +
    'tops ROBERTO SÁNCHEZ (12.031 %).',
} as const;

describe('the live announcement of a runoff pair the source ranking settles', () => {
  for (const lang of ['es', 'en'] as const)
    it(`says the qualifier the headline says (${lang})`, async () => {
      await put(env.store, PROVISIONAL);
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=${ID}&lang=${lang}&poll=1`,
        390,
      );
      // the earlier cut: a lead, no outcome, nothing announced on the first draw
      await page.waitForSelector('#lead');
      expect(await page.textContent('#live-news')).toBe('');
      await put(env.store, ID);
      await page.waitForSelector('#outcome-fact');
      await page.waitForFunction(
        (start) => (document.getElementById('live-news')?.textContent ?? '').includes(start),
        lang === 'es' ? 'Segunda vuelta' : 'Runoff',
      );
      const said = (await page.textContent('#live-news')) ?? '';
      expect(said).toContain(SAID[lang]);
      // the headline's own sentence, the same words
      expect(`${await page.textContent('#outcome-fact')}.`).toBe(SAID[lang]);
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
});
