/// <reference lib="dom" />
// A conflict's figures on the mesa view (review of 2026-12-01): mesa 00006 of Quetzalia
// (test/fixtures/xq) counted, then a second file with other figures for it (actas-conflict.csv:
// A 1001, B 999 where the first said 1000 and 1000), which is not applied, and a third whose row
// for it does not add up (actas-quarantined.csv: 2,415 votes for 2,315 voters), quarantined. The
// Historial shows each version's votes per choice, marks the current one and what differs from
// it; the quarantined row is listed with its code.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/io/paths.js';
import { tempDir } from '../helpers.js';
import { manifestStore } from '../xf-fixture.js';
import { ARTIFACTS, noSideScroll, openPage, useDashboard } from './harness.js';

const XQ = join(PROJECT_ROOT, 'test', 'fixtures', 'xq');
const ELECTION = 'xq-2026-parlamento';

const env = useDashboard(() =>
  manifestStore(
    join(tempDir('cifra-browser-acta-history-'), 'xq.db'),
    join(XQ, 'xq-2026.json'),
    join(XQ, 'jurisdictions'),
    [join(XQ, 'actas-conflict.csv'), join(XQ, 'actas-quarantined.csv')],
  ),
);

interface ActaDoc {
  current: { votes: number[]; conflict: boolean };
  quarantined: { file: string; row: number; issues: { code: string }[] }[];
  history: { version: number; kind: string; current: boolean; acta: { votes: number[] } }[];
}

const WORDS = {
  es: { current: 'vigente', differ: 'cifras distintas', vs: 'frente a la vigente' },
  en: { current: 'current', differ: 'different figures', vs: 'vs. current' },
} as const;

describe("the mesa view's history", () => {
  for (const lang of ['es', 'en'] as const)
    for (const width of [390, 1280])
      it(`${lang}, ${width} px: each version's figures, the current one marked, the conflict's differences`, async () => {
        const acta = (await (
          await fetch(`${env.base}/api/v1/actas/00006?election=${ELECTION}`)
        ).json()) as ActaDoc;
        // the API: two versions, the first current, the second a conflict not applied
        expect(acta.current.conflict).toBe(true);
        const cur = acta.history.find((h) => h.current);
        const other = acta.history.find((h) => !h.current);
        expect(cur?.acta.votes).toEqual([1000, 1000, 300, 0]);
        expect(other?.kind).toBe('conflict');
        expect(other?.acta.votes).toEqual([1001, 999, 300, 0]);
        expect(acta.history).toHaveLength(2);
        expect(acta.quarantined).toMatchObject([
          { file: 'actas-quarantined.csv', row: 1, issues: [{ code: 'sheet_sum_mismatch' }] },
        ]);

        const { page, errors } = await openPage(
          env.browser,
          `${env.base}/?election=${ELECTION}&mesa=00006&lang=${lang}`,
          width,
          { consoleErrors: true, timeout: 60_000 },
        );
        await page.waitForSelector('#acta-history li.version');
        const w = WORDS[lang];
        const current = page.locator(`#acta-history li[data-version="${cur?.version}"]`);
        const conflict = page.locator(`#acta-history li[data-version="${other?.version}"]`);
        expect(await current.getAttribute('class')).toContain('current');
        expect(await current.locator('summary .badge.current').textContent()).toBe(w.current);
        expect(await conflict.locator('summary .badge.current').count()).toBe(0);
        expect(await conflict.locator('summary').textContent()).toContain(w.differ);
        // the conflict's figures are on show without a click; the current's one click away
        expect(await conflict.locator('details').getAttribute('open')).not.toBeNull();
        const rows = conflict.locator('table.version-figures tbody tr');
        expect(await rows.nth(0).locator('td.num').first().textContent()).toBe('1,001');
        expect(await rows.nth(0).locator('td.diff').textContent()).toBe(`+1 ${w.vs}`);
        expect(await rows.nth(1).locator('td.diff').textContent()).toBe(`−1 ${w.vs}`);
        // C and D are the same in both: not marked
        expect(await rows.nth(2).getAttribute('class')).toBeNull();
        expect(await conflict.locator('tr.changed').count()).toBe(2);
        await current.locator('summary').click();
        const curRows = current.locator('table.version-figures tbody tr');
        expect(await curRows.nth(1).locator('td.num').first().textContent()).toBe('1,000');
        expect(await current.locator('tr.changed').count()).toBe(0);
        // the quarantined row: its file and row, its code, the row as read
        const q = page.locator('#acta-quarantine li');
        expect(await q.count()).toBe(1);
        expect(await q.locator('code').allTextContents()).toEqual(['sheet_sum_mismatch']);
        expect(await q.textContent()).toContain('actas-quarantined.csv');
        expect(await q.locator('small.raw').textContent()).toContain('A=1100');
        if (width < 500) expect(await noSideScroll(page)).toBe(true);
        await page
          .locator('#acta')
          .screenshot({ path: join(ARTIFACTS, `acta-history-${lang}-${width}.png`) });
        expect(errors).toEqual([]);
      }, 120_000);
});
