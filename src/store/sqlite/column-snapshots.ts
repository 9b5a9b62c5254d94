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
  /**
   * Snapshots this store handed out: the last version id they include and each mesa's index, so
   * the next revision patches the latest snapshot with the actas changed since.
   */
  private readonly snapshots = new WeakMap<
    ActaColumns,
    { election: string; cursor: number; index: Map<string, number>; latest: boolean }
  >();

  /**
   * `reader`: a connection of its own for a whole read (null: a memory database, read here at
   * once); `chunk`: the rows read between two turns of the event loop.
   */
  constructor(
    private readonly db: Database.Database,
    private readonly reader: (() => Database.Database) | null = null,
    private readonly chunk = SNAPSHOT_CHUNK,
  ) {}

  /**
   * Whole reads under way, by election, choices and the store's last version id when asked: a
   * second caller shares the first's only if no import committed since (a shared older read
   * would be filed under the newer revision its caller read, review of pass 18 HIGH).
   */
  private readonly reading = new Map<string, Promise<ActaColumns>>();

  /** The current actas of `election` as columns: `previous` itself, patched, or read whole. */
  async current(election: string, choices: number, previous?: ActaColumns): Promise<ActaColumns> {
    const meta = previous ? this.snapshots.get(previous) : undefined;
    if (
      previous !== undefined &&
      meta !== undefined &&
      meta.latest &&
      meta.election === election &&
      previous.choices === choices
    )
      return this.patched(election, previous, meta);
    if (this.reader === null)
      return this.db.transaction(() => drain(this.whole(this.db, election, choices)))();
    const key = `${election}|${choices}|${cursorOf(this.db)}`;
    let made = this.reading.get(key);
    if (made === undefined) {
      made = this.readApart(this.reader, election, choices);
      this.reading.set(key, made);
      void made.then(
        () => this.reading.delete(key),
        () => this.reading.delete(key),
      );
    }
    return made;
  }

  /** The latest snapshot patched with the actas changed since it (one read transaction). */
  private patched(
    election: string,
    previous: ActaColumns,
    meta: { cursor: number; index: Map<string, number>; latest: boolean },
  ): ActaColumns {
    return this.db.transaction(() => {
      const cursor = cursorOf(this.db);
      if (meta.cursor === cursor) return previous;
      const rows = this.readColumnRows(
        this.db,
        'SELECT mesa, ubigeo, state, eligible, votes, blank, null_votes, impugned, preferential, voters FROM acta_versions WHERE election = ? AND is_current = 1 AND mesa IN (SELECT DISTINCT mesa FROM acta_versions WHERE id > ? AND election = ?)',
        [election, meta.cursor, election],
      );
      const { columns, added } = patchColumns(previous, rows, (m) => meta.index.get(m));
      // indexes never move, so the index grows along the one line of snapshots
      for (const [m, i] of added) meta.index.set(m, i);
      meta.latest = false;
      this.snapshots.set(columns, { election, cursor, index: meta.index, latest: true });
      return columns;
    })();
  }

  /**
   * A whole read on a connection of its own, in one read transaction there, a turn of the event
   * loop every `chunk` rows: the server's readers are answered meanwhile (about half a second of
   * reading nationally, which stalled every one of them at start).
   */
  private async readApart(
    open: () => Database.Database,
    election: string,
    choices: number,
  ): Promise<ActaColumns> {
    const db = open();
    try {
      db.exec('BEGIN');
      const steps = this.whole(db, election, choices);
      for (let step = steps.next(); ; step = steps.next()) {
        if (step.done === true) {
          db.exec('COMMIT');
          return step.value;
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      db.close();
    }
  }

  /** The whole snapshot, read within the caller's transaction; yields every `chunk` rows. */
  private *whole(
    db: Database.Database,
    election: string,
    choices: number,
  ): Generator<void, ActaColumns> {
    const cursor = cursorOf(db);
    const n = (
      db
        .prepare('SELECT COUNT(*) AS n FROM acta_versions WHERE election = ? AND is_current = 1')
        .get(election) as Row
    )['n'] as number;
    const b = new ActaColumnsBuilder(n, choices);
    let read = 0;
    for (const [r, votes] of columnRows(
      db,
      'SELECT mesa, ubigeo, state, eligible, votes, blank, null_votes, impugned, preferential, voters FROM acta_versions NOT INDEXED WHERE election = ? AND is_current = 1',
      [election],
    )) {
      b.push(
        r[0] as string,
        r[1] as string,
        r[2] as ActaState,
        r[3] as number,
        r[9] as number | null,
        r[5] as number,
        r[6] as number,
        r[7] as number,
        votes,
        r[8] ? (JSON.parse(r[8] as string) as number[][]) : undefined,
      );
      if (++read % this.chunk === 0) yield;
    }
    const columns = b.finish();
    this.snapshots.set(columns, {
      election,
      cursor,
      index: new Map(columns.mesa.map((m, i) => [m, i])),
      latest: true,
    });
    return columns;
  }

  /** Rows for a snapshot patch, as ActaRows. */
  private readColumnRows(
    db: Database.Database,
    sql: string,
    params: readonly unknown[],
  ): ActaRow[] {
    const out: ActaRow[] = [];
    for (const [r, votes] of columnRows(db, sql, params))
      out.push({
        mesa: r[0] as string,
        ubigeo: r[1] as string,
        state: r[2] as ActaState,
        eligible: r[3] as number,
        voters: r[9] as number | null,
        blank: r[5] as number,
        null: r[6] as number,
        impugned: r[7] as number,
        votes,
        preferential: r[8] ? (JSON.parse(r[8] as string) as number[][]) : undefined,
      });
    return out;
  }
}

/** The rows read between two turns of the event loop in a whole read on its own connection. */
export const SNAPSHOT_CHUNK = 4096;

/** Runs a whole read to its end, here and now (a memory database's). */
function drain(steps: Generator<void, ActaColumns>): ActaColumns {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/** The last acta version's id: where the next patch starts. */
function cursorOf(db: Database.Database): number {
  return (db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM acta_versions').get() as Row)[
    'id'
  ] as number;
}

/**
 * Each row of a snapshot query (mesa, ubigeo, state, eligible, votes, blank, null, impugned,
 * preferential, voters) with its votes straight from the BLOB's bytes: a view when aligned.
 */
function* columnRows(
  db: Database.Database,
  sql: string,
  params: readonly unknown[],
): Generator<[unknown[], Int32Array | null]> {
  for (const r of db
    .prepare(sql)
    .raw(true)
    .iterate(...params) as IterableIterator<unknown[]>) {
    const blob = r[4] as Buffer | null;
    yield [
      r,
      blob === null
        ? null
        : blob.byteOffset % 4 === 0
          ? new Int32Array(blob.buffer, blob.byteOffset, blob.byteLength >> 2)
          : new Int32Array(Uint8Array.from(blob).buffer),
    ];
  }
}
