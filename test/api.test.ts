import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildApi,
  buildOpenApi,
  hashToken,
  READ_CACHE_CONTROL,
  REVISION_TTL_MS,
  ROUTES,
} from '../src/api/server.js';
import {
  ActaSchema,
  CandidatesSchema,
  ElectionsSchema,
  ErrorSchema,
  ImportReportSchema,
  ProgressSchema,
  ResultsSchema,
  SeatsSchema,
} from '../src/api/schemas.js';
import { DOCUMENTS } from '../src/api/documents.js';
import { bundledElection } from '../src/elections/manifests.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { fixtureElection, tempDir } from './helpers.js';
import { ONPE_COLUMNS, onpeRow } from './helpers.js';

const TOKEN = 'test-token-5f0c1c7e';
const HEADER = ONPE_COLUMNS.join(',');
const row = onpeRow;
const CSV =
  [
    HEADER,
    row('000001', '010101', 40, 50),
    row('000002', '140137', 70, 20),
    row('000003', '921001', 5, 1),
  ].join('\n') + '\n';

let app: FastifyInstance;
let store: SqliteStore;

beforeAll(async () => {
  store = new SqliteStore(join(tempDir('cifra-api-'), 'api.db'));
  await store.migrate();
  const e = fixtureElection('pe-2021-presidencial');
  if (!e) throw new Error('election');
  await store.putElection(e);
  app = await buildApi({
    store,
    tokenHash: hashToken(TOKEN),
    now: () => '2026-11-26T00:00:00.000Z',
  });
  const r = await app.inject({
    method: 'POST',
    url: '/api/v1/imports?election=pe-2021-presidencial&name=night-1.csv',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
    payload: CSV,
  });
  expect(r.statusCode).toBe(200);
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers });

