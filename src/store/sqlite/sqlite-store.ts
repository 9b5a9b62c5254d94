import Database from 'better-sqlite3';
import type { Worker } from 'node:worker_threads';
import { checkSchemaVersions, StoreNeedsMigration } from '../store-faults.js';
import { openSqlite } from './open-sqlite.js';
import type { Issue } from '../../core/issues.js';
import type { Acta, ActaState, ElectionDef } from '../../core/model/acta.js';
import {
  noOutcome,
  type PlannedVersion,
  type StoredMesa,
  type VersionRecord,
} from '../../core/tally/batch-plan.js';
import {
  ActaColumnsBuilder,
  patchColumns,
  type ActaColumns,
  type ActaRow,
} from '../../core/tally/acta-columns.js';
import type {
  ActaStateCounts,
  ActaVersion,
  BatchOutcome,
  ImportMeta,
  ImportRecord,
  ImportSession,
  ImportSummary,
  MesaSummary,
  ProjectionRecord,
  PublishedUnit,
  IncomingActa,
  PlaceNames,
  MesaQuarantinedRow,
  QuarantinedRow,
  Store,
  StoredActa,
} from '../store.js';
import { StoreBusyError } from '../store.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { GENESIS, importHash, type ChainedVersion } from '../audit.js';
import { VERSION_COLUMNS, type VersionColumnName } from '../../core/model/version-columns.js';
import {
  electionDigest,
  headOf,
  nextEntry,
  placesDigest,
  projectionDigest,
  projectionSubject,
  publishedDigest,
  revisionSeqSql,
  quarantineDigest,
  type AuditHead,
  type AuditRecords,
  type LogKind,
  type PlaceRow,
  type PublishedText,
} from '../audit-log.js';
import { ImportPlanner } from '../import-planner.js';
import type { ActaBatch } from '../../core/tally/acta-batch.js';
import { threadedImport } from './import-thread.js';
import { startImportWorker } from './import-worker-start.js';
import { encodeFresh, encodeWrites, NUMS, STRS, type EncodedWrites } from './import-batch.js';
import {
  actaOf,
  actaStatesOf,
  chainedOf,
  ELECTION_COLUMNS,
  electionOf,
  electionRow,
  importOf,
  logEntryOf,
  mesaKey,
  mesaQuarantinedOf,
  projectionOf,
  quarantineOf,
  warningsOf,
  type Row,
  committedImportParams,
  startedImportParams,
} from '../rows.js';

/** A mesa key's quarantined rows of committed imports (the index quarantine_mesa finds them). */
const QUARANTINED_OF_MESA_SQL = `SELECT q.*, i.file_name FROM quarantine q JOIN imports i ON i.id = q.import_id
  WHERE q.election = ? AND q.mesa_key = ? AND i.status = 'committed' ORDER BY q.import_id, q.row`;
const QUARANTINED_MESAS_SQL = `SELECT DISTINCT q.mesa FROM quarantine q JOIN imports i ON i.id = q.import_id
  WHERE q.election = ? AND q.mesa IS NOT NULL AND i.status = 'committed'`;

function encodeVotes(v: readonly number[] | null): Buffer | null {
  if (v === null) return null;
  // an indexed copy: half the CPU of Int32Array.from's iterator on an import's 86,488 rows
  const t = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) t[i] = v[i] as number;
  return Buffer.from(t.buffer);
}
function decodeVotes(b: unknown): number[] | null {
  if (b === null || b === undefined) return null;
  const buf = b as Buffer;
  // an aligned copy, then one native conversion (BLOBs need not be 4-byte aligned)
  const aligned =
    buf.byteOffset % 4 === 0
      ? new Int32Array(buf.buffer, buf.byteOffset, buf.byteLength >> 2)
      : new Int32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  return Array.from(aligned);
}

const VERSION_COLUMN_LIST = VERSION_COLUMNS.map((c) => c.column).join(', ');

/**
 * How a version is written (exported for the benchmark of the store's floor): the columns of
 * VERSION_COLUMNS, so a column added there and not bound here fails every insert, not silently.
 */
export const INSERT_VERSION_SQL = `INSERT INTO acta_versions (${VERSION_COLUMN_LIST}) VALUES (${VERSION_COLUMNS.map(() => '?').join(', ')})`;

