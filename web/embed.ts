// The embeddable views (embed.html), for a newsroom's page in an iframe (decision-desk review s27
// H2): one election's headline (leaders, the lead and what is still out), its map, or the count's
// course over the night — each with the figures' status, source and cut, how fresh they are, and
// a link to the whole dashboard. They say what the dashboard says, drawn by the same modules
// (headline.ts, bars.ts, map.ts, course.ts, figures-status.ts, live.ts): never a result the count
// does not settle. Each polls the summary as the dashboard does and redraws when the store's
// revision moves.
import { lacksAbroad } from './abroad.js';
import { api, type Election, type Summary } from './api-client.js';
import { barsOf } from './bars.js';
import { renderCourse } from './course.js';
import { statusLine } from './figures-status.js';
import { headline } from './headline.js';
import { freshness, pollInterval, shownCut, tickFreshness } from './live.js';
import { renderMap } from './map.js';
import { decimalText, el, electionTitle, paletteColor, state, svgEl, t, type Crumb } from './ui.js';
import type { Lang } from './lang.js';

/** What the frame shows: `view=` (absent: the headline). */
const VIEWS = ['headline', 'map', 'course'] as const;
type View = (typeof VIEWS)[number];

interface Words {
  full: string;
  none: string;
  failed: string;
  unknownView: (v: string) => string;
  noMap: string;
  mapOpens: string;
  noCourse: string;
  courseRunning: string;
  courseDone: string;
}

/** The embed's own words (the rest are the dashboard's strings). */
const WORDS: Readonly<Record<Lang, Words>> = {
  es: {
    full: 'Resultados completos en cifra',
    none: 'Indique la elección: embed.html?election=<id>',
    failed: 'No se pudieron leer los resultados; se reintenta.',
    unknownView: (v) =>
      `No hay una vista «${v}». Use view=headline (titular), view=map (mapa) o view=course (el conteo en la noche).`,
    noMap: 'Esta elección no tiene mapa en cifra.',
    mapOpens: 'Un clic en un departamento abre su detalle en cifra, en una pestaña nueva.',
    noCourse:
      'Esta elección no tiene curso del conteo: cifra tiene menos de dos actualizaciones suyas (una sola captura no traza una línea).',
    courseRunning:
      'El conteo tal como se publicó, hasta ahora: no es un resultado; la ventaja puede cambiar con las actas que faltan.',
    courseDone:
      'Cómo avanzó el conteo, actualización por actualización, hasta su cierre: su resultado es el de la cifra final, no el de un punto de la curva.',
  },
  en: {
    full: 'Full results on cifra',
    none: 'Name the election: embed.html?election=<id>',
    failed: 'The results could not be read; trying again.',
    unknownView: (v) =>
      `There is no view "${v}". Use view=headline, view=map or view=course (the count over the night).`,
    noMap: 'This election has no map on cifra.',
    mapOpens: 'A click on a department opens its detail on cifra, in a new tab.',
    noCourse:
      'This election has no course of the count: cifra holds fewer than two updates of it (a single capture draws no line).',
    courseRunning:
      'The count as published so far: not a result; the lead may change with the actas still out.',
    courseDone:
      'How the count went, update by update, to its close: its result is the final figure, not any point on the line.',
  },
};

const box = (): HTMLElement => {
  const node = document.getElementById('embed');
  if (node === null) throw new Error('#embed missing');
  return node;
};

/** The dashboard's URL for this election and language, drilled to `crumbs`' last unit if any. */
function fullUrl(id: string, crumbs: readonly Crumb[] = []): string {
  const u = new URL('./', location.href);
  u.searchParams.set('election', id);
  const last = crumbs.at(-1);
  if (last !== undefined) {
    u.searchParams.set('level', last.level);
    u.searchParams.set('code', last.code);
  }
  u.searchParams.set('lang', state.lang);
  return u.toString();
}

/** A click on a unit of the map: the dashboard drilled there, in a new tab (never in the frame). */
const openInDashboard = (crumbs: Crumb[]): void => {
  window.open(fullUrl(state.election ?? '', crumbs), '_blank', 'noopener');
};

/** The election's label in the page's language: the elections list's, as the dashboard's picker says it. */
let title = '';

