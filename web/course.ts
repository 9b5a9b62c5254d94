// The count's course over the night: the lead after each update and where the lead changed hands.
import type { Api, CountCourse } from './api-client.js';
import { courseSeries, type CourseSeries } from './course-pair.js';
import { zoneTime } from './live.js';
import {
  $,
  $svg,
  choiceLabel,
  colorOfChoice,
  decimalText,
  el,
  electionId,
  fmt,
  inLang,
  state,
  svgEl,
  t,
} from './ui.js';

/** A point's % of actas as the jurisdiction writes decimals, or `none` where it has none. */
const pctOf = (p: string | null, none: string): string => (p === null ? none : decimalText(p));

/** The chart's widest layout, in its units (what a chart drawn 392 px wide or more is laid out in). */
const W = 320;
const H = 180;
/** Its type's size in its units (style.css `.course text`), and the least it may be drawn at, in px. */
const TYPE = 9;
const READABLE_PX = 11;
/** A row of the chart's text, in its units. */
const ROW = 11;

/**
 * How many units wide the chart is laid out, for the width it is drawn at: at most W, and few
 * enough that each unit is at least 11/9 px, so its 9-unit type reads at 11 px or more, at every
 * width. Session 35 did it on a phone (a 320-unit chart at ~270 px drew its type at 7.6 px);
 * session 36 on a desktop too, whose column draws the chart at ~360 px (320 units: 10.1 px type;
 * now ~294). The layout (rows, gaps) fits the width it is drawn at, never a transform of a chart
 * laid out for another. W where the width is unknown (not drawn yet).
 */
function chartWidth(svg: SVGSVGElement): number {
  const drawn = svg.getBoundingClientRect().width;
  if (drawn <= 0) return W;
  return Math.min(W, Math.floor((drawn * TYPE) / READABLE_PX));
}

/**
 * Where a % of actas and a lead in votes are drawn: `m`, the votes the plot's edge stands for;
 * `grid`, the round leads its gridlines mark (each side's, for a pair); `left`, `right`, `top`,
 * `bottom`, the plot's box: a row above and one below for the words of each half (and the largest
 * lead at the edge), two each where they do not fit in one (`stacked`), and the x axis's row at
 * the foot (`height`, the chart's); its left end leaves room for the unit up the side and the
 * scale's widest figure, its right end is the chart's width less a margin.
 */
interface Scale {
  readonly sx: (x: number) => number;
  readonly sy: (v: number) => number;
  readonly zeroY: number;
  readonly m: number;
  readonly signed: boolean;
  readonly grid: readonly number[];
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly height: number;
  readonly stacked: boolean;
}

function scaleOf(
  xs: readonly number[],
  ys: readonly number[],
  signed: boolean,
  width: number,
  stacked: boolean,
): Scale {
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const m = Math.max(...ys.map(Math.abs), 1);
  const extra = stacked ? ROW : 0;
  const [top, bottom, height] = [16 + extra, H - 30 + extra, H + 2 * extra];
  // a pair's scale is symmetric: zero in the middle, either edge the larger of the two leads
  const zeroY = signed ? (top + bottom) / 2 : bottom;
  const reach = zeroY - top;
  const sy = (v: number): number => zeroY - (v / m) * reach;
  // a gridline's figure closer to zero than a line of text would sit on "tie"
  const grid = gridValues(m, signed ? 2 : 3).filter((v) => zeroY - sy(v) >= 11);
  // the widest figure at ~5.5 units a character (9 px type), after the unit's column
  const widest = Math.max(t('courseTie').length, ...grid.map((v) => fmt(v).length));
  const left = 21 + Math.ceil(5.5 * widest);
  const right = width - 8;
  const sx = (x: number): number => left + ((x - x0) / Math.max(x1 - x0, 1e-9)) * (right - left);
  return { sx, sy, zeroY, m, signed, grid, left, right, top, bottom, height, stacked };
}

/** The count's course: the lead after each published update, and where the lead changed hands. */
export async function renderCourse(reader: Api): Promise<void> {
  const box = $('course');
  const c = await reader.document(electionId(), 'count-course');
  const last = c.points.at(-1);
  const series = c.points.length < 2 ? null : courseSeries(state, c.points);
  if (last === undefined || series === null) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  drawCourse(c, series);
  $('course-legend').replaceChildren(...legendOf(c, series));
  const hint = series.kind === 'pair' ? t('courseHint') : t('courseLeadHint');
  $('course-meta').textContent =
    `${hint}. ${t('leadChanges')(c.leadChanges.length)}${changesText(c)}; ${t('courseLast')(fmt(last.margin), pctOf(last.pctCounted, '—'))}${c.source ? ` (${inLang(c.source)})` : ''}.`;
}

