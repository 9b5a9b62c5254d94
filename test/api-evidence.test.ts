// What a poll-watcher cites in a claim before a JEE: the import log (which file, its hash, what
// it brought), each acta version's file and a hash of its figures, and a correction's ruling
// and author (poll-watcher review M6).
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi, hashToken } from '../src/api/server.js';
import { ActaSchema, ErrorSchema, ImportsSchema } from '../src/api/schemas.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { onpeCsv, onpeRow, storeWithElection, uploadCsv } from './api-helpers.js';

const TOKEN = 'test-token-evidence';
const ELECTION = 'pe-2021-presidencial';
const FIRST = onpeCsv(onpeRow('000001', 40), onpeRow('000002', 70), 'broken,row');
const SECOND = onpeCsv(onpeRow('000003', 5));
const RULING = { resolution: 'Resolución N.° 0123-2026-JEE-LIMA/JNE', author: 'Ana Pérez' };
const CORRECTED = {
  ubigeo: '010101',
  state: 'resolved',
  eligible: 300,
  voters: 51,
  votes: { P1: 41 },
  blank: 6,
  null: 4,
};

let app: FastifyInstance;
let store: SqliteStore;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const get = async (url: string) => app.inject({ method: 'GET', url });
const correct = (query: string) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/actas/1/corrections?election=${ELECTION}&${query}`,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    payload: CORRECTED,
  });

beforeAll(async () => {
  store = await storeWithElection(ELECTION);
  app = await buildApi({ store, tokenHash: hashToken(TOKEN), now: () => '2026-12-03T00:00:00Z' });
  await uploadCsv(app, ELECTION, TOKEN, FIRST, 'night-1.csv');
  await uploadCsv(app, ELECTION, TOKEN, SECOND, 'night-2.csv');
  const r = await correct(new URLSearchParams(RULING).toString());
  expect(r.statusCode, r.body).toBe(200);
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('GET /api/v1/imports: which file each import read', () => {
  it('lists every import, oldest first: file, its SHA-256, rows read, accepted, quarantined, a ruling', async () => {
    const r = await get(`/api/v1/imports?election=${ELECTION}`);
    expect(r.statusCode, r.body).toBe(200);
    const doc = ImportsSchema.parse(r.json());
    expect(doc).toMatchObject({ election: ELECTION, total: 3, offset: 0, limit: 100 });
    expect(
      doc.imports.map((i) => [i.fileName, i.sha256, i.rowsRead, i.accepted, i.quarantined]),
    ).toEqual([
      ['night-1.csv', sha256(FIRST), 3, 2, 1],
      ['night-2.csv', sha256(SECOND), 1, 1, 0],
      ['correction-1.jsonl', expect.stringMatching(/^[0-9a-f]{64}$/), 1, 1, 0],
    ]);
    expect(doc.imports[2]).toMatchObject({ mode: 'correction', ...RULING });
    expect(doc.imports[0]).not.toHaveProperty('resolution');
  });

  it('pages: offset and limit, the total beside them; a limit past 1000 is invalid_query', async () => {
    const doc = ImportsSchema.parse((await get('/api/v1/imports?offset=1&limit=1')).json());
    expect(doc).toMatchObject({ election: null, total: 3, offset: 1, limit: 1 });
    expect(doc.imports.map((i) => i.fileName)).toEqual(['night-2.csv']);
    const bad = await get('/api/v1/imports?limit=1001');
    expect(bad.statusCode).toBe(422);
    expect(ErrorSchema.parse(bad.json()).issues.map((i) => [i.code, i.path])).toEqual([
      ['invalid_query', ['query', 'limit']],
    ]);
  });

  it('an election not stored is 404 unknown_election', async () => {
    const r = await get('/api/v1/imports?election=pe-1990-nothing');
    expect(r.statusCode).toBe(404);
    expect(ErrorSchema.parse(r.json()).issues[0]?.code).toBe('unknown_election');
  });
});

describe("GET /api/v1/actas/:mesa: each version's source, to cite", () => {
  it('each version names its import, file and file hash, and a hash of its figures anyone can recompute', async () => {
    const doc = ActaSchema.parse((await get(`/api/v1/actas/1?election=${ELECTION}`)).json());
    const imports = ImportsSchema.parse((await get('/api/v1/imports')).json()).imports;
    expect(doc.history.map((h) => [h.kind, h.file, h.importId])).toEqual([
      ['new', 'night-1.csv', imports[0]?.id],
      ['correction', 'correction-1.jsonl', imports[2]?.id],
    ]);
    for (const h of doc.history) {
      const a = h.acta;
      const content = [a.election, a.mesa, a.ubigeo, a.state, a.stateLabel, a.eligible].concat([
        a.voters,
        a.votes,
        a.blank,
        a.null,
        a.impugned,
        a.preferential ?? null,
      ] as never[]);
      expect(h.figuresHash).toBe(sha256(JSON.stringify(content)));
      expect(h.sha256).toBe(imports.find((i) => i.id === h.importId)?.sha256);
    }
    expect(doc.history[0]?.figuresHash).not.toBe(doc.history[1]?.figuresHash);
  });

  it("the correction's resolution and author are in its version; an import's are null", async () => {
    const doc = ActaSchema.parse((await get(`/api/v1/actas/1?election=${ELECTION}`)).json());
    expect(doc.history.map((h) => [h.resolution, h.author])).toEqual([
      [null, null],
      [RULING.resolution, RULING.author],
    ]);
  });
});

describe('POST corrections: a ruling that cannot be cited is refused, nothing recorded', () => {
  it('a resolution past 120 characters, or an author with a line break, is 422 invalid_query', async () => {
    const before = (await store.listImports()).length;
    for (const [query, key] of [
      [`resolution=${'R'.repeat(121)}`, 'resolution'],
      [`author=${encodeURIComponent('Ana\nforged line')}`, 'author'],
      ['resolution=%20%20', 'resolution'],
      // a right-to-left override shows "N.° 0042" as "2400 °.N" in a viewer (the diff read, LOW)
      [`resolution=${encodeURIComponent('N.\u00b0 \u202e0042')}`, 'resolution'],
      [`author=${encodeURIComponent('Ana\u2028forged line')}`, 'author'],
    ] as const) {
      const r = await correct(query);
      expect(r.statusCode, query).toBe(422);
      // a blank one breaks two rules (empty, and nothing but control-free text): both said
      const said = ErrorSchema.parse(r.json()).issues.map((i) => [i.code, i.path]);
      expect(new Set(said.map((x) => JSON.stringify(x)))).toEqual(
        new Set([JSON.stringify(['invalid_query', ['query', key]])]),
      );
    }
    expect((await store.listImports()).length).toBe(before);
  });
});
