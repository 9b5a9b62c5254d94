// The view in the URL: election, level, unit, mesa and language, so a drilled view can be shared
// and reloaded and back/forward walk the drill. Other parameters (the what-if levers, poll) stay.
import { state } from './ui.js';

const VIEW = ['election', 'level', 'code', 'mesa', 'lang'] as const;
export type View = Record<(typeof VIEW)[number], string | null>;

/** The parameters `keys` of the URL, null when absent. */
function read<K extends string>(keys: readonly K[]): Record<K, string | null> {
  const q = new URLSearchParams(location.search);
  return Object.fromEntries(keys.map((k) => [k, q.get(k)])) as Record<K, string | null>;
}

/** Sets (or drops, when empty) each parameter; a new history entry when `push`, else in place. */
function write<K extends string>(
  keys: readonly K[],
  view: Readonly<Record<K, string | null>>,
  push: boolean,
): void {
  const u = new URL(location.href);
  for (const k of keys) {
    const v = view[k];
    if (v) u.searchParams.set(k, v);
    else u.searchParams.delete(k);
  }
  // #congress (the what-if's link) points at the national seats: a drilled view's link must
  // land on its drill, as any drilled link does, not thousands of pixels above it on a phone
  if (drilled(u) && u.hash === '#congress') u.hash = '';
  go(u, push);
}

/** Whether the URL `u` holds a drilled view (a unit or an acta), not the national one. */
export function drilled(u: URL): boolean {
  return ['level', 'code', 'mesa'].some((k) => u.searchParams.has(k));
}

/**
 * Goes to `u` in the address bar: a new history entry when `push` (a user's step, which Back
 * undoes), else in place (a view restored or redrawn); nothing when it is already there.
 */
export function go(u: URL, push: boolean): void {
  if (u.href === location.href) return;
  if (push) history.pushState(null, '', u);
  else history.replaceState(null, '', u);
  for (const f of written) f();
}

const written: (() => void)[] = [];

/** Calls `f` after each URL written here (a drill, a language): a link to the view follows it. */
export function onWritten(f: () => void): void {
  written.push(f);
}

/** The view the URL asks for. */
export function readView(): View {
  return read(VIEW);
}

/** Writes the current view: a new history entry when `push`, else in place. */
export function writeView(push: boolean, mesa: string | null = null): void {
  const last = state.crumbs.at(-1);
  write(
    VIEW,
    {
      election: state.election,
      level: last?.level ?? null,
      code: last?.code ?? null,
      mesa,
      lang: state.lang === 'es' ? null : state.lang,
    },
    push,
  );
}

/**
 * The language alone changed: only `lang` is written, so the URL keeps the view it holds whether
 * the page has drawn it yet or not (review 20 M3: a click on EN during a slow first load wrote
 * the not-yet-restored national view over the shared link's drill).
 */
export function writeLang(): void {
  write(['lang'], { lang: state.lang === 'es' ? null : state.lang }, true);
}

// The ERM view (web/erm.ts) holds its own view: which election, department, council, what-if.
const ERM_VIEW = ['view', 'erm', 'map', 'dep', 'contest', 'bonus', 'lang'] as const;
export type ErmView = Record<(typeof ERM_VIEW)[number], string | null>;

/** The ERM view the URL asks for. */
export function readErmView(): ErmView {
  return read(ERM_VIEW);
}

/** Writes the ERM view (always `view=erm`, the language from the state). */
export function writeErmView(view: ErmView, push: boolean): void {
  write(ERM_VIEW, { ...view, view: 'erm', lang: state.lang === 'es' ? null : state.lang }, push);
}

// The cross-check's view (web/crosscheck.ts): its two sources, the page of disagreeing mesas and
// its filters (a reason, a department), so a filtered cross-check can be shared and reloaded.
const CC_VIEW = ['cca', 'ccb', 'ccpage', 'ccreason', 'ccdep'] as const;
export type CrossCheckView = Record<(typeof CC_VIEW)[number], string | null>;

/** The cross-check view the URL asks for. */
export function readCrossCheckView(): CrossCheckView {
  return read(CC_VIEW);
}

/** Writes the cross-check view: a new history entry when `push`, else in place. */
export function writeCrossCheckView(view: CrossCheckView, push: boolean): void {
  write(CC_VIEW, view, push);
}
