// The view in the URL: election, level, unit, mesa and language, so a drilled view can be shared
// and reloaded and back/forward walk the drill. Other parameters (the what-if levers, poll) stay.
import { state } from './ui.js';

const VIEW = ['election', 'level', 'code', 'mesa', 'lang'];

/** The view the URL asks for. */
export function readView() {
  const q = new URLSearchParams(location.search);
  return Object.fromEntries(VIEW.map((k) => [k, q.get(k)]));
}

/** Writes the current view: a new history entry when `push`, else in place. */
export function writeView(push, mesa = null) {
  const u = new URL(location.href);
  const last = state.crumbs.at(-1);
  const view = {
    election: state.election,
    level: last?.level ?? null,
    code: last?.code ?? null,
    mesa,
    lang: state.lang === 'es' ? null : state.lang,
  };
  for (const k of VIEW)
    if (view[k]) u.searchParams.set(k, view[k]);
    else u.searchParams.delete(k);
  if (u.href === location.href) return;
  if (push) history.pushState(null, '', u);
  else history.replaceState(null, '', u);
}

// The ERM view (web/erm.js) holds its own view: which election, department, council, what-if.
const ERM_VIEW = ['view', 'erm', 'map', 'dep', 'contest', 'bonus', 'lang'];

/** The ERM view the URL asks for. */
export function readErmView() {
  const q = new URLSearchParams(location.search);
  return Object.fromEntries(ERM_VIEW.map((k) => [k, q.get(k)]));
}

/** Writes the ERM view (always `view=erm`, the language from the state). */
export function writeErmView(view, push) {
  const u = new URL(location.href);
  const all = { ...view, view: 'erm', lang: state.lang === 'es' ? null : state.lang };
  for (const k of ERM_VIEW)
    if (all[k]) u.searchParams.set(k, all[k]);
    else u.searchParams.delete(k);
  if (u.href === location.href) return;
  if (push) history.pushState(null, '', u);
  else history.replaceState(null, '', u);
}
