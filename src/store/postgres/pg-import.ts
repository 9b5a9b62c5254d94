// An import into the PostgreSQL store: one connection and one transaction under IMPORT_LOCK, a
// savepoint per batch, each batch planned against the stored mesas it touches and written with
// one statement per kind of write.
import type pg from 'pg';
import type { BatchWrite, PlannedVersion, StoredMesa } from '../../core/tally/batch-plan.js';
import { supersededOf, type HistoryVersion, type Superseded } from '../../core/tally/versioning.js';
import { VERSION_COLUMNS, type VersionColumnName } from '../../core/model/version-columns.js';
import { GENESIS, importHash } from '../audit.js';
import { ImportPlanner } from '../import-planner.js';
import {
  committedImportParams,
  importOf,
  mesaKey,
  STARTED_IMPORT_COLUMNS,
  startedImportParams,
  type Row,
} from '../rows.js';
import type {
  BatchOutcome,
  ImportMeta,
  ImportSession,
  ImportSummary,
  IncomingActa,
  PlaceNames,
  QuarantinedRow,
} from '../store.js';
import { StoreBusyError } from '../store.js';
import { logImport } from './pg-audit.js';
import { acta, type Query } from './pg-rows.js';

/** Imports are serialised on this advisory lock: version numbers and the hash chain stay linear. */
export const IMPORT_LOCK = 7_261_2021;
/** PostgreSQL's lock_not_available: lock_timeout expired while waiting. */
const LOCK_NOT_AVAILABLE = '55P03';

/** An import's connection and transaction, open until its commit or rollback. */
interface PgImportTx {
  readonly c: pg.PoolClient;
  readonly q: Query;
  readonly meta: ImportMeta;
  readonly importId: number;
  open: boolean;
}

/** Takes IMPORT_LOCK on a new connection, logs the import as running, and returns its session. */
export async function beginPgImport(
  pool: pg.Pool,
  meta: ImportMeta,
  busyMs: number,
): Promise<ImportSession> {
  const c = await pool.connect();
  const q = (text: string, values?: unknown[]) => c.query(text, values);
  await takeImportLock(c, q, busyMs);
  let importId: number;
  let chain: string;
  try {
    importId = (
      await q(
        `INSERT INTO imports (${STARTED_IMPORT_COLUMNS}, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'running') RETURNING id`,
        startedImportParams(meta),
      )
    ).rows[0]['id'] as number;
    chain =
      ((await q('SELECT hash FROM acta_versions ORDER BY id DESC LIMIT 1')).rows[0]?.['hash'] as
        string | undefined) ?? GENESIS;
  } catch (e) {
    // a refused first write (a read-only database or role): the connection goes back to the pool,
    // else the pool never drains and the store's close waits for ever
    await q('ROLLBACK').catch(() => undefined);
    c.release();
    throw e;
  }
  const tx: PgImportTx = { c, q, meta, importId, open: true };
  let batchNo = 0;
  const planner = new ImportPlanner(meta, importId, chain);
  return {
    importId,
    applyBatch: (incoming: readonly IncomingActa[], quarantined: readonly QuarantinedRow[]) =>
      applyBatch(tx, planner, `batch_${batchNo++}`, incoming, quarantined),
    commit: (s: ImportSummary) => commitImport(tx, s),
    rollback: () => finish(tx, 'ROLLBACK'),
  };
}

