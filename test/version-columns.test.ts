// One table of an acta version's columns (review 7, M7): the hash's content, the figures' key, both
// stores' inserts and the import's packing are that table, or are held to it here — so a figure
// added to an acta cannot be stored without being hashed, and tamper evidence cannot silently stop
// covering it. Stores written before must still verify: the hash's content is pinned to the list
// every existing store was written with.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Acta } from '../src/core/model/acta.js';
import {
  columnValue,
  FIGURE_COLUMNS,
  HASHED_COLUMNS,
  hashedContent,
  VERSION_COLUMNS,
  type VersionColumn,
} from '../src/core/model/version-columns.js';
import type { PlannedVersion } from '../src/core/tally/batch-plan.js';
import { actaContentKey } from '../src/core/tally/versioning.js';
import { GENESIS, versionHash } from '../src/store/audit.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import { encodeWrites, NUMS, PACKED, STRS } from '../src/store/sqlite/import-batch.js';
import { SqliteStore, versionRow } from '../src/store/sqlite/sqlite-store.js';
import { freshDatabase } from './pg-helpers.js';

const count = fc.integer({ min: 0, max: 1_000_000 });
const text = fc.string({ maxLength: 12 });

const actaArb: fc.Arbitrary<Acta> = fc.record(
  {
    election: text,
    mesa: text,
    ubigeo: text,
    state: fc.constantFrom('counted', 'resolved', 'annulled', 'not_installed', 'pending', 'jee'),
    stateLabel: text,
    eligible: count,
    voters: fc.option(count, { nil: null }),
    votes: fc.option(fc.array(count, { maxLength: 5 }), { nil: null }),
    blank: count,
    null: count,
    impugned: count,
    preferential: fc.option(fc.array(fc.array(count, { maxLength: 3 }), { maxLength: 3 }), {
      nil: null,
    }),
  },
  {
    requiredKeys: [
      'election',
      'mesa',
      'ubigeo',
      'state',
      'stateLabel',
      'eligible',
      'voters',
      'votes',
      'blank',
      'null',
      'impugned',
    ],
  },
) as fc.Arbitrary<Acta>;

const versionArb: fc.Arbitrary<PlannedVersion> = fc
  .record({
    acta: actaArb,
    version: fc.integer({ min: 1, max: 50 }),
    kind: fc.constantFrom('new', 'state_change', 'observation_change', 'correction', 'conflict'),
    importId: fc.integer({ min: 1, max: 1000 }),
    row: fc.integer({ min: 1, max: 100_000 }),
    recordedAt: fc.constant('2026-11-26T00:00:00.000Z'),
    warnings: fc.constantFrom('[]', '[{"code":"impugned_pending"}]'),
    isCurrent: fc.boolean(),
    conflict: fc.boolean(),
    hash: fc.string({ minLength: 64, maxLength: 64 }),
  })
  .map((v) => ({ ...v, mesa: v.acta.mesa })) as fc.Arbitrary<PlannedVersion>;

/** The link every stored version was hashed with (src/store/audit.ts before the table). */
function legacyHash(prev: string, v: PlannedVersion): string {
  const a = v.acta;
  const content = [
    a.election,
    v.mesa,
    v.version,
    v.kind,
    a.ubigeo,
    a.state,
    a.stateLabel,
    a.eligible,
    a.voters,
    a.votes,
    a.blank,
    a.null,
    a.impugned,
    v.importId,
    v.row,
    v.recordedAt,
    v.warnings,
    a.preferential ?? null,
  ];
  return createHash('sha256').update(prev).update(JSON.stringify(content)).digest('hex');
}

/** A value of the same kind that differs from `x` (null: the column's smallest non-null value). */
function changed(x: unknown, c: VersionColumn): unknown {
  if (typeof x === 'string') return `${x}x`;
  if (typeof x === 'number') return x + 1;
  if (Array.isArray(x)) return x.length === 0 ? [0] : [changed(x[0], c), ...x.slice(1)];
  if (x === null || x === undefined)
    return c.field === 'votes' ? [0] : c.field === 'preferential' ? [[0]] : 0;
  throw new Error(`no change for ${c.column}`);
}

/** `v` with column `c` changed. */
function withChanged(v: PlannedVersion, c: VersionColumn): PlannedVersion {
  const value = changed(columnValue(c, v), c);
  return c.of === 'acta'
    ? { ...v, acta: { ...v.acta, [c.field]: value } }
    : { ...v, [c.field]: value };
}