/**
 * The chart. A pair's signed margin around a zero line whose halves name who leads; otherwise
 * each update's lead over the runner-up above a zero baseline, drawn in the leader's colour.
 * Drawn again with the halves' words a row further out where a largest lead would share their row
 * and not fit beside them (a phone's, session 35).
 */
function drawCourse(c: CountCourse, series: CourseSeries, stacked = false): void {
  const xs = c.points.map((p) => Number(p.pctCounted));
  const ys = series.ys;
  const signed = series.kind === 'pair';
  const svg = $svg('course-chart');
  const width = chartWidth(svg);
  const sc = scaleOf(xs, ys, signed, width, stacked);
  const at = (i: number): readonly [number, number] => [sc.sx(xs[i] ?? 0), sc.sy(ys[i] ?? 0)];
  // laid out for the width it is drawn at, the dashboard's and the embed's alike
  svg.setAttribute('viewBox', `0 0 ${width} ${sc.height}`);
  svg.setAttribute('data-kind', series.kind);
  for (const old of svg.querySelectorAll('path, line, circle, text')) old.remove();
  const add: Add = (tag, attrs, text) => svg.appendChild(svgEl(tag, attrs, text));
  // the scale first, under the line
  yAxis(add, sc);
  drawLine(add, series, at);
  for (const ch of c.leadChanges) {
    const [cx, cy] = at(c.points.findIndex((p) => pointOfChange(p, ch)));
    const cut = ch.cut === null ? {} : { 'data-cut': ch.cut };
    add('circle', { cx, cy, r: 4, class: 'lead-change', 'data-time': ch.time, ...cut });
  }
  const [a, b] = series.pair;
  // stacked, the halves' words have their rows to themselves: from the chart's left edge, over
  // the scale's column, so that a long name fits a phone's width (session 35)
  const row = { x: stacked ? 2 : sc.left, class: 'side' };
  const out = stacked ? ROW : 0;
  if (signed) {
    const names = {
      top: add(
        'text',
        { ...row, y: sc.top - 4 - out, 'data-side': 'top' },
        `▲ ${a.label} ${t('leads')}`,
      ),
      foot: add(
        'text',
        { ...row, y: sc.bottom + 10 + out, 'data-side': 'foot' },
        `▼ ${b.label} ${t('leads')}`,
      ),
    };
    const crowded = maxLeads(add, sc, ys, names) || [names.top, names.foot].some(past(width));
    if (crowded && !stacked) return drawCourse(c, series, true);
  } else add('text', { ...row, y: sc.top - 4 }, t('courseLeadAxis'));
  svg.setAttribute('viewBox', `0 0 ${width} ${xAxis(add, sc, xs)}`);
}

/** The line: a pair's one, in the chart's colour (its halves say who leads); else each leader's stretch in its colour. */
function drawLine(
  add: Add,
  series: CourseSeries,
  at: (i: number) => readonly [number, number],
): void {
  for (const run of runsOf(series)) {
    const d = run.points.map((i, k) => `${k === 0 ? 'M' : 'L'}${at(i).join(',')}`).join('');
    const color = run.leader === null ? '#888' : colorOfChoice(run.leader);
    const style: Record<string, string> =
      series.kind === 'pair' ? {} : { style: `stroke:${color}`, 'data-leader': run.leader ?? '' };
    add('path', { d, class: 'margin', 'data-points': run.points.length, ...style });
  }
}

type Add = (
  tag: string,
  attrs: Readonly<Record<string, string | number>>,
  text?: string,
) => SVGElement;

/**
 * Round steps of votes for the gridlines, as d3's ticks choose them (1, 2 or 5 × 10^k, about
 * `count` of them), from the step up to `m`; a whole vote at least.
 */
export function gridValues(m: number, count: number): number[] {
  const raw = m / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const err = raw / power;
  const factor = err >= Math.sqrt(50) ? 10 : err >= Math.sqrt(10) ? 5 : err >= Math.SQRT2 ? 2 : 1;
  const step = Math.max(1, power * factor);
  const out: number[] = [];
  for (let v = step; v <= m; v += step) out.push(v);
  return out;
}

