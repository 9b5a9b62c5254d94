import type { Store } from '../store/store.js';

/**
 * One value per store and key (election and revision), made once and shared by every request
 * while the revision stands; `room` keys at most are kept (the count moves on and older revisions
 * are not asked again), and a failure is not kept, so the next request makes it again.
 */
export function perRevision<T>(
  memos: WeakMap<Store, Map<string, Promise<unknown>>>,
  store: Store,
  key: string,
  make: () => Promise<T>,
  room = 4,
): Promise<T> {
  let memo = memos.get(store);
  if (memo === undefined) memos.set(store, (memo = new Map()));
  let made = memo.get(key) as Promise<T> | undefined;
  if (made === undefined) {
    if (memo.size >= room) memo.clear();
    made = make();
    memo.set(key, made);
    const drop = memo;
    made.catch(() => drop.delete(key));
  }
  return made;
}
