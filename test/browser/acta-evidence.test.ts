/// <reference lib="dom" />
// What a poll-watcher cites in a claim, on the acta's versions (poll-watcher request, session 24):
// each version names its import and file, the file's SHA-256 and the SHA-256 of its figures,
// and a correction its resolution and author; the hashes cut short on a 390 px phone, whole in
// their title and in the text a copy takes, with no sideways scroll. Failed on the old page: a
// version showed 12 characters of its file's hash and nothing else.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActaSchema } from '../../src/results/document-schemas.js';
import { nightCsvStore } from '../night-csv.js';
import { ARTIFACTS, noSideScroll, openPage, useDashboard } from './harness.js';

const RULING = { resolution: 'Resolución N.° 0123-2026-JEE-LIMA/JNE', author: 'Ana Pérez' };

// the acta at the JEE, then the JEE's ruling recorded as a correction
const env = useDashboard(() =>
  nightCsvStore('cifra-browser-acta-evidence-', [
    {
      name: 'noche-de-eleccion-primer-corte.csv',
      rows: ['000001,010101,OBSERVADA,300,130,3,2,0,70,55'],
    },
    {
      name: 'jee.csv',
      rows: ['000001,010101,CONTABILIZADA,300,130,3,2,0,72,53'],
      as: { mode: 'correction', ruling: RULING },
    },
  ]),
);

const WORDS = {
  es: { import: 'importación', by: 'registrada por', resolution: 'resolución' },
  en: { import: 'import', by: 'recorded by', resolution: 'resolution' },
} as const;

describe("an acta's versions with their evidence", () => {
  for (const lang of ['es', 'en'] as const)
    it(`${lang}, 390 px: import, file, both hashes whole to copy, the correction's ruling and author`, async () => {
      const doc = ActaSchema.parse(
        await (await fetch(`${env.base}/api/v1/elections/night/actas/000001.json`)).json(),
      );
      expect(doc.history.map((h) => [h.kind, h.importId])).toEqual([
        ['new', 1],
        ['correction', 2],
      ]);
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=night&mesa=000001&lang=${lang}`,
        390,
        { consoleErrors: true },
      );
      await page.waitForSelector('#acta-history li[data-version="2"] p.evidence');
      const w = WORDS[lang];
      for (const h of doc.history) {
        const line = page.locator(`#acta-history li[data-version="${h.version}"] p.evidence`);
        const text = (await line.textContent()) ?? '';
        expect(text).toContain(`${w.import} #${h.importId}`);
        expect(text).toContain(h.file);
        for (const [kind, hex] of [
          ['file', h.sha256],
          ['figures', h.figuresHash],
        ] as const) {
          const code = line.locator(`code.hash[data-hash="${kind}"]`);
          // whole in its title and its text (what a copy takes), selected whole by a tap
          expect(await code.getAttribute('title')).toBe(hex);
          expect(await code.textContent()).toBe(hex);
          expect(await code.evaluate((c) => getComputedStyle(c).userSelect)).toBe('all');
          // cut short on screen
          expect(await code.evaluate((c) => c.clientWidth < c.scrollWidth)).toBe(true);
        }
        const ruling = h.kind === 'correction';
        expect(text.includes(`${w.resolution} ${RULING.resolution}`)).toBe(ruling);
        expect(text.includes(`${w.by} ${RULING.author}`)).toBe(ruling);
      }
      // the two versions' figures differ, and so do their hashes
      expect(new Set(doc.history.map((h) => h.figuresHash)).size).toBe(2);
      expect(await noSideScroll(page)).toBe(true);
      await page
        .locator('#acta-history')
        .screenshot({ path: join(ARTIFACTS, `acta-evidence-${lang}-390.png`) });
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
});
