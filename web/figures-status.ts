// The figures' status line (#provisional): the summary's status as served, said in words. The
// rule that makes it (a count in progress is provisional whatever its manifest says) is the
// server's alone (src/results/status.ts); the page derives no status of its own (review 7, H3).
// Pure (no page, no state): the language is passed in, so a test runs it as the page does.
import type { Progress, Summary } from './api-client.js';
import { STRINGS } from './i18n.js';
import type { Lang } from './lang.js';

/** What the line reads of the manifest: its status (who computed or published the figures). */
type About = Pick<NonNullable<Progress['about']>, 'status'>;
type Name = string | { readonly es: string; readonly en: string };

/**
 * Who the figures are from, for a kind that names it: the manifest's `from` or `publisher` when it
 * says the same kind, else the served source (published figures without a manifest).
 */
function namedBy(st: Summary['status'], about: About | null): Name | null {
  const m = about?.status;
  if (m?.kind === 'computed-by-cifra' && st.kind === m.kind) return m.from;
  if (m?.kind === 'third-party' && st.kind === m.kind) return m.publisher;
  return st.source;
}

/**
 * What the figures are: final, provisional at a cut (its % of the actas the server says: `pctOf`),
 * computed by cifra, or a third party's, always with the source; `cut`: the status's cut as shown (its
 * instant in the jurisdiction's time).
 */
export function statusLine(
  st: Summary['status'],
  about: About | null,
  cut: string | undefined,
  lang: Lang,
  decimal: (p: string) => string = (p) => p,
): string {
  const t = STRINGS[lang];
  const ofActas = pctWord(st, lang);
  const inLang = (n: Name): string => (typeof n === 'string' ? n : n[lang]);
  const by = namedBy(st, about);
  const head =
    st.kind === 'provisional'
      ? `${t.provisional}${st.pctCounted === null ? '' : ` · ${decimal(st.pctCounted)} % ${ofActas}`}${cut ? ` · ${t.snapshot}: ${cut}` : ''}`
      : st.kind === 'computed-by-cifra'
        ? `${t.computedByCifra}${by === null ? '' : `: ${inLang(by)}`}`
        : st.kind === 'third-party'
          ? `${t.thirdParty}${by === null ? '' : `: ${inLang(by)}`}`
          : `${t.final} · ${t.asOf} ${cut ?? '—'}`;
  const source = st.source === null ? '' : inLang(st.source);
  // a final count short of 100 % of actas says why (the release's unresolved actas)
  const why = st.note === null ? '' : ` · ${inLang(st.note)}`;
  // a replayed count says so first, whatever its status: it is no night's news (review 20 M1)
  const r = st.rehearsal;
  const rehearsal = r === null ? '' : `${t.rehearsal(r.of, t.replayOrder(r.order), r.seed)} · `;
  return `${rehearsal}${head} · ${t.sourceLabel}: ${source}${why}`;
}

/**
 * What the status's % is of, in words (the server says it: `pctOf`): the actas a count processed,
 * or those its source counted ("procesadas" / "contabilizadas"); none when there is no %.
 */
export function pctWord(st: Pick<Summary['status'], 'pctOf'>, lang: Lang): string {
  const t = STRINGS[lang];
  return st.pctOf === 'actas-processed'
    ? t.processed
    : st.pctOf === 'actas-counted'
      ? t.counted
      : '';
}
