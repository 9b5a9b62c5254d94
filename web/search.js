// Search: a mesa by its number (the acta opens), or a department, province or district by name
// (the drill goes there). Names match without accents or case.
import { $, el, state, t } from './ui.js';

const norm = (x) =>
  x
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .trim();

/** The crumbs from the nation down to a unit of places.json, through its parents. */
export function crumbsTo(places, level, code) {
  const key = (l, c) => `${l}:${c}`;
  const byKey = new Map(places.units.map((u) => [key(u.level, u.code), u]));
  const out = [];
  for (
    let u = byKey.get(key(level, code));
    u;
    u = u.parent && byKey.get(key(u.parent.level, u.parent.code))
  )
    out.unshift({ level: u.level, code: u.code, name: u.name.split(',')[0] });
  return out.length ? out : [{ level, code, name: code }];
}

/** The mesa a query names, zero-padded as the jurisdiction writes it, or null. */
export function mesaOf(places, q) {
  const s = q.trim();
  if (!/^\d+$/.test(s)) return null;
  const pad = places.mesa.pad;
  const m = pad ? s.padStart(pad, '0') : s;
  return new RegExp(places.mesa.pattern).test(m) ? m : null;
}

/** Wires the search form to the election's places. */
export function setupSearch(places, goUnit, goMesa) {
  const form = $('search-form');
  const out = $('search-results');
  out.replaceChildren();
  form.onsubmit = (e) => {
    e.preventDefault();
    const q = $('search').value;
    const mesa = places && mesaOf(places, q);
    if (mesa) {
      out.replaceChildren();
      return goMesa(mesa);
    }
    const n = norm(q);
    const hits =
      !places || n.length < 2
        ? []
        : places.units.filter((u) => norm(u.name).includes(n)).slice(0, 12);
    const levelName = (id) => places?.levels.find((l) => l.id === id)?.labels[state.lang] ?? id;
    out.replaceChildren(
      hits.length === 0
        ? el('p', { class: 'hint' }, t('noMatch'))
        : el(
            'ul',
            {},
            ...hits.map((u) =>
              el(
                'li',
                {},
                el(
                  'button',
                  { type: 'button', onclick: () => goUnit(crumbsTo(places, u.level, u.code)) },
                  `${u.name} · ${levelName(u.level)}`,
                ),
              ),
            ),
          ),
    );
  };
}
