// One cut of the count on the page at a time. Every count document carries the store's revision
// (the summary's `revision`); an import landing between the summary and the documents read after
// it would put figures that never existed together side by side (% counted from one cut, the
// leader's margin from the next). The page draws only documents of the summary's revision: on a
// mismatch it reads the summary again, then the rest, a bounded number of times, and otherwise
// keeps the last consistent view. A document whose read failed (a refusal other than "absent",
// a server error, no answer) is no part of any cut: the page reads again, as for a newer revision,
// rather than draw a panel without it. Pure and import-free, for a node test; fetches are passed in.

/** Reads of one redraw before the page gives up and keeps what it shows (the poll tries again). */
export const CUT_ATTEMPTS = 3;

/**
 * A read that failed: a status other than 2xx or 404 (a 408 from a server held up, a 503), a body
 * that is not JSON, no answer. Not absent (null, a 404): the document may well be there.
 */
export const UNREAD: unique symbol = Symbol('unread');

/** A document's revision; null for one that carries none (an acta, a map, an absent document). */
export function revisionOf(doc: unknown): string | null {
  if (typeof doc !== 'object' || doc === null || !('revision' in doc)) return null;
  return typeof doc.revision === 'string' ? doc.revision : null;
}

/** Every document that carries a revision carries `revision` (those without one fit any cut). */
export function sameCut(revision: string | null, docs: Iterable<unknown>): boolean {
  for (const d of docs) {
    const r = revisionOf(d);
    if (r !== null && r !== revision) return false;
  }
  return true;
}

/**
 * What to do with the documents read for one redraw (attempt 0 is the first read): draw them when
 * they were all read and are all of the summary's revision; else read again while attempts
 * remain; else keep the view on screen.
 */
export type CutDecision = 'draw' | 'retry' | 'keep';
export function decideCut(
  summaryRevision: string,
  docs: Iterable<unknown>,
  attempt: number,
  attempts: number = CUT_ATTEMPTS,
): CutDecision {
  const read = [...docs];
  if (!read.includes(UNREAD) && sameCut(summaryRevision, read)) return 'draw';
  return attempt + 1 < attempts ? 'retry' : 'keep';
}

/** A summary and the documents read after it, all of its revision (by path). */
export interface Cut<S> {
  readonly summary: S;
  readonly docs: ReadonlyMap<string, unknown>;
}

/**
 * Why no cut was drawn (the caller keeps its view and says so): every attempt met a newer revision
 * part-way (`moved`), or the last one could not read a document (`unread`).
 */
export interface Kept {
  readonly kept: 'moved' | 'unread';
}

/**
 * Reads one consistent cut: the summary (`first`, a poll's, on the first attempt), then the rest
 * for it; `Kept` when no attempt gave one (a summary whose read fails is an unread document too).
 */
export async function loadCut<S extends { readonly revision: string }>(
  first: S | undefined,
  summary: () => Promise<S>,
  rest: (s: S) => Promise<ReadonlyMap<string, unknown>>,
  attempts: number = CUT_ATTEMPTS,
): Promise<Cut<S> | Kept> {
  let kept: Kept['kept'] = 'moved';
  const unread = (): typeof UNREAD => UNREAD;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const s = attempt === 0 && first !== undefined ? first : await summary().catch(unread);
    kept = 'unread';
    if (s === UNREAD) continue;
    const docs = await rest(s);
    if (![...docs.values()].includes(UNREAD)) kept = 'moved';
    const decision = decideCut(s.revision, docs.values(), attempt, attempts);
    if (decision === 'draw') return { summary: s, docs };
    if (decision === 'keep') break;
  }
  return { kept };
}
