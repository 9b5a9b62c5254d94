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
const H = 160;

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
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const m = Math.max(...ys.map(Math.abs), 1);
  const signed = series.kind === 'pair';
  const zeroY = signed ? H / 2 : H - 14;
  const sx = (x: number): number => 30 + ((x - x0) / Math.max(x1 - x0, 1e-9)) * (W - 40);
  const sy = (v: number): number => zeroY - (v / m) * (signed ? H / 2 - 14 : H - 30);
  const at = (i: number): string => `${sx(xs[i] ?? 0)},${sy(ys[i] ?? 0)}`;
  const svg = $svg('course-chart');
  svg.setAttribute('data-kind', series.kind);
  for (const old of svg.querySelectorAll('path, line, circle, text')) old.remove();
  const add = (tag: string, attrs: Readonly<Record<string, string | number>>, text?: string) =>
    svg.append(svgEl(tag, attrs, text));
  add('line', { x1: 30, x2: W - 10, y1: zeroY, y2: zeroY, class: 'zero' });
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
  if (signed) {
    add('text', { x: 32, y: 12 }, `${a.label} ${t('leads')}`);
    add('text', { x: 32, y: H - 4 }, `${b.label} ${t('leads')}`);
  } else add('text', { x: 32, y: 12 }, t('courseLeadAxis'));
  yAxis(add, m, ys, signed, zeroY);
  // as many decimals as the ends need to differ (a tiny count read "0.0 %" at both ends)
  const digits = [1, 2, 3].find((d) => fmt(x0, d) !== fmt(x1, d)) ?? 3;
  add('text', { x: 30, y: zeroY - 4, class: 'axis' }, `${fmt(x0, digits)} %`);
  add('text', { x: W - 50, y: zeroY - 4, class: 'axis' }, `${fmt(x1, digits)} %`);
}

type Add = (tag: string, attrs: Readonly<Record<string, string | number>>, text?: string) => void;

/**
 * The y axis's title and scale (review s28: it had neither): what is drawn up the side (the lead,
 * in votes) and how many votes the top of the chart stands for — for a pair, its foot too.
 */
function yAxis(add: Add, m: number, ys: readonly number[], signed: boolean, zeroY: number): void {
  const mid = signed ? zeroY : (12 + zeroY) / 2;
  add(
    'text',
    {
      x: 9,
      y: mid,
      class: 'axis y-title',
      'text-anchor': 'middle',
      transform: `rotate(-90 9 ${mid})`,
    },
    t('courseAxisY'),
  );
  const end = (y: number, text: string): void =>
    add('text', { x: W - 10, y, class: 'axis y-scale', 'text-anchor': 'end' }, text);
  if (!signed) {
    end(12, t('courseScale')(fmt(m)));
    return;
  }
  // a pair's ends: each side's own largest lead, none where it never led (night review 4: the foot
  // said the top's)
  const { top, foot } = pairEnds(ys);
  if (top !== null) end(12, t('courseMaxLead')(fmt(top)));
  if (foot !== null) end(H - 4, t('courseMaxLead')(fmt(foot)));
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