describe('read routes', () => {
  it('GET /api/v1/elections: schema, ETag, Cache-Control, 304 on If-None-Match', async () => {
    const r = await get('/api/v1/elections');
    expect(r.statusCode).toBe(200);
    expect(ElectionsSchema.parse(r.json()).elections.map((e) => e.id)).toEqual([
      'pe-2021-presidencial',
    ]);
    expect(r.headers['cache-control']).toBe(READ_CACHE_CONTROL);
    const etag = r.headers['etag'] as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await get('/api/v1/elections', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('GET /api/v1/results: national figures, every level, one unit, CSV', async () => {
    const n = ResultsSchema.parse(
      (await get('/api/v1/results?election=pe-2021-presidencial')).json(),
    );
    expect(n.units[0]).toMatchObject({ valid: 186, blank: 18, null: 12, emitted: 216 });
    expect(n.units[0]?.choices.find((c) => c.id === 'P16')).toMatchObject({
      votes: 71,
      pctValid: '38.172',
    });
    for (const level of ['ambito', 'department', 'province', 'district', 'circunscripcion']) {
      const r = await get(`/api/v1/results?level=${level}`);
      expect(r.statusCode).toBe(200);
      expect(ResultsSchema.parse(r.json()).level).toBe(level);
    }
    expect(
      ResultsSchema.parse((await get('/api/v1/results?level=mesa&code=2')).json()).units,
    ).toHaveLength(1);
    const csv = await get('/api/v1/results?level=department&format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toContain('level,code,name,valid');
    expect(csv.headers['etag']).toBeDefined();
  });

  it('limits query cost and rejects bad queries with coded issues (422)', async () => {
    const mesa = await get('/api/v1/results?level=mesa');
    expect(mesa.statusCode).toBe(422);
    expect(ErrorSchema.parse(mesa.json()).issues[0]?.code).toBe('query_too_costly');
    // a level is checked against the election's jurisdiction, which lists the allowed ones
    const bad = await get('/api/v1/results?level=planet');
    expect(bad.statusCode).toBe(422);
    expect(ErrorSchema.parse(bad.json()).issues).toEqual([
      {
        code: 'unknown_level',
        severity: 'error',
        path: ['level'],
        details: {
          level: 'planet',
          jurisdiction: 'pe',
          allowed: [
            'national',
            'ambito',
            'department',
            'province',
            'district',
            'circunscripcion',
            'mesa',
          ],
        },
      },
    ]);
    const long = await get(`/api/v1/results?level=${'x'.repeat(41)}`);
    expect(ErrorSchema.parse(long.json()).issues[0]?.code).toBe('invalid_query');
    expect((await get('/api/v1/results?level=district&code=999999')).statusCode).toBe(422);
    expect((await get('/api/v1/results?election=nope')).statusCode).toBe(404);
  });

  it('GET /api/v1/progress, /candidates, /seats (presidential outcome), /actas/{mesa}', async () => {
    expect(ProgressSchema.parse((await get('/api/v1/progress')).json())).toMatchObject({
      actas: { total: 3, processed: 3 },
      snapshotTime: '2026-11-26T00:00:00.000Z',
      imports: 1,
    });
    expect(CandidatesSchema.parse((await get('/api/v1/candidates')).json()).choices).toHaveLength(
      18,
    );
    const seats = SeatsSchema.parse((await get('/api/v1/seats')).json());
    expect(seats.kind === 'presidential' && seats.result.outcome).toEqual({
      kind: 'winner',
      winner: 'OLLANTA MOISES HUMALA TASSO',
      round: 'first',
    });
    const acta = ActaSchema.parse((await get('/api/v1/actas/000002')).json());
    expect(acta.current).toMatchObject({ mesa: '000002', ubigeo: '140137', version: 1 });
    expect(acta.history[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const missing = await get('/api/v1/actas/999999');
    expect(missing.statusCode).toBe(404);
    expect(ErrorSchema.parse(missing.json()).issues[0]?.code).toBe('acta_not_found');
  });

  it('compresses large responses', async () => {
    const r = await get('/api/v1/results?level=district', { 'accept-encoding': 'gzip' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBe('gzip');
  });

  it('unknown routes are 404 with a code', async () => {
    const r = await get('/api/v1/nothing');
    expect(r.statusCode).toBe(404);
    expect(ErrorSchema.parse(r.json()).error).toBe('not_found');
  });
});

describe('write routes', () => {
  const writes = ROUTES.filter((r) => r.write);

  it('every write route in the router answers 401 without a token, with a wrong one, and never echoes it', async () => {
    expect(writes.length).toBeGreaterThanOrEqual(2);
    for (const r of writes) {
      const url = r.url.replace(':mesa', '000001');
      for (const headers of [
        {},
        { authorization: 'Bearer wrong-token' },
        { authorization: TOKEN },
      ]) {
        const res = await app.inject({
          method: r.method,
          url,
          headers: { ...headers, 'content-type': 'application/json' },
          payload: '{}',
        });
        expect([r.url, res.statusCode]).toEqual([r.url, 401]);
        expect(ErrorSchema.parse(res.json()).issues[0]?.code).toBe('unauthorized');
        expect(res.body).not.toContain('wrong-token');
        expect(res.body).not.toContain(TOKEN);
      }
    }
  });

  it('the router has exactly the described routes; every route that is not a GET is a write route or a declared public computation', () => {
    const registered = (
      app as unknown as { cifraRoutes: { method: string; url: string; write: boolean }[] }
    ).cifraRoutes;
    const described = [
      ...ROUTES.map((r) => `${r.method} ${r.url}`),
      // the documents at query-free paths (the static site's scheme)
      ...DOCUMENTS.map((d) => `GET ${d.url}`),
    ].sort();
    expect(
      registered
        .filter((r) => r.url !== '/api/v1/openapi.json')
        .map((r) => `${r.method} ${r.url}`)
        .sort(),
    ).toEqual(described);
    // a public POST computes from the body and writes nothing: each one is named here
    const publicPosts = ['/api/v1/what-if'];
    for (const r of registered)
      if (r.method !== 'GET')
        expect([r.url, r.write]).toEqual([r.url, !publicPosts.includes(r.url)]);
    for (const url of publicPosts)
      expect(ROUTES.find((r) => r.url === url)?.body?.limit).toBeGreaterThan(0);
  });

  it('POST /api/v1/imports ingests the body; re-posting it changes nothing', async () => {
    const more = [HEADER, row('000004', '150101', 1, 2)].join('\n') + '\n';
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/imports?name=night-2.csv',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
      payload: more,
    });
    expect(r.statusCode).toBe(200);
    expect(ImportReportSchema.parse(r.json())).toMatchObject({ new: 1, file: 'night-2.csv' });
    expect(r.headers['cache-control']).toBe('no-store');
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/imports?name=night-2.csv',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
      payload: more,
    });
    expect(ImportReportSchema.parse(again.json()).alreadyImported).toBe(true);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
      payload: 'not,a,file\n',
    });
    expect(bad.statusCode).toBe(422);
    expect(ErrorSchema.parse(bad.json()).issues[0]?.code).toBe('columns_missing');
  });

  // Session 29: an older file posted late moved an acta at the JEE back to pending.
  it('POST /api/v1/imports of an older file: an earlier state is a conflict, warned acta_state_backwards', async () => {
    const post = (name: string, rows: readonly string[]) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/imports?name=${name}`,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
        payload: [HEADER, ...rows].join('\n') + '\n',
      });
    const observed = row('000405', '010101', 40, 50).replace(',CONTABILIZADA,,', ',OBSERVADA,,');
    const pending = ['010101', 'D', 'P', 'X', 'PRESIDENCIAL', '000405', 'EN PROCESO', '', '', '300']
      .concat(Array(21).fill(''))
      .join(',');
    expect((await post('late-b.csv', [observed])).statusCode).toBe(200);
    const r = await post('late-a.csv', [pending]);
    expect(r.statusCode).toBe(200);
    const report = ImportReportSchema.parse(r.json());
    expect(report).toMatchObject({ stateChanges: 0, conflicts: 1, conflictMesas: ['000405'] });
    expect(report.issues).toEqual([
      {
        code: 'acta_state_backwards',
        severity: 'warning',
        path: ['mesa', '000405'],
        details: { importId: report.importId, held: 'jee', given: 'pending' },
      },
    ]);
    const acta = ActaSchema.parse((await get('/api/v1/actas/405')).json());
    expect(acta.current).toMatchObject({ state: 'jee', conflict: true, version: 1 });
  });

  it('POST /api/v1/actas/{mesa}/corrections records a correction that becomes current', async () => {
    const body = {
      ubigeo: '010101',
      state: 'resolved',
      eligible: 300,
      voters: 101,
      votes: { P1: 41, P16: 50 },
      blank: 6,
      null: 4,
    };
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/actas/1/corrections',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      payload: body,
    });
    expect(r.statusCode).toBe(200);
    expect(ImportReportSchema.parse(r.json()).corrected).toBe(1);
    const acta = ActaSchema.parse((await get('/api/v1/actas/1')).json());
    expect(acta.current).toMatchObject({ state: 'resolved', version: 2 });
    expect(acta.history.map((h) => h.kind)).toEqual(['new', 'correction']);
  });
});

describe('corrections that correct nothing', () => {
  const correct = (mesa: string, body: object) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/actas/${mesa}/corrections?election=pe-2021-presidencial`,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      payload: body,
    });
  const acta = {
    ubigeo: '010101',
    state: 'resolved',
    eligible: 300,
    voters: 101,
    votes: { P1: 41, P16: 50 },
    blank: 6,
    null: 4,
  };

  it('a correction of a mesa never imported is 404 acta_not_found and creates no acta', async () => {
    const r = await correct('777777', acta);
    expect(r.statusCode).toBe(404);
    expect(ErrorSchema.parse(r.json()).issues[0]).toMatchObject({
      code: 'acta_not_found',
      details: { election: 'pe-2021-presidencial', mesa: '777777' },
    });
    expect((await get('/api/v1/actas/777777')).statusCode).toBe(404);
  });

  it('a correction whose acta fails validation is 422 with its issues; the acta stays as it was and the row is kept in quarantine', async () => {
    const before = (await get('/api/v1/actas/000002')).json();
    const r = await correct('000002', { ...acta, ubigeo: '140137', blank: 10 });
    expect(r.statusCode).toBe(422);
    const e = ErrorSchema.parse(r.json());
    expect(e.error).toBe('sheet_sum_mismatch');
    const importId = e.issues[0]?.details?.['importId'];
    expect(typeof importId).toBe('number');
    // the acta as it was; its document now also lists the refused row (the mesa's quarantine)
    const { quarantined, ...after } = (await get('/api/v1/actas/000002')).json() as {
      quarantined: { importId: number; issues: { code: string }[] }[];
    };
    expect({ ...after, quarantined: (before as { quarantined: unknown }).quarantined }).toEqual(
      before,
    );
    expect(quarantined.map((q) => [q.importId, q.issues.map((i) => i.code)])).toEqual([
      [importId, ['sheet_sum_mismatch']],
    ]);
    const kept = await store.quarantined(importId as number);
    expect(kept.map((q) => [q.mesa, q.issues.map((i) => i.code)])).toEqual([
      ['000002', ['sheet_sum_mismatch']],
    ]);
  });
});

describe('response cache', () => {
  it('serves repeated reads from memory and sees an import made outside the API within the revision TTL', async () => {
    const before =
      ResultsSchema.parse((await get('/api/v1/results?level=national')).json()).units[0]?.valid ??
      0;
    const again = await get('/api/v1/results?level=national');
    expect(again.headers['etag']).toBeDefined();
    const { ingestFile } = await import('../src/ingest/ingest.js');
    const dir = tempDir('cifra-api-cache-');
    const file = join(dir, 'outside.csv');
    writeFileSync(file, [HEADER, row('000099', '010101', 3, 4)].join('\n') + '\n');
    const e = await store.getElection('pe-2021-presidencial');
    expect((await ingestFile(store, { file, election: e!, now: () => 'x' })).ok).toBe(true);
    await new Promise((r) => setTimeout(r, REVISION_TTL_MS + 50));
    const after =
      ResultsSchema.parse((await get('/api/v1/results?level=national')).json()).units[0]?.valid ??
      0;
    expect(after - before).toBe(7);
  });
});

describe('OpenAPI', () => {
  it('is generated from the route table and equals docs/openapi.json (npm run openapi)', async () => {
    const served = (await get('/api/v1/openapi.json')).json();
    expect(served).toEqual(buildOpenApi());
    expect(
      JSON.parse(readFileSync(new URL('../docs/openapi.json', import.meta.url), 'utf8')),
    ).toEqual(served);
    for (const r of ROUTES)
      expect(Object.keys((served as { paths: Record<string, unknown> }).paths)).toContain(
        r.url.replace(/:(\w+)/g, '{$1}'),
      );
  });
});

describe('errors', () => {
  it('a mesa id or district that cannot be one is refused by its own code, at the path that names it', async () => {
    const codes = async (url: string) => {
      const r = await app.inject({ method: 'GET', url });
      const j = r.json() as { issues: { code: string; path: string[] }[] };
      return [r.statusCode, j.issues.map((i) => [i.code, i.path.join('.')])];
    };
    const e = 'election=pe-2021-presidencial';
    expect(await codes(`/api/v1/actas/abc?${e}`)).toEqual([422, [['mesa_invalid', 'mesa']]]);
    expect(await codes(`/api/v1/results?${e}&level=mesa&code=abc`)).toEqual([
      422,
      [['mesa_invalid', 'code']],
    ]);
    expect(await codes(`/api/v1/mesas?${e}&district=999999`)).toEqual([
      422,
      [['unknown_ubigeo', 'query.district']],
    ]);
    // the static documents answer 404 as a missing file would, with the path parameter named
    expect(await codes('/api/v1/elections/pe-2021-presidencial/mesas/abc.json')).toEqual([
      404,
      [['ubigeo_invalid', 'path.place']],
    ]);
    expect(await codes('/api/v1/elections/pe-2021-presidencial/actas/abc.json')).toEqual([
      404,
      [['mesa_invalid', 'mesa']],
    ]);
    // a district of the place table with no mesa yet is an empty list, not an error
    const empty = await app.inject({ method: 'GET', url: `/api/v1/mesas?${e}&district=030101` });
    expect([empty.statusCode, empty.json().mesas]).toEqual([200, []]);
  });

  it('election left out: the only one stored is taken; with several, 422 election_required naming them; with none, 404', async () => {
    const two = new SqliteStore(join(tempDir('cifra-api-two-'), 'two.db'));
    await two.migrate();
    let api = await buildApi({ store: two, tokenHash: null });
    const ids = ['pe-2021-presidencial', 'pe-2021-presidencial-segunda'];
    const none = await api.inject({ url: '/api/v1/results' });
    expect(none.statusCode).toBe(404);
    expect(ErrorSchema.parse(none.json()).issues[0]).toMatchObject({
      code: 'unknown_election',
      details: { election: null, known: [] },
    });
    const first = bundledElection(ids[0] as string);
    if (!first) throw new Error('election');
    await two.putElection(first);
    const one = await api.inject({ url: '/api/v1/candidates' });
    expect([one.statusCode, one.json().election]).toEqual([200, ids[0]]);
    const second = bundledElection(ids[1] as string);
    if (!second) throw new Error('election');
    await two.putElection(second);
    // a new server: the first one's cached answers stand until its revision check comes round
    await api.close();
    api = await buildApi({ store: two, tokenHash: null });
    for (const url of [
      '/api/v1/results',
      '/api/v1/candidates',
      '/api/v1/seats',
      '/api/v1/mesas?district=150101',
    ]) {
      const r = await api.inject({ url });
      expect([url, r.statusCode]).toEqual([url, 422]);
      expect(ErrorSchema.parse(r.json()).issues).toEqual([
        expect.objectContaining({
          code: 'election_required',
          path: ['election'],
          details: { known: ids },
        }),
      ]);
    }
    // naming one still answers; an id the store lacks is still 404 unknown_election
    expect((await api.inject({ url: `/api/v1/candidates?election=${ids[1]}` })).statusCode).toBe(
      200,
    );
    expect((await api.inject({ url: '/api/v1/candidates?election=nope' })).statusCode).toBe(404);
    const param = (
      buildOpenApi() as {
        paths: Record<
          string,
          { get: { parameters: { name: string; schema: { description?: string } }[] } }
        >;
      }
    ).paths['/api/v1/results']?.get.parameters.find((p) => p.name === 'election');
    expect(param?.schema.description).toContain('422 `election_required`');
    await api.close();
    await two.close();
  });

  it('an unexpected failure is a 500 without internals', async () => {
    const broken = {
      ...store,
      listElections: async () => {
        throw new Error('secret database path /var/x');
      },
    } as unknown as Store;
    const a = await buildApi({ store: broken, tokenHash: null });
    const r = await a.inject({ method: 'GET', url: '/api/v1/elections' });
    expect(r.statusCode).toBe(500);
    expect(r.json()).toEqual({
      error: 'internal_error',
      issues: [{ code: 'internal_error', severity: 'error', path: ['request'], details: {} }],
    });
    expect(r.body).not.toContain('secret');
    await a.close();
  });
});
