import type { ActaBatch } from '../core/tally/acta-batch.js';
import type { Issue } from '../core/issues.js';
import type { Acta, ElectionDef } from '../core/model/acta.js';
import type { ActaStateCounts } from '../core/tally/aggregate.js';

export type { ActaStateCounts };
import type { ActaColumns } from '../core/tally/acta-columns.js';
import type { BatchItem, BatchOutcome, VersionRecord } from '../core/tally/batch-plan.js';
import type { ChainedVersion } from './audit.js';
import type { AuditHead, AuditRecords } from './audit-log.js';
import type {
  ActaVersion,
  FlaggedActas,
  ImportMeta,
  ImportMode,
  ImportRecord,
  ImportSummary,
  LogEntry,
  MesaQuarantinedRow,
  PlaceNames,
  ProjectionRecord,
  PublishedUnit,
  QuarantinedRow,
} from './records.js';

// the records the contract names (records.ts), for its callers as before
export type {
  ActaVersion,
  FlaggedActas,
  ImportMeta,
  ImportMode,
  ImportRecord,
  ImportSummary,
  LogEntry,
  MesaQuarantinedRow,
  PlaceNames,
  ProjectionRecord,
  PublishedUnit,
  QuarantinedRow,
};

/** A machine fault under the store (a full disk) as a coded issue: adapters ask the store's contract. */
export { storeFault } from './store-faults.js';
// how every store keys a mesa (trimmed, leading zeros of a number dropped): publish keys alike
export { mesaKey } from './rows.js';

// the server verifies the head it publishes as `cifra audit head` does (api/audit-check.ts)
export { verifiedHead, type VerifiedHead } from './audit-verified.js';
export { verifiableOffThread, verifiedHeadOffThread } from './audit-thread.js';

// the import's writer thread loads these alone: store.ts's other exports reach zod (ADR 011's addendum)
export { StoreBusyError, StoreWriterFailed } from './store-errors.js';

/**
 * The storage-neutral store. Asynchronous because PostgreSQL is; SQLite implements it now and a
 * shared contract suite (store-contract.ts) runs against every implementation.
 */
export interface Store {
  /** Applies pending versioned migrations; never drops data. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  putElection(def: ElectionDef): Promise<void>;
  getElection(id: string): Promise<ElectionDef | null>;
  listElections(): Promise<ElectionDef[]>;
  /**
   * The first committed snapshot of this file (by SHA-256) in this election — an import, or a
   * re-read of one — if any. A correction of the same bytes is none: a ruling recorded on purpose
   * does not make its file imported, so a later plain import of it is read (docs/ingest.md).
   */
  findImport(election: string, sha256: string): Promise<ImportRecord | null>;
  listImports(election?: string): Promise<ImportRecord[]>;
  /** Starts an import: everything until commit is one unit; rollback leaves the store unchanged. */
  beginImport(meta: ImportMeta): Promise<ImportSession>;
  /** A hint that an import of a file of `size` bytes follows: a store may get its writer ready. */
  warmImport?(size: number): void;
  /** Changes whenever the election's actas change (every change is a committed import);
   * without an election, whenever any election or import changes. */
  revision(election?: string): Promise<string>;
  /** The current state of every acta of an election (derived from its versions). */
  currentActas(election: string): Promise<StoredActa[]>;
  /**
   * The same current actas as columns, votes padded or cut to `choices` (results, projection).
   * Given `previous`, a snapshot this store returned for the election, a store may return it
   * patched with the actas changed since instead of reading every acta again.
   */
  currentActaColumns(
    election: string,
    choices: number,
    previous?: ActaColumns,
  ): Promise<ActaColumns>;
  getActa(election: string, mesa: string): Promise<StoredActa | null>;
  actaHistory(election: string, mesa: string): Promise<ActaVersion[]>;
  quarantined(importId: number): Promise<QuarantinedRow[]>;
  /**
   * The quarantined rows of the election's committed imports whose mesa has `mesa`'s key
   * (rows.ts `mesaKey`: an index reads only them), by import and row: a superset of the rows of
   * any padding of `mesa`, which the caller, who knows the jurisdiction's padding, narrows.
   */
  quarantinedOfMesa(election: string, mesa: string): Promise<MesaQuarantinedRow[]>;
  /** The mesas, as read, of the election's committed quarantined rows, each once. */
  quarantinedMesas(election: string): Promise<string[]>;
  /** Aggregates of a published-results election, as result units per level. */
  putPublished(election: string, units: readonly PublishedUnit[], seats: unknown): Promise<void>;
  publishedUnits(election: string, level: string): Promise<PublishedUnit[]>;
  publishedSeats(election: string): Promise<unknown>;
  /**
   * Records the projection made at a store revision (replay, server); idempotent per revision.
   * `wait: false`: when another writer holds the lock, throw StoreBusyError at once instead of
   * waiting (the server records on the side of a read and never blocks it).
   */
  putProjection(record: ProjectionRecord, options?: { readonly wait?: boolean }): Promise<void>;
  /** The election's recorded projections, oldest first: how the projection moved over the night. */
  projectionHistory(election: string): Promise<ProjectionRecord[]>;
  /**
   * Whether a projection is recorded at this revision of the election: the night recorder's first
   * look, which read (and parsed) every recorded document to find one revision.
   */
  projectionRecorded(election: string, revision: string): Promise<boolean>;
  /**
   * One page of the election's applied acta versions (every kind but a conflict, which never
   * becomes current), each with its id: the ones written by imports in (`afterImport`,
   * `upToImport`] after the version `afterId`, at most `limit`, in the order written. Read a page
   * at a time (keyset on id) by results/applied-pages.ts, other work running between pages: read
   * whole they held the server's event loop for seconds (the count course).
   */
  appliedVersionPage(election: string, page: AppliedPage): Promise<AppliedVersion[]>;
  /** The page size this store reads those versions in (absent: applied-pages.ts's APPLIED_PAGE). */
  readonly appliedPageRows?: number;
  /** Every acta version and import with its stored hash, in the order written (cifra audit verify). */
  auditChains(): Promise<{
    versions: ChainedVersion[];
    imports: (ImportRecord & { readonly hash: string | null })[];
  }>;
  /** Every table as the audit reads it, at one moment (cifra audit verify). */
  auditRecords(): Promise<AuditRecords>;
  /** The audit log's head: its length, last hash and time (cifra audit head, publish). */
  auditHead(): Promise<AuditHead>;
  /** The audit log's entries from `seq` on, in order: publish verifies the suffix after its last head. */
  auditLogFrom(seq: number): Promise<LogEntry[]>;
  /** Every current acta's mesa summary, ordered by place (ubigeo) then mesa: one read, not one per place. */
  mesaSummaries(election: string): Promise<MesaSummary[]>;
  /** The current actas by state, counted by the store: how far a count is without tallying it. */
  actaStates(election: string): Promise<ActaStateCounts>;
  /**
   * The current actas at the JEE or with a conflict, counted by the store per place, JEE
   * observation and conflict (one GROUP BY): per unit, why its actas are at the JEE and how many
   * conflict, without reading every acta. Ordered by place, then observation (flaggedOrder).
   */
  flaggedActas(election: string): Promise<FlaggedActas[]>;
  /** Place names as the sources give them (ubigeo → department / province / district). */
  places(election: string): Promise<Map<string, PlaceNames>>;
}

