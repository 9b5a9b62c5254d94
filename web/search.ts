// Search: a mesa by its number (the acta opens), a department, province or district by name (the
// drill goes there), or a polling place by name, address or district (its mesas, each opening its
// acta). Each word of the query starts a word of any field, accents and case aside
// (search-match.ts).
import { api, Unread, type Places, type PollingPlaces } from './api-client.js';
import { searchIn, searchIndex, type SearchIndex } from './search-match.js';
import {
  focusHeading,
  $,
  $form,
  $input,
  el,
  electionId,
  firstName,
  fmt,
  norm,
  state,
  t,
  type Crumb,
} from './ui.js';

/** The election's polling places, fetched on the first search that needs them. */
let polling: { readonly election: string; readonly doc: Promise<PollingPlaces | null> } | null =
  null;

/** The polling places, read once; a failed read is forgotten, so the next search reads again. */
export function pollingPlaces(): Promise<PollingPlaces | null> {
  const election = electionId();
  if (polling?.election !== election) {
    const doc = api.pollingPlaces(election);
    const mine = { election, doc };
    polling = mine;
    doc.catch(() => {
      if (polling === mine) polling = null;
    });
  }
  return polling.doc;
}

/**
 * Whether the election's declared mesa list (its polling places) has `mesa`; null when it has no
 * list or the list does not read (then nothing may be said of the mesa's existence).
 */
export async function listedMesa(mesa: string): Promise<boolean | null> {
  const doc = await pollingPlaces().catch(() => null);
  if (!doc || doc.source === null || doc.places.length === 0) return null;
  return doc.places.some((p) => p.mesas.includes(mesa));
}

/** Hits shown per list: more are counted and said, not listed. */
const UNITS_SHOWN = 12;
const PLACES_SHOWN = 8;

/** Polling places whose name, address and unit (with its parents) hold the query's words. */
async function pollingHits(
  q: string,
  places: Places,
  goMesa: (mesa: string) => unknown,
): Promise<Listed> {
  const doc = await pollingPlaces();
  const found = doc ? searchIn(pollingIndex(doc, places), q, PLACES_SHOWN) : NONE_FOUND;
  const items = found.hits.map((p) =>
    el(
      'li',
      { class: 'polling-place' },
      `${p.name} · ${p.address}${whereOf(places, p.place)} · ${t('pollingPlace')} (${t('pollingMesas')(fmt(p.mesas.length))}) `,
      ...p.mesas.map((m) =>
        el('button', { type: 'button', class: 'mesa-link', onclick: () => goMesa(m) }, m),
      ),
    ),
  );
  return { items, total: found.total };
}

const NONE_FOUND = { hits: [], total: 0 } as const;

type PollingPlace = PollingPlaces['places'][number];

/**
 * The polling places' words, folded once per load (≈12 k places: folding them per query cost
 * about as much as this whole build, each time), with their district's names and its parents'.
 */
const pollingIndexes = new WeakMap<PollingPlaces, SearchIndex<PollingPlace>>();
function pollingIndex(doc: PollingPlaces, places: Places): SearchIndex<PollingPlace> {
  const known = pollingIndexes.get(doc);
  if (known) return known;
  const level = finestPlaceLevel(places) ?? '';
  const words = placeWords(places);
  const index = searchIndex(doc.places, (p) => [
    p.name,
    p.address,
    ...(words.get(keyOf(level, p.place)) ?? []),
  ]);
  pollingIndexes.set(doc, index);
  return index;
}

/** The units' words (their names and their parents'), folded once per places.json. */
const unitIndexes = new WeakMap<Places, SearchIndex<Place>>();
function unitIndex(places: Places): SearchIndex<Place> {
  const known = unitIndexes.get(places);
  if (known) return known;
  const words = placeWords(places);
  const index = searchIndex(places.units, (u) => words.get(keyOf(u.level, u.code)) ?? [u.name]);
  unitIndexes.set(places, index);
  return index;
}