/** SQL's text literal of `s`. */
function sqlText(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/**
 * INSERT_VERSION_SQL for a fresh batch of one import (EncodedWrites.fresh): the columns that are
 * the same on every row are literals, so that better-sqlite3 binds 14 values per row, not 21
 * (ADR 013: 5–10 % of the writer's INSERT time). Stores the same values as INSERT_VERSION_SQL.
 */
export function freshInsertSql(election: string, importId: number, recordedAt: string): string {
  if (!Number.isSafeInteger(importId)) throw new Error(`import id ${importId} is not an integer`);
  const fixed: Partial<Record<VersionColumnName, string>> = {
    election: sqlText(election),
    version: '1',
    kind: "'new'",
    is_current: '1',
    conflict: '0',
    import_id: String(importId),
    recorded_at: sqlText(recordedAt),
  };
  const values = VERSION_COLUMNS.map((c) => fixed[c.column] ?? '?').join(', ');
  return `INSERT INTO acta_versions (${VERSION_COLUMN_LIST}) VALUES (${values})`;
}

/**
 * The parameters of INSERT_VERSION_SQL for a planned version of an acta: VERSION_COLUMNS' values
 * as SQLite stores them, listed by hand (test/version-columns.test.ts holds it to the table).
 */
export function versionRow(election: string, v: PlannedVersion): unknown[] {
  const a = v.acta;
  return [
    election,
    v.mesa,
    v.version,
    v.kind,
    v.isCurrent ? 1 : 0,
    v.conflict ? 1 : 0,
    a.ubigeo,
    a.state,
    a.stateLabel,
    a.eligible,
    a.voters,
    encodeVotes(a.votes),
    a.blank,
    a.null,
    a.impugned,
    v.importId,
    v.row,
    v.recordedAt,
    v.warnings,
    a.preferential ? JSON.stringify(a.preferential) : null,
    v.hash,
  ];
}

/** How long a connection waits for another's write lock before SQLITE_BUSY (store_busy). */
export const SQLITE_BUSY_MS = 10_000;

/** SQLite's settings for every connection: WAL, normal sync, a page cache one import fits in. */
export function configureSqlite(db: Database.Database, busyMs = SQLITE_BUSY_MS): void {
  // 16 KiB pages for a new file (an existing one keeps its size): a whole-count import writes and
  // checkpoints a quarter as many pages (ADR 010: commit 0.11 -> 0.055 s CPU on the 2021 file)
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${Math.trunc(busyMs)}`);
  db.pragma('cache_size = -65536'); // 64 MiB of page cache: one import touches every acta
}

/** SQLITE_BUSY (another import holds the write lock past busy_timeout) as StoreBusyError. */
function busyCoded(e: unknown, busyMs: number): unknown {
  return String((e as { code?: unknown }).code).startsWith('SQLITE_BUSY')
    ? new StoreBusyError(busyMs)
    : e;
}

const acta = (election: string, r: Row): Acta => actaOf(election, r, decodeVotes);
const chained = (r: Row) => chainedOf(r, decodeVotes);

export interface SqliteStoreOptions {
  /**
   * Whether a file store's import is written by a worker thread (ADR 011); absent: when the file
   * imported is large enough to repay the worker's start. A memory database never is.
   */
  readonly importWorker?: boolean;
  /** Called with each writer thread started (a test ends one to see the import fail whole). */
  readonly onImportWorker?: ((worker: Worker) => void) | undefined;
}

/** Below this, starting the writer thread costs more than the overlap saves (ADR 011). */
export const IMPORT_WORKER_MIN_BYTES = 256 << 10;

export class SqliteStore implements Store {
  private readonly db: Database.Database;
  /** Prepared read statements by their (constant) SQL: preparing costs more than a point read. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly path: string,
    private readonly busyMs = SQLITE_BUSY_MS,
    private readonly options: SqliteStoreOptions = {},
  ) {
    // read-only when the file, folder or mount is (review 8): readers work, writes are coded
    this.db = openSqlite(path, (db) => configureSqlite(db, busyMs), busyMs);
  }

  /**
   * The connection an import writes through: its own, so that the store's readers (the API
   * serving results while it imports) see only committed imports. A memory database has one
   * connection only.
   */
  /** A read statement of constant SQL, prepared once per connection. */
  private read(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (st === undefined) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

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
    return this.chainsNow();
  }

  private chainsNow(): {
    versions: ChainedVersion[];
    imports: (ImportRecord & { readonly hash: string | null })[];
  } {
    const versions = (
      this.db.prepare('SELECT * FROM acta_versions ORDER BY id').all() as Row[]
    ).map((r) => ({
      ...chained(r),
      id: r['id'] as number,
      isCurrent: r['is_current'] === 1,
      conflict: r['conflict'] === 1,
      hash: (r['hash'] as string | null) ?? null,
    }));
    const imports = (this.db.prepare('SELECT * FROM imports ORDER BY id').all() as Row[]).map(
      (r) => ({
        ...importOf(r),
        hash: (r['hash'] as string | null) ?? null,
      }),
    );
    return { versions, imports };
  }

  async auditRecords(): Promise<AuditRecords> {
    // one read transaction: every table as of the same moment
    return this.db.transaction(() => {
      const all = (sql: string): Row[] => this.db.prepare(sql).all() as Row[];
      const { versions, imports } = this.chainsNow();
      const published = (
        all(
          'SELECT election FROM published_units UNION SELECT election FROM published_seats',
        ) as Row[]
      ).map((r) => publishedText(this.db, r['election'] as string));
      return {
        versions,
        imports,
        log: all('SELECT * FROM audit_log ORDER BY seq').map(logEntryOf),
        elections: all('SELECT * FROM elections ORDER BY id').map(electionOf),
        quarantine: all('SELECT * FROM quarantine').map(quarantineOf),
        places: all('SELECT * FROM places') as unknown as PlaceRow[],
        published,
        projections: all('SELECT * FROM projections').map(projectionOf),
        migrations: all(
          'SELECT version, name FROM schema_migrations ORDER BY version',
        ) as unknown as {
          version: number;
          name: string;
        }[],
        knownMigrations: SQLITE_MIGRATIONS,
      };
    })();
  }

  async auditHead(): Promise<AuditHead> {
    return headOf(
      (this.db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').all() as Row[]).map(
        logEntryOf,
      ),
    );
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
        "SELECT * FROM imports WHERE election = ? AND sha256 = ? AND status = 'committed' ORDER BY id LIMIT 1",
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
      'SELECT mesa, ubigeo, state, state_label, eligible, voters, votes, blank, null_votes, impugned, version, conflict, warnings, preferential FROM acta_versions NOT INDEXED WHERE election = ? AND is_current = 1',
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
      });
    }
    return out;
  }

  /**
   * Snapshots this store handed out: the last version id they include and each mesa's index, so
   * the next revision patches the latest snapshot with the actas changed since.
   */
  private readonly snapshots = new WeakMap<
    ActaColumns,
    { election: string; cursor: number; index: Map<string, number>; latest: boolean }
  >();

  async currentActaColumns(
    election: string,
    choices: number,
    previous?: ActaColumns,
  ): Promise<ActaColumns> {
    // One read transaction: the cursor and the rows read agree even while another process imports.
    return this.db.transaction(() => {
      const cursor = (
        this.db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM acta_versions').get() as Row
      )['id'] as number;
      const meta = previous ? this.snapshots.get(previous) : undefined;
      if (
        previous !== undefined &&
        meta !== undefined &&
        meta.latest &&
        meta.election === election &&
        previous.choices === choices
      ) {
        if (meta.cursor === cursor) return previous;
        const rows = this.readColumnRows(
          'SELECT mesa, ubigeo, state, eligible, votes, blank, null_votes, impugned, preferential FROM acta_versions WHERE election = ? AND is_current = 1 AND mesa IN (SELECT DISTINCT mesa FROM acta_versions WHERE id > ? AND election = ?)',
          [election, meta.cursor, election],
        );
        const { columns, added } = patchColumns(previous, rows, (m) => meta.index.get(m));
        // indexes never move, so the index grows along the one line of snapshots
        for (const [m, i] of added) meta.index.set(m, i);
        meta.latest = false;
        this.snapshots.set(columns, { election, cursor, index: meta.index, latest: true });
        return columns;
      }
      const n = (
        this.db
          .prepare('SELECT COUNT(*) AS n FROM acta_versions WHERE election = ? AND is_current = 1')
          .get(election) as Row
      )['n'] as number;
      const b = new ActaColumnsBuilder(n, choices);
      this.eachColumnRow(
        'SELECT mesa, ubigeo, state, eligible, votes, blank, null_votes, impugned, preferential FROM acta_versions NOT INDEXED WHERE election = ? AND is_current = 1',
        [election],
        (r, votes) =>
          b.push(
            r[0] as string,
            r[1] as string,
            r[2] as ActaState,
            r[3] as number,
            r[5] as number,
            r[6] as number,
            r[7] as number,
            votes,
            r[8] ? (JSON.parse(r[8] as string) as number[][]) : undefined,
          ),
      );
      const columns = b.finish();
      this.snapshots.set(columns, {
        election,
        cursor,
        index: new Map(columns.mesa.map((m, i) => [m, i])),
        latest: true,
      });
      return columns;
    })();
  }

  /**
   * Each row of a snapshot query (mesa, ubigeo, state, eligible, votes, blank, null, impugned,
   * preferential) with its votes straight from the BLOB's bytes: a view when aligned.
   */
  private eachColumnRow(
    sql: string,
    params: readonly unknown[],
    each: (r: unknown[], votes: Int32Array | null) => void,
  ): void {
    for (const r of this.db
      .prepare(sql)
      .raw(true)
      .iterate(...params) as IterableIterator<unknown[]>) {
      const blob = r[4] as Buffer | null;
      each(
        r,
        blob === null
          ? null
          : blob.byteOffset % 4 === 0
            ? new Int32Array(blob.buffer, blob.byteOffset, blob.byteLength >> 2)
            : new Int32Array(Uint8Array.from(blob).buffer),
      );
    }
  }

  /** Rows for a snapshot patch, as ActaRows. */
  private readColumnRows(sql: string, params: readonly unknown[]): ActaRow[] {
    const out: ActaRow[] = [];
    this.eachColumnRow(sql, params, (r, votes) =>
      out.push({
        mesa: r[0] as string,
        ubigeo: r[1] as string,
        state: r[2] as ActaState,
        eligible: r[3] as number,
        blank: r[5] as number,
        null: r[6] as number,
        impugned: r[7] as number,
        votes,
        preferential: r[8] ? (JSON.parse(r[8] as string) as number[][]) : undefined,
      }),
    );
    return out;
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
      'SELECT v.*, i.sha256 AS sha256 FROM acta_versions v LEFT JOIN imports i ON i.id = v.import_id WHERE v.election = ? AND v.mesa = ? ORDER BY v.version',
    ).all(election, mesa) as Row[];
    return rows.map((r) => ({
      version: r['version'] as number,
      kind: r['kind'] as ActaVersion['kind'],
      acta: acta(election, r),
      importId: (r['import_id'] as number | null) ?? null,
      sha256: (r['sha256'] as string | null) ?? null,
      row: (r['row'] as number | null) ?? null,
      recordedAt: r['recorded_at'] as string,
      warnings: JSON.parse(r['warnings'] as string) as Issue[],
      current: r['is_current'] === 1,
    }));
  }

  async quarantined(importId: number): Promise<QuarantinedRow[]> {
    const rows = this.db
      .prepare('SELECT * FROM quarantine WHERE import_id = ? ORDER BY row')
      .all(importId) as Row[];
    return rows.map((r) => ({
      row: r['row'] as number,
      mesa: (r['mesa'] as string | null) ?? null,
      issues: JSON.parse(r['issues'] as string) as Issue[],
      raw: JSON.parse(r['raw'] as string) as Record<string, string>,
    }));
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
    return `${r['id'] as number}:${r['n'] as number}:${r['e'] as number}:${r['s'] as number}`;
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
    return rows.map((r) => ({
      level: r['level'] as string,
      code: r['code'] as string,
      doc: JSON.parse(r['doc'] as string) as unknown,
    }));
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

  async appliedVersions(election: string, afterImport: number): Promise<VersionRecord[]> {
    const rows = this.db
      .prepare(
        "SELECT * FROM acta_versions WHERE election = ? AND kind <> 'conflict' AND import_id > ? ORDER BY id",
      )
      .all(election, afterImport) as Row[];
    return rows.map(chained);
  }

  async projectionHistory(election: string): Promise<ProjectionRecord[]> {
    const rows = this.db
      .prepare(
        'SELECT revision, recorded_at, pct_counted, doc FROM projections WHERE election = ? ORDER BY pct_counted, recorded_at',
      )
      .all(election) as Row[];
    return rows.map((r) => ({
      election,
      revision: r['revision'] as string,
      recordedAt: r['recorded_at'] as string,
      pctCounted: r['pct_counted'] as number,
      doc: JSON.parse(r['doc'] as string) as unknown,
    }));
  }

  async actaStates(election: string): Promise<ActaStateCounts> {
    return actaStatesOf(
      this.read(
        'SELECT state, COUNT(*) AS n, COUNT(votes) AS figures FROM acta_versions WHERE election = ? AND is_current = 1 GROUP BY state',
      ).all(election) as Row[],
    );
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
    return new Map(
      rows.map((r) => [
        r['ubigeo'] as string,
        {
          department: r['department'] as string,
          province: r['province'] as string,
          district: r['district'] as string,
        },
      ]),
    );
  }
}

/** Appends an entry to the audit log, inside the caller's write transaction. */
function appendLog(
  db: Database.Database,
  kind: LogKind,
  subject: string,
  detail: string,
  at: string,
): void {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  const e = nextEntry(last ?? null, kind, subject, detail, at);
  db.prepare(
    'INSERT INTO audit_log (seq, kind, subject, detail, at, hash) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(e.seq, e.kind, e.subject, e.detail, e.at, e.hash);
}

/** The import's log entry: its record's hash, the version chain's length and head, its quarantine, the election's places. */
function logImport(db: Database.Database, record: ImportRecord, hash: string): void {
  const head = db
    .prepare(
      'SELECT (SELECT COUNT(*) FROM acta_versions) AS n, (SELECT hash FROM acta_versions ORDER BY id DESC LIMIT 1) AS h',
    )
    .get() as Row;
  const q = (
    db.prepare('SELECT * FROM quarantine WHERE import_id = ?').all(record.id) as Row[]
  ).map(quarantineOf);
  const places = db
    .prepare('SELECT * FROM places WHERE election = ?')
    .all(record.election) as PlaceRow[];
  const detail = JSON.stringify({
    import: hash,
    versions: head['n'] as number,
    versionHead: (head['h'] as string | null) ?? GENESIS,
    quarantine: quarantineDigest(q),
    places: placesDigest(places),
  });
  appendLog(db, 'import', String(record.id), detail, record.finishedAt ?? record.startedAt);
}

function publishedText(db: Database.Database, election: string): PublishedText {
  const units = db
    .prepare('SELECT level, code, doc FROM published_units WHERE election = ?')
    .all(election) as { level: string; code: string; doc: string }[];
  const seats = db.prepare('SELECT doc FROM published_seats WHERE election = ?').get(election) as
    { doc: string } | undefined;
  return { election, units, seats: seats?.doc ?? null };
}

/** What an import's connection answers when it begins: under its write lock, taken now. */
export interface ImportBegun {
  readonly importId: number;
  /** The hash of the last version stored: the chain's head. */
  readonly chain: string;
  /** The election had no versions: only mesas this import wrote can have any. */
  readonly fresh: boolean;
}

/**
 * The write side of one import on one connection (its own: readers see only committed imports):
 * the same code on the calling thread and in the writer thread (ADR 011). The plan is made by
 * the caller; this reads the stored mesas it asks for and executes the packed writes.
 */
export class SqliteImportWriter {
  private open = true;
  private batchNo = 0;
  private readonly selectStored;
  private readonly selectVersion;
  private readonly insertVersion;
  /** A fresh batch's INSERT (freshInsertSql), prepared by the first such batch. */
  private insertFresh: Database.Statement | null = null;
  private readonly retire;
  private readonly flagConflict;
  private readonly insertQuarantine;
  private readonly insertPlace;

  private constructor(
    private readonly db: Database.Database,
    private readonly done: () => void,
    private readonly meta: ImportMeta,
    readonly begun: ImportBegun,
  ) {
    this.selectStored = db.prepare(
      'SELECT v.*, (SELECT MAX(m.version) FROM acta_versions m WHERE m.election = v.election AND m.mesa = v.mesa) AS max_version FROM acta_versions v WHERE v.election = ? AND v.is_current = 1 AND v.mesa IN (SELECT value FROM json_each(?))',
    );
    this.selectVersion = db.prepare(
      'SELECT * FROM acta_versions WHERE election = ? AND mesa = ? AND version = ?',
    );
    this.insertVersion = db.prepare(INSERT_VERSION_SQL);
    this.retire = db.prepare(
      'UPDATE acta_versions SET is_current = 0, conflict = 0 WHERE election = ? AND mesa = ? AND is_current = 1',
    );
    this.flagConflict = db.prepare(
      'UPDATE acta_versions SET conflict = 1 WHERE election = ? AND mesa = ? AND is_current = 1',
    );
    this.insertQuarantine = db.prepare(
      'INSERT INTO quarantine (import_id, election, row, mesa, mesa_key, issues, raw) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertPlace = db.prepare(
      'INSERT OR IGNORE INTO places (election, ubigeo, department, province, district) VALUES (?, ?, ?, ?, ?)',
    );
  }

  /** Takes the write lock (store_busy after `busyMs`) and logs the import as running. */
  static begin(
    writer: { db: Database.Database; done: () => void },
    meta: ImportMeta,
    busyMs: number,
  ): SqliteImportWriter {
    const { db, done } = writer;
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (e) {
      done();
      throw busyCoded(e, busyMs);
    }
    try {
      const chain =
        ((
          db.prepare('SELECT hash FROM acta_versions ORDER BY id DESC LIMIT 1').get() as
            Row | undefined
        )?.['hash'] as string | undefined) ?? GENESIS;
      const importId = Number(
        db
          .prepare(
            "INSERT INTO imports (election, file_name, sha256, size, format, mode, status, started_at) VALUES (?, ?, ?, ?, ?, ?, 'running', ?)",
          )
          .run(...startedImportParams(meta)).lastInsertRowid,
      );
      const fresh =
        db.prepare('SELECT 1 FROM acta_versions WHERE election = ? LIMIT 1').get(meta.election) ===
        undefined;
      return new SqliteImportWriter(db, done, meta, { importId, chain, fresh });
    } catch (e) {
      // never leave the write lock held by a half-begun import
      db.exec('ROLLBACK');
      done();
      throw e;
    }
  }

  /** The current version of each mesa asked for that has one, with its version count. */
  stored(mesas: readonly string[]): Map<string, StoredMesa> {
    const out = new Map<string, StoredMesa>();
    const { election } = this.meta;
    for (const r of this.selectStored.all(election, JSON.stringify(mesas)) as Row[]) {
      const mesa = r['mesa'] as string;
      const maxVersion = r['max_version'] as number;
      // a higher version than the current one is a conflict kept: read it (rare) to compare
      const top =
        (r['version'] as number) < maxVersion
          ? (this.selectVersion.get(election, mesa, maxVersion) as Row | undefined)
          : undefined;
      const latest = top === undefined ? undefined : acta(election, top);
      out.set(mesa, { acta: acta(election, r), maxVersion, latest });
    }
    return out;
  }

  /** One batch's writes, all or none (a savepoint). */
  write(w: EncodedWrites): void {
    const sp = `batch_${this.batchNo++}`;
    this.db.exec(`SAVEPOINT ${sp}`);
    try {
      this.writeAll(w);
      this.db.exec(`RELEASE ${sp}`);
    } catch (e) {
      // unless SQLite already rolled the whole transaction back (SQLITE_FULL): the error is e's
      if (this.db.inTransaction) this.db.exec(`ROLLBACK TO ${sp}; RELEASE ${sp}`);
      throw e;
    }
  }

  private writeAll(w: EncodedWrites): void {
    const { election } = this.meta;
    const { importId } = this.begun;
    for (const m of w.retire) this.retire.run(election, m);
    for (const m of w.flag) this.flagConflict.run(election, m);
    if (w.fresh === true) this.insertFreshVersions(w);
    else this.insertVersions(w);
    for (const [ubigeo, p] of w.places)
      this.insertPlace.run(election, ubigeo, p.department, p.province, p.district);
    for (const [row, mesa, issues, raw] of w.quarantined)
      this.insertQuarantine.run(
        importId,
        election,
        row,
        mesa,
        mesa === null ? null : mesaKey(mesa),
        issues,
        raw,
      );
  }

  /** The versions of a fresh batch: version 1, new, current, no conflict (EncodedWrites.fresh). */
  private insertFreshVersions(w: EncodedWrites): void {
    this.insertFresh ??= this.db.prepare(
      freshInsertSql(this.meta.election, this.begun.importId, this.meta.startedAt),
    );
    const insert = this.insertFresh;
    const { strs, nums, votesLen, votes } = w;
    let at = 0;
    for (let k = 0; k < w.n; k++) {
      const s = k * STRS;
      const x = k * NUMS;
      const len = votesLen[k] as number;
      const blob = len < 0 ? null : Buffer.from(votes.buffer, votes.byteOffset + at * 4, len * 4);
      at += Math.max(len, 0);
      const voters = nums[x + 4] as number;
      insert.run(
        strs[s],
        strs[s + 2],
        strs[s + 3],
        strs[s + 4],
        nums[x + 3],
        Number.isNaN(voters) ? null : voters,
        blob,
        nums[x + 5],
        nums[x + 6],
        nums[x + 7],
        nums[x + 8],
        strs[s + 5],
        strs[s + 6],
        strs[s + 7],
      );
    }
  }

  private insertVersions(w: EncodedWrites): void {
    const { election, startedAt } = this.meta;
    const { importId } = this.begun;
    const { strs, nums, votesLen, votes } = w;
    let at = 0;
    for (let k = 0; k < w.n; k++) {
      const s = k * STRS;
      const x = k * NUMS;
      const len = votesLen[k] as number;
      // the votes' bytes as a view: SQLite copies them when it binds
      const blob = len < 0 ? null : Buffer.from(votes.buffer, votes.byteOffset + at * 4, len * 4);
      at += Math.max(len, 0);
      const voters = nums[x + 4] as number;
      // spread, not one array: better-sqlite3 binds arguments faster (ADR 010)
      this.insertVersion.run(
        election,
        strs[s],
        nums[x],
        strs[s + 1],
        nums[x + 1],
        nums[x + 2],
        strs[s + 2],
        strs[s + 3],
        strs[s + 4],
        nums[x + 3],
        Number.isNaN(voters) ? null : voters,
        blob,
        nums[x + 5],
        nums[x + 6],
        nums[x + 7],
        importId,
        nums[x + 8],
        startedAt,
        strs[s + 5],
        strs[s + 6],
        strs[s + 7],
      );
    }
  }

  /** The import's counts, its hash in the imports' chain, its audit-log entry; then COMMIT. */
  commit(s: ImportSummary): void {
    const { db } = this;
    const { importId } = this.begun;
    db.prepare(
      "UPDATE imports SET status = 'committed', finished_at = ?, rows_read = ?, new = ?, unchanged = ?, state_changes = ?, corrected = ?, conflicts = ?, quarantined = ?, quarantined_by_code = ? WHERE id = ?",
    ).run(...committedImportParams(s, importId));
    const prevImport =
      ((
        db
          .prepare(
            "SELECT hash FROM imports WHERE status = 'committed' AND id < ? ORDER BY id DESC LIMIT 1",
          )
          .get(importId) as Row | undefined
      )?.['hash'] as string | undefined) ?? GENESIS;
    const record = importOf(db.prepare('SELECT * FROM imports WHERE id = ?').get(importId) as Row);
    const hash = importHash(prevImport, record);
    db.prepare('UPDATE imports SET hash = ? WHERE id = ?').run(hash, importId);
    logImport(db, record, hash);
    db.exec('COMMIT');
    this.open = false;
    this.done();
  }

  rollback(): void {
    if (this.open) {
      // SQLITE_FULL (and IOERR, NOMEM) may have rolled it back already (sqlite.org/lang_transaction.html)
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.done();
    }
    this.open = false;
  }
}

/** How a session reaches its connection: on this thread, or in the writer thread (ADR 011). */
export interface ImportLink {
  readonly begun: ImportBegun;
  /** Batches that may be sent before the first is answered (absent: one at a time). */
  readonly inFlight?: number;
  stored(mesas: readonly string[]): Promise<Map<string, StoredMesa>>;
  write(w: EncodedWrites): Promise<void>;
  commit(s: ImportSummary): Promise<void>;
  rollback(): Promise<void>;
}

function localImport(
  writer: { db: Database.Database; done: () => void },
  meta: ImportMeta,
  busyMs: number,
): ImportLink {
  const w = SqliteImportWriter.begin(writer, meta, busyMs);
  return {
    begun: w.begun,
    stored: async (mesas) => w.stored(mesas),
    write: async (e) => w.write(e),
    commit: async (s) => w.commit(s),
    rollback: async () => w.rollback(),
  };
}

/**
 * An import session: each batch planned on the calling thread, in order (the hash chain runs
 * through the batches), its writes sent to the link. A batch waits for the answer of the stored
 * mesas it must compare with; the first import of an election asks only for mesas it wrote itself.
 */
function plannedSession(meta: ImportMeta, link: ImportLink): ImportSession {
  const { importId, chain, fresh } = link.begun;
  const written: Set<string> | null = fresh ? new Set() : null;
  const planner = new ImportPlanner(meta, importId, chain);
  let planned: Promise<unknown> = Promise.resolve();
  let failed = false;
  const planAndSend = (
    incoming: readonly IncomingActa[],
    quarantined: readonly QuarantinedRow[],
    stored: ReadonlyMap<string, StoredMesa>,
  ): { sent: Promise<BatchOutcome> } => {
    if (failed) throw new Error('an earlier batch of this import failed');
    const plan = planner.plan(stored, incoming);
    const packed = encodeWrites(importId, meta.startedAt, plan.writes, quarantined);
    // the next batch is planned on this one's chain before the link answers; a failed write
    // fails every later batch (the caller rolls the import back)
    planner.done(plan);
    if (written !== null)
      for (const w of plan.writes) if (w.op === 'insert_version') written.add(w.version.mesa);
    return send(packed, plan.outcome);
  };
  const send = (packed: EncodedWrites, outcome: BatchOutcome): { sent: Promise<BatchOutcome> } => {
    const sent = link.write(packed).then(
      () => outcome,
      (e: unknown) => {
        failed = true;
        throw e;
      },
    );
    sent.catch(() => {}); // returned to the caller below; not unhandled meanwhile
    return { sent };
  };
  return {
    importId,
    ...(link.inFlight === undefined ? {} : { inFlight: link.inFlight }),
    applyBatch: (incoming, quarantined) => {
      const step = planned.then(async () => {
        const mesas = incoming.map((i) => i.acta.mesa);
        const asked = written === null ? mesas : mesas.filter((m) => written.has(m));
        const stored = asked.length === 0 ? new Map() : await link.stored(asked);
        return planAndSend(incoming, quarantined, stored);
      });
      planned = step.catch(() => {});
      return step.then(({ sent }) => sent);
    },
    // a fresh import's batches, planned from their columns in order (ADR 012)
    ...(fresh
      ? {
          applyColumns: (batch: ActaBatch<PlaceNames>, quarantined: readonly QuarantinedRow[]) => {
            const step = planned.then(() => {
              if (failed) throw new Error('an earlier batch of this import failed');
              const { hashes, places } = planner.planFresh(batch);
              // as applyBatch does: a later object batch of this import must ask for these mesas
              if (written !== null)
                for (let k = 0; k < batch.n; k++) written.add(batch.mesa[k] as string);
              const outcome = { ...noOutcome(), new: batch.n };
              return send(encodeFresh(batch, hashes, places, quarantined), outcome);
            });
            planned = step.catch(() => {});
            return step.then(({ sent }) => sent);
          },
        }
      : {}),
    commit: (s) => link.commit(s),
    rollback: () => link.rollback(),
  };
}
