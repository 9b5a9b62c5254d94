// Search: a mesa by its number (the acta opens), or a department, province or district by name
// (the drill goes there). Names match without accents or case.
import type { Places } from './api-client.js';
import { $, $form, $input, el, firstName, norm, state, t, type Crumb } from './ui.js';

type Place = Places['units'][number];

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
  const out = $('search-results');
  out.replaceChildren();
  form.onsubmit = (e) => {
    e.preventDefault();
    const q = $input('search').value;
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
                  {
                    type: 'button',
                    onclick: () => places && goUnit(crumbsTo(places, u.level, u.code)),
                  },
                  `${u.name} · ${levelName(u.level)}`,
                ),
              ),
            ),
          ),
    );
  };
}