/** A list's items and how many hits it had in all (more than its items when cut). */
interface Listed {
  readonly items: readonly HTMLElement[];
  readonly total: number;
}

/** The units whose name and parents' names hold the query's words. */
function unitHits(q: string, places: Places, goUnit: (crumbs: Crumb[]) => unknown): Listed {
  const found = searchIn(unitIndex(places), q, UNITS_SHOWN);
  const levelName = (id: string): string =>
    places.levels.find((l) => l.id === id)?.labels[state.lang] ?? id;
  const items = found.hits.map((u) =>
    el(
      'li',
      {},
      el(
        'button',
        { type: 'button', onclick: () => goUnit(crumbsTo(places, u.level, u.code)) },
        `${u.name} · ${levelName(u.level)}`,
      ),
    ),
  );
  return { items, total: found.total };
}

/** The finest place level (Peru's district): the unit a polling place is in. */
const finestPlaceLevel = (places: Places): string | undefined =>
  places.levels.filter((l) => l.place).at(-1)?.id;

/** Each unit's name and its parents' (`level:code`), so "school + district" finds the school. */
const wordsOf = new WeakMap<Places, ReadonlyMap<string, readonly string[]>>();
function placeWords(places: Places): ReadonlyMap<string, readonly string[]> {
  const known = wordsOf.get(places);
  if (known) return known;
  const byKey = unitsOf(places);
  const words = new Map(
    places.units.map((u) => [
      keyOf(u.level, u.code),
      lineage(byKey, u.level, u.code).map((p) => p.name),
    ]),
  );
  wordsOf.set(places, words);
  return words;
}

type Place = Places['units'][number];

/** A polling place's unit as places.json names it, with its parents (names repeat). */
function whereOf(places: Places | null, code: string): string {
  const level = places && finestPlaceLevel(places);
  const unit = places?.units.find((u) => u.level === level && u.code === code);
  return unit ? ` · ${unit.name}` : '';
}

/** A unit's key among places.json's units. */
const keyOf = (level: string, code: string): string => `${level}:${code}`;

/** The units of places.json by key. */
const unitsOf = (places: Places): ReadonlyMap<string, Place> =>
  new Map(places.units.map((u) => [keyOf(u.level, u.code), u]));

/** A unit and its parents up to the nation's children, the nation's side first. */
function lineage(byKey: ReadonlyMap<string, Place>, level: string, code: string): Place[] {
  const out: Place[] = [];
  for (
    let u = byKey.get(keyOf(level, code));
    u;
    u = u.parent ? byKey.get(keyOf(u.parent.level, u.parent.code)) : undefined
  )
    out.unshift(u);
  return out;
}

/** The crumbs from the nation down to a unit of places.json, through its parents. */
export function crumbsTo(places: Places, level: string, code: string): Crumb[] {
  const out = lineage(unitsOf(places), level, code).map((u) => ({
    level: u.level,
    code: u.code,
    name: firstName(u.name),
  }));
  return out.length ? out : [{ level, code, name: code }];
}

/** The mesa a query names, zero-padded as the jurisdiction writes it, or null. */
export function mesaOf(places: Places, q: string): string | null {
  const s = q.trim();
  if (!/^\d+$/.test(s)) return null;
  const pad = places.mesa.pad;
  const m = pad ? s.padStart(pad, '0') : s;
  return new RegExp(places.mesa.pattern).test(m) ? m : null;
}

/**
 * Wires the search form to the election's places; the results shown go, unless `keepHits` (the
 * user's, asked for while this election's view was loading: app.ts).
 */
