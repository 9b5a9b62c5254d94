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

/**
 * "hace 3 min" / "3 min ago": spanText in the language's "ago", so that both read the same units
 * (Intl's relative "short" style wrote "3 min. ago" beside NumberFormat's "40 min" in English).
 */
export function ago(iso: string, now: number = Date.now()): string {
  return t('agoSpan')(spanText(iso, now));
}

/**
 * A span of time without "ago", for "No change for 40 min": minutes, hours, days as `ago` counts
 * them, in the page's language's short units (Intl's, not hand-made).
 */
export function spanText(iso: string, now: number = Date.now()): string {
  const s = Math.max(0, (now - new Date(iso).getTime()) / 1000);
  if (s < 60) return t('freshUnderMinute');
  const unit = (n: number, u: 'minute' | 'hour' | 'day'): string =>
    new Intl.NumberFormat(state.lang, { style: 'unit', unit: u, unitDisplay: 'short' }).format(n);
  if (s < 7200) return unit(Math.floor(s / 60), 'minute');
  if (s < 172800) return unit(Math.floor(s / 3600), 'hour');
  return unit(Math.floor(s / 86400), 'day');
}

/**
 * What the freshness line is drawn from, kept on its node so the 30 s tick re-words it: when an
 * acta last changed, and — when the source was read since with nothing changed (a re-read, or a
 * file with no change) — when it was read and the cut of that read. That cut is said only when
 * it is the figures' (an older file read late keeps the later cut shown beside: one cut at a time).
 */
interface Fresh {
  readonly updated: string;
  readonly checked?: string | undefined;
  readonly cut?: string | undefined;
}

function freshOf(s: Summary, updated: string): Fresh {
  const c = s.checked;
  if (c === null || !(Date.parse(c.at) > Date.parse(updated))) return { updated };
  const cut = c.cut !== null && s.status.cutImport === c.import ? c.cut : undefined;
  return { updated, checked: c.at, cut };
}

const freshAttrs = (f: Fresh): Record<string, string> => ({
  'data-updated': f.updated,
  ...(f.checked === undefined ? {} : { 'data-checked': f.checked }),
  ...(f.cut === undefined ? {} : { 'data-cut': f.cut }),
});

/** The freshness line: when cifra's figures last changed (and the source last read) and the source's cut. */
export function freshness(s: Summary): HTMLElement[] {
  const parts: HTMLElement[] = [];
  if (s.updatedAt && !s.count.complete) {
    const f = freshOf(s, s.updatedAt);
    parts.push(el('span', { id: 'updated-ago', ...freshAttrs(f) }, freshText(f)));
  }
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
  // the source's own words stay a hover away when the page shows the instant they state; a
  // rehearsal's cut is the replay's own (cifra replay), said so
  if (cut)
    parts.push(
      el(
        'span',
        { id: 'source-cut', ...(cut.verbatim ? { title: cut.verbatim } : {}) },
        `${t(s.status.rehearsal === null ? 'sourceCut' : 'rehearsalCut')}: ${cut.text}`,
      ),
    );
  return parts;
}

/** Re-words "hace N min" every 30 s without a request: the live update's, a static site's publish. */
export function tickFreshness(): void {
  const node = document.getElementById('updated-ago');
  const d = node?.dataset;
  if (node && d?.updated)
    node.textContent = freshText({ updated: d.updated, checked: d.checked, cut: d.cut });
  const published = document.getElementById('published-at');
  if (published?.dataset.published)
    published.textContent = publishedText(published.dataset.published);
}

/**
 * "Actualizado hace 3 min · 2 dic. 2026, 22:47 (hora de Lima)": the clock time too, so a screenshot
 * shared later still says when its figures are from (review 20 M2).
 */
const updatedText = (iso: string): string => `${t('updated')} ${ago(iso)} · ${zoneTime(iso)}`;

/**
 * The line as the node's data say it: "Actualizado hace 3 min · …" when nothing was read since the
 * last change; else "Sin cambios desde hace 40 min · fuente revisada hace 1 min (corte 21:47, hora
 * de Lima)" — the read's cut, or without one the read's own clock time, so a screenshot is dated.
 */
function freshText(f: Fresh): string {
  if (f.checked === undefined) return updatedText(f.updated);
  const when =
    f.cut === undefined ? ` · ${zoneTime(f.checked)}` : ` (${t('freshCut')(clockTime(f.cut))})`;
  return `${t('freshUnchanged')(spanText(f.updated))} · ${t('freshChecked')(ago(f.checked))}${when}`;
}

/** "21:47, hora de Lima": an instant's time of day in the jurisdiction's zone, labelled. */
function clockTime(iso: string, zone: string = pageZone()): string {
  const d = new Date(iso);
  const f = new Intl.DateTimeFormat(state.lang === 'es' ? 'es-PE' : 'en-GB', {
    timeZone: zone,
    timeStyle: 'short',
    hourCycle: 'h23',
  });
  return `${f.format(d)}, ${zoneLabel(zone, d, state.lang)}`;
}

/** "Publicado: hace 3 min · 2 may. 2026, 07:00 (hora de Lima)": a static site's stamp, as above. */
const publishedText = (iso: string): string =>
  `${t('publishedAt')}: ${ago(iso)} · ${zoneTime(iso)}`;

/** The poll interval in ms: `?poll=<seconds>` (1 s to 10 min), else 30 s. */
export function pollInterval(): number {
  return pollMs(new URLSearchParams(location.search).get('poll'));
}
