/// <reference lib="dom" />
// Why an acta is at the JEE, on its panel: the source's own word after "Observación:" /
// "Observation:" (never translated: a code cifra cannot verify), and on each version's evidence
// line the observation it came with. Failed on the old page: nothing said why.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from '../helpers.js';
import { NIGHT } from '../mesa-night.js';
import { NIGHT_HEADER } from '../night-csv.js';
import { noSideScroll, openPage, useDashboard } from './harness.js';

/** The night's store with two files of cifra CSV, each with an `observation` column. */
async function observedStore(): Promise<SqliteStore> {
  const dir = tempDir('cifra-browser-acta-observation-');
  const store = new SqliteStore(join(dir, 'night.db'));
  await store.migrate();
  await store.putElection(NIGHT);
  const files = [
    ['corte-1.csv', '000001,010101,OBSERVADA,300,130,3,2,0,70,55,ERROR MATERIAL'],
    ['corte-2.csv', '000001,010101,OBSERVADA,300,130,3,2,0,70,55,VOTOS IMPUGNADOS'],
  ];
  for (const [name, row] of files) {
    const file = join(dir, name as string);
    writeFileSync(file, `${NIGHT_HEADER},observation\n${row}\n`);
    const r = await ingestFile(store, {
      election: NIGHT,
      file,
      format: 'cifra-csv',
      now: fixedClock,
    });
    expect(r.ok, JSON.stringify(r)).toBe(true);
  }
  return store;
}

const env = useDashboard(observedStore);

const WORDS = { es: ['Observación', 'observación'], en: ['Observation', 'observation'] } as const;
/** Version 2 changed only its observation: said so, not "state change" (session 26). */
const CHANGE = {
  es: ['cambio de observación', 'cambio de estado'],
  en: ['observation changed', 'state change'],
} as const;

describe("an acta's observation on its panel", () => {
  for (const lang of ['es', 'en'] as const)
    it(`${lang}, 390 px: the current one under the state, each version's in its evidence`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=night&mesa=000001&lang=${lang}`,
        390,
        { consoleErrors: true },
      );
      await page.waitForSelector('#acta-observation');
      const [label, word] = WORDS[lang];
      expect(await page.locator('#acta-observation').textContent()).toBe(
        `${label}: VOTOS IMPUGNADOS`,
      );
      const evidence = async (v: number) =>
        (await page.locator(`#acta-history li[data-version="${v}"] p.evidence`).textContent()) ??
        '';
      expect(await evidence(1)).toContain(`${word} ERROR MATERIAL`);
      expect(await evidence(2)).toContain(`${word} VOTOS IMPUGNADOS`);
      const summary =
        (await page.locator('#acta-history li[data-version="2"] summary').textContent()) ?? '';
      const [says, not] = CHANGE[lang];
      expect(summary).toContain(`v2 · ${says} · `);
      expect(summary).not.toContain(not);
      expect(await noSideScroll(page)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
});
