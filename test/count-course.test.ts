// Review 8 H2: an acta election's count course is the store's own history, one point per
// committed import at its finishedAt, not the projections someone happened to read. A static-only
// night (ingest, publish, ingest, publish…) had 0 points; a served one ended where the last reader
// stopped. The expected figures are summed here from the rows written, not read back from cifra.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { NightRecorder } from '../src/api/night-record.js';
import { buildApi, hashToken } from '../src/api/server.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { actaCourse } from '../src/results/count-course.js';
import { buildCountCourses, getCountCourse } from '../src/results/service.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { uploadCsv } from './api-helpers.js';
import { counting } from './publish-fixture.js';
import { freshDatabase } from './pg-helpers.js';
import { fileWriter, ONPE_COLUMNS, onpeRow, tempDir, turnsDuring } from './helpers.js';

const TOKEN = 'count-course-token';

const dir = tempDir('cifra-count-course-');
const write = fileWriter(dir);
const ELECTION = 'pe-2021-presidencial';

/** Mesa, place and its two lists' votes (6 blank and 4 null each: onpeRow). */
const MESAS: [string, string, number, number][] = [
  ['000001', '010101', 40, 50],
  ['000002', '150101', 45, 41],
  ['000003', '150102', 20, 70],
  ['000004', '010102', 60, 30],
  ['000005', '150101', 55, 35],
];
const counted = (n: number): string[] => MESAS.slice(0, n).map((m) => onpeRow(...m));
/** Three cumulative slices, as a night's files: 2, then 3, then all 5 mesas counted. */
const SLICES = [2, 3, 5].map(counted);
const TIMES = ['2026-12-01T22:00:00.000Z', '2026-12-01T23:30:00.000Z', '2026-12-02T01:15:00.000Z'];
const validOf = (n: number): number => MESAS.slice(0, n).reduce((a, m) => a + m[2] + m[3], 0);

function election(): NonNullable<ReturnType<typeof bundledElection>> {
  const e = bundledElection(ELECTION);
  if (!e) throw new Error(ELECTION);
  return e;
}

async function ingest(store: Store, i: number): Promise<void> {
  const file = write(`s${i}.csv`, [ONPE_COLUMNS.join(','), ...(SLICES[i] ?? [])].join('\n') + '\n');
  const r = await ingestFile(store, { file, election: election(), now: () => TIMES[i] as string });
  expect(r.ok).toBe(true);
}

async function course(store: Store) {
  const c = await getCountCourse(store, ELECTION);
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.value.points;
}

