// A mesa's quarantined rows in its acta document (review of 2026-12-01: the mesa view showed no
// refused rows): Quetzalia (test/fixtures/xq) with actas-quarantined.csv, whose row for 00006 does
// not add up (2,415 votes for 2,315 voters) and whose row for 00007, a mesa no file counted,
// has 60 votes for 50 voters.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { publishSite } from '../src/api/publish-site.js';
import { buildApi } from '../src/api/server.js';
import { PROJECT_ROOT } from '../src/io/paths.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';
import { manifestStore } from './xf-fixture.js';

const XQ = join(PROJECT_ROOT, 'test', 'fixtures', 'xq');
let store: SqliteStore;
let app: FastifyInstance;

beforeAll(async () => {
  store = await manifestStore(
    join(tempDir('cifra-acta-quarantine-'), 'xq.db'),
    join(XQ, 'xq-2026.json'),
    join(XQ, 'jurisdictions'),
    [join(XQ, 'actas-quarantined.csv')],
  );
  app = await buildApi({ store, tokenHash: null });
});

afterAll(async () => {
  await app.close();
  await store.close();
});

interface Doc {
  current: { votes: number[] } | null;
  history: unknown[];
  quarantined: {
    file: string;
    row: number;
    issues: { code: string }[];
    raw: Record<string, string>;
  }[];
}

const acta = async (mesa: string): Promise<{ status: number; doc: Doc }> => {
  const r = await app.inject(`/api/v1/actas/${mesa}?election=xq-2026-parlamento`);
  return { status: r.statusCode, doc: r.json() };
};

describe("an acta's quarantined rows", () => {
  it('a counted mesa lists the row a later file brought and the import refused, with its code', async () => {
    const { status, doc } = await acta('00006');
    expect(status).toBe(200);
    expect(doc.current?.votes).toEqual([1000, 1000, 300, 0]);
    expect(doc.quarantined).toHaveLength(1);
    expect(doc.quarantined[0]).toMatchObject({ file: 'actas-quarantined.csv', row: 1 });
    expect(doc.quarantined[0]?.issues.map((i) => i.code)).toContain('sheet_sum_mismatch');
    expect(doc.quarantined[0]?.raw['A']).toBe('1100');
  });

  it('a mesa with only a refused row is found, with no acta and its row', async () => {
    const { status, doc } = await acta('00007');
    expect(status).toBe(200);
    expect(doc.current).toBeNull();
    expect(doc.history).toEqual([]);
    expect(doc.quarantined.map((q) => q.row)).toEqual([2]);
  });

  it('a mesa with neither is still not found', async () => {
    const { status } = await acta('00008');
    expect(status).toBe(404);
  });

  // code review: the static site wrote actas only for the mesas a place lists (current actas)
  it('cifra publish writes the document of a mesa with only a refused row, as the API gives it', async () => {
    const out = join(tempDir('cifra-acta-quarantine-site-'), 'site');
    const r = await publishSite(store, out, {}, '2026-12-01T00:00:00.000Z');
    expect(r.ok).toBe(true);
    const file = join(out, 'api', 'v1', 'elections', 'xq-2026-parlamento', 'actas', '00007.json');
    const published = JSON.parse(readFileSync(file, 'utf8')) as Doc;
    expect(published).toEqual((await acta('00007')).doc);
    expect(existsSync(file.replace('00007', '00008'))).toBe(false);
  });

  it('the same document on the static path, and the other mesas list none', async () => {
    const r = await app.inject('/api/v1/elections/xq-2026-parlamento/actas/00001.json');
    expect(r.statusCode).toBe(200);
    expect((r.json() as Doc).quarantined).toEqual([]);
  });
});