export function setupSearch(
  places: Places | null,
  goUnit: (crumbs: Crumb[]) => unknown,
  goMesa: (mesa: string) => unknown,
  keepHits = false,
): void {
  const form = $form('search-form');
  const label = form.querySelector('[data-i18n="searchLabel"]');
  // the jurisdiction's own levels (Peru's give the page's static text: distrito, provincia…)
  const levels = places?.levels.filter((l) => l.place).reverse() ?? [];
  // "or polling place" only where the election's data name its polling places
  if (label && levels.length > 0)
    label.textContent = t(places?.pollingPlaces ? 'searchLabelOf' : 'searchLabelPlaces')(
      levels.map((l) => l.labels[state.lang].toLowerCase()).join(', '),
    );
  const out = $('search-results');
  if (!keepHits) out.replaceChildren();
  form.onsubmit = (e) => {
    e.preventDefault();
    const q = $input('search').value;
    const seq = ++searches;
    // a previous search's "mesa not found" is not this search's answer
    document.getElementById('acta-missing')?.remove();
    const mesa = places && mesaOf(places, q);
    if (mesa) {
      out.replaceChildren();
      void goMesa(mesa);
      return;
    }
    const n = norm(q);
    const units = places && n.length >= 2 ? unitHits(q, places, goUnit) : NONE;
    // polling places only where the election names them, read once: said loading meanwhile,
    // never "no match" before they were searched
    if (!places?.pollingPlaces || n.length < 3) return showHits(out, units, NONE);
    showHits(out, units, 'loading');
    const retry = (): void => form.requestSubmit();
    pollingHits(q, places, goMesa).then(
      (pp) => seq === searches && showHits(out, units, pp),
      (e: unknown) => {
        if (!(e instanceof Unread)) throw e;
        if (seq === searches) showHits(out, units, 'unread', retry);
      },
    );
  };
}

/** Each search's number: a slower answer for an earlier query must not draw over a later one. */
let searches = 0;

/** The searches so far: a view loading since one must not clear or scroll away from it (app.ts). */
export const searchesSoFar = (): number => searches;

const NONE: Listed = { items: [], total: 0 };

/**
 * The results: the units, then the polling places (or where they stand: still loading, or their
 * read failed, with a retry); each list cut short says how many it had.
 */
function showHits(
  out: HTMLElement,
  units: Listed,
  pp: Listed | 'loading' | 'unread',
  retry?: () => void,
): void {
  const lists = typeof pp === 'string' ? [units] : [units, pp];
  // each list, and below it how many it had when it was cut
  const shown = lists
    .filter((l) => l.items.length > 0)
    .flatMap((l) => [
      el('ul', {}, ...l.items),
      ...(l.total > l.items.length
        ? [el('p', { class: 'hint search-cut' }, t('searchCut')(fmt(l.items.length), fmt(l.total)))]
        : []),
    ]);
  const status =
    pp === 'loading'
      ? [el('p', { class: 'hint', id: 'search-loading', role: 'status' }, t('searchLoading'))]
      : pp === 'unread'
        ? [
            el(
              'p',
              { class: 'notice', id: 'search-unread', role: 'status' },
              `${t('searchUnread')} `,
              el('button', { type: 'button', onclick: retry }, t('retry')),
            ),
          ]
        : [];
  const none = shown.length === 0 && status.length === 0;
  out.replaceChildren(
    ...(none ? [el('p', { class: 'hint' }, t('noMatch'))] : []),
    ...shown,
    ...status,
  );
}

/**
 * The skip links, the page's first tab stops: Enter puts the keyboard at the national result, or
 * in the search box past the map's two dozen shapes; and the one before the map, to the detail. Focused by script: a fragment would enter
 * the shared URL.
 */
export function wireSkipLink(): void {
  $('skip-search').addEventListener('click', (e) => {
    e.preventDefault();
    $input('search').focus();
  });
  $('skip-results').addEventListener('click', (e) => {
    e.preventDefault();
    focusHeading($('summary-title'));
  });
  $('skip-map').addEventListener('click', (e) => {
    e.preventDefault();
    focusHeading($('detail-title'));
  });
}
