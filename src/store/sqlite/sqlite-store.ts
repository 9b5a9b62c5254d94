import Database from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import { checkSchemaVersions, StoreNeedsMigration } from '../store-faults.js';
import { openSqlite } from './open-sqlite.js';
import type { ActaState, ElectionDef } from '../../core/model/acta.js';
import type { ActaColumns } from '../../core/tally/acta-columns.js';
import type {
  ActaStateCounts,
  AppliedPage,
  AppliedVersion,
  ActaVersion,
  ImportMeta,
  ImportRecord,
  LogEntry,
  ImportSession,
  FlaggedActas,
  MesaSummary,
  ProjectionRecord,
  PublishedUnit,
  PlaceNames,
  MesaQuarantinedRow,
  QuarantinedRow,
  Store,
  StoredActa,
} from '../store.js';
import { revisionText } from '../store.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import type { ChainedVersion } from '../audit.js';
import {
  electionDigest,
  projectionDigest,
  projectionSubject,
  publishedDigest,
  revisionSeqSql,
  type AuditHead,
  type AuditRecords,
} from '../audit-log.js';
import { threadedImport } from './import-thread.js';
import { startImportWorker } from './import-worker-start.js';
import {
  actaStatesOf,
  ELECTION_COLUMNS,
  electionOf,
  electionRow,
  importOf,
  mesaKey,
  mesaQuarantinedOf,
  placesOf,
  projectionRecordOf,
  publishedUnitOf,
  quarantinedOf,
  VERSION_HISTORY_COLUMNS,
  VERSION_HISTORY_FROM,
  warningsOf,
  type Row,
  flaggedActasOf,
} from '../rows.js';
import { acta, actaVersion, chained, decodeVotes } from './acta-versions.js';
import { busyCoded, configureSqlite, SQLITE_BUSY_MS } from './sqlite-config.js';
import {
  appendLog,
  auditHeadOf,
  auditLogFromOf,
  auditRecordsOf,
  chainsOf,
  publishedText,
} from './sqlite-audit.js';
import { ColumnSnapshots } from './column-snapshots.js';
import { localImport } from './import-writer.js';
import { plannedSession } from './import-session.js';

// The modules the store is made of export what other code uses of it; this one is their door.
export { configureSqlite, SQLITE_BUSY_MS } from './sqlite-config.js';
export { freshInsertSql, INSERT_VERSION_SQL, versionRow } from './acta-versions.js';

/** A mesa key's quarantined rows of committed imports (the index quarantine_mesa finds them). */
const QUARANTINED_OF_MESA_SQL = `SELECT q.*, i.file_name FROM quarantine q JOIN imports i ON i.id = q.import_id
  WHERE q.election = ? AND q.mesa_key = ? AND i.status = 'committed' ORDER BY q.import_id, q.row`;
const QUARANTINED_MESAS_SQL = `SELECT DISTINCT q.mesa FROM quarantine q JOIN imports i ON i.id = q.import_id
  WHERE q.election = ? AND q.mesa IS NOT NULL AND i.status = 'committed'`;

export interface SqliteStoreOptions {
  /**
   * Whether a file store's import is written by a worker thread (ADR 011); absent: when the file
   * imported is large enough to repay the worker's start. A memory database never is.
   */
  readonly importWorker?: boolean;
  /** Called with each writer thread started (a test ends one to see the import fail whole). */
  readonly onImportWorker?: ((worker: Worker) => void) | undefined;
  /** The rows a whole snapshot read takes between two turns of the event loop (tests: a few). */
  readonly snapshotChunk?: number;
}

/** Below this, starting the writer thread costs more than the overlap saves (ADR 011). */
export const IMPORT_WORKER_MIN_BYTES = 256 << 10;

/**
 * Current actas per state of one election (bound twice): the counts from the index
 * acta_current_state alone (migration 11: no acta row read for the elections list's first
 * answer), then the pending actas' rows only, for how many of them carry figures.
 */
export const ACTA_STATES_SQL = `SELECT state, COUNT(*) AS n, 0 AS figures FROM acta_versions WHERE election = ? AND is_current = 1 GROUP BY state
  UNION ALL SELECT 'pending', 0, COUNT(votes) FROM acta_versions WHERE election = ? AND is_current = 1 AND state = 'pending'`;

