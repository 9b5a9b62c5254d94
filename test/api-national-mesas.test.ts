// The twenty-fifth brief: the nation's whole mesa list on the API was 422 query_too_costly
// (`details.missing: unit`), and `cifra export --level mesa` built every mesa's document at once.
// A newsroom wants it as one CSV: it is now streamed, a page of mesas at a time from one snapshot,
// the same lines as each unit's list; as JSON it stays refused. Failed on the old code: 422.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorSchema } from '../src/api/schemas.js';
import type { StreamSlots } from '../src/api/guard.js';
import { buildApi, hashToken } from '../src/api/server.js';
import { mesaList } from '../src/results/documents.js';
import { PgStore } from '../src/store/postgres/pg-store.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { uploadJsonl } from './api-helpers.js';
import { fixedClock, tempDir } from './helpers.js';
import { NIGHT, nightLine, useMesaNight } from './mesa-night.js';
import { freshDatabase } from './pg-helpers.js';

/** Two departments, four districts; one not counted, one at the JEE. */
const ROWS = [
  { mesa: '000008', ubigeo: '150102', state: 'counted', fp: 5, jp: 6, blank: 0, nul: 0 },
  { mesa: '000001', ubigeo: '010101', state: 'counted', fp: 60, jp: 40, blank: 3, nul: 2 },
  { mesa: '000005', ubigeo: '150101', state: 'counted', fp: 20, jp: 70, blank: 1, nul: 4 },
  { mesa: '000006', ubigeo: '150101', state: 'jee', fp: 10, jp: 10, blank: 0, nul: 0 },
  { mesa: '000007', ubigeo: '150101', state: 'not_installed', fp: 0, jp: 0, blank: 0, nul: 0 },
] as const;

const { db, get, night } = useMesaNight(ROWS);
const NATION = '/api/v1/results?election=night&level=mesa&format=csv';
const lines = (csv: string): string[] => csv.split('\n').filter((l) => l !== '');