describe('the column table of an acta version', () => {
  it('hashes every column but the derived flags and the link itself', () => {
    const unhashed = VERSION_COLUMNS.filter((c) => !c.hashed).map((c) => c.column);
    expect(unhashed).toEqual(['is_current', 'conflict', 'hash']);
    expect(FIGURE_COLUMNS.every((c) => c.hashed)).toBe(true);
  });

  it("versionHash is the table's hashed content, and the link every existing store was written with", () => {
    fc.assert(
      fc.property(versionArb, fc.constantFrom(GENESIS, 'a'.repeat(64)), (v, prev) => {
        expect(versionHash(prev, v)).toBe(legacyHash(prev, v));
        const content = createHash('sha256')
          .update(prev)
          .update(JSON.stringify(hashedContent(v)));
        expect(versionHash(prev, v)).toBe(content.digest('hex'));
      }),
    );
  });

  it("an observation joins a version's link only where given, after every other column (migration 13)", () => {
    fc.assert(
      fc.property(versionArb, fc.string({ minLength: 1, maxLength: 20 }), (v, observation) => {
        const w = { ...v, acta: { ...v.acta, observation } };
        const content = [...hashedContent(v), observation];
        expect(hashedContent(w)).toEqual(content);
        const link = createHash('sha256').update(GENESIS).update(JSON.stringify(content));
        expect(versionHash(GENESIS, w)).toBe(link.digest('hex'));
        expect(versionHash(GENESIS, v)).toBe(legacyHash(GENESIS, v));
      }),
    );
  });

  it('changing any one hashed column of a version changes its versionHash', () => {
    fc.assert(
      fc.property(versionArb, fc.constantFrom(...HASHED_COLUMNS), (v, c) => {
        const w = withChanged(v, c);
        expect(columnValue(c, w)).not.toEqual(columnValue(c, v));
        expect(versionHash(GENESIS, w)).not.toBe(versionHash(GENESIS, v));
      }),
    );
  });

  it("an acta's content key is its state and the table's figures; a figure's change is a change", () => {
    fc.assert(
      fc.property(versionArb, fc.constantFrom(...FIGURE_COLUMNS), (v, c) => {
        const figures = FIGURE_COLUMNS.map((f) => columnValue(f, v));
        expect(actaContentKey(v.acta)).toBe(`${v.acta.state}|${JSON.stringify(figures)}`);
        expect(actaContentKey(withChanged(v, c).acta)).not.toBe(actaContentKey(v.acta));
      }),
    );
  });
});

describe("the stores' lists are the table", () => {
  it("SQLite's versionRow gives the table's columns, in order", () => {
    fc.assert(
      fc.property(versionArb, (v) => {
        const row = versionRow(v.acta.election, v);
        expect(row).toHaveLength(VERSION_COLUMNS.length);
        VERSION_COLUMNS.forEach((c, i) => {
          const value = columnValue(c, v);
          const stored = row[i];
          if (c.column === 'votes')
            expect(
              stored === null ? null : [...new Int32Array(new Uint8Array(stored as Buffer).buffer)],
            ).toEqual(value);
          else if (c.column === 'preferential')
            expect(stored === null ? null : JSON.parse(stored as string)).toEqual(value);
          else if (typeof value === 'boolean') expect(stored).toBe(value ? 1 : 0);
          else expect(stored).toEqual(value);
        });
      }),
    );
  });

  it("the import's packing puts each column where PACKED says, every slot used once", () => {
    const slots = Object.values(PACKED).filter((p) => Array.isArray(p));
    const of = (kind: string) =>
      slots.flatMap(([k, i]) => (k === kind ? [i] : [])).sort((a, b) => a - b);
    expect(of('strs')).toEqual([...Array(STRS).keys()]);
    expect(of('nums')).toEqual([...Array(NUMS).keys()]);
    fc.assert(
      fc.property(versionArb, (v) => {
        const w = encodeWrites(
          v.importId,
          v.recordedAt,
          [{ op: 'insert_version', version: v }],
          [],
        );
        for (const c of VERSION_COLUMNS) {
          const at = PACKED[c.column];
          const value = columnValue(c, v);
          if (at === 'batch') continue;
          if (at === 'votes') {
            const len = w.votesLen[0] as number;
            expect(len < 0 ? null : [...w.votes.slice(0, len)]).toEqual(value);
          } else if (at[0] === 'strs') {
            const s = w.strs[at[1]] ?? null;
            expect(c.column === 'preferential' && s !== null ? JSON.parse(s) : s).toEqual(value);
          } else {
            const n = w.nums[at[1]] as number;
            const expected = typeof value === 'boolean' ? (value ? 1 : 0) : value;
            expect(Number.isNaN(n) ? null : n).toEqual(expected);
          }
        }
      }),
    );
  });

  const names = VERSION_COLUMNS.map((c) => c.column).sort();

  it("SQLite's acta_versions has the table's columns (and its id), no more", async () => {
    const store = new SqliteStore(':memory:');
    await store.migrate();
    const db = (store as unknown as { db: Database.Database }).db;
    const columns = db.prepare('PRAGMA table_info(acta_versions)').all() as { name: string }[];
    await store.close();
    expect(
      columns
        .map((c) => c.name)
        .filter((n) => n !== 'id')
        .sort(),
    ).toEqual(names);
  });

  it("PostgreSQL's acta_versions has the table's columns (and its id), no more", async () => {
    const url = await freshDatabase('cifra_columns');
    const store = new PgStore(url);
    await store.migrate();
    await store.close();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const r = await c.query(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'acta_versions'",
      );
      const found = (r.rows as { column_name: string }[]).map((x) => x.column_name);
      expect(found.filter((n) => n !== 'id').sort()).toEqual(names);
    } finally {
      await c.end();
    }
  });
});
