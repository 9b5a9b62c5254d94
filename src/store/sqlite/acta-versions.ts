// How an acta version is written to and read from SQLite's acta_versions: the votes as an int32
// BLOB, the INSERT of every column, and the rows decoded back into actas.
import type { Acta } from '../../core/model/acta.js';
import type { PlannedVersion } from '../../core/tally/batch-plan.js';
import { VERSION_COLUMNS, type VersionColumnName } from '../../core/model/version-columns.js';
import { actaOf, actaVersionOf, chainedOf, type Row } from '../rows.js';

export function encodeVotes(v: readonly number[] | null): Buffer | null {
  if (v === null) return null;
  // an indexed copy: half the CPU of Int32Array.from's iterator on an import's 86,488 rows
  const t = new Int32Array(v.length);
  for (let i = 0; i < v.length; i++) t[i] = v[i] as number;
  return Buffer.from(t.buffer);
}
export function decodeVotes(b: unknown): number[] | null {
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
    a.observation ?? null,
  ];
}

/** A stored row as its acta, and as its chained version (the votes decoded from the BLOB). */
export const acta = (election: string, r: Row): Acta => actaOf(election, r, decodeVotes);
export const chained = (r: Row) => chainedOf(r, decodeVotes);
export const actaVersion = (election: string, r: Row) => actaVersionOf(election, r, decodeVotes);
