import pg from 'pg';
import { checkSchemaVersions, readFault } from '../store-faults.js';
import { APPLIED_PAGE_SQL, PG_APPLIED_PAGE_ROWS } from './page-rows.js';
import { columnsFromActas, type ActaColumns } from '../../core/tally/acta-columns.js';
import type { ElectionDef } from '../../core/model/acta.js';
import type { VersionRecord } from '../../core/tally/batch-plan.js';
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
  PlaceNames,
  ProjectionRecord,
  PublishedUnit,
  MesaQuarantinedRow,
  QuarantinedRow,
  Store,
  StoredActa,
} from '../store.js';
import { revisionText, StoreBusyError } from '../store.js';
import { PG_MIGRATIONS } from './migrations.js';
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
import { acta, actaVersion, chained, type Query } from './pg-rows.js';
import {
  appendLog,
  auditHeadOf,
  auditLogFromOf,
  auditRecordsOf,
  chainsOn,
  LOG_LOCK,
  publishedText,
} from './pg-audit.js';
import { beginPgImport } from './pg-import.js';
import { DEFAULT_APPLICATION_NAME, type PgPoolOptions } from './pg-pool.js';

// The modules the store is made of export what other code uses of it; this one is their door.
export { IMPORT_LOCK } from './pg-import.js';
export { LOG_LOCK } from './pg-audit.js';

const MIGRATION_LOCK = 7_261_2020;
/** How long an import waits for another's import lock before store_busy (as SQLite's wait). */
export const PG_BUSY_MS = 10_000;

const INT8 = 20;
/** 64-bit integers (ids, counts) as numbers: every value cifra stores is far below 2^53. */
export const PG_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Current actas per state of one election, as SQLite's ACTA_STATES_SQL: the counts from the
 * index acta_current_state (migration 11), then the pending rows only, for their figures.
 */
export const ACTA_STATES_SQL = `SELECT state, COUNT(*) AS n, 0 AS figures FROM acta_versions WHERE election = $1 AND is_current GROUP BY state
  UNION ALL SELECT 'pending', 0, COUNT(votes) FROM acta_versions WHERE election = $1 AND is_current AND state = 'pending'`;

/** flaggedActas: the current actas at the JEE or with a conflict, grouped (SQLite's alike). */
const FLAGGED_SQL = `SELECT ubigeo, state = 'jee' AS jee, CASE WHEN state = 'jee' THEN observation END AS observation, conflict, COUNT(*) AS actas
  FROM acta_versions WHERE election = $1 AND is_current AND (state = 'jee' OR conflict)
  GROUP BY ubigeo, state = 'jee', CASE WHEN state = 'jee' THEN observation END, conflict`;

/**
 * The Store on PostgreSQL (node-postgres): the same contract as SQLite (test/store-contract.ts
 * runs against both). Reads use the pool; an import holds one connection and one transaction,
 * with a savepoint per batch, and takes a transaction-scoped advisory lock so that concurrent
 * ingest processes apply their imports one after the other — no lost update, no duplicate
 * version (the unique indexes would refuse one anyway).
 */
export class PgStore implements Store {
  private readonly pool: pg.Pool;
  /** A read on the pool: a role's refused grant is store_read_denied, not a write's read-only. */
  private readonly read: Query = (text, values) => this.pool.query(text, values).catch(readFault);

  constructor(
    connectionString: string,
    private readonly busyMs = PG_BUSY_MS,
    options: PgPoolOptions = {},
  ) {
    this.pool = new pg.Pool({
      connectionString,
      max: options.size ?? 8,
      types: PG_TYPES,
      // unnamed, the server's (and a command's) connections are 'cifra' in pg_stat_activity; a
      // fallback, so the URL's application_name or $PGAPPNAME still names them as an operator says
      ...(options.applicationName === undefined
        ? { fallback_application_name: DEFAULT_APPLICATION_NAME }
        : { application_name: options.applicationName }),
    });
  }

