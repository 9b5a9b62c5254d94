// One cut of the count on the page at a time. Every count document carries the store's revision
// (the summary's `revision`); an import landing between the summary and the documents read after
// it would put figures that never existed together side by side (% counted from one cut, the
// leader's margin from the next). The page draws only documents of the summary's revision: on a
// mismatch it reads the summary again, then the rest, a bounded number of times, and otherwise
// keeps the last consistent view. Pure and import-free, for a node test; fetches are passed in.

/** Reads of one redraw before the page gives up and keeps what it shows (the poll tries again). */
export const CUT_ATTEMPTS = 3;

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
 * they are all of the summary's revision; else read again while attempts remain; else keep the
 * view on screen.
 */
export type CutDecision = 'draw' | 'retry' | 'keep';
export function decideCut(
  summaryRevision: string,
  docs: Iterable<unknown>,
  attempt: number,
  attempts: number = CUT_ATTEMPTS,
): CutDecision {
  if (sameCut(summaryRevision, docs)) return 'draw';
  return attempt + 1 < attempts ? 'retry' : 'keep';
}

/** A summary and the documents read after it, all of its revision (by path). */
export interface Cut<S> {
  readonly summary: S;
  readonly docs: ReadonlyMap<string, unknown>;
}

/**
 * Reads one consistent cut: the summary (`first`, a poll's, on the first attempt), then the rest
 * for it; null when every attempt met a newer revision part-way (the caller keeps its view).
 */
export async function loadCut<S extends { readonly revision: string }>(
  first: S | undefined,
  summary: () => Promise<S>,
  rest: (s: S) => Promise<ReadonlyMap<string, unknown>>,
  attempts: number = CUT_ATTEMPTS,
): Promise<Cut<S> | null> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const s = attempt === 0 && first !== undefined ? first : await summary();
    const docs = await rest(s);
    const decision = decideCut(s.revision, docs.values(), attempt, attempts);
    if (decision === 'draw') return { summary: s, docs };
    if (decision === 'keep') break;
  }
  return null;
}
