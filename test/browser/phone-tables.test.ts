/// <reference lib="dom" />
// The dashboard's wide tables on a 390 px phone (issue 13 item 5): the ERM view's by-type,
// organisations and regional-runoffs tables, the seats by circunscripción and the cross-check's
// net effect read as cards (web/ui.ts cardTable), each value beside its column's header, nothing
// wider than the screen; on a desktop each is still a table, one row a line. Screenshots go to
// /tmp/phone-shots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { addErmRunoffFixture, openPage, storeWithCount, useDashboard } from './harness.js';

const SHOTS = '/tmp/phone-shots';

const env = useDashboard(() => {
  // the FICTITIOUS second-round count (test/fixtures/erm-runoff): a runoff row with its count
  addErmRunoffFixture();
  return storeWithCount(
    join(tempDir('cifra-browser-phone-'), 'p.db'),
    ['pe-2026-diputados'],
    'pe-2021-presidencial-segunda',
  );
});

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
});

const ERM = '?view=erm&erm=pe-erm-2022';
const RUNOFF = '?view=erm&erm=fixture-erm-runoff';
const DEPUTIES = '/?election=pe-2026-diputados';
const CROSSCHECK = '/?election=pe-2021-presidencial-segunda';

/** Opens `path` at `width` and waits for the table to be drawn (the district one opened). */
async function show(path: string, css: string, width: number, lang: 'es' | 'en'): Promise<Page> {
  const { page, errors } = await openPage(env.browser, `${env.base}${path}&lang=${lang}`, width, {
    consoleErrors: true,
  });
  await page.waitForSelector(`${css} td`, { state: 'attached' });
  if (css === '#seats-by-district') await page.click('#by-district summary');
  expect(errors).toEqual([]);
  return page;
}

/**
 * What is wrong with the table at `css` on this screen, in words: the table wider than its box,
 * anything in it past the screen's edge, a value not visible, a value shown without its column's
 * header before it (the header's title, the full name, where it has one), a word broken mid-name.
 */
const cardProblems = (page: Page, css: string): Promise<string[]> =>
  page.evaluate((css) => {
    const table = document.querySelector(css);
    if (!(table instanceof HTMLTableElement)) return [`${css}: no table`];
    const vw = document.documentElement.clientWidth;
    const out: string[] = [];
    const box = table.parentElement?.getBoundingClientRect().width ?? vw;
    const w = table.getBoundingClientRect().width;
    if (w > box + 1) out.push(`table ${Math.round(w)} px in ${Math.round(box)}`);
    for (const n of Array.from(table.querySelectorAll('*')))
      if (n.getBoundingClientRect().right > vw + 1) out.push(`${n.tagName} past the edge`);
    const rows = Array.from(table.rows);
    const head = rows.find((r) => Array.from(r.cells).every((c) => c.tagName === 'TH'));
    const labels = head ? Array.from(head.cells).map((c) => c.title || (c.textContent ?? '')) : [];
    for (const r of rows.filter((x) => x !== head)) {
      let col = 0;
      for (const c of Array.from(r.cells)) {
        const text = c.textContent ?? '';
        const rect = c.getBoundingClientRect();
        if (text !== '' && (rect.width === 0 || rect.right > vw + 1 || rect.left < 0))
          out.push(`"${text}" not on screen`);
        const label = labels[col] ?? '';
        const before = getComputedStyle(c, '::before').content;
        // the first column is the card's title (the name); the others say their header
        if (col > 0 && c.colSpan === 1 && text !== '' && label !== '')
          if (before !== `"${label}" / ""`) out.push(`"${text}" without "${label}"`);
        col += c.colSpan;
      }
    }
    // no word of a name broken across lines (a date's hyphens may break: they are not names)
    const walk = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode())
      for (const m of (n.textContent ?? '').matchAll(/[^\s-]+/g)) {
        const range = document.createRange();
        range.setStart(n, m.index);
        range.setEnd(n, m.index + m[0].length);
        const lines = new Set(Array.from(range.getClientRects()).map((x) => Math.round(x.top)));
        if (lines.size > 1 && n.parentElement?.closest('tr.card-head') === null)
          out.push(`"${m[0]}" broken over ${lines.size} lines`);
      }
    return out.slice(0, 10);
  }, css);