/** flaggedActas: the current actas at the JEE or with a conflict, grouped (PostgreSQL's alike). */
const FLAGGED_SQL = `SELECT ubigeo, state = 'jee' AS jee, CASE WHEN state = 'jee' THEN observation END AS observation, conflict, COUNT(*) AS actas
  FROM acta_versions WHERE election = ? AND is_current = 1 AND (state = 'jee' OR conflict = 1)
  GROUP BY ubigeo, state = 'jee', CASE WHEN state = 'jee' THEN observation END, conflict`;

/**
 * The Store on SQLite (better-sqlite3): the reads and the small writes (elections, published
 * documents, projections) on the store's connection; an import on its own connection, written
 * by import-writer.ts here or in the writer thread, planned by import-session.ts.
 */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  /** Prepared read statements by their (constant) SQL: preparing costs more than a point read. */
  private readonly statements = new Map<string, Database.Statement>();
  /** The columnar snapshots this store handed out (currentActaColumns). */
  private readonly snapshots: ColumnSnapshots;

  constructor(
    private readonly path: string,
    private readonly busyMs = SQLITE_BUSY_MS,
    private readonly options: SqliteStoreOptions = {},
  ) {
    // read-only when the file, folder or mount is (review 8): readers work, writes are coded
    this.db = openSqlite(path, (db) => configureSqlite(db, busyMs), busyMs);
    // a whole snapshot is read on a connection of its own, a turn of the event loop at a time
    const memory = path === ':memory:' || path === '';
    this.snapshots = new ColumnSnapshots(
      this.db,
      memory ? null : () => snapshotReader(path, busyMs),
      options.snapshotChunk,
    );
  }

  /** A read statement of constant SQL, prepared once per connection. */
  private read(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (st === undefined) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  /**
   * The connection an import writes through: its own, so that the store's readers (the API
   * serving results while it imports) see only committed imports. A memory database has one
   * connection only.
   */
  private writer(): { db: Database.Database; done: () => void } {
    if (this.path === ':memory:' || this.path === '') return { db: this.db, done: () => {} };
    const db = new Database(this.path);
    configureSqlite(db, this.busyMs);
    return { db, done: () => db.close() };
  }

  async migrate(): Promise<void> {
    if (!this.db.readonly)
      this.db.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
      );
    const applied = new Set(
      (this.db.prepare('SELECT version FROM schema_migrations').all() as Row[]).map(
        (r) => r['version'] as number,
      ),
    );
    checkSchemaVersions(
      applied,
      SQLITE_MIGRATIONS.map((m) => m.version),
    );
    const missing = SQLITE_MIGRATIONS.filter((m) => !applied.has(m.version));
    if (this.db.readonly && missing.length > 0)
      throw new StoreNeedsMigration(missing.map((m) => m.version));
    for (const m of SQLITE_MIGRATIONS) {
      if (applied.has(m.version)) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        m.fill?.(this.db);
        this.db
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(m.version, m.name, new Date().toISOString());
      })();
    }
  }

  async auditChains(): Promise<{
    versions: ChainedVersion[];
    imports: (ImportRecord & { readonly hash: string | null })[];
  }> {
    return chainsOf(this.db);
  }

  async auditRecords(): Promise<AuditRecords> {
    return auditRecordsOf(this.db);
  }

  async auditHead(): Promise<AuditHead> {
    return auditHeadOf(this.db);
  }

  async auditLogFrom(seq: number): Promise<LogEntry[]> {
    return auditLogFromOf(this.db, seq);
  }

  async close(): Promise<void> {
    const warm = this.warmWorker;
    this.warmWorker = null;
    if (warm !== null) await warm.terminate();
    this.db.close();
  }

  /** A writer thread started by `warmImport`, not yet taken by an import. */
  private warmWorker: Worker | null = null;

  /**
   * A large import follows (ADR 012): its writer thread starts now, so that its start overlaps
   * the caller's reading of the election and the file rather than the first batch's wait.
   */
  warmImport(size: number): void {
    if (this.warmWorker !== null || this.path === ':memory:' || this.path === '') return;
    if (!(this.options.importWorker ?? size >= IMPORT_WORKER_MIN_BYTES)) return;
    // a failed start fails the import that takes it (threadedImport)
    this.warmWorker = startImportWorker(this.options.onImportWorker);
  }

  async putElection(def: ElectionDef): Promise<void> {
    try {
      this.putElectionNow(def);
    } catch (e) {
      throw busyCoded(e, this.busyMs);
    }
  }

  private putElectionNow(def: ElectionDef): void {
    const row = electionRow(def);
    row[4] = def.pendingFiguresCount === true ? 1 : 0; // SQLite keeps the flag as 0/1
    this.db
      .transaction(() => {
        this.db
          .prepare(
            `INSERT INTO elections (${ELECTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET label = excluded.label, ruleset = excluded.ruleset, choices = excluded.choices,
           pending_figures_count = excluded.pending_figures_count, published = excluded.published,
           jurisdiction = excluded.jurisdiction, manifest = excluded.manifest`,
          )
          .run(...row);
        const stored = electionOf(
          this.db.prepare('SELECT * FROM elections WHERE id = ?').get(def.id) as Row,
        );
        const d = electionDigest(stored);
        const last = this.db
          .prepare(
            "SELECT detail FROM audit_log WHERE kind = 'election' AND subject = ? ORDER BY seq DESC LIMIT 1",
          )
          .get(def.id) as Row | undefined;
        if (last?.['detail'] !== d)
          appendLog(this.db, 'election', def.id, d, new Date().toISOString());
      })
      .immediate();
  }

  async getElection(id: string): Promise<ElectionDef | null> {
    const r = this.read('SELECT * FROM elections WHERE id = ?').get(id) as Row | undefined;
    return r ? electionOf(r) : null;
  }

  async listElections(): Promise<ElectionDef[]> {
    const rows = this.db.prepare('SELECT id FROM elections ORDER BY id').all() as Row[];
    const out: ElectionDef[] = [];
    for (const r of rows) {
      const e = await this.getElection(r['id'] as string);
      if (e) out.push(e);
    }
    return out;
  }

  async findImport(election: string, sha256: string): Promise<ImportRecord | null> {
    const r = this.db
      .prepare(
        "SELECT * FROM imports WHERE election = ? AND sha256 = ? AND status = 'committed' AND mode <> 'correction' ORDER BY id LIMIT 1",
      )
      .get(election, sha256) as Row | undefined;
    return r ? importOf(r) : null;
  }

  async listImports(election?: string): Promise<ImportRecord[]> {
    const rows = (
      election === undefined
        ? this.db.prepare('SELECT * FROM imports ORDER BY id').all()
        : this.db.prepare('SELECT * FROM imports WHERE election = ? ORDER BY id').all(election)
    ) as Row[];
    return rows.map(importOf);
  }

  async beginImport(meta: ImportMeta): Promise<ImportSession> {
    // a file's import is written by a worker thread while this one parses on (ADR 011)
    const threaded =
      this.path !== ':memory:' &&
      this.path !== '' &&
      (this.options.importWorker ?? meta.size >= IMPORT_WORKER_MIN_BYTES);
    const warm = this.warmWorker;
    this.warmWorker = null;
    if (!threaded && warm !== null) void warm.terminate();
    // no await before threadedImport: its `begin` is posted now, before the caller reads on
    const link = threaded
      ? await threadedImport(
          warm ?? startImportWorker(this.options.onImportWorker),
          this.path,
          this.busyMs,
          meta,
        )
      : localImport(this.writer(), meta, this.busyMs);
    return plannedSession(meta, link);
  }

  async currentActas(election: string): Promise<StoredActa[]> {
    const stmt = this.db.prepare(
      'SELECT mesa, ubigeo, state, state_label, eligible, voters, votes, blank, null_votes, impugned, version, conflict, warnings, preferential, observation FROM acta_versions NOT INDEXED WHERE election = ? AND is_current = 1',
    );
    const out: StoredActa[] = [];
    for (const r of stmt.raw(true).iterate(election) as IterableIterator<unknown[]>) {
      out.push({
        election,
        mesa: r[0] as string,
        ubigeo: r[1] as string,
        state: r[2] as ActaState,
        stateLabel: r[3] as string,
        eligible: r[4] as number,
        voters: (r[5] as number | null) ?? null,
        votes: decodeVotes(r[6]),
        blank: r[7] as number,
        null: r[8] as number,
        impugned: r[9] as number,
        version: r[10] as number,
        conflict: r[11] === 1,
        warnings: warningsOf(r[12]),
        ...(r[13] ? { preferential: JSON.parse(r[13] as string) as number[][] } : {}),
        ...(typeof r[14] === 'string' ? { observation: r[14] } : {}),
      });
    }
    return out;
  }

  async currentActaColumns(
    election: string,
    choices: number,
    previous?: ActaColumns,
  ): Promise<ActaColumns> {
    return this.snapshots.current(election, choices, previous);
  }

  async getActa(election: string, mesa: string): Promise<StoredActa | null> {
    const r = this.read(
      'SELECT * FROM acta_versions WHERE election = ? AND mesa = ? AND is_current = 1',
    ).get(election, mesa) as Row | undefined;
    return r
      ? {
          ...acta(election, r),
          version: r['version'] as number,
          conflict: r['conflict'] === 1,
          warnings: warningsOf(r['warnings']),
        }
      : null;
  }

  async actaHistory(election: string, mesa: string): Promise<ActaVersion[]> {
    const rows = this.read(
      `SELECT ${VERSION_HISTORY_COLUMNS} ${VERSION_HISTORY_FROM} WHERE v.election = ? AND v.mesa = ? ORDER BY v.version`,
    ).all(election, mesa) as Row[];
    return rows.map((r) => actaVersion(election, r));
  }

  async quarantined(importId: number): Promise<QuarantinedRow[]> {
    const rows = this.db
      .prepare('SELECT * FROM quarantine WHERE import_id = ? ORDER BY row')
      .all(importId) as Row[];
    return rows.map(quarantinedOf);
  }

  async quarantinedOfMesa(election: string, mesa: string): Promise<MesaQuarantinedRow[]> {
    return (this.read(QUARANTINED_OF_MESA_SQL).all(election, mesaKey(mesa)) as Row[]).map(
      mesaQuarantinedOf,
    );
  }

  async quarantinedMesas(election: string): Promise<string[]> {
    return (this.read(QUARANTINED_MESAS_SQL).all(election) as Row[]).map(
      (r) => r['mesa'] as string,
    );
  }

  async revision(election?: string): Promise<string> {
    const r = (
      election === undefined
        ? this.read(
            `SELECT COALESCE(MAX(id), 0) AS id, COUNT(*) AS n, (SELECT COUNT(*) FROM elections) + (SELECT COUNT(*) FROM published_units) AS e, ${revisionSeqSql()} AS s FROM imports WHERE status = 'committed'`,
          ).get()
        : this.read(
            `SELECT COALESCE(MAX(id), 0) AS id, COUNT(*) AS n, 0 AS e, ${revisionSeqSql('?')} AS s FROM imports WHERE election = ? AND status = 'committed'`,
          ).get(election, election)
    ) as Row;
    return revisionText(r);
  }

  async putPublished(
    election: string,
    units: readonly PublishedUnit[],
    seats: unknown,
  ): Promise<void> {
    const del = this.db.prepare('DELETE FROM published_units WHERE election = ?');
    const ins = this.db.prepare(
      'INSERT INTO published_units (election, level, code, doc) VALUES (?, ?, ?, ?)',
    );
    const seat = this.db.prepare(
      'INSERT INTO published_seats (election, doc) VALUES (?, ?) ON CONFLICT(election) DO UPDATE SET doc = excluded.doc',
    );
    this.db
      .transaction(() => {
        del.run(election);
        for (const u of units) ins.run(election, u.level, u.code, JSON.stringify(u.doc));
        if (seats !== null && seats !== undefined) seat.run(election, JSON.stringify(seats));
        const d = publishedDigest(publishedText(this.db, election));
        appendLog(this.db, 'published', election, d, new Date().toISOString());
      })
      .immediate();
  }

  async publishedUnits(election: string, level: string): Promise<PublishedUnit[]> {
    const rows = this.read(
      'SELECT level, code, doc FROM published_units WHERE election = ? AND level = ? ORDER BY code',
    ).all(election, level) as Row[];
    return rows.map(publishedUnitOf);
  }

  async publishedSeats(election: string): Promise<unknown> {
    const r = this.db
      .prepare('SELECT doc FROM published_seats WHERE election = ?')
      .get(election) as Row | undefined;
    return r ? (JSON.parse(r['doc'] as string) as unknown) : null;
  }

  async putProjection(r: ProjectionRecord, o: { readonly wait?: boolean } = {}): Promise<void> {
    const doc = JSON.stringify(r.doc);
    // not waiting: no busy wait, which would stop this thread (and a server's reads) meanwhile
    if (o.wait === false) this.db.pragma('busy_timeout = 0');
    try {
      this.putProjectionNow(r, doc);
    } catch (e) {
      throw o.wait === false ? busyCoded(e, 0) : e;
    } finally {
      if (o.wait === false) this.db.pragma(`busy_timeout = ${Math.trunc(this.busyMs)}`);
    }
  }

  private putProjectionNow(r: ProjectionRecord, doc: string): void {
    this.db
      .transaction(() => {
        const put = this.db
          .prepare(
            'INSERT INTO projections (election, revision, recorded_at, pct_counted, doc) VALUES (?, ?, ?, ?, ?) ON CONFLICT(election, revision) DO NOTHING',
          )
          .run(r.election, r.revision, r.recordedAt, r.pctCounted, doc);
        if (put.changes === 1)
          appendLog(
            this.db,
            'projection',
            projectionSubject(r.election, r.revision),
            projectionDigest({ ...r, doc }),
            r.recordedAt,
          );
      })
      .immediate();
  }

  async appliedVersionPage(election: string, p: AppliedPage): Promise<AppliedVersion[]> {
    // NOT INDEXED: a range of the table's rowid, not the election's index then a sort of them all
    const rows = this.read(
      "SELECT * FROM acta_versions NOT INDEXED WHERE id > ? AND election = ? AND kind <> 'conflict' AND import_id > ? AND import_id <= ? ORDER BY id LIMIT ?",
    ).all(p.afterId, election, p.afterImport, p.upToImport, p.limit) as Row[];
    return rows.map((r) => ({ ...chained(r), id: r['id'] as number }));
  }

  async projectionRecorded(election: string, revision: string): Promise<boolean> {
    return (
      this.db
        .prepare('SELECT 1 FROM projections WHERE election = ? AND revision = ?')
        .get(election, revision) !== undefined
    );
  }

  async projectionHistory(election: string): Promise<ProjectionRecord[]> {
    const rows = this.db
      .prepare(
        'SELECT revision, recorded_at, pct_counted, doc FROM projections WHERE election = ? ORDER BY pct_counted, recorded_at',
      )
      .all(election) as Row[];
    return rows.map((r) => projectionRecordOf(election, r));
  }

  async actaStates(election: string): Promise<ActaStateCounts> {
    return actaStatesOf(this.read(ACTA_STATES_SQL).all(election, election) as Row[]);
  }

  async flaggedActas(election: string): Promise<FlaggedActas[]> {
    const rows = this.read(FLAGGED_SQL).all(election) as Row[];
    return flaggedActasOf(rows, (v) => v === 1);
  }

  async mesaSummaries(election: string): Promise<MesaSummary[]> {
    const rows = this.read(
      'SELECT ubigeo, mesa, state, eligible, voters, conflict FROM acta_versions WHERE election = ? AND is_current = 1 ORDER BY ubigeo, mesa',
    ).all(election) as Row[];
    return rows.map((r) => ({
      ubigeo: r['ubigeo'] as string,
      mesa: r['mesa'] as string,
      state: r['state'] as string,
      eligible: r['eligible'] as number,
      voters: (r['voters'] as number | null) ?? null,
      conflict: r['conflict'] === 1,
    }));
  }

  async places(election: string): Promise<Map<string, PlaceNames>> {
    const rows = this.db.prepare('SELECT * FROM places WHERE election = ?').all(election) as Row[];
    return placesOf(rows);
  }
}

/** A read-only connection for one whole snapshot read (ColumnSnapshots). */
function snapshotReader(path: string, busyMs: number): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma(`busy_timeout = ${Math.trunc(busyMs)}`);
  return db;
}