  async migrate(): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      // created only when absent: even IF NOT EXISTS needs CREATE on the schema, which a role
      // that may only read lacks (42501), and an up-to-date store needs no write to be read
      const known = await c.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS known");
      if ((known.rows[0] as Row)['known'] !== true)
        await c.query(
          'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
        );
      const applied = new Set(
        (await c.query('SELECT version FROM schema_migrations')).rows.map(
          (r: Row) => r['version'] as number,
        ),
      );
      checkSchemaVersions(
        applied,
        PG_MIGRATIONS.map((m) => m.version),
      );
      for (const m of PG_MIGRATIONS) {
        if (applied.has(m.version)) continue;
        await c.query('BEGIN');
        try {
          await c.query(m.sql);
          await m.fill?.(c);
          await c.query(
            'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
            [m.version, m.name, new Date().toISOString()],
          );
          await c.query('COMMIT');
        } catch (e) {
          await c.query('ROLLBACK');
          throw e;
        }
      }
    } finally {
      await c.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      c.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async putElection(def: ElectionDef): Promise<void> {
    await this.inTransaction(async (q) => {
      await q(
        `INSERT INTO elections (${ELECTION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET label = excluded.label, ruleset = excluded.ruleset, choices = excluded.choices,
         pending_figures_count = excluded.pending_figures_count, published = excluded.published,
         jurisdiction = excluded.jurisdiction, manifest = excluded.manifest`,
        electionRow(def),
      );
      const stored = electionOf(
        (await q('SELECT * FROM elections WHERE id = $1', [def.id])).rows[0] as Row,
      );
      const d = electionDigest(stored);
      await q('SELECT pg_advisory_xact_lock($1)', [LOG_LOCK]);
      const last = (
        await q(
          "SELECT detail FROM audit_log WHERE kind = 'election' AND subject = $1 ORDER BY seq DESC LIMIT 1",
          [def.id],
        )
      ).rows[0] as Row | undefined;
      if (last?.['detail'] !== d)
        await appendLog(q, 'election', def.id, d, new Date().toISOString());
    });
  }

  /** One transaction on one connection. */
  private async inTransaction<T>(fn: (q: Query) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const out = await fn((text, values) => c.query(text, values));
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    } finally {
      c.release();
    }
  }

  async getElection(id: string): Promise<ElectionDef | null> {
    const r = (await this.read('SELECT * FROM elections WHERE id = $1', [id])).rows[0] as
      Row | undefined;
    return r ? electionOf(r) : null;
  }

  async listElections(): Promise<ElectionDef[]> {
    return (await this.read('SELECT * FROM elections ORDER BY id')).rows.map((r: Row) =>
      electionOf(r),
    );
  }

  async findImport(election: string, sha256: string): Promise<ImportRecord | null> {
    const r = (
      await this.read(
        "SELECT * FROM imports WHERE election = $1 AND sha256 = $2 AND status = 'committed' AND mode <> 'correction' ORDER BY id LIMIT 1",
        [election, sha256],
      )
    ).rows[0] as Row | undefined;
    return r ? importOf(r) : null;
  }

  async listImports(election?: string): Promise<ImportRecord[]> {
    const res =
      election === undefined
        ? await this.read('SELECT * FROM imports ORDER BY id')
        : await this.read('SELECT * FROM imports WHERE election = $1 ORDER BY id', [election]);
    return res.rows.map((r: Row) => importOf(r));
  }

  async beginImport(meta: ImportMeta): Promise<ImportSession> {
    return beginPgImport(this.pool, meta, this.busyMs);
  }

  async revision(election?: string): Promise<string> {
    const r = (
      election === undefined
        ? await this.read(
            `SELECT COALESCE(MAX(id), 0) AS id, COUNT(*) AS n, (SELECT COUNT(*) FROM elections) + (SELECT COUNT(*) FROM published_units) AS e, ${revisionSeqSql()} AS s FROM imports WHERE status = 'committed'`,
          )
        : await this.read(
            `SELECT COALESCE(MAX(id), 0) AS id, COUNT(*) AS n, 0 AS e, ${revisionSeqSql('$1')} AS s FROM imports WHERE election = $1 AND status = 'committed'`,
            [election],
          )
    ).rows[0] as Row;
    return revisionText(r);
  }

  async currentActas(election: string): Promise<StoredActa[]> {
    const rows = (
      await this.read(
        'SELECT mesa, ubigeo, state, state_label, eligible, voters, votes, blank, null_votes, impugned, version, conflict, warnings, preferential, observation FROM acta_versions WHERE election = $1 AND is_current',
        [election],
      )
    ).rows as Row[];
    return rows.map((r) => ({
      ...acta(election, r),
      version: r['version'] as number,
      conflict: r['conflict'] === true,
      warnings: warningsOf(r['warnings']),
    }));
  }

  async currentActaColumns(election: string, choices: number): Promise<ActaColumns> {
    return columnsFromActas(await this.currentActas(election), choices);
  }

  async getActa(election: string, mesa: string): Promise<StoredActa | null> {
    const r = (
      await this.read(
        'SELECT * FROM acta_versions WHERE election = $1 AND mesa = $2 AND is_current',
        [election, mesa],
      )
    ).rows[0] as Row | undefined;
    return r
      ? {
          ...acta(election, r),
          version: r['version'] as number,
          conflict: r['conflict'] === true,
          warnings: warningsOf(r['warnings']),
        }
      : null;
  }

  async actaHistory(election: string, mesa: string): Promise<ActaVersion[]> {
    const rows = (
      await this.read(
        `SELECT ${VERSION_HISTORY_COLUMNS} ${VERSION_HISTORY_FROM} WHERE v.election = $1 AND v.mesa = $2 ORDER BY v.version`,
        [election, mesa],
      )
    ).rows as Row[];
    return rows.map((r) => actaVersion(election, r));
  }

  async quarantined(importId: number): Promise<QuarantinedRow[]> {
    const rows = (
      await this.read('SELECT * FROM quarantine WHERE import_id = $1 ORDER BY row', [importId])
    ).rows as Row[];
    return rows.map(quarantinedOf);
  }

  async quarantinedOfMesa(election: string, mesa: string): Promise<MesaQuarantinedRow[]> {
    const sql = `SELECT q.*, i.file_name FROM quarantine q JOIN imports i ON i.id = q.import_id
      WHERE q.election = $1 AND q.mesa_key = $2 AND i.status = 'committed' ORDER BY q.import_id, q.row`;
    return ((await this.read(sql, [election, mesaKey(mesa)])).rows as Row[]).map(mesaQuarantinedOf);
  }

  async quarantinedMesas(election: string): Promise<string[]> {
    const sql = `SELECT DISTINCT q.mesa FROM quarantine q JOIN imports i ON i.id = q.import_id
      WHERE q.election = $1 AND q.mesa IS NOT NULL AND i.status = 'committed'`;
    return ((await this.read(sql, [election])).rows as Row[]).map((r) => r['mesa'] as string);
  }

  async putPublished(
    election: string,
    units: readonly PublishedUnit[],
    seats: unknown,
  ): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('DELETE FROM published_units WHERE election = $1', [election]);
      if (units.length > 0)
        await c.query(
          'INSERT INTO published_units (election, level, code, doc) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])',
          [
            election,
            units.map((u) => u.level),
            units.map((u) => u.code),
            units.map((u) => JSON.stringify(u.doc)),
          ],
        );
      if (seats !== null && seats !== undefined)
        await c.query(
          'INSERT INTO published_seats (election, doc) VALUES ($1, $2) ON CONFLICT (election) DO UPDATE SET doc = excluded.doc',
          [election, JSON.stringify(seats)],
        );
      const q: Query = (text, values) => c.query(text, values);
      const d = publishedDigest(await publishedText(q, election));
      await q('SELECT pg_advisory_xact_lock($1)', [LOG_LOCK]);
      await appendLog(q, 'published', election, d, new Date().toISOString());
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    } finally {
      c.release();
    }
  }

  async publishedUnits(election: string, level: string): Promise<PublishedUnit[]> {
    const rows = (
      await this.read(
        'SELECT level, code, doc FROM published_units WHERE election = $1 AND level = $2 ORDER BY code',
        [election, level],
      )
    ).rows as Row[];
    return rows.map(publishedUnitOf);
  }

  async publishedSeats(election: string): Promise<unknown> {
    const r = (await this.read('SELECT doc FROM published_seats WHERE election = $1', [election]))
      .rows[0] as Row | undefined;
    return r ? (JSON.parse(r['doc'] as string) as unknown) : null;
  }

  async putProjection(r: ProjectionRecord, o: { readonly wait?: boolean } = {}): Promise<void> {
    const doc = JSON.stringify(r.doc);
    await this.inTransaction(async (q) => {
      if (o.wait === false) {
        // the audit log's lock, if free: an import committing holds it
        const got = await q('SELECT pg_try_advisory_xact_lock($1) AS ok', [LOG_LOCK]);
        if ((got.rows[0] as { ok?: boolean } | undefined)?.ok !== true) throw new StoreBusyError(0);
      } else await q('SELECT pg_advisory_xact_lock($1)', [LOG_LOCK]);
      const put = await q(
        'INSERT INTO projections (election, revision, recorded_at, pct_counted, doc) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (election, revision) DO NOTHING',
        [r.election, r.revision, r.recordedAt, r.pctCounted, doc],
      );
      if (put.rowCount === 1)
        await appendLog(
          q,
          'projection',
          projectionSubject(r.election, r.revision),
          projectionDigest({ ...r, doc }),
          r.recordedAt,
        );
    });
  }

  async appliedVersions(election: string, afterImport: number): Promise<VersionRecord[]> {
    const rows = (
      await this.read(
        "SELECT * FROM acta_versions WHERE election = $1 AND kind <> 'conflict' AND import_id > $2 ORDER BY id",
        [election, afterImport],
      )
    ).rows as Row[];
    return rows.map(chained);
  }

  /** Versions a page (page-rows.ts says why this size). */
  readonly appliedPageRows = PG_APPLIED_PAGE_ROWS;

  async appliedVersionPage(election: string, p: AppliedPage): Promise<AppliedVersion[]> {
    const values = [election, p.afterId, p.afterImport, p.upToImport, p.limit];
    const rows = (await this.read(APPLIED_PAGE_SQL, values)).rows as Row[];
    return rows.map((r) => ({ ...chained(r), id: Number(r['id']) }));
  }

  async projectionRecorded(election: string, revision: string): Promise<boolean> {
    const r = await this.read('SELECT 1 FROM projections WHERE election = $1 AND revision = $2', [
      election,
      revision,
    ]);
    return r.rows.length > 0;
  }

  async projectionHistory(election: string): Promise<ProjectionRecord[]> {
    const rows = (
      await this.read(
        'SELECT revision, recorded_at, pct_counted, doc FROM projections WHERE election = $1 ORDER BY pct_counted, recorded_at',
        [election],
      )
    ).rows as Row[];
    return rows.map((r) => projectionRecordOf(election, r));
  }

  async auditChains(): Promise<{
    versions: ChainedVersion[];
    imports: (ImportRecord & { readonly hash: string | null })[];
  }> {
    return chainsOn(this.read);
  }

  async auditRecords(): Promise<AuditRecords> {
    return auditRecordsOf(this.pool).catch(readFault);
  }

  async auditHead(): Promise<AuditHead> {
    return auditHeadOf(this.pool).catch(readFault);
  }

  async auditLogFrom(seq: number): Promise<LogEntry[]> {
    return auditLogFromOf(this.pool, seq).catch(readFault);
  }

  async actaStates(election: string): Promise<ActaStateCounts> {
    const r = await this.read(ACTA_STATES_SQL, [election]);
    return actaStatesOf(r.rows as Row[]);
  }

  async flaggedActas(election: string): Promise<FlaggedActas[]> {
    const r = await this.read(FLAGGED_SQL, [election]);
    return flaggedActasOf(r.rows as Row[], (v) => v === true);
  }

  async mesaSummaries(election: string): Promise<MesaSummary[]> {
    const rows = (
      await this.read(
        'SELECT ubigeo, mesa, state, eligible, voters, conflict FROM acta_versions WHERE election = $1 AND is_current ORDER BY ubigeo, mesa',
        [election],
      )
    ).rows as Row[];
    return rows.map((r) => ({
      ubigeo: r['ubigeo'] as string,
      mesa: r['mesa'] as string,
      state: r['state'] as string,
      eligible: r['eligible'] as number,
      voters: (r['voters'] as number | null) ?? null,
      conflict: r['conflict'] === true,
    }));
  }

  async places(election: string): Promise<Map<string, PlaceNames>> {
    const rows = (await this.read('SELECT * FROM places WHERE election = $1', [election]))
      .rows as Row[];
    return placesOf(rows);
  }
}
