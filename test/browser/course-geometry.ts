/// <reference lib="dom" />
// What the count's course chart draws, measured in the browser (CSS px, from each element's box):
// its scale read from the drawn gridlines, each side's largest-lead label and every text's box,
// for the course's browser tests (course-ends, spain-decimals).
import type { Page } from 'playwright-core';

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
  /** every text of the chart, its class and box */
  readonly texts: readonly { readonly text: string; readonly cls: string; readonly box: Box }[];
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
      })),
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
