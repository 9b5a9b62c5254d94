/// <reference lib="dom" />
// What the count's course chart draws, measured in the browser (CSS px, from each element's box):
// its scale read from the drawn gridlines, each side's largest-lead label, every text's box and
// rendered size, the lead changes' dots; and what makes it readable, checked once for the course's
// browser tests (course-ends, course-cuts, course-leaders, spain-decimals).
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ARTIFACTS, noSideScroll } from './harness.js';

export interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export interface CourseGeometry {
  readonly svg: Box;
  /** the plot's left and right ends (the zero line's) and the zero line's height */
  readonly plot: { readonly left: number; readonly right: number; readonly zeroY: number };
  /** each gridline: its value (a side's lead, unsigned) and height */
  readonly grid: readonly { readonly value: number; readonly y: number }[];
  /** each side's largest lead: its value, its dotted line's height, its words and their box */
  readonly maxLeads: readonly {
    readonly side: string;
    readonly value: number;
    readonly y: number;
    readonly text: string;
    readonly box: Box;
  }[];
  /** every text of the chart: its class, box, and font size as drawn on screen (CSS px) */
  readonly texts: readonly {
    readonly text: string;
    readonly cls: string;
    readonly box: Box;
    readonly px: number;
  }[];
  /** each lead change's dot: its centre and radius on screen */
  readonly dots: readonly { readonly x: number; readonly y: number; readonly r: number }[];
}

export function courseGeometry(page: Page): Promise<CourseGeometry> {
  return page.evaluate(() => {
    const box = (e: Element): Box => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    const midY = (e: Element): number => {
      const r = e.getBoundingClientRect();
      return (r.top + r.bottom) / 2;
    };
    const svg = document.querySelector('#course-chart');
    const zero = document.querySelector('#course-chart line.zero');
    if (svg === null || zero === null) throw new Error('no course chart');
    const all = (sel: string): Element[] => [...document.querySelectorAll(`#course-chart ${sel}`)];
    const zb = box(zero);
    // the chart's scale on screen: its drawn width against its viewBox's (1 where it has none)
    const vb = svg instanceof SVGSVGElement ? svg.viewBox.baseVal : null;
    const scale = vb === null || vb.width === 0 ? 1 : svg.getBoundingClientRect().width / vb.width;
    return {
      svg: box(svg),
      plot: { left: zb.left, right: zb.right, zeroY: midY(zero) },
      grid: all('line.grid').map((l) => ({
        value: Number(l.getAttribute('data-value')),
        y: midY(l),
      })),
      maxLeads: all('line.max-lead').map((l) => {
        const side = l.getAttribute('data-side') ?? '';
        const label = document.querySelector(
          `#course-chart text.max-lead-label[data-side=${side}]`,
        );
        if (label === null) throw new Error(`no label for ${side}`);
        return {
          side,
          value: Number(l.getAttribute('data-value')),
          y: midY(l),
          text: label.textContent ?? '',
          box: box(label),
        };
      }),
      texts: all('text').map((t) => ({
        text: t.textContent ?? '',
        cls: t.getAttribute('class') ?? '',
        box: box(t),
        px: parseFloat(getComputedStyle(t).fontSize) * scale,
      })),
      dots: all('circle.lead-change').map((c) => {
        const b = box(c);
        return { x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2, r: (b.right - b.left) / 2 };
      }),
    };
  });
}

/** Px per vote read from the drawn gridlines: the farthest from zero, against the zero line. */
export function pxPerVote(g: CourseGeometry): number {
  const far = [...g.grid].sort((a, b) => b.value - a.value)[0];
  if (far === undefined) throw new Error('no gridline');
  return Math.abs(g.plot.zeroY - far.y) / far.value;
}

const overlap = (a: Box, b: Box): boolean =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The pairs of the chart's texts whose boxes overlap, as "a × b" (none, when all is readable). */
export function overlappingTexts(g: CourseGeometry): string[] {
  const out: string[] = [];
  g.texts.forEach((a, i) => {
    for (const b of g.texts.slice(i + 1))
      if (overlap(a.box, b.box)) out.push(`${a.text} × ${b.text}`);
  });
  return out;
}

/** Texts over the plot that the zero line crosses (the zero line's own label sits beside it). */
export function textsOnZero(g: CourseGeometry): string[] {
  return g.texts
    .filter((t) => t.box.right > g.plot.left && t.box.left < g.plot.right)
    .filter((t) => t.box.top < g.plot.zeroY && t.box.bottom > g.plot.zeroY)
    .map((t) => t.text);
}

/** Texts not wholly inside the chart (clipped by its edge). */
export function clippedTexts(g: CourseGeometry): string[] {
  const s = g.svg;
  return g.texts
    .filter(
      (t) =>
        t.box.left < s.left - 0.5 ||
        t.box.right > s.right + 0.5 ||
        t.box.top < s.top - 0.5 ||
        t.box.bottom > s.bottom + 0.5,
    )
    .map((t) => t.text);
}

/** Texts drawn smaller than `min` CSS px on screen, as "text: size". */
export function smallTexts(g: CourseGeometry, min: number): string[] {
  return g.texts.filter((t) => t.px < min).map((t) => `${t.text}: ${t.px.toFixed(1)}`);
}

/** Texts whose box a lead change's dot touches (the circle, not its box), as "text × dot n". */
export function textsOnDots(g: CourseGeometry): string[] {
  const out: string[] = [];
  for (const t of g.texts)
    g.dots.forEach((d, i) => {
      // the box's point nearest the dot's centre, within the radius
      const nx = Math.min(Math.max(d.x, t.box.left), t.box.right);
      const ny = Math.min(Math.max(d.y, t.box.top), t.box.bottom);
      if (Math.hypot(nx - d.x, ny - d.y) < d.r) out.push(`${t.text} × dot ${i + 1}`);
    });
  return out;
}

/** The smallest size a text of the chart may be drawn at, on a phone's screen and a desktop's. */
export const READABLE_PX = 11;

/**
 * The chart readable, as every course test asks it (session 34, 35): no two texts overlap, none
 * on the zero line, none clipped, none under a lead change's dot, none drawn under 11 px at any
 * width (a phone's since session 35; a desktop's, drawn at 10.1 px until session 36, too), and the
 * page does not scroll sideways; the course's section saved as `shot`.png for a person to look at.
 */
export async function expectCourseReadable(
  g: CourseGeometry,
  page: Page,
  shot: string,
): Promise<void> {
  expect(overlappingTexts(g)).toEqual([]);
  expect(textsOnZero(g)).toEqual([]);
  expect(clippedTexts(g)).toEqual([]);
  expect(textsOnDots(g)).toEqual([]);
  expect(smallTexts(g, READABLE_PX)).toEqual([]);
  expect(await noSideScroll(page)).toBe(true);
  await page.locator('#course').screenshot({ path: join(ARTIFACTS, `${shot}.png`) });
}
