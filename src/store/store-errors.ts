// The store's expected write failures as errors, in a module of their own that imports nothing:
// the SQLite import's writer thread throws them, and its bundle stays without zod (ADR 011's addendum).

/** A write could not start: another connection held the write lock for longer than the wait. */
export class StoreBusyError extends Error {
  constructor(readonly waitedMs: number) {
    super(`the store's write lock was held for more than ${waitedMs} ms`);
  }
}

/** An import's writer thread ended without answering (killed, out of memory): nothing was stored. */
export class StoreWriterFailed extends Error {
  constructor(readonly reason: string) {
    super(`the import's writer thread failed: ${reason}`);
  }
}