/** Which page of an election's applied versions to read (Store.appliedVersionPage). */
export interface AppliedPage {
  readonly afterImport: number;
  readonly upToImport: number;
  readonly afterId: number;
  readonly limit: number;
}

/** An applied acta version with its id, where the next page starts. */
export type AppliedVersion = VersionRecord & { readonly id: number };

export interface MesaSummary {
  /** The mesa's place (its district's ubigeo). */
  readonly ubigeo: string;
  readonly mesa: string;
  readonly state: string;
  readonly eligible: number;
  readonly voters: number | null;
  readonly conflict: boolean;
}

/** A valid acta of an import: its 1-based data row in the file, warnings, place names. */
export type IncomingActa = BatchItem<PlaceNames>;

export type { BatchOutcome };

export interface ImportSession {
  readonly importId: number;
  /**
   * How many `applyBatch` calls may be left unanswered (answered in order) while the caller reads
   * on; absent: await each before the next (ADR 011).
   */
  readonly inFlight?: number;
  applyBatch(
    actas: readonly IncomingActa[],
    quarantined: readonly QuarantinedRow[],
  ): Promise<BatchOutcome>;
  /**
   * Present when every batch of this import may be given in columns (a SQLite import into an
   * election with no versions yet, ADR 012): the same as `applyBatch(batch.incoming(), …)`.
   */
  applyColumns?(
    batch: ActaBatch<PlaceNames>,
    quarantined: readonly QuarantinedRow[],
  ): Promise<BatchOutcome>;
  commit(summary: ImportSummary): Promise<void>;
  rollback(): Promise<void>;
}

export interface StoredActa extends Acta {
  readonly version: number;
  /** A later import brought another version that was not applied (other figures, or a closed acta reported open again). */
  readonly conflict: boolean;
  readonly warnings: readonly Issue[];
}

/**
 * A store's revision (store.revision) from its query's row: `lastImportId:imports:elections:logSeq`,
 * written here once for both stores, as `revisionLastImport` reads it.
 */
export function revisionText(r: Readonly<Record<string, unknown>>): string {
  return `${Number(r['id'])}:${Number(r['n'])}:${Number(r['e'])}:${Number(r['s'])}`;
}

/**
 * The last committed import a revision of one election is of (`revisionText`'s first number).
 * Null: not such a revision.
 */
export function revisionLastImport(revision: string): number | null {
  const m = /^(\d+):/.exec(revision);
  return m ? Number(m[1]) : null;
}

/**
 * The election's latest committed snapshot (up to import `upTo`): an import or a re-read (the
 * source seen unchanged at a later cut), not a correction; undefined: none. `imports` by id.
 */
export function latestSnapshotOf(
  imports: readonly ImportRecord[],
  upTo: number | null = null,
): ImportRecord | undefined {
  return imports
    .filter(
      (i) => i.status === 'committed' && i.mode !== 'correction' && (upTo === null || i.id <= upTo),
    )
    .at(-1);
}

/** The source's cut of an import (`cifra ingest --cut`) and the import that carries it. */
export interface ImportCut {
  readonly importId: number;
  readonly cut: string;
}

/**
 * The latest cut any committed snapshot (up to import `upTo`) gave, as an instant (offsets apart;
 * the highest import of it on a tie), and its import; null: none gave one.
 */
export function latestGivenCut(
  imports: readonly ImportRecord[],
  upTo: number | null = null,
): ImportCut | null {
  let best: ImportCut | null = null;
  for (const i of imports) {
    if (i.status !== 'committed' || i.mode === 'correction' || i.cut === undefined) continue;
    if (upTo !== null && i.id > upTo) continue;
    if (best === null || !(Date.parse(i.cut) < Date.parse(best.cut)))
      best = { importId: i.id, cut: i.cut };
  }
  return best;
}