/**
 * The y axis (review s28: it had no scale; session 34: the ends named each side's largest lead
 * where the edge stood for the larger one): the zero line said to be a tie, round gridlines in
 * votes in the page's number format, and for a pair the unit said once up the side (a lead's
 * title above the chart says it).
 */
function yAxis(add: Add, sc: Scale): void {
  const label = (y: number, v: number, text: string): SVGElement =>
    add(
      'text',
      {
        x: sc.left - 6,
        y: y + 3,
        class: 'axis grid-label',
        'text-anchor': 'end',
        'data-value': v,
      },
      text,
    );
  for (const v of sc.grid)
    for (const signedV of sc.signed ? [v, -v] : [v]) {
      const y = sc.sy(signedV);
      add('line', { x1: sc.left, x2: sc.right, y1: y, y2: y, class: 'grid', 'data-value': v });
      label(y, v, fmt(v));
    }
  add('line', { x1: sc.left, x2: sc.right, y1: sc.zeroY, y2: sc.zeroY, class: 'zero' });
  label(sc.zeroY, 0, t('courseTie'));
  if (!sc.signed) return;
  const mid = sc.zeroY;
  add(
    'text',
    {
      x: 9,
      y: mid,
      class: 'axis y-title',
      'text-anchor': 'middle',
      transform: `rotate(-90 9 ${mid})`,
    },
    t('courseUnit'),
  );
}

/**
 * Each side's own largest lead at its height (night review 4: the foot said the top's; session 34:
 * at the edge, it read as the edge's), none where that side never led: a dotted line at the lead,
 * its words just beyond it, away from zero, where no point of the course is. Whether a label met
 * its half's words there (moved just inside its line then, where the halves share its row).
 */
function maxLeads(
  add: Add,
  sc: Scale,
  ys: readonly number[],
  names: { readonly top: SVGElement; readonly foot: SVGElement },
): boolean {
  let crowded = false;
  const { top, foot } = pairEnds(ys);
  const sides = [
    ['top', top],
    ['foot', foot],
  ] as const;
  for (const [side, v] of sides) {
    if (v === null) continue;
    const y = sc.sy(side === 'top' ? v : -v);
    const mark = { 'data-side': side, 'data-value': v };
    add('line', { x1: sc.left, x2: sc.right, y1: y, y2: y, class: 'max-lead', ...mark });
    const at = { x: sc.right, y: side === 'top' ? y - 3 : y + 9, 'text-anchor': 'end' };
    const label = add(
      'text',
      { ...at, class: 'max-lead-label', ...mark },
      t('courseMaxLead')(fmt(v)),
    );
    // at the edge, beside a long name in the half's row: just inside the line instead
    if (meet(label, names[side])) {
      crowded = true;
      label.setAttribute('y', String(side === 'top' ? y + 9 : y - 3));
    }
    clearOfDots(label);
  }
  return crowded;
}

/**
 * A right-aligned label moved left of each lead change's dot it touches (session 35: the last
 * change, at the right end, can be at the largest lead, the label's height), rightmost dot first.
 */
function clearOfDots(label: SVGElement): void {
  const dots = [...(label.ownerSVGElement?.querySelectorAll('circle.lead-change') ?? [])];
  const num = (e: Element, a: string): number => Number(e.getAttribute(a));
  dots.sort((p, q) => num(q, 'cx') - num(p, 'cx'));
  for (const dot of dots)
    if (dot instanceof SVGElement && meet(label, dot))
      label.setAttribute('x', String(num(dot, 'cx') - num(dot, 'r') - 2));
}

/** Whether a drawn text ends past the chart's width (never where the browser draws nothing). */
const past =
  (width: number) =>
  (e: SVGElement): boolean => {
    if (!(e instanceof SVGGraphicsElement)) return false;
    const b = e.getBBox();
    return b.width > 0 && b.x + b.width > width;
  };

/** Whether two drawn texts' boxes meet (never where the browser draws nothing: boxes of 0). */
function meet(a: SVGElement, b: SVGElement): boolean {
  if (!(a instanceof SVGGraphicsElement && b instanceof SVGGraphicsElement)) return false;
  const [p, q] = [a.getBBox(), b.getBBox()];
  const apart = p.x + p.width <= q.x || q.x + q.width <= p.x;
  return !apart && p.y < q.y + q.height && q.y < p.y + p.height && p.width > 0 && q.width > 0;
}

