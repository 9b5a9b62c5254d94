import type { AppliedVersion, Store } from '../store/store.js';

/** Whose applied versions: those written by imports in (`afterImport`, `upToImport`]. */
export interface ImportRange {
  readonly afterImport: number;
  readonly upToImport: number;
}

/**
 * The applied versions read at a time where the store names no size of its own
 * (Store.appliedPageRows): read whole, the 2021 runoff's 173,000 held `cifra serve`'s event loop
 * 5–14 s at its first course (most of it the collection of every row held at once), and every
 * other reader waited. SQLite reads a page on the event loop itself: a small page is a short hold.
 */
export const APPLIED_PAGE = 256;

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * An election's applied versions of `range`, a page at a time in the order written (keyset on
 * id), with a turn of the event loop between pages: the one reader of them, for the count course
 * and for a publish's changed mesas, so that neither holds a big store's versions at once.
 * `between`, when given, is awaited before each page after the first (a background replay gives
 * way there, or throws to stop).
 */
export async function* appliedPages(
  store: Store,
  election: string,
  range: ImportRange,
  limit = store.appliedPageRows ?? APPLIED_PAGE,
  between?: () => Promise<void>,
): AsyncGenerator<readonly AppliedVersion[]> {
  for (let afterId = 0; ;) {
    const versions = await store.appliedVersionPage(election, { ...range, afterId, limit });
    if (versions.length > 0) yield versions;
    if (versions.length < limit) return;
    afterId = (versions.at(-1) as AppliedVersion).id;
    await turn();
    await between?.();
  }
}
