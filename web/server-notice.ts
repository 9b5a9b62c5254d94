// The server notice (#server-notice): what the page cannot show because of the server, as a
// function of one state, the connection's. The page moves the state after each answer or silence
// (`connectionAfter`) and draws it in one place; the text is pure (the language and the clock's
// wording passed in), so a test runs it without a page. Review 8: a page opened before the first
// import stayed blank, a dead server was silent; five call sites each re-derived the notice.
import { STRINGS } from './i18n.js';
import type { Lang } from './lang.js';

/** Where the page stands with the server. */
export type Connection =
  /** no answer yet since the page opened: nothing to say while the first requests run */
  | { readonly kind: 'unanswered' }
  /** the server answers and has no election yet (a page opened before the night's first import) */
  | { readonly kind: 'empty' }
  /** no answer since `since` (ms since the epoch): the figures on screen may be out of date */
  | { readonly kind: 'lost'; readonly since: number }
  /** the server answers with elections */
  | { readonly kind: 'fine' };

/** What a request found: the server's elections (how many it lists), or no answer at `at` (ms). */
export type Heard = { readonly elections: number } | { readonly silentAt: number };

export const UNANSWERED: Connection = { kind: 'unanswered' };

/** The state after a request: a silence keeps the time of the first one, an answer ends it. */
export function connectionAfter(prev: Connection, heard: Heard): Connection {
  if ('silentAt' in heard)
    return prev.kind === 'lost' ? prev : { kind: 'lost', since: heard.silentAt };
  return heard.elections === 0 ? { kind: 'empty' } : { kind: 'fine' };
}

/** Whether two states say the same (no redraw between them). */
export function sameConnection(a: Connection, b: Connection): boolean {
  return a.kind === b.kind && (a.kind !== 'lost' || b.kind !== 'lost' || a.since === b.since);
}

/**
 * The notice's text in `lang` ('' when there is nothing to say); `timeOf` words an instant as the
 * page does (the jurisdiction's time zone).
 */
export function noticeText(c: Connection, lang: Lang, timeOf: (iso: string) => string): string {
  const s = STRINGS[lang];
  switch (c.kind) {
    case 'empty':
      return s.noElections;
    case 'lost':
      return s.offline(timeOf(new Date(c.since).toISOString()));
    case 'unanswered':
    case 'fine':
      return '';
  }
}
