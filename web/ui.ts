// Shared by the dashboard's modules: state, strings, number format and DOM helpers.
import type { Choice, Election, Places, Progress, Site, Summary } from './api-client.js';
import { ERM_PALETTE } from './erm-colors.js';
import { authorityStrings, STRINGS, type Strings } from './i18n.js';
import type { Lang } from './lang.js';
import { fold } from './search-match.js';

/** A step of the drill: a unit by level and code, with its name when known. */
export interface Crumb {
  readonly level: string;
  readonly code: string;
  readonly name?: string;
}

export const state: {
  lang: Lang;
  election: string | null;
  choices: Choice[];
  colors: Map<string, string>;
  crumbs: Crumb[];
  mesa: string | null;
  places: Places | null;
  site: Site | null;
  summary: Summary | null;
  revision: string | null;
  polling: boolean;
  published: Progress['published'] | null;
  about: Progress['about'] | null;
  /** Each electoral district's seats per party (cifra's, by the district's name key), for the drill. */
  districtSeats: Map<string, Readonly<Record<string, number>>>;
  /** The status of the votes those seats rest on (the seats document's): whether they are open. */
  districtSeatsStatus: Summary['status'] | null;
} = {
  lang: 'es',
  election: null,
  choices: [],
  colors: new Map(),
  crumbs: [],
  mesa: null,
  places: null,
  site: null,
  summary: null,
  revision: null,
  polling: false,
  published: null,
  about: null,
  districtSeats: new Map(),
  districtSeatsStatus: null,
};

/** A name compared without case or accents ("Araba/Álava" and "ARABA/ALAVA" are one district). */
export const nameKey = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .trim();

/** The election shown: set before any panel draws (a panel without one is a bug). */
export function electionId(): string {
  if (state.election === null) throw new Error('no election chosen');
  return state.election;
}

/** An element of index.html by id, of the kind the code expects (anything else is a bug). */
function byId<T extends Element>(id: string, kind: abstract new () => T): T {
  const node = document.getElementById(id);
  if (!(node instanceof kind)) throw new Error(`#${id}: missing or not a ${kind.name}`);
  return node;
}
export const $ = (id: string): HTMLElement => byId(id, HTMLElement);
export const $input = (id: string): HTMLInputElement => byId(id, HTMLInputElement);
export const $select = (id: string): HTMLSelectElement => byId(id, HTMLSelectElement);
export const $button = (id: string): HTMLButtonElement => byId(id, HTMLButtonElement);
export const $form = (id: string): HTMLFormElement => byId(id, HTMLFormElement);
export const $svg = (id: string): SVGSVGElement => byId(id, SVGSVGElement);

type FnKey = {
  [K in keyof Strings]: Strings[K] extends string ? never : K;
}[keyof Strings];

/** A string of the interface in the chosen language (an unknown key shows as itself). */
export function t<K extends FnKey>(key: K): Strings[K];
export function t(key: string): string;
export function t(key: string): unknown {
  return (
    (authorityWords() as Readonly<Record<string, unknown>>)[key] ??
    (STRINGS[state.lang] as Readonly<Record<string, unknown>>)[key] ??
    key
  );
}

let authorityMemo: { lang: Lang; places: Places; words: Partial<Strings> } | null = null;
/** The jurisdiction's names for its bodies, once per election and language (none before places). */
function authorityWords(): Partial<Strings> {
  const places = state.places;
  if (!places) return {};
  if (authorityMemo?.places !== places || authorityMemo.lang !== state.lang)
    authorityMemo = {
      lang: state.lang,
      places,
      words: authorityStrings(state.lang, places.jurisdiction.authorities),
    };
  return authorityMemo.words;
}

/**
 * A choice's label on screen: in the chosen language where the manifest gives one (a remainder
 * such as "Otras listas"), else as the source prints it (a name).
 */
export function choiceLabel(c: { readonly id: string; readonly label: string }): string {
  const labels = state.choices.find((x) => x.id === c.id)?.labels;
  return labels ? labels[state.lang] : c.label;
}

/**
 * A note the server or a manifest wrote in both languages, in the chosen one; a name given as one
 * string (a proper name, the same in both) as it is.
 */
export function inLang(note: string | { readonly es: string; readonly en: string }): string {
  return typeof note === 'string' ? note : note[state.lang];
}

/**
 * An election's title in the page's language, from the elections list's labels (a summary's
 * `label` is one string, Spanish for a bundled election): the dashboard's picker and the embed's
 * frame title say it alike.
 */
export function electionTitle(e: Pick<Election, 'labels'>): string {
  return inLang(e.labels);
}

/** A palette colour by position, cycling. */
export const paletteColor = (i: number): string => ERM_PALETTE[i % ERM_PALETTE.length] ?? '#888';

/**
 * The locale figures are written in: the election's jurisdiction's (places.json: Spain es-ES
 * 12.681), else the page language's (Peru's commas, as its own es-PE writes them): a
 * jurisdiction without `locale` reads as Peru's on a Spanish page, as the README says and
 * `cifra jurisdictions <id>` warns (the CLI's figure-locale.ts falls back alike).
 */
const numberLocale = (): string =>
  state.places?.jurisdiction.locale ?? (state.lang === 'es' ? 'es-PE' : 'en-US');

/**
 * A figure grouped as the election's jurisdiction writes it; `digits`: its decimals fixed (a share
 * or a point on an axis: es-ES 50,13, es-PE 50.13), in place of toFixed, which writes a dot always.
 */
export function fmt(n: number, digits?: number): string {
  return numberFormat(numberLocale(), digits).format(n);
}

