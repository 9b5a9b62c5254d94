// The SQLite store's columnar snapshots of an election's current actas (ADR 003): read whole once,
// then patched with the actas changed since the snapshot a caller hands back.
import type Database from 'better-sqlite3';
import type { ActaState } from '../../core/model/acta.js';
import {
  ActaColumnsBuilder,
  patchColumns,
  type ActaColumns,
  type ActaRow,
} from '../../core/tally/acta-columns.js';
import type { Row } from '../rows.js';

/** The snapshots one store connection handed out, and how the next one is made from them. */
export class ColumnSnapshots {
  constructor(private readonly db: Database.Database) {}

  /**
   * Snapshots this store handed out: the last version id they include and each mesa's index, so
   * the next revision patches the latest snapshot with the actas changed since.
   */
  private readonly snapshots = new WeakMap<
    ActaColumns,
    { election: string; cursor: number; index: Map<string, number>; latest: boolean }
  >();

  /** The current actas of `election` as columns: `previous` itself, patched, or read whole. */
  current(election: string, choices: number, previous?: ActaColumns): ActaColumns {
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
}