/** How Chromium's accessibility tree reads the table and its first data cell (role, name). */
async function axRoles(page: Page, css: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', {});
  const read = async (selector: string): Promise<string> => {
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', {
      nodeId,
      fetchRelatives: false,
    });
    const n = nodes[0];
    return `${String(n?.role?.value)}: ${String(n?.name?.value ?? '')}`;
  };
  const out = [
    await read(css),
    await read(`${css} th:nth-child(2)`),
    await read(`${css} td:nth-child(2)`),
  ];
  await cdp.detach();
  return out;
}

const TABLES = [
  { name: 'ERM by type', path: ERM, css: '#erm-bytype' },
  { name: 'ERM organisations', path: ERM, css: '#erm-orgs' },
  { name: 'ERM regional runoffs', path: ERM, css: '#erm-runoffs' },
  { name: 'ERM runoffs with a second-round count', path: RUNOFF, css: '#erm-runoffs' },
  { name: 'seats by circunscripción', path: DEPUTIES, css: '#seats-by-district' },
  { name: 'cross-check net effect', path: CROSSCHECK, css: '#cc-net' },
] as const;

describe('wide tables on a 390 px phone read as cards', () => {
  for (const { name, path, css } of TABLES)
    for (const lang of ['es', 'en'] as const)
      it(`${name}, ${lang}: every value on screen beside its header`, async () => {
        const page = await show(path, css, 390, lang);
        expect(await cardProblems(page, css)).toEqual([]);
        // a screen reader still meets a table: headers, and cells named by their value alone
        const [table, header, cell] = await axRoles(page, css);
        expect(table).toMatch(/^table:/);
        expect(header).toMatch(/^columnheader: \S/);
        expect(cell).toMatch(/^cell: /);
        const label = await page.getAttribute(`${css} td:nth-child(2)`, 'data-label');
        expect(cell).not.toContain(`${String(label)}`);
        await page.locator(css).screenshot({
          path: join(SHOTS, `${name.replaceAll(' ', '-')}-${lang}-390.png`),
        });
        await page.close();
      }, 240_000);
});

describe('on a desktop the same tables are unchanged', () => {
  for (const { name, path, css } of TABLES)
    it(`${name}: a table, its header row shown, one row a line, no labels`, async () => {
      const page = await show(path, css, 1400, 'es');
      const layout = await page.evaluate((css) => {
        const table = document.querySelector(css);
        if (!(table instanceof HTMLTableElement)) return null;
        const rows = Array.from(table.rows);
        const head = rows.find((r) => Array.from(r.cells).every((c) => c.tagName === 'TH'));
        const row = rows.find((r) => r !== head && r.cells.length > 2);
        const tops = Array.from(row?.cells ?? []).map((c) =>
          Math.round(c.getBoundingClientRect().top),
        );
        return {
          display: getComputedStyle(table).display,
          head: head ? getComputedStyle(head).display : null,
          headHeight: Math.round(head?.getBoundingClientRect().height ?? 0) > 10,
          oneLine: tops.length > 2 && new Set(tops).size === 1,
          labels: Array.from(table.querySelectorAll('td'))
            .map((c) => getComputedStyle(c, '::before').content)
            .filter((x) => x !== 'none').length,
        };
      }, css);
      expect(layout).toEqual({
        display: 'table',
        head: 'table-row',
        headHeight: true,
        oneLine: true,
        labels: 0,
      });
      await page.locator(css).screenshot({
        path: join(SHOTS, `${name.replaceAll(' ', '-')}-es-1400.png`),
      });
      await page.close();
    }, 240_000);
});
