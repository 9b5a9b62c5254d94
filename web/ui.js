// Shared by the dashboard's modules: state, strings, number format, DOM and API helpers.
import { STRINGS } from './i18n.js';

export const state = {
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
};
export const $ = (id) => document.getElementById(id);
export const t = (key) => STRINGS[state.lang][key] ?? key;
export const PALETTE = [
  '#c0392b',
  '#e67e22',
  '#2471a3',
  '#17a589',
  '#7d3c98',
  '#b7950b',
  '#2e4053',
  '#d35400',
  '#1e8449',
  '#a93226',
  '#5d6d7e',
  '#884ea0',
  '#148f77',
  '#b03a2e',
  '#2874a6',
  '#af601a',
  '#6c3483',
  '#117864',
];

export function fmt(n) {
  return new Intl.NumberFormat(state.lang === 'es' ? 'es-PE' : 'en-US').format(n);
}

// Every read revalidates (If-None-Match): an unchanged document is a 304, a changed one is new.
const REVALIDATE = { cache: 'no-cache' };

/** A read document at its path (web/paths.js). */
export async function getJson(path) {
  const res = await fetch(path, REVALIDATE);
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
}

/** A document that may be absent (404: no projection, a unit without children): null then. */
export async function tryJson(path) {
  const res = await fetch(path, REVALIDATE);
  return res.ok ? res.json() : null;
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'onclick') node.addEventListener('click', v);
    // through the CSSOM, not the style attribute: a strict CSP (style-src 'self') allows it
    else if (k === 'style') node.style.cssText = String(v);
    else if (v !== undefined && v !== null) node.setAttribute(k, String(v));
  }
  for (const c of children.flat())
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

/** An SVG element with its attributes (and text). */
export function svgEl(tag, attrs = {}, text) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A choice's colour: the manifest's, else the palette's by its position. */
export function colorOfChoice(id) {
  return state.colors.get(id) ?? '#888';
}
