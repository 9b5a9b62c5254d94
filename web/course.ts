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

const W = 320;
const H = 180;
/**
 * The plot's box in the chart's units: a row above and one below for the words of each half (and
 * the largest lead at the edge), and the x axis's row at the foot. Its left end leaves room for
 * the unit up the side and the scale's widest figure (scaleOf).
 */
const BOX = { right: W - 8, top: 16, bottom: H - 30 } as const;

/**
 * Where a % of actas and a lead in votes are drawn: `m`, the votes the plot's edge stands for;
 * `grid`, the round leads its gridlines mark (each side's, for a pair); `left`, the plot's left end.
 */
interface Scale {
  readonly sx: (x: number) => number;
  readonly sy: (v: number) => number;
  readonly zeroY: number;
  readonly m: number;
  readonly signed: boolean;
  readonly grid: readonly number[];
  readonly left: number;
}

function scaleOf(xs: readonly number[], ys: readonly number[], signed: boolean): Scale {
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const m = Math.max(...ys.map(Math.abs), 1);
  // a pair's scale is symmetric: zero in the middle, either edge the larger of the two leads
  const zeroY = signed ? (BOX.top + BOX.bottom) / 2 : BOX.bottom;
  const reach = zeroY - BOX.top;
  const sy = (v: number): number => zeroY - (v / m) * reach;
  // a gridline's figure closer to zero than a line of text would sit on "tie"
  const grid = gridValues(m, signed ? 2 : 3).filter((v) => zeroY - sy(v) >= 11);
  // the widest figure at ~5.5 units a character (9 px type), after the unit's column
  const widest = Math.max(t('courseTie').length, ...grid.map((v) => fmt(v).length));
  const left = 21 + Math.ceil(5.5 * widest);
  const sx = (x: number): number =>
    left + ((x - x0) / Math.max(x1 - x0, 1e-9)) * (BOX.right - left);
  return { sx, sy, zeroY, m, signed, grid, left };
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
 */
function drawCourse(c: CountCourse, series: CourseSeries): void {
  const xs = c.points.map((p) => Number(p.pctCounted));
  const ys = series.ys;
  const signed = series.kind === 'pair';
  const sc = scaleOf(xs, ys, signed);
  const at = (i: number): string => `${sc.sx(xs[i] ?? 0)},${sc.sy(ys[i] ?? 0)}`;
  const svg = $svg('course-chart');
  // the chart's own proportions, the dashboard's and the embed's alike
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('data-kind', series.kind);
  for (const old of svg.querySelectorAll('path, line, circle, text')) old.remove();
  const add: Add = (tag, attrs, text) => svg.appendChild(svgEl(tag, attrs, text));
  // the scale first, under the line
  yAxis(add, sc);
  for (const run of runsOf(series)) {
    const d = run.points.map((i, k) => `${k === 0 ? 'M' : 'L'}${at(i)}`).join('');
    // a pair's one line keeps the chart's colour: its halves, not a colour, say who leads
    const color = run.leader === null ? '#888' : colorOfChoice(run.leader);
    const style: Record<string, string> = signed
      ? {}
      : { style: `stroke:${color}`, 'data-leader': run.leader ?? '' };
    add('path', { d, class: 'margin', 'data-points': run.points.length, ...style });
  }
  for (const ch of c.leadChanges) {
    const i = c.points.findIndex((p) => pointOfChange(p, ch));
    const [cx, cy] = at(i).split(',');
    const cut = ch.cut === null ? {} : { 'data-cut': ch.cut };
    add('circle', {
      cx: cx ?? 0,
      cy: cy ?? 0,
      r: 4,
      class: 'lead-change',
      'data-time': ch.time,
      ...cut,
    });
  }
  const [a, b] = series.pair;
  const row = { x: sc.left, class: 'side' };
  if (signed) {
    const names = {
      top: add(
        'text',
        { ...row, y: BOX.top - 4, 'data-side': 'top' },
        `▲ ${a.label} ${t('leads')}`,
      ),
      foot: add(
        'text',
        { ...row, y: BOX.bottom + 10, 'data-side': 'foot' },
        `▼ ${b.label} ${t('leads')}`,
      ),
    };
    maxLeads(add, sc, ys, names);
  } else add('text', { ...row, y: BOX.top - 4 }, t('courseLeadAxis'));
  xAxis(add, sc, xs);
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
      add('line', { x1: sc.left, x2: BOX.right, y1: y, y2: y, class: 'grid', 'data-value': v });
      label(y, v, fmt(v));
    }
  add('line', { x1: sc.left, x2: BOX.right, y1: sc.zeroY, y2: sc.zeroY, class: 'zero' });
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
 * its words just beyond it, away from zero, where no point of the course is.
 */
function maxLeads(
  add: Add,
  sc: Scale,
  ys: readonly number[],
  names: { readonly top: SVGElement; readonly foot: SVGElement },
): void {
  const { top, foot } = pairEnds(ys);
  const sides = [
    ['top', top],
    ['foot', foot],
  ] as const;
  for (const [side, v] of sides) {
    if (v === null) continue;
    const y = sc.sy(side === 'top' ? v : -v);
    const mark = { 'data-side': side, 'data-value': v };
    add('line', { x1: sc.left, x2: BOX.right, y1: y, y2: y, class: 'max-lead', ...mark });
    const at = { x: BOX.right, y: side === 'top' ? y - 3 : y + 9, 'text-anchor': 'end' };
    const label = add(
      'text',
      { ...at, class: 'max-lead-label', ...mark },
      t('courseMaxLead')(fmt(v)),
    );
    // at the edge, beside a long name in the half's row: just inside the line instead
    if (meet(label, names[side])) label.setAttribute('y', String(side === 'top' ? y + 9 : y - 3));
  }
}

/** Whether two drawn texts' boxes meet (never where the browser draws nothing: boxes of 0). */
function meet(a: SVGElement, b: SVGElement): boolean {
  if (!(a instanceof SVGGraphicsElement && b instanceof SVGGraphicsElement)) return false;
  const [p, q] = [a.getBBox(), b.getBBox()];
  const apart = p.x + p.width <= q.x || q.x + q.width <= p.x;
  return !apart && p.y < q.y + q.height && q.y < p.y + p.height && p.width > 0 && q.width > 0;
}

/** The x axis under the plot: its ends, in % of actas, and what it is, between them. */
function xAxis(add: Add, sc: Scale, xs: readonly number[]): void {
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  // as many decimals as the ends need to differ (a tiny count read "0.0 %" at both ends)
  const digits = [1, 2, 3].find((d) => fmt(x0, d) !== fmt(x1, d)) ?? 3;
  const y = H - 4;
  add('text', { x: sc.left, y, class: 'axis x-end' }, `${fmt(x0, digits)} %`);
  add(
    'text',
    { x: BOX.right, y, class: 'axis x-end', 'text-anchor': 'end' },
    `${fmt(x1, digits)} %`,
  );
  const mid = (sc.left + BOX.right) / 2;
  add('text', { x: mid, y, class: 'axis x-title', 'text-anchor': 'middle' }, t('courseAxisX'));
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