/** One formatter per (locale, digits): a table of thousands of figures builds none per cell. */
const FORMATS = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, digits: number | undefined): Intl.NumberFormat {
  const key = `${locale}|${digits ?? ''}`;
  const hit = FORMATS.get(key);
  if (hit !== undefined) return hit;
  const fixed =
    digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits };
  const made = new Intl.NumberFormat(locale, fixed);
  FORMATS.set(key, made);
  return made;
}

/**
 * A document's decimal ("80.484", a percentage) with the locale's decimal separator, never read
 * as a grouped figure beside them (es-ES: 80,484 beside 12.681 votes): the CLI's rule too.
 */
export function decimalText(p: string): string {
  const sep = numberFormat(numberLocale(), undefined)
    .formatToParts(1.5)
    .find((x) => x.type === 'decimal');
  return sep === undefined || sep.value === '.' ? p : p.replace('.', sep.value);
}

type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Readonly<Record<string, AttrValue | ((e: Event) => unknown)>>;
export type Child = Node | string | number;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | readonly Child[])[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === 'function') {
      if (k === 'onclick') node.addEventListener('click', v);
    }
    // through the CSSOM, not the style attribute: a strict CSP (style-src 'self') allows it
    else if (k === 'style') node.style.cssText = String(v);
    else if (v !== undefined && v !== null) node.setAttribute(k, String(v));
  }
  for (const c of children.flat())
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

/**
 * Puts the keyboard and the screen reader on a heading (made focusable by script only): where a
 * drill, an acta or a skip link takes them, not the control it replaced (review 22 M2).
 */
export function focusHeading(heading: HTMLElement, o: FocusOptions = {}): void {
  heading.tabIndex = -1;
  heading.focus(o);
}

/** A table's head: one row of the given header cells. */
export function thead(...cells: HTMLElement[]): HTMLElement {
  return el('thead', {}, el('tr', {}, ...cells));
}

/**
 * A table that reads as cards wherever it would not fit its box (style.css, table.as-cards):
 * each data cell carries its column's header (its title, the full name, if it has one) as
 * data-label, which CSS shows before the value. ARIA roles keep it a table for a screen reader once
 * CSS lays the rows out as blocks, so each value is still read with its header. Measured, not a
 * fixed breakpoint: a table's width depends on its words, its language and the layout around it.
 */
export function cardTable(table: HTMLElement): void {
  table.classList.add('cards');
  table.setAttribute('role', 'table');
  const rows = Array.from(table.querySelectorAll('tr'));
  const head = rows.find(
    (r) => r.cells.length > 0 && [...r.cells].every((c) => c.tagName === 'TH'),
  );
  const labels = head ? [...head.cells].map((c) => c.title || (c.textContent ?? '')) : [];
  head?.classList.add('card-head');
  for (const g of table.querySelectorAll('thead, tbody, tfoot')) g.setAttribute('role', 'rowgroup');
  for (const r of rows) {
    r.setAttribute('role', 'row');
    let col = 0;
    for (const c of r.cells) {
      // a row's own header (scope=row: the organisation a row is about) stays a row header
      c.setAttribute(
        'role',
        c.tagName !== 'TH'
          ? 'cell'
          : c.getAttribute('scope') === 'row'
            ? 'rowheader'
            : 'columnheader',
      );
      const label = labels[col];
      // a cell spanning columns (a runoff's second-round count) has no one header
      if (c.tagName === 'TD' && c.colSpan === 1 && label) c.dataset['label'] = label;
      col += c.colSpan;
    }
  }
  fitCards(table);
  watchCards(table);
}

/** Cards when the table, laid out as a table, is wider than its box (it would scroll sideways). */
function fitCards(table: HTMLElement): void {
  const box = table.parentElement;
  // hidden (a closed section): fitted again when it opens or its box changes size
  if (!box || table.getClientRects().length === 0) return;
  table.classList.remove('as-cards');
  table.classList.toggle('as-cards', table.getBoundingClientRect().width > box.clientWidth + 0.5);
}

const refitCards = (): void => {
  for (const t of document.querySelectorAll<HTMLElement>('table.cards')) fitCards(t);
};
let cardBoxes: ResizeObserver | null = null;
let refitQueued = false;

/**
 * Refits on a window resize and a section opened, at once; and whenever a table's box changes
 * size (a section shown), on the next frame (refitting inside the observer would re-trigger it).
 */
function watchCards(table: HTMLElement): void {
  if (cardBoxes === null) {
    addEventListener('resize', refitCards);
    document.addEventListener('toggle', refitCards, true);
    cardBoxes = new ResizeObserver((entries) => {
      // a box taken off the page (a redrawn drill) is not watched any more
      for (const e of entries) if (!e.target.isConnected) cardBoxes?.unobserve(e.target);
      if (refitQueued) return;
      refitQueued = true;
      requestAnimationFrame(() => {
        refitQueued = false;
        refitCards();
      });
    });
  }
  if (table.parentElement) cardBoxes.observe(table.parentElement);
}

/** An SVG element with its attributes (and text). */
export function svgEl(
  tag: string,
  attrs: Readonly<Record<string, AttrValue>> = {},
  text?: string | number,
): SVGElement {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs))
    if (v !== undefined && v !== null) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

/** A name for matching: without accents, upper case, trimmed. */
export const norm = (x: string): string => fold(x).trim();

/** A unit's name before its first comma ("LIMA, LIMA" → "LIMA"). */
export const firstName = (name: string): string => name.split(',')[0] ?? name;

/** A choice's colour: the manifest's, else the palette's by its position. */
export function colorOfChoice(id: string): string {
  return state.colors.get(id) ?? '#888';
}
