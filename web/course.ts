// The count's course over the night: the leader's margin after each update and the lead changes.
import type { Api, CountCourse } from './api-client.js';

type Point = CountCourse['points'][number];
import { coursePair, pairMargin } from './course-pair.js';
import { zoneTime } from './live.js';
import { $, $svg, choiceLabel, electionId, fmt, inLang, state, svgEl, t } from './ui.js';

/** The count's course: the leader's margin after each published update, and where the lead changed hands. */
export async function renderCourse(reader: Api): Promise<void> {
  const box = $('course');
  const c = await reader.document(electionId(), 'count-course');
  if (c.points.length < 2) {
    box.hidden = true;
    return;
  }
  const last = c.points.at(-1);
  const pair = last === undefined ? null : coursePair(state, last.votes);
  if (!last || pair === null) {
    box.hidden = true;
    return;
  }
  const [a, b] = pair;
  box.hidden = false;
  // the last update's leader over its runner-up through the night: above zero, a leads
  const margin = (p: Point): number => pairMargin(p.votes, pair);
  const W = 320;
  const H = 160;
  const xs = c.points.map((p) => Number(p.pctCounted));
  const ms = c.points.map(margin);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const m = Math.max(...ms.map(Math.abs), 1);
  const sx = (x: number): number => 30 + ((x - x0) / Math.max(x1 - x0, 1e-9)) * (W - 40);
  const sy = (v: number): number => H / 2 - (v / m) * (H / 2 - 14);
  const svg = $svg('course-chart');
  for (const old of svg.querySelectorAll('path, line, circle, text')) old.remove();
  const add = (tag: string, attrs: Readonly<Record<string, string | number>>, text?: string) =>
    svg.append(svgEl(tag, attrs, text));
  add('line', { x1: 30, x2: W - 10, y1: sy(0), y2: sy(0), class: 'zero' });
  add('path', {
    d: c.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(xs[i] ?? 0)},${sy(ms[i] ?? 0)}`).join(''),
    class: 'margin',
    'data-points': c.points.length,
  });
  for (const ch of c.leadChanges) {
    const i = c.points.findIndex((p) => p.time === ch.time);
    add('circle', {
      cx: sx(xs[i] ?? 0),
      cy: sy(0),
      r: 4,
      class: 'lead-change',
      'data-time': ch.time,
    });
  }
  add('text', { x: 32, y: 12 }, `${a.label} ${t('leads')}`);
  add('text', { x: 32, y: H - 4 }, `${b.label} ${t('leads')}`);
  add('text', { x: 30, y: H / 2 - 4, class: 'axis' }, `${x0.toFixed(1)} %`);
  add('text', { x: W - 50, y: H / 2 - 4, class: 'axis' }, `${x1.toFixed(1)} %`);
  $('course-meta').textContent =
    `${t('courseHint')}. ${t('leadChanges')(c.leadChanges.length)}${changesText(c)}; ${t('courseLast')(fmt(last.margin), last.pctCounted ?? '—')}${c.source ? ` (${inLang(c.source)})` : ''}.`;
}

/** Where each lead change happened, for those who cannot see the marks: who, at what %, when. */
function changesText(c: CountCourse): string {
  const label = (id: string): string =>
    choiceLabel(state.choices.find((x) => x.id === id) ?? { id, label: id });
  const said = c.leadChanges.map((ch) => {
    const at = c.points.find((p) => p.time === ch.time);
    return t('leadChangeAt')(label(ch.to), at?.pctCounted ?? '?', zoneTime(ch.time));
  });
  return said.length === 0 ? '' : `: ${said.join('; ')}`;
}