/**
 * The x axis under the plot: its ends, in % of actas, and what it is, between them, or in a row
 * below them where a narrow chart has no room between (a phone's, with 3 decimals). The chart's
 * height, with that row.
 */
function xAxis(add: Add, sc: Scale, xs: readonly number[]): number {
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  // as many decimals as the ends need to differ (a tiny count read "0.0 %" at both ends)
  const digits = [1, 2, 3].find((d) => fmt(x0, d) !== fmt(x1, d)) ?? 3;
  const y = sc.height - 4;
  const from = add('text', { x: sc.left, y, class: 'axis x-end' }, `${fmt(x0, digits)} %`);
  const to = add(
    'text',
    { x: sc.right, y, class: 'axis x-end', 'text-anchor': 'end' },
    `${fmt(x1, digits)} %`,
  );
  const mid = (sc.left + sc.right) / 2;
  const what = { x: mid, y, class: 'axis x-title', 'text-anchor': 'middle' };
  const title = add('text', what, t('courseAxisX'));
  if (!meet(title, from) && !meet(title, to)) return sc.height;
  title.setAttribute('y', String(y + 12));
  return sc.height + 12;
}

/**
 * A pair's largest lead on each side of its signed margins: `top`, the first's (above zero);
 * `foot`, the second's (below), as a positive count; null where that side never led.
 */
export function pairEnds(ys: readonly number[]): { top: number | null; foot: number | null } {
  const top = Math.max(0, ...ys);
  const foot = Math.max(0, ...ys.map((y) => -y));
  return { top: top > 0 ? top : null, foot: foot > 0 ? foot : null };
}

/**
 * The line's stretches: one for a pair (every point); for a lead, one per leader in turn, each
 * starting at the previous stretch's last point so the line stays joined.
 */
function runsOf(series: CourseSeries): { leader: string | null; points: number[] }[] {
  const all = series.ys.map((_, i) => i);
  if (series.kind === 'pair') return [{ leader: series.pair[0].id, points: all }];
  const runs: { leader: string | null; points: number[] }[] = [];
  series.leaders.forEach((leader, i) => {
    const open = runs.at(-1);
    if (open !== undefined && open.leader === leader) open.points.push(i);
    else runs.push({ leader, points: open === undefined ? [i] : [i - 1, i] });
  });
  return runs;
}

/** Whose colour each stretch is, in the order they led; none for a pair (its halves say it). */
function legendOf(c: CountCourse, series: CourseSeries): HTMLLIElement[] {
  if (series.kind === 'pair') return [];
  const seen = [...new Set(series.leaders)].filter((l): l is string => l !== null);
  return seen.map((id) =>
    el(
      'li',
      { 'data-choice': id },
      el('span', { class: 'swatch', style: `background:${colorOfChoice(id)}` }),
      labelOf(c, id),
    ),
  );
}

const labelOf = (c: CountCourse, id: string): string =>
  choiceLabel(
    state.choices.find((x) => x.id === id) ??
      c.points.at(-1)?.votes.find((v) => v.id === id) ?? { id, label: id },
  );

type LeadChange = CountCourse['leadChanges'][number];

/** The point where a lead change happened: its time, and its cut (two imports may share a time). */
const pointOfChange = (p: CountCourse['points'][number], ch: LeadChange): boolean =>
  p.time === ch.time && p.cut === ch.cut;

/**
 * Where each lead change happened, for those who cannot see the marks: who, at what %, when. When
 * is the source's cut of the import where it has one, in the jurisdiction's time; else the time
 * cifra recorded it, said as cifra's (never passed off as the source's); a published course's
 * points are its captures.
 */
function changesText(c: CountCourse): string {
  const said = c.leadChanges.map((ch) => {
    const at = c.points.find((p) => pointOfChange(p, ch));
    return t('leadChangeAt')(labelOf(c, ch.to), pctOf(at?.pctCounted ?? null, '?'), whenOf(c, ch));
  });
  return said.length === 0 ? '' : `: ${said.join('; ')}`;
}

function whenOf(c: CountCourse, ch: LeadChange): string {
  // a rehearsal's cuts are the replay's own, never the source's
  if (ch.cut !== null)
    return state.summary?.status.rehearsal
      ? t('courseAtRehearsalCut')(zoneTime(ch.cut))
      : t('courseAtCut')(zoneTime(ch.cut));
  const time = zoneTime(ch.time);
  return c.times === 'import' ? t('courseAtRecorded')(time) : t('courseAtCapture')(time);
}
