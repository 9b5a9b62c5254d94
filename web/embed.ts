// The embeddable headline (embed.html): one election's leaders, the lead and what is still out,
// the figures' status, source and cut, how fresh they are, and a link to the whole dashboard — for
// a newsroom's page in an iframe (decision-desk review s27 H2). It says what the dashboard's
// headline says, with the same modules (headline.ts, bars.ts, figures-status.ts, live.ts): never a
// result the count does not settle. It polls the summary as the dashboard does and redraws when
// the store's revision moves.
import { lacksAbroad } from './abroad.js';
import { api, type Summary } from './api-client.js';
import { barsOf } from './bars.js';
import { statusLine } from './figures-status.js';
import { headline } from './headline.js';
import { freshness, pollInterval, shownCut, tickFreshness } from './live.js';
import { decimalText, el, paletteColor, state } from './ui.js';
import type { Lang } from './lang.js';

/** The embed's own words (the rest are the dashboard's strings). */
const WORDS: Readonly<Record<Lang, { full: string; none: string; failed: string }>> = {
  es: {
    full: 'Resultados completos en cifra',
    none: 'Indique la elección: embed.html?election=<id>',
    failed: 'No se pudieron leer los resultados; se reintenta.',
  },
  en: {
    full: 'Full results on cifra',
    none: 'Name the election: embed.html?election=<id>',
    failed: 'The results could not be read; trying again.',
  },
};

const box = (): HTMLElement => {
  const node = document.getElementById('embed');
  if (node === null) throw new Error('#embed missing');
  return node;
};

/** The dashboard's URL for this election and language (the link opens it outside the frame). */
function fullUrl(id: string): string {
  const u = new URL('./', location.href);
  u.searchParams.set('election', id);
  u.searchParams.set('lang', state.lang);
  return u.toString();
}

/** Reads the election's documents and draws the card; the summary's revision, or null when unread. */
async function draw(id: string): Promise<string | null> {
  const [summary, progress, cands, places] = await Promise.all([
    api.document(id, 'summary'),
    api.document(id, 'progress'),
    api.document(id, 'candidates'),
    api.tryDocument(id, 'places'),
  ]);
  state.election = id;
  state.choices = cands.choices;
  state.colors = new Map(cands.choices.map((c, i) => [c.id, c.color ?? paletteColor(i)]));
  state.places = places;
  const hasAmbito = places?.levels.some((l) => l.id === 'ambito') ?? false;
  const [national, ambito] = await Promise.all([
    api.results(id, 'national'),
    hasAmbito ? api.results(id, 'ambito') : Promise.resolve({ units: [] }),
  ]);
  const n = national.units[0];
  const abroadMissing = lacksAbroad(ambito.units.map((u) => u.code));
  box().replaceChildren(...card(summary, progress.about ?? null, n, abroadMissing));
  return summary.revision;
}

/** The card: title, headline, bars, status and source, freshness, the link. */
function card(
  s: Summary,
  about: Parameters<typeof statusLine>[1],
  n: Parameters<typeof barsOf>[0] | undefined,
  abroadMissing: boolean,
): HTMLElement[] {
  const cut = shownCut(s.status);
  return [
    el('h1', { id: 'embed-title' }, s.label),
    el('p', { id: 'outcome', class: 'outcome' }, ...(n ? headline(s, null, abroadMissing, n) : [])),
    el('ol', { id: 'bars', class: 'bars' }, ...(n ? barsOf(n).slice(0, 5) : [])),
    el(
      'p',
      { id: 'embed-status', class: 'status-line' },
      statusLine(s.status, about, cut?.text, state.lang, decimalText),
    ),
    el('p', { id: 'embed-fresh', class: 'fresh' }, ...freshness(s)),
    el(
      'p',
      {},
      el(
        'a',
        { id: 'embed-full', href: fullUrl(s.election), target: '_blank', rel: 'noopener' },
        WORDS[state.lang].full,
      ),
    ),
  ];
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  state.lang = params.get('lang') === 'en' ? 'en' : 'es';
  document.documentElement.lang = state.lang;
  const id = params.get('election');
  if (id === null || id === '') {
    box().textContent = WORDS[state.lang].none;
    return;
  }
  let revision = await draw(id).catch(() => null);
  if (revision === null) box().textContent = WORDS[state.lang].failed;
  document.body.dataset.ready = 'true';
  // the summary alone while nothing moves (a 304 when unchanged); the whole card when it does
  setInterval(() => {
    api
      .document(id, 'summary')
      .then(async (s) => {
        if (s.revision !== revision) revision = await draw(id);
      })
      .catch(() => undefined);
  }, pollInterval());
  setInterval(tickFreshness, 30_000);
}

main().catch(() => {
  box().textContent = WORDS[state.lang].failed;
});
