// A hemicycle of seats as dots: rows of a half circle, each row's seats in proportion to its
// radius, seats taken in order of angle from the left so that each list gets one wedge.
import { el, svgEl, t } from './ui.js';

const CX = 120;
const CY = 118;
const R = 110;
const INNER = 0.4;
/** The total's font size in px (style.css, svg text.total): the majority line stops above it. */
const TOTAL_PX = 16;

/** The rows' radii (0..1) and how many of n seats each holds, in proportion to its radius. */
function rowsOf(n: number, rows: number): { radii: number[]; counts: number[] } {
  const radii = Array.from({ length: rows }, (_, i) =>
    rows === 1 ? 1 : INNER + ((1 - INNER) * i) / (rows - 1),
  );
  const sum = radii.reduce((a, b) => a + b, 0);
  const counts = radii.map((r) => Math.floor((n * r) / sum));
  let left = n - counts.reduce((a, b) => a + b, 0);
  for (let i = rows - 1; left > 0; i = (i - 1 + rows) % rows, left--)
    counts[i] = (counts[i] ?? 0) + 1;
  return { radii, counts };
}

/** Where each of n seats sits (angle from the right, radius 0..1) and the dots' radius. */
export function seatLayout(n: number): { seats: { a: number; r: number }[]; dot: number } {
  if (n <= 0) return { seats: [], dot: 0 };
  // a lone seat in the inner row would sit on the total (5 seats: 1 + 4): one row fewer then
  let rows = Math.max(1, Math.ceil(Math.sqrt(n / 4)));
  let { radii, counts } = rowsOf(n, rows);
  while (rows > 1 && (counts[0] ?? 0) < 2) ({ radii, counts } = rowsOf(n, --rows));
  const seats: { a: number; r: number }[] = [];
  radii.forEach((r, i) => {
    const k = counts[i] ?? 0;
    for (let j = 0; j < k; j++)
      seats.push({ a: k === 1 ? Math.PI / 2 : Math.PI * (1 - j / (k - 1)), r });
  });
  seats.sort((p, q) => q.a - p.a || p.r - q.r);
  const gap = rows === 1 ? 0.5 : (1 - INNER) / (rows - 1);
  const outer = counts[rows - 1] ?? 0;
  const arc = outer > 1 ? Math.PI / (outer - 1) : Math.PI;
  return { seats, dot: 0.42 * R * Math.min(gap, arc) };
}

/** Seats no list holds yet (a tie the rules leave to a lot not drawn), with what to call them. */
export interface Undecided {
  readonly seats: number;
  /** e.g. "Empate: A / B — escaño sin asignar (Este)" */
  readonly label: string;
}

/** The hatching of undecided seats: grey stripes, defined once per SVG (rects, not lines, so a redraw keeps it). */
function hatch(svg: SVGSVGElement): string {
  const id = `${svg.id || 'hemi'}-undecided`;
  if (!svg.querySelector(`pattern#${id}`)) {
    const pattern = svgEl('pattern', {
      id,
      patternUnits: 'userSpaceOnUse',
      width: 3,
      height: 3,
      patternTransform: 'rotate(45)',
    });
    pattern.append(
      svgEl('rect', { width: 3, height: 3, fill: '#e4e6ea' }),
      svgEl('rect', { width: 1.4, height: 3, fill: '#6b7280' }),
    );
    const defs = svgEl('defs', {});
    defs.append(pattern);
    svg.prepend(defs);
  }
  return `url(#${id})`;
}

/** The majority line: seats fill from the left, so a bloc crossing the middle holds a majority. */
function drawMajority(svg: SVGSVGElement, total: number, dot: number): void {
  if (total <= 1) return;
  const majority = Math.floor(total / 2) + 1;
  svg.append(
    svgEl('line', {
      class: 'majority',
      x1: CX,
      x2: CX,
      // small chambers have big dots: the line ends above the total, never through it
      y1: Math.min(CY - R * INNER + dot * 2, CY - 6 - TOTAL_PX - 2),
      y2: CY - R - dot * 2,
      'data-majority': majority,
    }),
    // under the seats, centred: beside the line it overlapped the seats of small councils
    svgEl(
      'text',
      { class: 'majority-label', x: CX, y: CY + dot + 10, 'text-anchor': 'middle' },
      `${t('majority')}: ${majority}`,
    ),
  );
}

/**
 * The bottom row's dots reach below the centre line and, in a small chamber, past R at the
 * sides: the view box grows to hold them (and the majority label) instead of clipping them.
 */
