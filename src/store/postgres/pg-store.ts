import pg from 'pg';
import { checkSchemaVersions } from '../store-faults.js';
import { columnsFromActas, type ActaColumns } from '../../core/tally/acta-columns.js';
import type { Issue } from '../../core/issues.js';
import type { Acta, ElectionDef } from '../../core/model/acta.js';
import {
  type BatchWrite,
  type PlannedVersion,
  type StoredMesa,
  type VersionRecord,
} from '../../core/tally/batch-plan.js';
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
import type {
  ActaStateCounts,
  ActaVersion,
  BatchOutcome,
  ImportMeta,
  ImportRecord,
  ImportSession,
  ImportSummary,
  IncomingActa,
  MesaSummary,
  PlaceNames,
  ProjectionRecord,
  PublishedUnit,
  MesaQuarantinedRow,
  QuarantinedRow,
  Store,
  StoredActa,
} from '../store.js';
import { StoreBusyError } from '../store.js';
import { PG_MIGRATIONS } from './migrations.js';
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

/** Imports are serialised on this advisory lock: version numbers and the hash chain stay linear. */
export const IMPORT_LOCK = 7_261_2021;
const MIGRATION_LOCK = 7_261_2020;
/** Appends to the audit log are serialised on this one, held only while appending. */
export const LOG_LOCK = 7_261_2022;
/** How long an import waits for another's import lock before store_busy (as SQLite's wait). */
export const PG_BUSY_MS = 10_000;
/** PostgreSQL's lock_not_available: lock_timeout expired while waiting. */
const LOCK_NOT_AVAILABLE = '55P03';

const INT8 = 20;
/** 64-bit integers (ids, counts) as numbers: every value cifra stores is far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const pgVotes = (v: unknown): number[] | null => (v as number[] | null) ?? null;
const acta = (election: string, r: Row): Acta => actaOf(election, r, pgVotes);
const chained = (r: Row) => chainedOf(r, pgVotes);

/**
 * The Store on PostgreSQL (node-postgres): the same contract as SQLite (test/store-contract.ts
 * runs against both). Reads use the pool; an import holds one connection and one transaction,
 * with a savepoint per batch, and takes a transaction-scoped advisory lock so that concurrent
 * ingest processes apply their imports one after the other — no lost update, no duplicate
 * version (the unique indexes would refuse one anyway).
 */
export class PgStore implements Store {
  private readonly pool: pg.Pool;

  constructor(
    connectionString: string,
    private readonly busyMs = PG_BUSY_MS,
  ) {
    this.pool = new pg.Pool({ connectionString, max: 8, types });
  }