describe('the count course of an acta election', () => {
  const open: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const x of open.reverse()) await x.close();
  });
  /** A SQLite store at `db` with the night's three imports (closed after the tests). */
  const nightStore = async (db: string): Promise<SqliteStore> => {
    const store = new SqliteStore(db);
    open.push(store);
    await store.migrate();
    await store.putElection(election());
    for (const i of [0, 1, 2]) await ingest(store, i);
    return store;
  };

  it('is one point per import, at its time, with the count as of it, whoever reads it and when', async () => {
    const db = join(dir, 'static.db');
    const store = new SqliteStore(db);
    open.push(store);
    await store.migrate();
    await store.putElection(election());
    await ingest(store, 0);
    expect((await course(store)).map((p) => p.time)).toEqual(TIMES.slice(0, 1));
    await ingest(store, 1);
    await ingest(store, 2);
    const night = await course(store);
    expect(night.map((p) => p.time)).toEqual(TIMES);
    expect(night.map((p) => p.actasCounted)).toEqual([2, 3, 5]);
    expect(night.map((p) => p.valid)).toEqual([validOf(2), validOf(3), validOf(5)]);
    expect(night.map((p) => p.emitted)).toEqual([2, 3, 5].map((n) => validOf(n) + 10 * n));
    // a reader that saw none of it (cifra publish, the CLI, a restarted server) finds the same
    const fresh = new SqliteStore(db);
    open.push(fresh);
    expect(await course(fresh)).toEqual(night);
  });

  it('PostgreSQL: the same course from the same imports', async () => {
    const url = await freshDatabase('course');
    const store = new PgStore(url);
    open.push(store);
    await store.migrate();
    await store.putElection(election());
    for (const i of [0, 1, 2]) await ingest(store, i);
    const night = await course(store);
    expect(night.map((p) => p.time)).toEqual(TIMES);
    expect(night.map((p) => p.actasCounted)).toEqual([2, 3, 5]);
    expect(night.map((p) => p.valid)).toEqual([validOf(2), validOf(3), validOf(5)]);
    // read in keyset pages of two versions, across imports: the same course
    const paged = new PgStore(url);
    open.push(paged);
    expect(await actaCourse(paged, election(), 2)).toEqual(night);
  });

  // The twenty-fifth brief: the page query was SQL text (values inlined, the election escaped as
  // a literal) in a transaction with `SET LOCAL enable_sort = off`. Now one query of migration
  // 14's function, its values bound, the setting the function's own.
  it('PostgreSQL: a page of versions is one bound query, planned without a sort', async () => {
    const url = await freshDatabase('course_page');
    const store = new PgStore(url);
    open.push(store);
    await store.migrate();
    const odd = { ...election(), id: "o'hara; --" };
    await store.putElection(odd);
    const file = write('odd.csv', [ONPE_COLUMNS.join(','), ...(SLICES[2] ?? [])].join('\n'));
    expect(
      (await ingestFile(store, { file, election: odd, now: () => TIMES[0] as string })).ok,
    ).toBe(true);
    const sent: { text: string; values: unknown }[] = [];
    const pool = (store as unknown as { pool: { query: (...a: unknown[]) => unknown } }).pool;
    const query = pool.query.bind(pool);
    pool.query = (text: unknown, values: unknown) => {
      sent.push({ text: String(text), values });
      return query(text, values);
    };
    const page = await store.appliedVersionPage(odd.id, {
      afterId: 0,
      afterImport: 0,
      upToImport: 1_000_000,
      limit: 3,
    });
    expect(page.map((v) => v.acta.mesa)).toEqual(['000001', '000002', '000003']);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).not.toContain('hara');
    expect(sent[0]?.values).toEqual([odd.id, 0, 0, 1_000_000, 3]);
    pool.query = query;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const f = await c.query(
        "SELECT proconfig FROM pg_proc WHERE proname = 'applied_version_page'",
      );
      expect(f.rows[0]?.proconfig).toEqual(['enable_sort=off']);
    } finally {
      await c.end();
    }
  });

  // The first course after `cifra serve` started read every applied version at once and replayed
  // them in one go: 10–14 s of the event loop for the 2021 runoff, every other request waiting.
  // Now a page at a time, a turn between pages. Turns are counted, not timed.
  it('lets the event loop turn between pages of versions, and is the course read at once', async () => {
    const db = join(dir, 'turns.db');
    const store = await nightStore(db);
    // 5 versions (2 new, 1 new, 2 new), 2 a page: 3 pages, the second across two imports
    const { value: paged, turns } = await turnsDuring(actaCourse(store, election(), 2));
    expect(turns).toBeGreaterThanOrEqual(2);
    expect(paged.map((p) => p.actasCounted)).toEqual([2, 3, 5]);
    const whole = new SqliteStore(db);
    open.push(whole);
    expect(JSON.stringify(await actaCourse(whole, election(), 1000))).toBe(JSON.stringify(paged));
    // two readers at once still replay once: the versions are read one time
    const again = counting(new SqliteStore(db));
    open.push(again.store);
    const [a, b] = await Promise.all([
      actaCourse(again.store, election(), 2),
      actaCourse(again.store, election(), 2),
    ]);
    expect(b).toEqual(a);
    expect(again.versions()).toBe(5);
  });

  // The first reader after `cifra serve` started waited for the whole replay (3–5 s on the 2021
  // runoff). Now the server builds it as it starts: the versions are read before any request, a
  // reader during the build awaits that build (read once), and the document is the same bytes.
  it('is built as the server starts, before any request, once, and is the same document', async () => {
    const db = join(dir, 'start.db');
    await nightStore(db);
    const url = `/api/v1/count-course?election=${ELECTION}`;
    const serve = async (store: Store, courseAtStart: boolean) => {
      const app = await buildApi({ store, tokenHash: null, courseAtStart });
      open.push(app);
      await app.ready();
      return app;
    };
    // the build under way (none when the server starts none)
    const built = async (app: FastifyInstance): Promise<void> =>
      (
        app as unknown as { cifraCoursesBuilt?: (() => Promise<void>) | null }
      ).cifraCoursesBuilt?.();
    // started, no request yet: every applied version read (5), and no more at the first reader
    const started = counting(new SqliteStore(db));
    open.push(started.store);
    const app = await serve(started.store, true);
    await built(app);
    expect(started.calls.get('appliedVersionPage')).toBeGreaterThan(0);
    expect(started.versions()).toBe(5);
    const first = await app.inject({ method: 'GET', url });
    expect(first.statusCode).toBe(200);
    expect(started.versions()).toBe(5);
    // two readers while the build runs: one build
    const during = counting(new SqliteStore(db));
    open.push(during.store);
    const busy = await serve(during.store, true);
    const [a, b] = await Promise.all([
      busy.inject({ method: 'GET', url }),
      busy.inject({ method: 'GET', url }),
    ]);
    await built(busy);
    expect(during.versions()).toBe(5);
    // the same bytes as a server whose first reader builds it
    const cold = new SqliteStore(db);
    open.push(cold);
    const reference = await (await serve(cold, false)).inject({ method: 'GET', url });
    expect(reference.statusCode).toBe(200);
    for (const r of [first, a, b]) expect(r.body).toBe(reference.body);
  });

  // The diff read of the twenty-fourth pass: closing the server waited for every election's
  // course, one after another. A close now stops the build after the election under way.
  it('a build told to stop begins no election', async () => {
    const db = join(dir, 'stop.db');
    await nightStore(db);
    const stopped = counting(new SqliteStore(db));
    open.push(stopped.store);
    await buildCountCourses(stopped.store, () => true);
    expect(stopped.versions()).toBe(0);
    const going = counting(new SqliteStore(db));
    open.push(going.store);
    await buildCountCourses(going.store, () => false);
    expect(going.versions()).toBe(5);
  });

  /** A store's versions read per election, a page of `rows` versions (counting's, per election). */
  const perElection = (store: Store, rows: number) => {
    const read = new Map<string, number>();
    const paged = new Proxy(store, {
      get(target, key) {
        if (key === 'appliedPageRows') return rows;
        const v: unknown = Reflect.get(target, key, target);
        if (typeof v !== 'function') return v;
        const f = (v as (...a: unknown[]) => unknown).bind(target);
        if (key !== 'appliedVersionPage') return f;
        return async (election: string, p: unknown) => {
          const r = (await f(election, p)) as unknown[];
          read.set(election, (read.get(election) ?? 0) + r.length);
          return r;
        };
      },
    });
    return { store: paged, read: (e: string) => read.get(e) ?? 0 };
  };
  /** The night's store with a second election (the same rows under another id) listed after it. */
  const twoElections = async (db: string): Promise<void> => {
    const store = await nightStore(db);
    const other = { ...election(), id: 'zz-other' };
    await store.putElection(other);
    for (const i of [0, 1, 2]) {
      const file = write(`o${i}.csv`, [ONPE_COLUMNS.join(','), ...(SLICES[i] ?? [])].join('\n'));
      const r = await ingestFile(store, { file, election: other, now: () => TIMES[i] as string });
      expect(r.ok).toBe(true);
    }
  };

  // The twenty-fifth brief: a reader of one election during the start's build competed with the
  // build of another (the two replays interleaved page by page), and a close waited for the
  // election under way to end. Now the build gives way to a reader's replay, and stops mid-election.
  it("a reader of another election during the build waits for its own election's replay only", async () => {
    const db = join(dir, 'two.db');
    await twoElections(db);
    const s = perElection(new SqliteStore(db), 1);
    open.push(s.store);
    const [first] = await s.store.listElections();
    expect(first?.id).toBe(ELECTION);
    const build = buildCountCourses(s.store);
    await new Promise((resolve) => setImmediate(resolve));
    const other = await actaCourse(s.store, { ...election(), id: 'zz-other' });
    // the other election is whole, read once, and the build has not gone on meanwhile
    expect(other.map((p) => p.actasCounted)).toEqual([2, 3, 5]);
    expect(s.read('zz-other')).toBe(5);
    expect(s.read(ELECTION)).toBeLessThan(5);
    await build;
    expect(s.read(ELECTION)).toBe(5);
    expect(s.read('zz-other')).toBe(5);
  });

  it('a build told to stop mid-election ends at its next page, and the next reader replays whole', async () => {
    const db = join(dir, 'stop-mid.db');
    await nightStore(db);
    const s = perElection(new SqliteStore(db), 1);
    open.push(s.store);
    let stop = false;
    const build = buildCountCourses(s.store, () => stop);
    while (s.read(ELECTION) === 0) await new Promise((resolve) => setImmediate(resolve));
    stop = true;
    await build;
    expect(s.read(ELECTION)).toBeLessThan(5);
    const after = await actaCourse(s.store, election());
    expect(after.map((p) => p.actasCounted)).toEqual([2, 3, 5]);
  });

  // The twenty-sixth brief: a reader waiting on the start's build when the server closed replayed
  // the course once the build stopped — after close had returned, on a store being closed. A close
  // now settles the course reads in flight before it returns: none reads a closed store.
  // Failed on the old code: the reader read the store after its close (a 500).
  it('a close settles the course readers waiting on the build: no read on a closed store', async () => {
    const db = join(dir, 'close-race.db');
    await nightStore(db);
    const s = perElection(new SqliteStore(db), 1);
    let closed = false;
    let lateReads = 0;
    const guarded = new Proxy(s.store, {
      get(target, key) {
        const v: unknown = Reflect.get(target, key, target);
        if (typeof v !== 'function' || key === 'close') return v;
        return (...a: unknown[]) => {
          if (closed) lateReads++;
          return (v as (...b: unknown[]) => unknown).apply(target, a);
        };
      },
    });
    const app = await buildApi({ store: guarded, tokenHash: null, courseAtStart: true });
    await app.ready();
    // the build is under way (a page read), and a reader of its election waits on it
    while (s.read(ELECTION) === 0) await new Promise((resolve) => setImmediate(resolve));
    const reader = app.inject({ method: 'GET', url: `/api/v1/count-course?election=${ELECTION}` });
    await new Promise((resolve) => setImmediate(resolve));
    await app.close();
    // as `cifra serve` does once the server has closed
    closed = true;
    const res = await reader;
    await s.store.close();
    expect(lateReads).toBe(0);
    expect(res.statusCode, res.body).toBe(200);
  });

  it("a served night's course ends at the last import's count; each revision's projection is recorded with no reader", async () => {
    const store = new SqliteStore(join(dir, 'served.db'));
    open.push(store);
    await store.migrate();
    await store.putElection(election());
    const app: FastifyInstance = await buildApi({
      store,
      tokenHash: hashToken(TOKEN),
      recordEveryMs: 0,
      now: () => '2026-12-02T02:00:00.000Z',
    });
    const recorder = (app as unknown as { cifraNightRecorder: NightRecorder }).cifraNightRecorder;
    open.push(app);
    const get = async (url: string): Promise<unknown> => {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    const csv = (i: number): string =>
      [ONPE_COLUMNS.join(','), ...(SLICES[i] ?? [])].join('\n') + '\n';
    const revisions: string[] = [];
    for (const i of [0, 1, 2]) {
      await uploadCsv(app, ELECTION, TOKEN, csv(i), `s${i}.csv`);
      revisions.push(await store.revision(ELECTION));
      // the import route started the recording of this revision; wait for it, read nothing
      await recorder.tick();
      if (i === 0) await get(`/api/v1/count-course?election=${ELECTION}`);
    }
    const c = (await get(`/api/v1/count-course?election=${ELECTION}`)) as {
      points: { time: string; actasCounted: number }[];
    };
    const summary = (await get(`/api/v1/summary?election=${ELECTION}`)) as {
      count: { actasProcessed: number };
    };
    const imports = await store.listImports(ELECTION);
    expect(c.points.map((p) => p.time)).toEqual(imports.map((i) => i.finishedAt));
    expect(c.points.map((p) => p.actasCounted)).toEqual([2, 3, 5]);
    expect(c.points.at(-1)?.actasCounted).toBe(summary.count.actasProcessed);
    // the projection history has every revision although nobody asked for a projection
    const history = await store.projectionHistory(ELECTION);
    expect(history.map((r) => r.revision)).toEqual(revisions);
  });
});