function fitViewBox(svg: SVGSVGElement, total: number, dot: number): void {
  const top = Math.min(0, CY - R - dot - 2);
  const bottom = CY + dot + (total > 1 ? 14 : 2);
  const left = Math.min(0, CX - R - dot - 2);
  const width = 2 * (CX - left);
  svg.setAttribute(
    'viewBox',
    `${left.toFixed(2)} ${top.toFixed(2)} ${width.toFixed(2)} ${(bottom - top).toFixed(2)}`,
  );
}

/** The seats per list too, not only the total: what the dots show, read aloud. */
function spokenSeats(
  caption: string,
  total: number,
  parties: readonly (readonly [string, number])[],
  undecided: readonly Undecided[],
  open: boolean,
  allotted: number,
): string {
  return `${caption}: ${total} ${t('seats').toLowerCase()}${parties
    .filter(([, n]) => n > 0)
    .map(([p, n]) => `; ${p} ${n}`)
    .join('')}${undecided.map((u) => `; ${u.label}`).join('')}${
    open && allotted > 0 ? `; ${t('seatsStillOpen')(allotted)}, ${t('seatsOpenWhy')}` : ''
  }`;
}

/**
 * Draws `parties` ([name, seats][], in the order to seat them, left to right) into the SVG:
 * one circle per seat with its party in `data-party`, and the total in the middle. `undecided`
 * seats (a tie not settled) come last, hatched: the chamber keeps its legal size and majority.
 * `open`: the seats are an allocation of the votes counted, not decided (a count under way), so
 * each is drawn as a ring in its list's colour, never as a decided seat's filled dot.
 */
export function drawHemicycle(
  svg: SVGSVGElement,
  parties: readonly (readonly [string, number])[],
  colorOf: (party: string) => string,
  caption?: string,
  undecided: readonly Undecided[] = [],
  open = false,
): void {
  for (const old of svg.querySelectorAll('circle, text, g, line')) old.remove();
  const allotted = parties.reduce((a, [, n]) => a + n, 0);
  const total = allotted + undecided.reduce((a, u) => a + u.seats, 0);
  const { seats, dot } = seatLayout(total);
  let k = 0;
  const groups = [
    ...parties.map(([party, n]) => ({ party, n, label: `${party}: ${n}`, fill: colorOf(party) })),
    ...undecided.map((u) => ({ party: '', n: u.seats, label: u.label, fill: hatch(svg) })),
  ];
  for (const { party, n, label, fill } of groups) {
    const g = party
      ? svgEl('g', { 'data-party': party, 'data-seats': n, ...(open ? { 'data-open': n } : {}) })
      : svgEl('g', { class: 'undecided', 'data-seats': n });
    g.append(svgEl('title', {}, label));
    for (let i = 0; i < n; i++, k++) {
      const s = seats[k];
      if (!s) throw new Error('more seats drawn than laid out');
      g.append(
        svgEl('circle', {
          class: party ? (open ? 'seat open' : 'seat') : 'seat undecided',
          cx: (CX + R * s.r * Math.cos(s.a)).toFixed(2),
          cy: (CY - R * s.r * Math.sin(s.a)).toFixed(2),
          // a ring: its stroke (a third of the dot) drawn inside the seat's own radius
          r: (party && open ? dot * (5 / 6) : dot).toFixed(2),
          fill: party && open ? '#ffffff' : fill,
          ...(party && open ? { stroke: fill, 'stroke-width': (dot / 3).toFixed(2) } : {}),
        }),
      );
    }
    svg.append(g);
  }
  svg.append(svgEl('text', { class: 'total', x: CX, y: CY - 6, 'text-anchor': 'middle' }, total));
  drawMajority(svg, total, dot);
  fitViewBox(svg, total, dot);
  if (caption)
    svg.setAttribute('aria-label', spokenSeats(caption, total, parties, undecided, open, allotted));
}

/**
 * The legend of a hemicycle whose seats are not decided: a ring like the seats' and "39 escaños
 * aún abiertos: …" (none when `n` is 0), so the outline is said in words, not only drawn.
 */
export function openSeatsNote(n: number): (HTMLElement | string)[] {
  if (n === 0) return [];
  return [
    el('span', { class: 'ring', 'aria-hidden': 'true' }),
    `${t('seatsStillOpen')(n)}: ${t('seatsOpenWhy')}`,
  ];
}