describe("the nation's mesas as one CSV", () => {
  it("streams every mesa in code order, each line its unit's list's line", async () => {
    const all = await get(NATION);
    expect(all.status, all.body).toBe(200);
    expect(all.type).toMatch(/^text\/csv/);
    expect(all.body.endsWith('\n')).toBe(true);
    const [header, ...rows] = lines(all.body);
    expect(rows.map((l) => l.split(',')[1])).toEqual([
      '000001',
      '000005',
      '000006',
      '000007',
      '000008',
    ]);
    // the departments' lists together are the nation's, line for line, under the same header
    const units = [];
    for (const dept of ['01', '15']) {
      const u = await get(`/api/v1/results?election=night&level=mesa&unit=${dept}&format=csv`);
      expect(u.status, u.body).toBe(200);
      units.push(...lines(u.body));
    }
    expect(units.filter((l) => l === header)).toHaveLength(2);
    expect(units.filter((l) => l !== header)).toEqual(rows);
  });

  it('as JSON: still 422 query_too_costly, saying unit is missing and that CSV is streamed', async () => {
    const json = await get('/api/v1/results?election=night&level=mesa');
    expect(json.status).toBe(422);
    const issue = ErrorSchema.parse(JSON.parse(json.body)).issues[0];
    expect(issue).toMatchObject({ code: 'query_too_costly', details: { missing: 'unit' } });
    expect(JSON.stringify(issue)).toMatch(/format=csv/);
  });

  it('cifra export --level mesa writes the same bytes', async () => {
    const out = join(tempDir('cifra-national-mesas-'), 'all.csv');
    const r = await night('export', '--level', 'mesa', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe((await get(NATION)).body);
  });

  it('is read a page of mesas at a time: pages of 2 are the same list', async () => {
    const store = new SqliteStore(db);
    try {
      const read = async (size?: number) => {
        const list = await mesaList(store, NIGHT, null, size);
        const pages = [];
        for await (const page of list.pages()) pages.push(page.map((u) => u.code));
        return { count: list.count, pages };
      };
      const two = await read(2);
      expect(two.count).toBe(5);
      expect(two.pages.map((p) => p.length)).toEqual([2, 2, 1]);
      expect(two.pages.flat()).toEqual((await read()).pages.flat());
    } finally {
      await store.close();
    }
  });

  it('PostgreSQL: the same bytes as SQLite', async () => {
    const store = new PgStore(await freshDatabase('national_mesas'));
    await store.migrate();
    await store.putElection(NIGHT);
    const app = await buildApi({ store, tokenHash: hashToken('t'), now: fixedClock });
    try {
      await uploadJsonl(app, 'night', 't', ROWS.map(nightLine), 'night.jsonl');
      const all = await app.inject({ method: 'GET', url: NATION });
      expect(all.statusCode, all.body).toBe(200);
      expect(all.body).toBe((await get(NATION)).body);
    } finally {
      await app.close();
      await store.close();
    }
  });

  // the twenty-sixth brief: the stream was open to anyone, uncached and unbounded (each one
  // tabulates every mesa: 28.6 MB for the 2021 first round). Failed on the old code: no ETag, and
  // no slot to hold (the decoration did not exist)
  it('an ETag per revision: If-None-Match answers 304 with no body, for the gzip too', async () => {
    const store = new SqliteStore(db);
    const app = await buildApi({ store, tokenHash: null, now: fixedClock });
    try {
      const first = await app.inject({ method: 'GET', url: NATION });
      expect(first.statusCode, first.body).toBe(200);
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^"mesas-[\w-]+"$/);
      expect(first.headers['cache-control']).toBe('public, max-age=5, stale-while-revalidate=30');
      const again = await app.inject({
        method: 'GET',
        url: NATION,
        headers: { 'if-none-match': etag },
      });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
      const gz = { 'accept-encoding': 'gzip' };
      const zipped = await app.inject({ method: 'GET', url: NATION, headers: gz });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.etag).toBe(`${etag.slice(0, -1)}-gz"`);
      const held = { ...gz, 'if-none-match': String(zipped.headers.etag) };
      expect((await app.inject({ method: 'GET', url: NATION, headers: held })).statusCode).toBe(
        304,
      );
      // another tag (an older revision's) is sent the CSV
      const other = { 'if-none-match': '"mesas-older"' };
      expect((await app.inject({ method: 'GET', url: NATION, headers: other })).statusCode).toBe(
        200,
      );
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('at most limits.mesaCsvStreams at once: the next is 503 server_busy with Retry-After; a 304 still answers', async () => {
    const store = new SqliteStore(db);
    const app = await buildApi({ store, tokenHash: null, limits: { mesaCsvStreams: 1 } });
    try {
      const etag = String((await app.inject({ method: 'GET', url: NATION })).headers.etag);
      const slots = (app as unknown as { cifraMesaCsvStreams: StreamSlots }).cifraMesaCsvStreams;
      // a stream under way holds the one slot
      const release = slots.take();
      expect(release).not.toBeNull();
      const busy = await app.inject({ method: 'GET', url: NATION });
      expect(busy.statusCode).toBe(503);
      expect(busy.headers['retry-after']).toBe('10');
      expect(busy.headers['cache-control']).toBe('no-store');
      expect(ErrorSchema.parse(JSON.parse(busy.body)).issues[0]).toMatchObject({
        code: 'server_busy',
        details: { running: 1, retryAfterSeconds: 10 },
      });
      const held = { 'if-none-match': etag };
      expect((await app.inject({ method: 'GET', url: NATION, headers: held })).statusCode).toBe(
        304,
      );
      release?.();
      const free = await app.inject({ method: 'GET', url: NATION });
      expect(free.statusCode).toBe(200);
      // the finished stream gave its slot back
      expect(slots.running).toBe(0);
    } finally {
      await app.close();
      await store.close();
    }
  });

  it('a HEAD answers the ETag and type with no body, and takes no slot (failed on the old code: 503 with the slots full)', async () => {
    const store = new SqliteStore(db);
    const app = await buildApi({ store, tokenHash: null, limits: { mesaCsvStreams: 2 } });
    try {
      const etag = String((await app.inject({ method: 'GET', url: NATION })).headers.etag);
      const slots = (app as unknown as { cifraMesaCsvStreams: StreamSlots }).cifraMesaCsvStreams;
      const held = [slots.take(), slots.take()];
      expect(held).not.toContain(null);
      const head = await app.inject({ method: 'HEAD', url: NATION });
      expect(head.statusCode).toBe(200);
      expect(head.headers.etag).toBe(etag);
      expect(head.headers['content-type']).toMatch(/^text\/csv/);
      expect(head.body).toBe('');
      // it took no slot: both still held by the streams under way, none more
      expect(slots.running).toBe(2);
      for (const release of held) release?.();
      expect(slots.running).toBe(0);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
