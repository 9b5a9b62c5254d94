// The store's records: the shapes of its rows that the contract (store.ts), the row codec
// (rows.ts) and the audit (audit.ts, audit-log.ts) all name. Types only, importing nothing of
// store/, so that none of those files needs another's to say what a record is.
import type { Issue } from '../core/issues.js';
import type { Acta } from '../core/model/acta.js';
import type { VersionDecision } from '../core/tally/versioning.js';

export interface PlaceNames {
  readonly department: string;
  readonly province: string;
  readonly district: string;
}

/** What an import is: a snapshot of the source, a correction, or the source seen unchanged again. */
export type ImportMode = 'import' | 'correction' | 'reread';

export interface ImportMeta {
  readonly election: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly size: number;
  readonly format: string;
  /**
   * `reread`: the source read again at a later cut and found to be the latest import's file byte
   * for byte (ingest/reread.ts): a record of the cut, with no acta and no row read.
   */
  readonly mode: ImportMode;
  /** When the import started (ISO 8601), from the shell's clock. */
  readonly startedAt: string;
  /** A correction's ruling (e.g. a JEE resolution number), as its author gave it. */
  readonly resolution?: string | undefined;
  /** Who recorded a correction, as they gave it. */
  readonly author?: string | undefined;
  /**
   * The source's cut of the file (`cifra ingest --cut`): an ISO 8601 instant with its offset, as
   * given (migration 16; absent: none given, or an import from before it).
   */
  readonly cut?: string | undefined;
}

export interface QuarantinedRow {
  readonly row: number;
  readonly mesa: string | null;
  readonly issues: readonly Issue[];
  readonly raw: Readonly<Record<string, string>>;
}

/** A quarantined row with the import that refused it and that import's file name. */
export interface MesaQuarantinedRow extends QuarantinedRow {
  readonly importId: number;
  readonly file: string;
}

export interface ImportSummary {
  readonly rowsRead: number;
  readonly new: number;
  readonly unchanged: number;
  readonly stateChanges: number;
  /** Versions whose only change is the observation (migration 15; absent before, in stateChanges). */
  readonly observationChanges: number;
  readonly corrected: number;
  readonly conflicts: number;
  readonly quarantined: number;
  readonly quarantinedByCode: Readonly<Record<string, number>>;
  readonly finishedAt: string;
}

export interface ImportRecord extends ImportMeta, Partial<ImportSummary> {
  readonly id: number;
  readonly status: 'committed' | 'rolled_back' | 'running';
}

/** What an audit-log entry records (audit-log.ts). */
export type LogKind = 'election' | 'import' | 'published' | 'projection';

export interface LogEntry {
  readonly seq: number;
  readonly kind: LogKind;
  readonly subject: string;
  /** A digest, or for an import the JSON of ImportDetail. */
  readonly detail: string;
  readonly at: string;
  readonly hash: string;
}

export interface QuarantineText {
  readonly importId: number;
  readonly row: number;
  readonly mesa: string | null;
  readonly issues: string;
  readonly raw: string;
  /** Derived (migration 10): the import's election and `mesaKey(mesa)`, by which an acta finds it. */
  readonly election?: string | null;
  readonly mesaKey?: string | null;
}

export interface ProjectionText {
  readonly election: string;
  readonly revision: string;
  readonly recordedAt: string;
  readonly pctCounted: number;
  readonly doc: string;
}

/** One stored version of an acta, with the import and file that brought it (acta history). */
export interface ActaVersion {
  readonly version: number;
  readonly kind: VersionDecision['kind'];
  readonly acta: Acta;
  readonly importId: number | null;
  /** The file of the import that brought this version, and its SHA-256 (null: no import). */
  readonly file: string | null;
  readonly sha256: string | null;
  readonly row: number | null;
  readonly recordedAt: string;
  readonly warnings: readonly Issue[];
  /** A correction's ruling and author as given (ImportMeta), else null. */
  readonly resolution: string | null;
  readonly author: string | null;
  /**
   * A correction's: the import whose row first gave its content while it was current — the
   * source caught up with the ruling (versioning.ts HistoryVersion.caughtUp); else null.
   */
  readonly caughtUp: number | null;
  /** True when this version is the current state. */
  readonly current: boolean;
}

/** One unit of a published result: a results-document unit (src/results/documents.ts). */
export interface PublishedUnit {
  readonly level: string;
  readonly code: string;
  readonly doc: unknown;
}

export interface ProjectionRecord {
  readonly election: string;
  readonly revision: string;
  readonly recordedAt: string;
  readonly pctCounted: number;
  readonly doc: unknown;
}

/** One group of flaggedActas: current actas of one place alike in these three. */
export interface FlaggedActas {
  readonly ubigeo: string;
  /** At the JEE. */
  readonly jee: boolean;
  /** A JEE acta's observation in the source's word (TIPO_OBSERVACION); null: none, or not at the JEE. */
  readonly observation: string | null;
  /** A later import brought another version that was not applied. */
  readonly conflict: boolean;
  readonly actas: number;
}