/**
 * The frame's title from the elections list (the summary's `label` is one string, Spanish for a
 * bundled election: an English frame said it in Spanish, night review 2); the summary's when unlisted.
 */
function titleOf(list: readonly Pick<Election, 'id' | 'labels'>[], s: Summary): string {
  const e = list.find((x) => x.id === s.election);
  return e === undefined ? s.label : electionTitle(e);
}

/** Reads the election's summary and choices into the state the dashboard's modules draw from. */
/** The elections list, read once per page (its labels do not move with the count's revision). */
let electionsList: ReturnType<typeof api.elections> | undefined;
const electionsOnce = (): ReturnType<typeof api.elections> =>
  (electionsList ??= api.elections().catch(() => ({ elections: [] })));

async function readElection(id: string): Promise<Summary> {
  const [summary, progress, cands, places, list] = await Promise.all([
    api.document(id, 'summary'),
    api.document(id, 'progress'),
    api.document(id, 'candidates'),
    api.tryDocument(id, 'places'),
    electionsOnce(),
  ]);
  title = titleOf(list.elections, summary);
  state.election = id;
  state.choices = cands.choices;
  state.colors = new Map(cands.choices.map((c, i) => [c.id, c.color ?? paletteColor(i)]));
  state.places = places;
  state.summary = summary;
  state.about = progress.about ?? null;
  return summary;
}

/** Reads the election's documents and draws the view; the summary's revision, or null when unread. */
async function draw(id: string, view: View): Promise<string | null> {
  const summary = await readElection(id);
  if (view === 'map') await drawMap(summary);
  else if (view === 'course') await drawCourse(summary);
  else box().replaceChildren(...(await card(summary)));
  return summary.revision;
}

/** The figures' status, source and cut; how fresh they are; the link to the whole dashboard. */
function footer(s: Summary): HTMLElement[] {
  return [
    el(
      'p',
      { id: 'embed-status', class: 'status-line' },
      statusLine(s.status, state.about ?? null, shownCut(s.status)?.text, state.lang, decimalText),
    ),
    // its parts apart, as the dashboard's strip sets them (night review 3: "…(hora de Lima)Corte…")
    el('p', { id: 'embed-fresh', class: 'fresh' }, ...apart(freshness(s))),
    el(
      'p',
      {},
      el(
        'a',
        { id: 'embed-full', href: fullUrl(s.election), target: '_blank', rel: 'noopener' },
        WORDS[state.lang].full,
      ),
    ),
  ];
}

/** Parts of one line with a separator between them. */
const apart = (parts: readonly HTMLElement[]): (HTMLElement | string)[] =>
  parts.flatMap((p, i) => (i === 0 ? [p] : [' · ', p]));

/** The card: title, headline, bars, then the footer. */
async function card(s: Summary): Promise<HTMLElement[]> {
  const id = s.election;
  const hasAmbito = state.places?.levels.some((l) => l.id === 'ambito') ?? false;
  const [national, ambito] = await Promise.all([
    api.results(id, 'national'),
    hasAmbito ? api.results(id, 'ambito') : Promise.resolve({ units: [] }),
  ]);
  const n = national.units[0];
  const abroadMissing = lacksAbroad(ambito.units.map((u) => u.code));
  return [
    el('h1', { id: 'embed-title' }, title),
    el('p', { id: 'outcome', class: 'outcome' }, ...(n ? headline(s, null, abroadMissing, n) : [])),
    el('ol', { id: 'bars', class: 'bars' }, ...(n ? barsOf(n).slice(0, 5) : [])),
    ...footer(s),
  ];
}

/**
 * The map as the dashboard draws it (map.ts renderMap into the same ids), with its legend, shades
 * and hatch note; a click opens the dashboard drilled there. The frame is built once and drawn
 * into at each revision, so a redraw does not blank it.
 */
