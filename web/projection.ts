// The projection panel: always apart from the official count and labelled as an estimate; none
// once the count is complete (the count is the result).
import { area, line } from 'd3-shape';
import type { Api, Projection, ProjectionHistory } from './api-client.js';
import { countPctText, historyPctText } from './count-pct.js';
import { probText, uncalibratedText } from './headline.js';
import { $, $svg, el, electionId, fmt, state, svgEl, t, inLang } from './ui.js';

type ProjectedChoice = Projection['choices'][number];
/** A point of one choice's course: % counted, its median and 90 % interval. */
type Pt = { pct: number; c: ProjectionHistory['points'][number]['choices'][number] };

/**
 * The projection panel. sourcePct: the % of actas the source says it has counted (the summary's),
 * which is over the units it publishes; the projection's own % is over its whole universe.
 */
export async function renderProjection(
  reader: Api,
  p: Projection | null,
  sourcePct: string | null = null,
): Promise<void> {
  const section = $('projection');
  if (!p || p.pctCounted >= 100) {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  $('projection-meta').textContent = metaOf(p, sourcePct) + (noteOf(p) ? ` · ${noteOf(p)}` : '');
  const top = p.choices.slice(0, 8);
  const colorOf = (label: string): string =>
    state.colors.get(state.choices.find((c) => c.label === label)?.id ?? '') ?? '#777';
  $('projection-bars').replaceChildren(...intervalBars(top, colorOf, calibratedFromText(p)));
  // below the calibrated range the probabilities' place says why there are none (headline.ts)
  const uncalibrated = uncalibratedText(p);
  $('projection-odds').replaceChildren(
    ...(uncalibrated === null
      ? oddsTables(p)
      : [el('p', { id: 'projection-odds-uncalibrated', class: 'estimate' }, uncalibrated)]),
  );
  $('projection-seats').replaceChildren(...projectedSeats(p, uncalibrated === null));
  renderPriors(p);
  const history = await reader.tryDocument(electionId(), 'projection-history');
  renderProjectionHistory(
    history?.points ?? [],
    top.slice(0, 3).map((c) => c.choice),
    colorOf,
  );
}

/**
 * What the projection's % is over: with units the source leaves out (abroad in ONPE's 2026 runoff
 * capture), all the election's actas, beside the source's own % of the actas it publishes — the
 * two differ (95.53 % vs 98.188 %) and both are true.
 */
function metaOf(p: Projection, sourcePct: string | null): string {
  const common = {
    // the headline's and the odds sentence's rendering of the same count (count-pct.ts)
    pct: countPctText(p.actasProcessed, p.actasTotal) ?? fmt(0),
    sims: fmt(p.sims),
    seed: p.seed,
    method: t(`projMethod:${p.method}`),
  };
  // a published snapshot's % is over the units it publishes; a count of actas has no such source
  return p.method === 'snapshot' && (p.unitsAbsent?.length ?? 0) > 0 && sourcePct !== null
    ? t('projectionMetaUniverse')({ ...common, source: sourcePct })
    : t('projectionMeta')(common);
}

/**
 * The intervals' axis: from 0 while the intervals fill most of it; zoomed in (said on the axis
 * line) when they sit in a narrow band far from 0, as a close runoff's 49.6–50.4 %, which on a
 * 0–50 % axis would draw every candidate at the same spot.
 */
function axisOf(top: readonly ProjectedChoice[]): { lo: number; hi: number } {
  const min = Math.min(...top.map((c) => c.lo90));
  const max = Math.max(...top.map((c) => c.hi90), 1);
  const span = Math.max(max - min, 0.1);
  if (min <= span) return { lo: 0, hi: max };
  return { lo: Math.max(0, min - span / 4), hi: Math.min(100, max + span / 4) };
}

/** A choice's median and 90 % interval, in the jurisdiction's decimals: "50,13 % [49,60–50,71]". */
const intervalText = (c: { median: number; lo90: number; hi90: number }): string =>
  `${fmt(c.median, 2)} % [${fmt(c.lo90, 2)}–${fmt(c.hi90, 2)}]`;

/** The calibrated range's start in words ("10"), or null when the projection is within it. */
function calibratedFromText(p: Projection): string | null {
  if (p.odds.withinCalibration) return null;
  return fmt((100 * p.odds.calibratedFrom.numerator) / p.odds.calibratedFrom.denominator);
}

/** `uncalibratedFrom`: below the calibrated range, its start ("10"): each interval says so. */
function intervalBars(
  top: readonly ProjectedChoice[],
  colorOf: (label: string) => string,
  uncalibratedFrom: string | null,
): HTMLLIElement[] {
  const { lo, hi } = axisOf(top);
  const x = (v: number): string => `${(100 * (v - lo)) / (hi - lo)}%`;
  const axis =
    lo > 0 ? [el('li', { class: 'axis' }, t('intervalAxis')(fmt(lo, 2), fmt(hi, 2)))] : [];
  const rows = top.map((c) => {
    const track = el('span', { class: 'track' });
    const band90 = el('span', { class: 'band90' });
    band90.style.left = x(c.lo90);
    band90.style.width = `calc(${x(c.hi90)} - ${x(c.lo90)})`;
    const band80 = el('span', { class: 'band80' });
    band80.style.left = x(c.lo80);
    band80.style.width = `calc(${x(c.hi80)} - ${x(c.lo80)})`;
    band80.style.background = colorOf(c.choice);
    const mark = el('span', { class: 'median' });
    mark.style.left = x(c.median);
    track.append(band90, band80, mark);
    return el(
      'li',
      { 'data-choice': c.choice },
      el('span', { class: 'bar-label' }, c.choice),
      track,
      el('span', { class: 'interval-text', title: t('interval90') }, intervalText(c)),
      ...(uncalibratedFrom === null
        ? []
        : [
            el(
              'span',
              { class: 'uncalibrated', title: t('oddsOutsideRangeTitle')(uncalibratedFrom) },
              t('oddsOutsideRange'),
            ),
          ]),
    );
  });
  return [...rows, ...axis];
}

function oddsTables(p: Projection): HTMLTableElement[] {
  const oddsTable = (title: string, rows: readonly (readonly [string, number])[]) =>
    el(
      'table',
      { class: 'odds' },
      el('caption', {}, title),
      el(
        'tbody',
        {},
        rows.map(([label, prob]) =>
          el('tr', {}, el('td', {}, label), el('td', { class: 'num' }, probText(prob))),
        ),
      ),
    );
  const odds = [];
  if (p.runoffPairs)
    odds.push(
      oddsTable(
        t('runoffPairs'),
        p.runoffPairs.slice(0, 4).map((r) => [r.choices.join(' – '), r.probability]),
      ),
    );
  if (p.outright && p.outright.length > 0)
    odds.push(
      oddsTable(
        t('outrightWin'),
        p.outright.map((r) => [r.choice, r.probability]),
      ),
    );
  if (p.winner)
    odds.push(
      oddsTable(
        t('winProbability'),
        p.winner.map((r) => [r.choice, r.probability]),
      ),
    );
  return odds;
}

/** `odds`: whether P(valla) is shown (within the calibrated range). */
function projectedSeats(p: Projection, odds: boolean): HTMLElement[] {
  // seats the model cannot place are said, never drawn as 0 for every party
  const off = p.seatsUnavailable;
  if (off) {
    const names = off.reason === 'unknown_district' ? off.regions : off.districts;
    return [el('caption', {}, t('seatsNotProjected')(off.reason, names.join(', ')))];
  }
  if (!p.seats) return [];
  return [
    el(
      'caption',
      {},
      odds ? t('projectedSeats') : `${t('projectedSeats')} (${t('oddsOutsideRange')})`,
    ),
    el(
      'tbody',
      {},
      p.seats.parties
        .filter((s) => s.hi90 > 0 || s.pValla > 0)
        .map((s) =>
          el(
            'tr',
            {},
            el('td', {}, s.party),
            el('td', { class: 'num' }, `${s.median} [${s.lo90}–${s.hi90}]`),
            // never "100 %" or "0 %" while actas remain: the probabilities' rule (probText);
            // none below the calibrated range
            ...(odds ? [el('td', { class: 'num', title: t('pValla') }, probText(s.pValla))] : []),
          ),
        ),
    ),
  ];
}

/** Each line's dash, so the lines differ by more than colour (solid, dashed, dotted). */
const DASHES = ['', '7 3', '2 2.5'] as const;
type Series = { choice: string; color: string; dash: string; pts: Pt[] };

function renderProjectionHistory(
  points: ProjectionHistory['points'],
  choices: readonly string[],
  colorOf: (label: string) => string,
): void {
  const figure = $('projection-history-figure');
  const svg = $svg('projection-history');
  svg.querySelectorAll('g').forEach((g) => g.remove());
  if (points.length < 2) {
    figure.hidden = true;
    return;
  }
  figure.hidden = false;
  const series: Series[] = choices.map((choice, i) => ({
    choice,
    color: colorOf(choice),
    dash: DASHES[i % DASHES.length] ?? '',
    pts: points.flatMap((pt) => {
      const c = pt.choices.find((x) => x.choice === choice);
      return c ? [{ pct: pt.pctCounted, c }] : [];
    }),
  }));
  svg.append(historyChart(series));
  $('projection-history-legend').replaceChildren(...series.map(legendItem));
  $('projection-history-points').replaceChildren(...historyTable(points, choices));
}

/** The chart: x the % of actas counted, y the % of valid votes, each axis saying its unit. */
function historyChart(series: readonly Series[]): SVGElement {
  const W = 320;
  const H = 180;
  const m = { l: 34, r: 16, t: 16, b: 34 };
  const ys = series.flatMap((s) => s.pts.flatMap((d) => [d.c.lo90, d.c.hi90]));
  const y0 = Math.floor(Math.min(...ys));
  const y1 = Math.ceil(Math.max(...ys));
  const sx = (v: number): number => m.l + ((W - m.l - m.r) * v) / 100;
  const sy = (v: number): number =>
    H - m.b - ((H - m.t - m.b) * (v - y0)) / Math.max(1e-9, y1 - y0);
  const g = svgEl('g');
  const add = (tag: string, attrs: Readonly<Record<string, string | number>>, text?: string) =>
    g.appendChild(svgEl(tag, attrs, text));
  add('line', { x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b, class: 'axis' });
  for (const v of [0, 25, 50, 75, 100])
    add('text', { x: sx(v), y: H - m.b + 12, class: 'tick', 'text-anchor': 'middle' }, `${v} %`);
  for (const v of [y0, y1])
    add('text', { x: m.l - 4, y: sy(v) + 3, class: 'tick', 'text-anchor': 'end' }, `${v} %`);
  add(
    'text',
    { x: (m.l + W - m.r) / 2, y: H - 4, class: 'tick axis-title', 'text-anchor': 'middle' },
    t('historyAxisX'),
  );
  add('text', { x: m.l, y: 10, class: 'tick axis-title' }, t('historyAxisY'));
  for (const s of series) {
    const band = area<Pt>()
      .x((d) => sx(d.pct))
      .y0((d) => sy(d.c.lo90))
      .y1((d) => sy(d.c.hi90))(s.pts);
    add('path', { d: band ?? '', fill: s.color, 'fill-opacity': 0.18, stroke: 'none' });
    const median = line<Pt>()
      .x((d) => sx(d.pct))
      .y((d) => sy(d.c.median))(s.pts);
    add('path', {
      d: median ?? '',
      fill: 'none',
      stroke: s.color,
      'stroke-width': 2,
      'stroke-dasharray': s.dash,
      'data-choice': s.choice,
    });
  }
  return g;
}

/** A legend entry: the line as drawn (colour and dash) and the choice's name. */
function legendItem(s: Series): HTMLLIElement {
  const swatch = svgEl('svg', { width: 28, height: 10, 'aria-hidden': 'true' });
  swatch.append(
    svgEl('line', {
      x1: 0,
      x2: 28,
      y1: 5,
      y2: 5,
      stroke: s.color,
      'stroke-width': 2,
      'stroke-dasharray': s.dash,
    }),
  );
  return el('li', { 'data-choice': s.choice }, swatch, ` ${s.choice}`);
}

/** The chart's points as a table (visually hidden: what a screen reader reads for the lines). */
function historyTable(
  points: ProjectionHistory['points'],
  choices: readonly string[],
): HTMLElement[] {
  const cell = (pt: ProjectionHistory['points'][number], choice: string): string => {
    const c = pt.choices.find((x) => x.choice === choice);
    return c ? intervalText(c) : '—';
  };
  return [
    el('caption', {}, t('historyTableCaption')),
    el(
      'thead',
      {},
      el('tr', {}, el('th', {}, t('historyAxisX')), ...choices.map((c) => el('th', {}, c))),
    ),
    el(
      'tbody',
      {},
      ...points.map((pt) =>
        el(
          'tr',
          {},
          el('th', {}, `${historyPctText(pt)} %`),
          ...choices.map((c) => el('td', {}, cell(pt, c))),
        ),
      ),
    ),
  ];
}

/**
 * The projection's note in the chosen language: units the source leaves out are listed below
 * (renderPriors), so only their number is said here; any other note in the server's es/en.
 */
function noteOf(p: Projection): string {
  const main =
    p.unitsAbsent !== undefined && p.unitsAbsent.length > 0
      ? t(p.method === 'mesas' ? 'absentActasNote' : 'absentNote')(p.unitsAbsent.length)
      : p.note
        ? inLang(p.note)
        : '';
  // whether the previous round's count history was used, and where (snapshot projections)
  const history = p.historyNote ? inLang(p.historyNote) : '';
  // whether uncounted units were corrected by their counted neighbours (run 10)
  const neighbours = p.neighboursNote ? inLang(p.neighboursNote) : '';
  // whether an earlier cut of the same count fed the arrival drift (docs/projection.md)
  const drift = p.driftNote ? inLang(p.driftNote) : '';
  // per-mesa projections: whether the mesas carried the previous round as covariates
  const previous = p.previousRoundNote ? inLang(p.previousRoundNote) : '';
  return [main, history, neighbours, drift, previous].filter((x) => x !== '').join(' · ');
}

/**
 * A unit's name: a snapshot's units are its regions; a count of actas lists the units of its
 * universe (Peru: departments, abroad by continent), named from the election's places, since its
 * regions are circunscripciones whose codes are another level's (review 5: "Tacna" for Lima).
 */
function unitLabel(p: Projection, code: string): string {
  if (p.method === 'snapshot') return p.regions.find((r) => r.code === code)?.label ?? code;
  const places = state.places;
  const coarsest = places?.levels.find((l) => l.place)?.id;
  return places?.units.find((u) => u.level === coarsest && u.code === code)?.name ?? code;
}

/**
 * The units the projection draws without a count of their own (issue #13): with no actas counted,
 * or left out of the source's snapshot, each projected from a previous round or from the other
 * units' shares, and weighted by its electors. Said on screen, not only in the API.
 */
function renderPriors(p: Projection): void {
  const absent = new Set(p.unitsAbsent ?? []);
  const basis = new Map((p.unitBasis ?? []).map((u) => [u.code, u.basis]));
  const codes = [
    ...(p.unitBasis ?? [])
      .filter((u) => u.basis === 'prior' || u.basis === 'parent')
      .map((u) => u.code),
    ...[...absent].filter((c) => !basis.has(c)),
  ];
  const label = (code: string): string => unitLabel(p, code);
  const box = $('projection-priors');
  box.hidden = codes.length === 0;
  box.replaceChildren(
    el('h3', {}, t('priorsTitle')),
    el(
      'ul',
      {},
      ...[...new Set(codes)].map((code) => {
        const b = basis.get(code);
        return el(
          'li',
          { 'data-code': code, 'data-basis': b ?? 'absent' },
          el('strong', {}, label(code)),
          `: ${t(b === 'parent' ? 'priorFromParent' : b === 'prior' ? 'priorFromRound' : p.method === 'mesas' ? 'priorNoActas' : 'priorUnknown')}`,
          absent.has(code) && p.method !== 'mesas' ? ` · ${t('priorAbsent')}` : '',
        );
      }),
    ),
  );
}
