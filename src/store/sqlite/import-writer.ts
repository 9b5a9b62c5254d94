// The write side of a SQLite import (ADR 011): one connection under its write lock, executing the
// packed writes the caller planned; the same code on the calling thread and in the writer thread.
import type Database from 'better-sqlite3';
import type { StoredMesa } from '../../core/tally/batch-plan.js';
import { supersededOf } from '../../core/tally/versioning.js';
import { GENESIS, importHash } from '../audit.js';
import {
  committedImportParams,
  importOf,
  mesaKey,
  STARTED_IMPORT_COLUMNS,
  startedImportParams,
  VERSION_HISTORY_COLUMNS,
  VERSION_HISTORY_FROM,
  type Row,
} from '../rows.js';
import type { ImportMeta, ImportSummary } from '../store.js';
import { acta, actaVersion, freshInsertSql, INSERT_VERSION_SQL } from './acta-versions.js';
import { NUMS, STRS, type EncodedWrites } from './import-batch.js';
import type { ImportBegun, ImportLink } from './import-session.js';
import { busyCoded } from './sqlite-config.js';
import { logImport } from './sqlite-audit.js';

/**
 * A mesa's history, read where its current version is a correction (rare) for what its run of
 * corrections replaced (core/tally/versioning.ts supersededOf). By the unique
 * (election, mesa, version) index.
 */
const HISTORY_SQL = `SELECT ${VERSION_HISTORY_COLUMNS} ${VERSION_HISTORY_FROM} WHERE v.election = ? AND v.mesa = ? ORDER BY v.version`;

/**
 * The source caught up with a mesa's current version, a correction (BatchWrite caught_up): the
 * import that gave it, recorded against that version.
 */
const CAUGHT_UP_SQL =
  "INSERT INTO acta_caught_up (election, mesa, version, import_id) SELECT election, mesa, version, ? FROM acta_versions WHERE election = ? AND mesa = ? AND is_current = 1 AND kind = 'correction'";

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
  private readonly selectHistory;
  private readonly insertVersion;
  /** A fresh batch's INSERT (freshInsertSql), prepared by the first such batch. */
  private insertFresh: Database.Statement | null = null;
  private readonly retire;
  private readonly flagConflict;
  private readonly insertQuarantine;
  private readonly insertPlace;
  private readonly insertCaughtUp;

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
    this.selectHistory = db.prepare(HISTORY_SQL);
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
    this.insertCaughtUp = db.prepare(CAUGHT_UP_SQL);
  }

  /** Takes the write lock (store_busy after `busyMs`) and logs the import as running. */
  static begin(
    writer: { db: Database.Database; done: () => void },
    meta: ImportMeta,
    busyMs: number,
  ): SqliteImportWriter {
    const { db, done } = writer;
    try {
      // the statement journal of each batch's INSERTs in memory, not a spilled temp file (~33 MB
      // written, 6 MB at most at once on the 2021 file): set outside the transaction, as it must be
      db.pragma('temp_store = MEMORY');
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
            `INSERT INTO imports (${STARTED_IMPORT_COLUMNS}, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running')`,
          )
          .run(...startedImportParams(meta)).lastInsertRowid,
      );
      const fresh =
        db.prepare('SELECT 1 FROM acta_versions WHERE election = ? LIMIT 1').get(meta.election) ===
        undefined;
      return new SqliteImportWriter(db, done, meta, { importId, chain, fresh });
    } catch (e) {
      // never leave the write lock held by a half-begun import (SQLite may have rolled back
      // already, on a full disk: a second ROLLBACK would throw and hide the real error)
      if (db.inTransaction) db.exec('ROLLBACK');
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
      // a current correction: what its run replaced (rare) to compare (HISTORY_SQL)
      const superseded =
        r['kind'] === 'correction'
          ? supersededOf(
              (this.selectHistory.all(election, mesa) as Row[]).map((h) =>
                actaVersion(election, h),
              ),
            )
          : undefined;
      out.set(mesa, { acta: acta(election, r), maxVersion, latest, superseded });
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
    for (const m of w.caughtUp) this.insertCaughtUp.run(importId, election, m);
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
        strs[s + 8],
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
        strs[s + 8],
      );
    }
  }

  /** The import's counts, its hash in the imports' chain, its audit-log entry; then COMMIT. */
  commit(s: ImportSummary): void {
    const { db } = this;
    const { importId } = this.begun;
    db.prepare(
      "UPDATE imports SET status = 'committed', finished_at = ?, rows_read = ?, new = ?, unchanged = ?, state_changes = ?, corrected = ?, conflicts = ?, quarantined = ?, quarantined_by_code = ?, observation_changes = ? WHERE id = ?",
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

/** The link of an import written on the calling thread (a memory store, or a small file). */
export function localImport(
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
