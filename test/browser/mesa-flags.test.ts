/// <reference lib="dom" />
// A poll-watcher's district on the page: the mesa list flags a mesa with a conflict (a later
// version not applied) and one with a quarantined row (a row the import refused), each in the
// button's words for a screen reader, and the legend counts them beside the states. Phone and
// desktop, es and en. Failed on the old code: no mesa was flagged as quarantined and the legend
// counted states only.
import { describe, expect, it } from 'vitest';
import { nightLine } from '../mesa-night.js';
import { nightJsonStore } from '../night-csv.js';
import { noSideScroll, openPage, useDashboard } from './harness.js';

const counted = (mesa: string, fp: number): string =>
  nightLine({ mesa, ubigeo: '150101', state: 'counted', fp, jp: 10, blank: 0, nul: 0 });

// first cut: three counted mesas; second: 000005 again with other figures (a conflict), 000006
// with more voters than electors (quarantined)
const env = useDashboard(() =>
  nightJsonStore('cifra-browser-mesa-flags-', [
    [counted('000005', 20), counted('000006', 30), counted('000007', 40)],
    [counted('000005', 21), counted('000006', 400)],
  ]),
);

describe("a district's mesa list flags conflicts and quarantined rows", () => {
  for (const [lang, width, conflict, held] of [
    ['es', 390, 'con conflicto', 'con filas en cuarentena'],
    ['en', 1280, 'with a conflict', 'with quarantined rows'],
  ] as const)
    it(`marks each mesa and counts them in the legend (${lang}, ${width} px)`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=night&level=district&code=150101&lang=${lang}`,
        width,
      );
      await page.waitForSelector('button[data-mesa="000007"]');
      const attr = (mesa: string, name: string) =>
        page.getAttribute(`button[data-mesa="${mesa}"]`, name);
      expect(await attr('000005', 'data-conflict')).toBe('');
      expect(await attr('000006', 'data-quarantined')).toBe('');
      expect([
        await attr('000007', 'data-conflict'),
        await attr('000007', 'data-quarantined'),
      ]).toEqual([null, null]);
      expect(await attr('000006', 'aria-label')).toContain(held);
      expect(await attr('000005', 'aria-label')).toContain(conflict);
      const legend = (await page.textContent('.mesa-states')) ?? '';
      expect(legend).toContain(`${conflict}: 1`);
      expect(legend).toContain(`${held}: 1`);
      expect(await noSideScroll(page)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    });
});
