// Election night: the page keeps itself current. It polls the summary (the browser revalidates
// with If-None-Match, so an unchanged count costs a 304) and redraws when the store's revision
// moves; it says how fresh the figures are and gives the source's cut in the jurisdiction's time.
import { pollMs } from './poll.js';
import type { Summary } from './api-client.js';
import { el, state, t } from './ui.js';
import { zoneLabel } from './zone-label.js';

/** The zone of the election's jurisdiction (its places document), UTC until one is known. */
function pageZone(): string {
  return state.places?.jurisdiction.timeZone ?? 'UTC';
}

/**
 * An ISO instant in the jurisdiction's time zone (review 6: it was Lima's for every one), on the
 * 24-hour clock the ONPE states its cuts in, labelled with the zone's city or offset.
 */
export function zoneTime(iso: string, zone: string = pageZone()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const f = new Intl.DateTimeFormat(state.lang === 'es' ? 'es-PE' : 'en-GB', {
    timeZone: zone,
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
  });
  return `${f.format(d)} (${zoneLabel(zone, d, state.lang)})`;
}

/** A calendar date or month (no time, so no zone to convert) in the page's language: "12 jun. 2021". */
function dateText(y: number, m: number, d: number | null): string {
  const f = new Intl.DateTimeFormat(
    state.lang === 'es' ? 'es-PE' : 'en-GB',
    d === null
      ? { timeZone: 'UTC', month: 'short', year: 'numeric' }
      : { timeZone: 'UTC', dateStyle: 'medium' },
  );
  return f.format(Date.UTC(y, m - 1, d ?? 1));
}

/**
 * A cut as shown: an ISO 8601 instant in the jurisdiction's time (or `zone`), an ISO date (and
 * any words after it) with the date as every other on the page, any other text (a source's own
 * words) as given.
 */
export function cutText(cut: string, zone?: string): string {
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(cut)) return zoneTime(cut, zone);
  const day = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?![\dT-])(.*)$/.exec(cut);
  if (!day) return cut;
  const d = day[3] === undefined ? null : Number(day[3]);
  return `${dateText(Number(day[1]), Number(day[2]), d)}${day[4] ?? ''}`;
}

/**
 * The source's cut as shown, and its own words when those are not what is shown: its instant in
 * the jurisdiction's time when the summary has one (the manifest's, or an ISO cut), else `cutText`.
 */
export function shownCut(
  st: Summary['status'],
  fallback?: string,
): { text: string; verbatim: string | null } | null {
  const cut = st.cut ?? fallback;
  if (cut === undefined) return null;
  const text = st.cutTime ? zoneTime(st.cutTime) : cutText(cut);
  return { text, verbatim: text === cut ? null : cut };
}

/** "hace 3 min" / "3 min ago": minutes under two hours, then hours, then days. */
export function ago(iso: string, now: number = Date.now()): string {
  const s = Math.max(0, (now - new Date(iso).getTime()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(state.lang, { numeric: 'auto', style: 'short' });
  if (s < 60) return t('justNow');
  if (s < 7200) return rtf.format(-Math.floor(s / 60), 'minute');
  if (s < 172800) return rtf.format(-Math.floor(s / 3600), 'hour');
  return rtf.format(-Math.floor(s / 86400), 'day');
}

/** The freshness line: when cifra's figures last changed and the source's cut. */
export function freshness(s: Summary): HTMLElement[] {
  const parts: HTMLElement[] = [];
  if (s.updatedAt && !s.count.complete)
    parts.push(
      el('span', { id: 'updated-ago', 'data-updated': s.updatedAt }, updatedText(s.updatedAt)),
    );
  // a static snapshot says when it was written, and how long ago as the live page says its
  // update's (site.json's stamp; no server to ask): its figures are as of then, whatever the cut
  if (state.site?.kind === 'static')
    parts.push(
      el(
        'span',
        { id: 'published-at', 'data-published': state.site.createdAt },
        publishedText(state.site.createdAt),
      ),
    );
  const cut = shownCut(s.status);
  // the source's own words stay a hover away when the page shows the instant they state
  if (cut)
    parts.push(
      el(
        'span',
        { id: 'source-cut', ...(cut.verbatim ? { title: cut.verbatim } : {}) },
        `${t('sourceCut')}: ${cut.text}`,
      ),
    );
  return parts;
}

/** Re-words "hace N min" every 30 s without a request: the live update's, a static site's publish. */
export function tickFreshness(): void {
  const node = document.getElementById('updated-ago');
  if (node?.dataset.updated) node.textContent = updatedText(node.dataset.updated);
  const published = document.getElementById('published-at');
  if (published?.dataset.published)
    published.textContent = publishedText(published.dataset.published);
}

/**
 * "Actualizado hace 3 min · 2 dic. 2026, 22:47 (hora de Lima)": the clock time too, so a screenshot
 * shared later still says when its figures are from (review 20 M2).
 */
const updatedText = (iso: string): string => `${t('updated')} ${ago(iso)} · ${zoneTime(iso)}`;

/** "Publicado: hace 3 min · 2 may. 2026, 07:00 (hora de Lima)": a static site's stamp, as above. */
const publishedText = (iso: string): string =>
  `${t('publishedAt')}: ${ago(iso)} · ${zoneTime(iso)}`;

/** The poll interval in ms: `?poll=<seconds>` (1 s to 10 min), else 30 s. */
export function pollInterval(): number {
  return pollMs(new URLSearchParams(location.search).get('poll'));
}