/** BEGIN and IMPORT_LOCK within the store's wait (store_busy past it); released on failure. */
async function takeImportLock(c: pg.PoolClient, q: Query, busyMs: number): Promise<void> {
  try {
    await q('BEGIN');
    // lock_timeout bounds the wait on the advisory lock (0 would mean no bound: 1 ms instead)
    await q(`SET LOCAL lock_timeout = ${Math.max(1, Math.trunc(busyMs))}`);
    await q('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
    await q('SET LOCAL lock_timeout TO DEFAULT'); // the rest of the import as configured
  } catch (e) {
    await q('ROLLBACK').catch(() => undefined);
    c.release();
    throw (e as { code?: unknown }).code === LOCK_NOT_AVAILABLE ? new StoreBusyError(busyMs) : e;
  }
}

/** Ends the import's transaction with `sql` (COMMIT or ROLLBACK) once, and frees its connection. */
async function finish(tx: PgImportTx, sql: string): Promise<void> {
  if (!tx.open) return;
  tx.open = false;
  try {
    await tx.q(sql);
  } finally {
    tx.c.release();
  }
}

/** One batch, all or none (a savepoint): planned against its stored mesas, then written. */
async function applyBatch(
  tx: PgImportTx,
  planner: ImportPlanner,
  sp: string,
  incoming: readonly IncomingActa[],
  quarantined: readonly QuarantinedRow[],
): Promise<BatchOutcome> {
  const { q, meta, importId } = tx;
  await q(`SAVEPOINT ${sp}`);
  try {
    const plan = planner.plan(await storedMesas(q, meta.election, incoming), incoming);
    await executePlan(q, meta.election, importId, plan.writes);
    if (quarantined.length > 0) await insertQuarantined(q, importId, meta.election, quarantined);
    await q(`RELEASE SAVEPOINT ${sp}`);
    planner.done(plan);
    return plan.outcome;
  } catch (e) {
    await q(`ROLLBACK TO SAVEPOINT ${sp}`);
    await q(`RELEASE SAVEPOINT ${sp}`);
    throw e;
  }
}

/** The current version of each incoming mesa that has one, with its version count. */
async function storedMesas(
  q: Query,
  election: string,
  incoming: readonly IncomingActa[],
): Promise<Map<string, StoredMesa>> {
  const out = new Map<string, StoredMesa>();
  if (incoming.length === 0) return out;
  const mesas = [...new Set(incoming.map((i) => i.acta.mesa))];
  const rows = (
    await q(
      'SELECT v.*, (SELECT MAX(m.version) FROM acta_versions m WHERE m.election = v.election AND m.mesa = v.mesa) AS max_version FROM acta_versions v WHERE v.election = $1 AND v.is_current AND v.mesa = ANY($2)',
      [election, mesas],
    )
  ).rows as Row[];
  // a higher version than the current one is a conflict kept: read those (rare) to compare
  const kept = rows.filter((r) => (r['version'] as number) < (r['max_version'] as number));
  const latest = new Map<string, Row>();
  if (kept.length > 0)
    for (const r of (
      await q(
        'SELECT v.* FROM acta_versions v JOIN unnest($2::text[], $3::int[]) AS k(mesa, version) ON v.mesa = k.mesa AND v.version = k.version WHERE v.election = $1',
        [election, kept.map((r) => r['mesa']), kept.map((r) => r['max_version'])],
      )
    ).rows as Row[])
      latest.set(r['mesa'] as string, r);
  const replaced = await supersededByMesa(q, election, rows);
  for (const r of rows) {
    const top = latest.get(r['mesa'] as string);
    out.set(r['mesa'] as string, {
      acta: acta(election, r),
      maxVersion: r['max_version'] as number,
      latest: top === undefined ? undefined : acta(election, top),
      superseded: replaced.get(r['mesa'] as string),
    });
  }
  return out;
}

/**
 * What the run of corrections holding each mesa among `current` whose current version is a
 * correction (rare) replaced, from its history (core/tally/versioning.ts supersededOf), by mesa.
 */
async function supersededByMesa(
  q: Query,
  election: string,
  current: readonly Row[],
): Promise<Map<string, Superseded | undefined>> {
  const out = new Map<string, Superseded | undefined>();
  const ruled = current.filter((r) => r['kind'] === 'correction').map((r) => r['mesa']);
  if (ruled.length === 0) return out;
  const rows = (
    await q(
      'SELECT v.*, c.import_id AS caught_up FROM acta_versions v LEFT JOIN acta_caught_up c ON c.election = v.election AND c.mesa = v.mesa AND c.version = v.version WHERE v.election = $1 AND v.mesa = ANY($2) ORDER BY v.mesa, v.version',
      [election, ruled],
    )
  ).rows as Row[];
  const histories = new Map<string, HistoryVersion[]>();
  for (const r of rows) {
    const mesa = r['mesa'] as string;
    const h = histories.get(mesa) ?? [];
    h.push({
      kind: r['kind'] as HistoryVersion['kind'],
      acta: acta(election, r),
      importId: r['import_id'] === null ? null : Number(r['import_id']),
      caughtUp: r['caught_up'] === null ? null : Number(r['caught_up']),
    });
    histories.set(mesa, h);
  }
  for (const [mesa, h] of histories) out.set(mesa, supersededOf(h));
  return out;
}

/** A batch's quarantined rows, in one INSERT from unnested arrays. */
async function insertQuarantined(
  q: Query,
  importId: number,
  election: string,
  quarantined: readonly QuarantinedRow[],
): Promise<void> {
  await q(
    `INSERT INTO quarantine (import_id, election, row, mesa, mesa_key, issues, raw)
     SELECT $1, $2, * FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[])`,
    [
      importId,
      election,
      quarantined.map((x) => x.row),
      quarantined.map((x) => x.mesa),
      quarantined.map((x) => (x.mesa === null ? null : mesaKey(x.mesa))),
      quarantined.map((x) => JSON.stringify(x.issues)),
      quarantined.map((x) => JSON.stringify(x.raw)),
    ],
  );
}

/** The import's counts, its hash in the imports' chain, its audit-log entry; then COMMIT. */
async function commitImport(tx: PgImportTx, s: ImportSummary): Promise<void> {
  const { q, importId } = tx;
  await q(
    "UPDATE imports SET status = 'committed', finished_at = $1, rows_read = $2, new = $3, unchanged = $4, state_changes = $5, corrected = $6, conflicts = $7, quarantined = $8, quarantined_by_code = $9, observation_changes = $10 WHERE id = $11",
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
  await finish(tx, 'COMMIT');
}

/**
 * Executes a batch plan: one statement per kind of write, in the plan's order (retires, flags,
 * the versions in chain order, the places, the corrections the source caught up with).
 */
async function executePlan(
  q: Query,
  election: string,
  importId: number,
  writes: readonly BatchWrite<PlaceNames>[],
): Promise<void> {
  const retire: string[] = [];
  const flag: string[] = [];
  const versions: PlannedVersion[] = [];
  const places: { ubigeo: string; place: PlaceNames }[] = [];
  const caughtUp: string[] = [];
  for (const w of writes) {
    if (w.op === 'retire_current') retire.push(w.mesa);
    else if (w.op === 'flag_conflict') flag.push(w.mesa);
    else if (w.op === 'insert_version') versions.push(w.version);
    else if (w.op === 'caught_up') caughtUp.push(w.mesa);
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
  // the source caught up with the current correction (BatchWrite caught_up): recorded against it
  if (caughtUp.length > 0)
    await q(
      `INSERT INTO acta_caught_up (election, mesa, version, import_id)
       SELECT election, mesa, version, $3 FROM acta_versions
       WHERE election = $1 AND is_current AND kind = 'correction' AND mesa = ANY($2)`,
      [election, caughtUp, importId],
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
  observation: { type: 'text', value: (p) => p.acta.observation ?? null },
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
