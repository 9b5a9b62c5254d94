/// <reference lib="dom" />
// No table scrolls sideways at any phone-to-tablet width (issue 13 item 5): every view, in both
// languages, swept from 360 to 800 px in 20 px steps and at three desktop widths; each visible
// table must fit the box it sits in. The card layout used to switch at a fixed 500 px, and tables between 500 and 520 px (and
// wider) still overflowed their box.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { addErmRunoffFixture, openPage, storeWithCount, useDashboard } from './harness.js';

const RUNOFF = 'pe-2021-presidencial-segunda' as const;
const PUBLISHED = [
  'pe-2021-congreso',
  'pe-2026-diputados',
  'pe-2026-senado',
  'pe-2026-presidencial',
  'pe-2026-presidencial-distritos',
  'pe-2026-presidencial-segunda',
  'pe-2026-presidencial-segunda-2026-06-10',
];
/** A district of Cusco (RENIEC 07) to drill to: its mesas' list and one acta. */
const DISTRICT = '070101';
let mesa = '';

const env = useDashboard(() => {
  // the FICTITIOUS second-round count (test/fixtures/erm-runoff): a runoff row with its count
  addErmRunoffFixture();
  return storeWithCount(join(tempDir('cifra-browser-widths-'), 'w.db'), PUBLISHED, RUNOFF);
});

beforeAll(async () => {
  const res = await fetch(`${env.base}/api/v1/elections/${RUNOFF}/mesas/${DISTRICT}.json`);
  mesa = ((await res.json()) as { mesas: { mesa: string }[] }).mesas[0]?.mesa ?? '';
  expect(mesa).not.toBe('');
});

const VIEWS: readonly { name: string; path: () => string }[] = [
  ...[RUNOFF, ...PUBLISHED].map((id) => ({ name: id, path: () => `/?election=${id}` })),
  { name: 'what-if', path: () => '/?election=pe-2026-diputados&valla=4&min=0' },
  {
    name: 'drill to an acta',
    path: () => `/?election=${RUNOFF}&level=district&code=${DISTRICT}&mesa=${mesa}`,
  },
  { name: 'erm 2022', path: () => '/?view=erm&erm=pe-erm-2022' },
  { name: 'erm 2026', path: () => '/?view=erm&erm=pe-erm-2026' },
  { name: 'erm runoffs', path: () => '/?view=erm&erm=fixture-erm-runoff' },
  {
    name: 'erm council',
    path: () => '/?view=erm&erm=pe-erm-2022&contest=provincial-council%2F140100',
  },
];

// phone to tablet in 20 px steps, then three desktops (the ERM view's grid of columns)
const WIDTHS = [...Array.from({ length: 23 }, (_, i) => 360 + 20 * i), 1024, 1280, 1400];

/** Every visible table wider than the box it sits in, as "#id 532 px in 500". */
const overflowing = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('table'))
      .filter((t) => t.getClientRects().length > 0)
      .flatMap((t) => {
        const box = t.parentElement?.clientWidth ?? 0;
        const w = t.getBoundingClientRect().width;
        const name = t.id ? `#${t.id}` : `${t.parentElement?.id ?? '?'} > table`;
        return w > box + 1 ? [`${name} ${Math.round(w)} px in ${box}`] : [];
      }),
  );

/** The next two frames: layout and any resize observer's redraw done. */
const settled = (page: Page): Promise<unknown> =>
  page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));

describe('no table wider than its box, 360 to 800 px and on a desktop', () => {
  for (const view of VIEWS)
    for (const lang of ['es', 'en'] as const)
      it(`${view.name}, ${lang}`, async () => {
        const { page, errors } = await openPage(
          env.browser,
          `${env.base}${view.path()}&lang=${lang}`,
          800,
          { timeout: 60_000 },
        );
        // the premise: the view has tables to measure (folded ones opened)
        await page.evaluate(() => {
          for (const d of Array.from(document.querySelectorAll('details'))) d.open = true;
        });
        const problems: string[] = [];
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          await settled(page);
          for (const p of await overflowing(page)) problems.push(`${width}: ${p}`);
        }
        expect(problems).toEqual([]);
        expect(errors).toEqual([]);
        await page.close();
      }, 240_000);
});
