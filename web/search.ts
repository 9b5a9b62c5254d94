// Search: a mesa by its number (the acta opens), a department, province or district by name (the
// drill goes there), or a polling place by name or address (its mesas, each opening its acta).
// Names match without accents or case.
import { api, type Places, type PollingPlaces } from './api-client.js';
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

function pollingPlaces(): Promise<PollingPlaces | null> {
  const election = electionId();
  if (polling?.election !== election)
    polling = { election, doc: api.tryDocument(election, 'polling-places') };
  return polling.doc;
}

/** Polling places whose name or address holds the query, each with its mesas as buttons. */
async function pollingHits(
  n: string,
  places: Places | null,
  goMesa: (mesa: string) => unknown,
): Promise<HTMLElement[]> {
  const doc = n.length < 3 ? null : await pollingPlaces();
  const hits = (doc?.places ?? [])
    .filter((p) => norm(p.name).includes(n) || norm(p.address).includes(n))
    .slice(0, 8);
  return hits.map((p) =>
    el(
      'li',
      { class: 'polling-place' },
      `${p.name} · ${p.address}${whereOf(places, p.place)} · ${t('pollingPlace')} (${t('pollingMesas')(fmt(p.mesas.length))}) `,
      ...p.mesas.map((m) =>
        el('button', { type: 'button', class: 'mesa-link', onclick: () => goMesa(m) }, m),
      ),
    ),
  );
}

type Place = Places['units'][number];

/** A polling place's unit as places.json names it, with its parents (names repeat). */
function whereOf(places: Places | null, code: string): string {
  const level = places?.levels.filter((l) => l.place).at(-1)?.id;
  const unit = places?.units.find((u) => u.level === level && u.code === code);
  return unit ? ` · ${unit.name}` : '';
}

/** The crumbs from the nation down to a unit of places.json, through its parents. */
export function crumbsTo(places: Places, level: string, code: string): Crumb[] {
  const key = (l: string, c: string): string => `${l}:${c}`;
  const byKey = new Map(places.units.map((u) => [key(u.level, u.code), u]));
  const out: Crumb[] = [];
  for (
    let u: Place | undefined = byKey.get(key(level, code));
    u;
    u = u.parent ? byKey.get(key(u.parent.level, u.parent.code)) : undefined
  )
    out.unshift({ level: u.level, code: u.code, name: firstName(u.name) });
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

/** Wires the search form to the election's places. */
export function setupSearch(
  places: Places | null,
  goUnit: (crumbs: Crumb[]) => unknown,
  goMesa: (mesa: string) => unknown,
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
  out.replaceChildren();
  form.onsubmit = (e) => {
    e.preventDefault();
    const q = $input('search').value;
    // a previous search's "mesa not found" is not this search's answer
    document.getElementById('acta-missing')?.remove();
    const mesa = places && mesaOf(places, q);
    if (mesa) {
      out.replaceChildren();
      void goMesa(mesa);
      return;
    }
    const n = norm(q);
    const hits =
      !places || n.length < 2
        ? []
        : places.units.filter((u) => norm(u.name).includes(n)).slice(0, 12);
    const levelName = (id: string): string =>
      places?.levels.find((l) => l.id === id)?.labels[state.lang] ?? id;
    const units = hits.map((u) =>
      el(
        'li',
        {},
        el(
          'button',
          { type: 'button', onclick: () => places && goUnit(crumbsTo(places, u.level, u.code)) },
          `${u.name} · ${levelName(u.level)}`,
        ),
      ),
    );
    // the units at once; polling places (fetched once) join them when they arrive
    const show = (all: readonly HTMLElement[]): void =>
      out.replaceChildren(
        all.length === 0 ? el('p', { class: 'hint' }, t('noMatch')) : el('ul', {}, ...all),
      );
    show(units);
    void pollingHits(n, places, goMesa).then((pp) => {
      if (pp.length > 0 && $input('search').value === q) show([...units, ...pp]);
    });
  };
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
