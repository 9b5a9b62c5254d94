import { issue, type Issue } from '../core/issues.js';
import { StoreBusyError, StoreWriterFailed } from '../store/store.js';

/** A store's expected failure during an import as its coded issue (docs/errors.md), else null. */
export function storeIssues(e: unknown): Issue[] | null {
  if (e instanceof StoreBusyError)
    return [issue('store_busy', ['store'], { waitedMs: e.waitedMs })];
  if (e instanceof StoreWriterFailed)
    return [issue('store_writer_failed', ['store'], { reason: e.reason })];
  return null;
}