async function drawMap(s: Summary): Promise<void> {
  const w = WORDS[state.lang];
  if (state.places?.jurisdiction.map !== true) {
    box().replaceChildren(
      el('h1', { id: 'embed-title' }, title),
      el('p', { id: 'embed-no-map', class: 'hint' }, w.noMap),
      ...footer(s),
    );
    return;
  }
  if (document.getElementById('map') === null)
    box().replaceChildren(
      el('h1', { id: 'embed-title' }),
      el(
        'section',
        { id: 'map-section', 'aria-labelledby': 'map-title' },
        el('h2', { id: 'map-title' }, t('map')),
        el('p', { class: 'hint' }),
        svgEl('svg', {
          id: 'map',
          role: 'group',
          'aria-labelledby': 'map-title',
          viewBox: '0 0 400 560',
        }),
        el('ul', { id: 'map-legend', class: 'legend', 'aria-label': t('legend') }),
        el('p', { id: 'map-shade', class: 'hint map-shade' }),
        el('div', { id: 'abroad', class: 'abroad' }),
        el('p', { id: 'embed-map-opens', class: 'hint' }, w.mapOpens),
      ),
      el('div', { id: 'embed-foot' }),
    );
  await renderMap(api, openInDashboard);
  // no unit drawn (a source without department results): nothing to click (night review 5)
  const opens = document.getElementById('embed-map-opens');
  if (opens) opens.hidden = document.getElementById('map')?.hasAttribute('hidden') === true;
  fill('embed-title', title);
  fill('embed-foot', ...footer(s));
}

/**
 * The count's course as the dashboard draws it (course.ts renderCourse into the same ids), under
 * its own status words: a count still running is no result. An election whose source published no
 * course (fewer than two updates) says so instead of an empty frame.
 */
async function drawCourse(s: Summary): Promise<void> {
  const w = WORDS[state.lang];
  if (document.getElementById('course-chart') === null)
    box().replaceChildren(
      el('h1', { id: 'embed-title' }),
      el(
        'section',
        { id: 'course', class: 'course', 'aria-labelledby': 'course-title', hidden: true },
        el('h2', { id: 'course-title' }, t('course')),
        el('p', { id: 'embed-course-status', class: 'hint' }),
        svgEl('svg', {
          id: 'course-chart',
          viewBox: '0 0 320 160',
          role: 'img',
          'aria-labelledby': 'course-title',
        }),
        el('ul', { id: 'course-legend', class: 'legend' }),
        el('p', { id: 'course-meta', class: 'hint' }),
      ),
      el('p', { id: 'embed-no-course', class: 'hint', hidden: true }, w.noCourse),
      el('div', { id: 'embed-foot' }),
    );
  await renderCourse(api);
  const drawn = document.getElementById('course')?.hidden === false;
  const none = document.getElementById('embed-no-course');
  if (none) none.hidden = drawn;
  fill('embed-title', title);
  fill('embed-course-status', s.count.complete ? w.courseDone : w.courseRunning);
  fill('embed-foot', ...footer(s));
}

/** Replaces an element's children by id (one the view built). */
function fill(id: string, ...children: (HTMLElement | string)[]): void {
  document.getElementById(id)?.replaceChildren(...children);
}

/** The view the URL asks for; null (and the message said) for one there is not. */
function viewOf(params: URLSearchParams): View | null {
  const v = params.get('view') ?? 'headline';
  if ((VIEWS as readonly string[]).includes(v)) return v as View;
  box().replaceChildren(el('p', { id: 'embed-unknown-view' }, WORDS[state.lang].unknownView(v)));
  return null;
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  state.lang = params.get('lang') === 'en' ? 'en' : 'es';
  document.documentElement.lang = state.lang;
  const id = params.get('election');
  const view = viewOf(params);
  if (view === null) {
    document.body.dataset.ready = 'true';
    return;
  }
  if (id === null || id === '') {
    box().textContent = WORDS[state.lang].none;
    return;
  }
  let revision = await draw(id, view).catch(() => null);
  if (revision === null) box().textContent = WORDS[state.lang].failed;
  document.body.dataset.ready = 'true';
  // the summary alone while nothing moves (a 304 when unchanged); the whole view when it does
  setInterval(() => {
    api
      .document(id, 'summary')
      .then(async (s) => {
        if (s.revision !== revision) revision = await draw(id, view);
      })
      .catch(() => undefined);
  }, pollInterval());
  setInterval(tickFreshness, 30_000);
}

main().catch(() => {
  box().textContent = WORDS[state.lang].failed;
});
