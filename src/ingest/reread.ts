// A file already imported, given again (the same SHA-256): nothing is read again. A source read
// again later and found unchanged is true as of the later cut, so when the file is the latest
// snapshot's byte for byte and its cut is later than the one recorded, the store records a
// re-read (an import of mode `reread`: the cut, no row, no acta, in the audit chain) and the
// figures' cut moves forward. Otherwise nothing changes. Each way, one issue says which.
import { issue, type Issue } from '../core/issues.js';
import { err, ok, type Result } from '../core/result.js';
import {
  latestGivenCut,
  latestSnapshotOf,
  type ImportMeta,
  type ImportRecord,
  type ImportSummary,
  type Store,
} from '../store/store.js';
import { storeIssues } from './store-issues.js';

/** What a file imported before (`previous`), given again, does: a re-read to record, or nothing. */
export type Again =
  | { readonly kind: 'reread'; readonly cut: string; readonly previousCut: string | null }
  | { readonly kind: 'nothing'; readonly issue: Issue };

/**
 * `imports`: the election's, by id; `cut`: the source's cut given now, if any. Instants compare
 * as instants (offsets apart: 22:30-05:00 is 03:30Z); an equal cut says nothing new.
 */
export function againOf(
  imports: readonly ImportRecord[],
  previous: ImportRecord,
  cut: string | undefined,
): Again {
  const latest = latestSnapshotOf(imports);
  if (cut === undefined) return nothing('already_imported', ['file'], { importId: previous.id });
  const recorded = latestGivenCut(imports);
  const carrier = recorded && imports.find((i) => i.id === recorded.importId);
  // the source went back to an older file: its actas are not the store's now, so not "unchanged";
  // nor is a file other than the one whose cut the figures carry (an older one imported late
  // leaves the later cut shown: its re-read would date the figures by what it showed, review s29)
  if (
    latest === undefined ||
    latest.sha256 !== previous.sha256 ||
    (carrier && carrier.sha256 !== previous.sha256)
  )
    return nothing('already_imported', ['file'], {
      importId: previous.id,
      latestImport: latest?.id ?? null,
    });
  // later than every cut recorded, so that the figures' cut (results/status.ts) moves to it
  if (recorded !== null && !(Date.parse(cut) > Date.parse(recorded.cut)))
    return nothing('cut_not_later', ['cut'], {
      ...{ importId: recorded.importId, cut },
      latestCut: recorded.cut,
    });
  return { kind: 'reread', cut, previousCut: recorded?.cut ?? null };
}

const nothing = (
  code: 'already_imported' | 'cut_not_later',
  path: string[],
  details: Readonly<Record<string, unknown>>,
): Again => ({ kind: 'nothing', issue: issue(code, path, details, 'warning') });

/** An import's counts before its first row (an ingest's totals start here). */
export const ZERO_COUNTS = {
  rowsRead: 0,
  new: 0,
  unchanged: 0,
  stateChanges: 0,
  observationChanges: 0,
  corrected: 0,
  conflicts: 0,
  quarantined: 0,
} as const;

/** A re-read's record: no row was read, no acta written (its file is `sameAs`'s). */
const NOTHING_READ: Omit<ImportSummary, 'finishedAt'> = { ...ZERO_COUNTS, quarantinedByCode: {} };

/** A re-read recorded with its import id, or the answer that it is not one after all. */
export type Recorded =
  { readonly kind: 'recorded'; readonly importId: number } | Extract<Again, { kind: 'nothing' }>;

/**
 * Records a re-read (`meta.mode` `reread`): its import id; or, when an import committed while it
 * waited for the write lock changes the answer (`again` asked again under the lock), that
 * answer's issue, nothing recorded; or the store's issue (busy, failed).
 */
export async function recordReread(
  store: Store,
  meta: ImportMeta & { readonly mode: 'reread' },
  again: (imports: readonly ImportRecord[]) => Again,
  now: () => string,
): Promise<Result<Recorded, Issue[]>> {
  let session: Awaited<ReturnType<Store['beginImport']>> | null = null;
  try {
    session = await store.beginImport(meta);
    const now2 = again(await store.listImports(meta.election));
    if (now2.kind === 'nothing') {
      await session.rollback();
      return ok(now2);
    }
    await session.commit({ ...NOTHING_READ, finishedAt: now() });
    return ok({ kind: 'recorded', importId: session.importId });
  } catch (e) {
    await session?.rollback().catch(() => {});
    const issues = storeIssues(e);
    if (issues === null) throw e;
    return err(issues);
  }
}
