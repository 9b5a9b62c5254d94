/// <reference lib="dom" />
// The ERM view's tables for a screen reader: every table named (a caption, or its section's
// heading), its columns' headers and each row's own header marked as such.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { putPublishedElection } from '../../src/results/published-load.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { openPage, useDashboard } from './harness.js';

const env = useDashboard(async () => {
  const store = new SqliteStore(join(tempDir('cifra-browser-erm-a11y-'), 'e.db'));
  await store.migrate();
  expect((await putPublishedElection(store, 'pe-2026-diputados')).ok).toBe(true);
  return store;
});

const open = (path: string, width: number): Promise<{ page: Page; errors: string[] }> =>
  openPage(env.browser, `${env.base}${path}`, width, { consoleErrors: true });

const LIMA = '?view=erm&erm=pe-erm-2022&contest=provincial-council%2F140100';
const TABLES = ['#erm-bytype', '#erm-orgs', '#erm-runoffs', '#erm-seats'] as const;

/** How a table's header cells are marked: the header row's, then each data row's first cell. */
const headers = (page: Page, table: string): Promise<{ cols: string[]; rows: string[] }> =>
  page.$eval(table, (t) => {
    const rows = Array.from((t as HTMLTableElement).rows);
    const head = rows[0];
    const mark = (c: Element | undefined): string =>
      c ? `${c.tagName}:${c.getAttribute('scope') ?? ''}` : 'none';
    return {
      cols: head ? Array.from(head.cells).map(mark) : [],
      // a runoff's second-round count spans the row under its region's: it names no row
      rows: rows
        .slice(1)
        .filter((r) => !r.hasAttribute('data-second-of'))
        .map((r) => mark(r.cells[0])),
    };
  });

describe('the ERM tables for a screen reader', () => {
  for (const [lang, width] of [
    ['es', 1400],
    ['en', 390],
  ] as const)
    it(`${lang}, ${width} px: each table named, column and row headers marked`, async () => {
      const { page, errors } = await open(`${LIMA}&lang=${lang}`, width);
      await page.waitForSelector('#erm-seats tr[data-party]');
      for (const table of TABLES) {
        const { cols, rows } = await headers(page, table);
        expect(cols.length, table).toBeGreaterThan(2);
        expect(new Set(cols), table).toEqual(new Set(['TH:col']));
        expect(rows.length, table).toBeGreaterThan(0);
        expect(new Set(rows), table).toEqual(new Set(['TH:row']));
        // the accessibility tree: a table with a name, its headers as headers (as cards too)
        const tree = await page.locator(table).ariaSnapshot();
        expect(tree, table).toMatch(/^- table "[^"]{5,}"/);
        expect(tree, table).toContain('- columnheader "');
        expect(tree, table).toContain('- rowheader "');
      }
      const name = async (table: string): Promise<string> =>
        /^- table "([^"]+)"/.exec(await page.locator(table).ariaSnapshot())?.[1] ?? '';
      const names = await Promise.all(TABLES.map(name));
      // four tables, four names; the council's says which council
      expect(new Set(names).size).toBe(4);
      expect(names[3]).toContain('LIMA');
      expect(names[2]).toBe(await page.textContent('#erm-runoffs-title'));
      expect(errors).toEqual([]);
      await page.close();
    }, 180_000);
});
