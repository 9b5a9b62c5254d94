/// <reference lib="dom" />
// The 2026 runoff's course (ONPE's 479 captured updates, bundled): each side's own largest lead
// was written at the chart's edge since session 33, and the edges stand for the larger of the two
// (the scale is symmetric), so Sánchez's 43,292 read as the edge's height, which is Fujimori's
// 49,641; and no label gave the scale. Now each side's label sits at its value's height (a dotted
// line there, the words beyond it), the zero line says "tie", round gridlines say votes in the
// page's number format (Peru's es-PE: 20,000) and the x axis says what it is. On a phone and on a
// desktop, in Spanish and English, measured: where each label is against the drawn gridlines, and
// no two texts overlapping, on the zero line or clipped.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { putPublishedElection } from '../../src/results/published-load.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';
import { courseGeometry, expectCourseReadable, pxPerVote } from './course-geometry.js';
import { openPage, useDashboard } from './harness.js';

const ID = 'pe-2026-presidencial-segunda';

const env = useDashboard(async () => {
  const store = new SqliteStore(join(tempDir('cifra-browser-course-ends-'), 'c.db'));
  await store.migrate();
  const r = await putPublishedElection(store, ID);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return store;
});

const WORDS = {
  es: { tie: 'empate', unit: 'ventaja en votos', max: 'mayor ventaja', votes: 'votos', x: 'actas' },
  en: { tie: 'tie', unit: 'lead in votes', max: 'largest lead', votes: 'votes', x: 'actas' },
} as const;

describe("the runoff's course: each side's largest lead at its height, and a scale", () => {
  for (const lang of ['es', 'en'] as const)
    for (const width of [320, 390, 1280])
      it(`${lang}, ${width} px: Fujimori's 49,641 above Sánchez's 43,292, each where the gridlines put it`, async () => {
        const { page, errors } = await openPage(
          env.browser,
          `${env.base}/?election=${ID}&lang=${lang}`,
          width,
        );
        await page.waitForSelector('#course:not([hidden]) #course-chart path.margin');
        const w = WORDS[lang];
        const g = await courseGeometry(page);
        // the scale: round gridlines of votes in es-PE's format, the zero line a tie, the unit once
        const labels = g.texts.filter((t) => t.cls.includes('grid-label')).map((t) => t.text);
        expect(new Set(labels)).toEqual(new Set([w.tie, '20,000', '40,000']));
        expect(g.grid.map((l) => l.value).sort()).toEqual([20_000, 20_000, 40_000, 40_000]);
        const texts = g.texts.map((t) => t.text);
        expect(texts.filter((t) => t === w.unit)).toHaveLength(1);
        // the x axis: its ends in % of actas and what it is
        expect(texts).toContain('94.8 %');
        expect(texts).toContain('100.0 %');
        expect(texts.some((t) => t.startsWith('%') && t.includes(w.x))).toBe(true);
        // each side's own largest lead, Fujimori's (the top) further from zero than Sánchez's
        const top = g.maxLeads.find((m) => m.side === 'top');
        const foot = g.maxLeads.find((m) => m.side === 'foot');
        expect([top?.value, foot?.value]).toEqual([49_641, 43_292]);
        expect(top?.text).toBe(`${w.max}: 49,641 ${w.votes}`);
        expect(foot?.text).toBe(`${w.max}: 43,292 ${w.votes}`);
        if (top === undefined || foot === undefined) return;
        expect(top.y).toBeLessThan(g.plot.zeroY);
        expect(foot.y).toBeGreaterThan(g.plot.zeroY);
        expect(g.plot.zeroY - top.y).toBeGreaterThan(foot.y - g.plot.zeroY);
        expect(top.box.bottom).toBeLessThan(foot.box.top);
        // each at its value's height as the drawn gridlines measure it, its words just beyond it
        const k = pxPerVote(g);
        expect(Math.abs(g.plot.zeroY - 49_641 * k - top.y)).toBeLessThan(2);
        expect(Math.abs(g.plot.zeroY + 43_292 * k - foot.y)).toBeLessThan(2);
        expect(top.y - top.box.bottom).toBeGreaterThan(-2);
        expect(top.y - top.box.bottom).toBeLessThan(6);
        expect(foot.box.top - foot.y).toBeGreaterThan(-2);
        expect(foot.box.top - foot.y).toBeLessThan(6);
        // readable: no two texts overlap, none on the zero line, clipped or under a dot, none under
        // 11 px on a phone, no sideways scroll
        await expectCourseReadable(g, page, `course-ends-${lang}-${width}`);
        expect(errors).toEqual([]);
        await page.close();
      });
});