  async migrate(): Promise<void> {
    const c = await this.pool.connect();
    try {
      await c.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await c.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
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
    const r = (await this.pool.query('SELECT * FROM elections WHERE id = $1', [id])).rows[0] as
      Row | undefined;
    return r ? electionOf(r) : null;
  }

  async listElections(): Promise<ElectionDef[]> {
    return (await this.pool.query('SELECT * FROM elections ORDER BY id')).rows.map((r: Row) =>
      electionOf(r),
    );
  }

  async findImport(election: string, sha256: string): Promise<ImportRecord | null> {
    const r = (
      await this.pool.query(
        "SELECT * FROM imports WHERE election = $1 AND sha256 = $2 AND status = 'committed' ORDER BY id LIMIT 1",
        [election, sha256],
      )
    ).rows[0] as Row | undefined;
    return r ? importOf(r) : null;
  }

  async listImports(election?: string): Promise<ImportRecord[]> {
    const res =
      election === undefined
        ? await this.pool.query('SELECT * FROM imports ORDER BY id')
        : await this.pool.query('SELECT * FROM imports WHERE election = $1 ORDER BY id', [
            election,
          ]);
    return res.rows.map((r: Row) => importOf(r));
  }

  async beginImport(meta: ImportMeta): Promise<ImportSession> {
    const c = await this.pool.connect();
    let open = true;
    const q = (text: string, values?: unknown[]) => c.query(text, values);
    try {
      await q('BEGIN');
      // lock_timeout bounds the wait on the advisory lock (0 would mean no bound: 1 ms instead)
      await q(`SET LOCAL lock_timeout = ${Math.max(1, Math.trunc(this.busyMs))}`);
      await q('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
      await q('SET LOCAL lock_timeout TO DEFAULT'); // the rest of the import as configured
    } catch (e) {
      await q('ROLLBACK').catch(() => undefined);
      c.release();
      throw (e as { code?: unknown }).code === LOCK_NOT_AVAILABLE
        ? new StoreBusyError(this.busyMs)
        : e;
    }
    const importId = (
      await q(
        "INSERT INTO imports (election, file_name, sha256, size, format, mode, status, started_at) VALUES ($1, $2, $3, $4, $5, $6, 'running', $7) RETURNING id",
        startedImportParams(meta),
      )
    ).rows[0]['id'] as number;
    const chain =
      ((await q('SELECT hash FROM acta_versions ORDER BY id DESC LIMIT 1')).rows[0]?.['hash'] as
        string | undefined) ?? GENESIS;
    let batchNo = 0;
    const planner = new ImportPlanner(meta, importId, chain);
    const finish = async (sql: string): Promise<void> => {
      if (!open) return;
      open = false;
      try {
        await q(sql);
      } finally {
        c.release();
      }
    };
    const stored = async (incoming: readonly IncomingActa[]): Promise<Map<string, StoredMesa>> => {
      const out = new Map<string, StoredMesa>();
      if (incoming.length === 0) return out;
      const mesas = [...new Set(incoming.map((i) => i.acta.mesa))];
      const rows = (
        await q(
          'SELECT v.*, (SELECT MAX(m.version) FROM acta_versions m WHERE m.election = v.election AND m.mesa = v.mesa) AS max_version FROM acta_versions v WHERE v.election = $1 AND v.is_current AND v.mesa = ANY($2)',
          [meta.election, mesas],
        )
      ).rows as Row[];
      // a higher version than the current one is a conflict kept: read those (rare) to compare
      const kept = rows.filter((r) => (r['version'] as number) < (r['max_version'] as number));
      const latest = new Map<string, Row>();
      if (kept.length > 0)
        for (const r of (
          await q(
            'SELECT v.* FROM acta_versions v JOIN unnest($2::text[], $3::int[]) AS k(mesa, version) ON v.mesa = k.mesa AND v.version = k.version WHERE v.election = $1',
            [meta.election, kept.map((r) => r['mesa']), kept.map((r) => r['max_version'])],
          )
        ).rows as Row[])
          latest.set(r['mesa'] as string, r);
      for (const r of rows) {
        const top = latest.get(r['mesa'] as string);
        out.set(r['mesa'] as string, {
          acta: acta(meta.election, r),
          maxVersion: r['max_version'] as number,
          latest: top === undefined ? undefined : acta(meta.election, top),
        });
      }
      return out;
    };

    return {
      importId,
      applyBatch: async (
        incoming: readonly IncomingActa[],
        quarantined: readonly QuarantinedRow[],
      ): Promise<BatchOutcome> => {
        const sp = `batch_${batchNo++}`;
        await q(`SAVEPOINT ${sp}`);
        try {
          const plan = planner.plan(await stored(incoming), incoming);
          await executePlan(q, meta.election, plan.writes);
          if (quarantined.length > 0)
            await q(
              `INSERT INTO quarantine (import_id, election, row, mesa, mesa_key, issues, raw)
               SELECT $1, $2, * FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[])`,
              [
                importId,
                meta.election,
                quarantined.map((x) => x.row),
                quarantined.map((x) => x.mesa),
                quarantined.map((x) => (x.mesa === null ? null : mesaKey(x.mesa))),
                quarantined.map((x) => JSON.stringify(x.issues)),
                quarantined.map((x) => JSON.stringify(x.raw)),
              ],
            );
          await q(`RELEASE SAVEPOINT ${sp}`);
          planner.done(plan);
          return plan.outcome;
        } catch (e) {
          await q(`ROLLBACK TO SAVEPOINT ${sp}`);
          await q(`RELEASE SAVEPOINT ${sp}`);
          throw e;
        }
      },
      commit: async (s: ImportSummary): Promise<void> => {
        await q(
          "UPDATE imports SET status = 'committed', finished_at = $1, rows_read = $2, new = $3, unchanged = $4, state_changes = $5, corrected = $6, conflicts = $7, quarantined = $8, quarantined_by_code = $9 WHERE id = $10",
          committedImportParams(s, importId),
        );
        const prev =
          ((
            await q(
              "SELECT hash FROM imports WHERE status = 'committed' AND id < $1 ORDER BY id DESC LIMIT 1",
              [importId],
            )
          ).rows[0]?.['hash'] as string | undefined) ?? GENESIS;
        const record = importOf(
          (await q('SELECT * FROM imports WHERE id = $1', [importId])).rows[0] as Row,
        );
        const hash = importHash(prev, record);
        await q('UPDATE imports SET hash = $1 WHERE id = $2', [hash, importId]);
        await logImport(q, record, hash);
        await finish('COMMIT');
      },
      rollback: async (): Promise<void> => {
        await finish('ROLLBACK');
      },
    };
  }

  async revision(election?: string): Promise<string> {
    const r = (
      election === undefined
        ? await this.pool.query(
            `SELECT COALESCE(MAX(id), 0) AS id, COUNT(*) AS n, (SELECT COUNT(*) FROM elections) + (SELECT COUNT(*) FROM published_units) AS e, ${revisionSeqSql()} AS s FROM imports WHERE status = 'committed'`,
          )
        : await this.pool.query(
            `SELECT COALESCE(MAX(id), 0) AS id, COUNT(*) AS n, 0 AS e, ${revisionSeqSql('$1')} AS s FROM imports WHERE election = $1 AND status = 'committed'`,
            [election],
          )
    ).rows[0] as Row;
    return `${Number(r['id'])}:${Number(r['n'])}:${Number(r['e'])}:${Number(r['s'])}`;
  }

  async currentActas(election: string): Promise<StoredActa[]> {
    const rows = (
      await this.pool.query(
        'SELECT mesa, ubigeo, state, state_label, eligible, voters, votes, blank, null_votes, impugned, version, conflict, warnings, preferential FROM acta_versions WHERE election = $1 AND is_current',
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
      await this.pool.query(
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
      await this.pool.query(
        'SELECT v.*, i.sha256 AS sha256 FROM acta_versions v LEFT JOIN imports i ON i.id = v.import_id WHERE v.election = $1 AND v.mesa = $2 ORDER BY v.version',
        [election, mesa],
      )
    ).rows as Row[];
    return rows.map((r) => ({
      version: r['version'] as number,
      kind: r['kind'] as ActaVersion['kind'],
      acta: acta(election, r),
      importId: (r['import_id'] as number | null) ?? null,
      sha256: (r['sha256'] as string | null) ?? null,
      row: (r['row'] as number | null) ?? null,
      recordedAt: r['recorded_at'] as string,
      warnings: JSON.parse(r['warnings'] as string) as Issue[],
      current: r['is_current'] === true,
    }));
  }

  async quarantined(importId: number): Promise<QuarantinedRow[]> {
    const rows = (
      await this.pool.query('SELECT * FROM quarantine WHERE import_id = $1 ORDER BY row', [
        importId,
      ])
    ).rows as Row[];
    return rows.map((r) => ({
      row: r['row'] as number,
      mesa: (r['mesa'] as string | null) ?? null,
      issues: JSON.parse(r['issues'] as string) as Issue[],
      raw: JSON.parse(r['raw'] as string) as Record<string, string>,
    }));
  }

  async quarantinedOfMesa(election: string, mesa: string): Promise<MesaQuarantinedRow[]> {
    const sql = `SELECT q.*, i.file_name FROM quarantine q JOIN imports i ON i.id = q.import_id
      WHERE q.election = $1 AND q.mesa_key = $2 AND i.status = 'committed' ORDER BY q.import_id, q.row`;
    return ((await this.pool.query(sql, [election, mesaKey(mesa)])).rows as Row[]).map(
      mesaQuarantinedOf,
    );
  }

  async quarantinedMesas(election: string): Promise<string[]> {
    const sql = `SELECT DISTINCT q.mesa FROM quarantine q JOIN imports i ON i.id = q.import_id
      WHERE q.election = $1 AND q.mesa IS NOT NULL AND i.status = 'committed'`;
    return ((await this.pool.query(sql, [election])).rows as Row[]).map((r) => r['mesa'] as string);
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
      await this.pool.query(
        'SELECT level, code, doc FROM published_units WHERE election = $1 AND level = $2 ORDER BY code',
        [election, level],
      )
    ).rows as Row[];
    return rows.map((r) => ({
      level: r['level'] as string,
      code: r['code'] as string,
      doc: JSON.parse(r['doc'] as string) as unknown,
    }));
  }

  async publishedSeats(election: string): Promise<unknown> {
    const r = (
      await this.pool.query('SELECT doc FROM published_seats WHERE election = $1', [election])
    ).rows[0] as Row | undefined;
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
      await this.pool.query(
        "SELECT * FROM acta_versions WHERE election = $1 AND kind <> 'conflict' AND import_id > $2 ORDER BY id",
        [election, afterImport],
      )
    ).rows as Row[];
    return rows.map(chained);
  }

  async projectionHistory(election: string): Promise<ProjectionRecord[]> {
    const rows = (
      await this.pool.query(
        'SELECT revision, recorded_at, pct_counted, doc FROM projections WHERE election = $1 ORDER BY pct_counted, recorded_at',
        [election],
      )
    ).rows as Row[];
    return rows.map((r) => ({
      election,
      revision: r['revision'] as string,
      recordedAt: r['recorded_at'] as string,
      pctCounted: r['pct_counted'] as number,
      doc: JSON.parse(r['doc'] as string) as unknown,
    }));
  }

  async auditChains(): Promise<{
    versions: ChainedVersion[];
    imports: (ImportRecord & { readonly hash: string | null })[];
  }> {
    return this.chainsOn((text, values) => this.pool.query(text, values));
  }

  private async chainsOn(q: Query): Promise<{
    versions: ChainedVersion[];
    imports: (ImportRecord & { readonly hash: string | null })[];
  }> {
    const versions = ((await q('SELECT * FROM acta_versions ORDER BY id')).rows as Row[]).map(
      (r) => ({
        ...chained(r),
        id: r['id'] as number,
        isCurrent: r['is_current'] === true,
        conflict: r['conflict'] === true,
        hash: (r['hash'] as string | null) ?? null,
      }),
    );
    const imports = ((await q('SELECT * FROM imports ORDER BY id')).rows as Row[]).map((r) => ({
      ...importOf(r),
      hash: (r['hash'] as string | null) ?? null,
    }));
    return { versions, imports };
  }

  async auditRecords(): Promise<AuditRecords> {
    // one repeatable-read transaction: every table as of the same moment
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const q: Query = (text, values) => c.query(text, values);
      const all = async (sql: string): Promise<Row[]> => (await q(sql)).rows as Row[];
      const { versions, imports } = await this.chainsOn(q);
      const published: PublishedText[] = [];
      for (const r of await all(
        'SELECT election FROM published_units UNION SELECT election FROM published_seats',
      ))
        published.push(await publishedText(q, r['election'] as string));
      const out: AuditRecords = {
        versions,
        imports,
        log: (await all('SELECT * FROM audit_log ORDER BY seq')).map(logEntryOf),
        elections: (await all('SELECT * FROM elections ORDER BY id')).map(electionOf),
        quarantine: (await all('SELECT * FROM quarantine')).map(quarantineOf),
        places: (await all('SELECT * FROM places')) as unknown as PlaceRow[],
        published,
        projections: (await all('SELECT * FROM projections')).map(projectionOf),
        migrations: (await all(
          'SELECT version, name FROM schema_migrations ORDER BY version',
        )) as unknown as { version: number; name: string }[],
        knownMigrations: PG_MIGRATIONS,
      };
      await c.query('COMMIT');
      return out;
    } finally {
      c.release();
    }
  }

  async auditHead(): Promise<AuditHead> {
    return headOf(
      (
        (await this.pool.query('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1')).rows as Row[]
      ).map(logEntryOf),
    );
  }

  async actaStates(election: string): Promise<ActaStateCounts> {
    const r = await this.pool.query(
      'SELECT state, COUNT(*) AS n, COUNT(votes) AS figures FROM acta_versions WHERE election = $1 AND is_current GROUP BY state',
      [election],
    );
    return actaStatesOf(r.rows as Row[]);
  }

  async mesaSummaries(election: string): Promise<MesaSummary[]> {
    const rows = (
      await this.pool.query(
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
    const rows = (await this.pool.query('SELECT * FROM places WHERE election = $1', [election]))
      .rows as Row[];
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

type Query = (text: string, values?: unknown[]) => Promise<pg.QueryResult>;

/**
 * Executes a batch plan: one statement per kind of write, in the plan's order (retires, flags,
 * the versions in chain order, the places).
 */
async function executePlan(
  q: Query,
  election: string,
  writes: readonly BatchWrite<PlaceNames>[],
): Promise<void> {
  const retire: string[] = [];
  const flag: string[] = [];
  const versions: PlannedVersion[] = [];
  const places: { ubigeo: string; place: PlaceNames }[] = [];
  for (const w of writes) {
    if (w.op === 'retire_current') retire.push(w.mesa);
    else if (w.op === 'flag_conflict') flag.push(w.mesa);
    else if (w.op === 'insert_version') versions.push(w.version);
    else places.push(w);
  }
  if (retire.length > 0)
    await q(
      'UPDATE acta_versions SET is_current = FALSE, conflict = FALSE WHERE election = $1 AND is_current AND mesa = ANY($2)',
      [election, retire],
    );
  if (flag.length > 0)
    await q(
      'UPDATE acta_versions SET conflict = TRUE WHERE election = $1 AND is_current AND mesa = ANY($2)',
      [election, flag],
    );
  if (versions.length > 0) await insertVersions(q, election, versions);
  if (places.length > 0)
    await q(
      `INSERT INTO places (election, ubigeo, department, province, district)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) ON CONFLICT DO NOTHING`,
      [
        election,
        places.map((p) => p.ubigeo),
        places.map((p) => p.place.department),
        places.map((p) => p.place.province),
        places.map((p) => p.place.district),
      ],
    );
}

/** A version's column as PostgreSQL takes it: unnest's array type, the value, how it is selected. */
interface PgColumn {
  readonly type: 'text' | 'int' | 'bigint' | 'bool';
  readonly value: (p: PlannedVersion) => unknown;
  /** The expression stored, when not the column itself. */
  readonly select?: string;
}

const json = (x: unknown): string | null => (x ? JSON.stringify(x) : null);

/**
 * Every column of VERSION_COLUMNS but the election (one parameter for the batch): a column added
 * to the table does not compile until it is given here.
 */
const PG_VERSION: Readonly<Record<Exclude<VersionColumnName, 'election'>, PgColumn>> = {
  mesa: { type: 'text', value: (p) => p.mesa },
  version: { type: 'int', value: (p) => p.version },
  kind: { type: 'text', value: (p) => p.kind },
  is_current: { type: 'bool', value: (p) => p.isCurrent },
  conflict: { type: 'bool', value: (p) => p.conflict },
  ubigeo: { type: 'text', value: (p) => p.acta.ubigeo },
  state: { type: 'text', value: (p) => p.acta.state },
  state_label: { type: 'text', value: (p) => p.acta.stateLabel },
  eligible: { type: 'int', value: (p) => p.acta.eligible },
  voters: { type: 'int', value: (p) => p.acta.voters },
  votes: {
    type: 'text',
    value: (p) => (p.acta.votes === null ? null : JSON.stringify(p.acta.votes)),
    select:
      'CASE WHEN votes IS NULL THEN NULL ELSE ARRAY(SELECT json_array_elements_text(votes::json)::int) END',
  },
  blank: { type: 'int', value: (p) => p.acta.blank },
  null_votes: { type: 'int', value: (p) => p.acta.null },
  impugned: { type: 'int', value: (p) => p.acta.impugned },
  import_id: { type: 'bigint', value: (p) => p.importId },
  row: { type: 'int', value: (p) => p.row },
  recorded_at: { type: 'text', value: (p) => p.recordedAt },
  warnings: { type: 'text', value: (p) => p.warnings },
  preferential: { type: 'text', value: (p) => json(p.acta.preferential) },
  hash: { type: 'text', value: (p) => p.hash },
};

const PG_PER_ROW = VERSION_COLUMNS.flatMap((c) =>
  c.column === 'election' ? [] : [{ name: c.column, ...PG_VERSION[c.column] }],
);

/** The versions of a batch as one INSERT from unnested arrays, in VERSION_COLUMNS' order. */
const PG_INSERT_VERSIONS_SQL = `INSERT INTO acta_versions (${VERSION_COLUMNS.map((c) => c.column).join(', ')})
       SELECT $1, ${PG_PER_ROW.map((c) => c.select ?? c.name).join(', ')}
       FROM unnest(${PG_PER_ROW.map((c, i) => `$${i + 2}::${c.type}[]`).join(', ')})
            WITH ORDINALITY AS u(${PG_PER_ROW.map((c) => c.name).join(', ')}, ord)
       ORDER BY ord`;

/** One multi-row INSERT per 5,000 versions, in chain order (ORDER BY the ordinality gives the id order). */
async function insertVersions(
  q: Query,
  election: string,
  rows: readonly PlannedVersion[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const part = rows.slice(i, i + 5000);
    await q(PG_INSERT_VERSIONS_SQL, [election, ...PG_PER_ROW.map((c) => part.map(c.value))]);
  }
}

/** Appends an entry to the audit log; the caller's transaction holds LOG_LOCK. */
async function appendLog(
  q: Query,
  kind: LogKind,
  subject: string,
  detail: string,
  at: string,
): Promise<void> {
  const last = (await q('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')).rows[0] as
    { seq: number; hash: string } | undefined;
  const e = nextEntry(last ?? null, kind, subject, detail, at);
  await q(
    'INSERT INTO audit_log (seq, kind, subject, detail, at, hash) VALUES ($1, $2, $3, $4, $5, $6)',
    [e.seq, e.kind, e.subject, e.detail, e.at, e.hash],
  );
}

/** The import's log entry (see the SQLite store's): taken under LOG_LOCK inside the import. */
async function logImport(q: Query, record: ImportRecord, hash: string): Promise<void> {
  await q('SELECT pg_advisory_xact_lock($1)', [LOG_LOCK]);
  const head = (
    await q(
      'SELECT (SELECT COUNT(*) FROM acta_versions) AS n, (SELECT hash FROM acta_versions ORDER BY id DESC LIMIT 1) AS h',
    )
  ).rows[0] as Row;
  const quarantine = (
    (await q('SELECT * FROM quarantine WHERE import_id = $1', [record.id])).rows as Row[]
  ).map(quarantineOf);
  const places = (await q('SELECT * FROM places WHERE election = $1', [record.election]))
    .rows as PlaceRow[];
  const detail = JSON.stringify({
    import: hash,
    versions: Number(head['n']),
    versionHead: (head['h'] as string | null) ?? GENESIS,
    quarantine: quarantineDigest(quarantine),
    places: placesDigest(places),
  });
  await appendLog(q, 'import', String(record.id), detail, record.finishedAt ?? record.startedAt);
}

async function publishedText(q: Query, election: string): Promise<PublishedText> {
  const units = (
    await q('SELECT level, code, doc FROM published_units WHERE election = $1', [election])
  ).rows as { level: string; code: string; doc: string }[];
  const seats = (await q('SELECT doc FROM published_seats WHERE election = $1', [election]))
    .rows[0] as { doc: string } | undefined;
  return { election, units, seats: seats?.doc ?? null };
}
