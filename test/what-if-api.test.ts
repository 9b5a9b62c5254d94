import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS } from '../src/api/paths.js';
import { buildApi, REVISION_TTL_MS, WHAT_IF_BODY_LIMIT } from '../src/api/server.js';
import {
  ErrorSchema,
  RulesetFileSchema,
  RulesetsSchema,
  SeatsSchema,
  WhatIfSchema,
} from '../src/api/schemas.js';
import { bundledElection } from '../src/elections/manifests.js';
import { methodSpecOf } from '../src/core/rulesets/overrides.js';
import { builtInRulesetIds } from '../src/elections/rulesets.js';
import { dataPath } from '../src/io/paths.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { whatIfHere, whatIfSeats, WhatIfBodySchema } from '../src/results/what-if.js';
import { WhatIfPool } from '../src/api/workers.js';
import { IssueError } from '../src/api/errors.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';
import { DISTRICTS, LISTS, VOTES, putListElection, writeStyleRuleset } from './list-election.js';

const ELECTION = 'test-diputados';
let app: FastifyInstance;
let store: SqliteStore;
let rulesetPath: string;

beforeAll(async () => {
  const dir = tempDir('cifra-what-if-');
  store = new SqliteStore(join(dir, 'what-if.db'));
  await store.migrate();
  rulesetPath = writeStyleRuleset(dir);
  await putListElection(store, {
    id: ELECTION,
    ruleset: rulesetPath,
    districts: DISTRICTS,
    lists: LISTS,
    votes: VOTES,
  });
  const president = bundledElection('pe-2021-presidencial');
  if (!president) throw new Error('election');
  await store.putElection(president);
  // the official 2021 Congress: national aggregates only, no votes by circunscripción
  const congress = await putPublishedElection(store, 'pe-2021-congreso');
  if (!congress.ok) throw new Error(JSON.stringify(congress.error));
  app = await buildApi({ store, tokenHash: null });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const post = (payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/what-if',
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

const whatIf = async (body: Record<string, unknown>) => {
  const r = await post({ election: ELECTION, ...body });
  expect([r.statusCode, r.statusCode === 200 ? null : r.json()]).toEqual([200, null]);
  return WhatIfSchema.parse(r.json());
};

/** Status and [code, path] of each issue of a refused request. */
const refusal = async (payload: unknown) => {
  const r = await post(payload);
  return [
    r.statusCode,
    ErrorSchema.parse(r.json()).issues.map((i) => [i.code, i.path.join('.')]),
  ] as const;
};

describe('GET /api/v1/rulesets and /api/v1/rulesets/{id}', () => {
  it('lists every built-in ruleset with its kind and labels', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/rulesets' });
    expect(r.statusCode).toBe(200);
    const { rulesets } = RulesetsSchema.parse(r.json());
    expect(rulesets.map((x) => x.id)).toEqual(builtInRulesetIds());
    expect(rulesets.find((x) => x.id === 'pe-2026-diputados')).toEqual({
      id: 'pe-2026-diputados',
      kind: 'list',
      label: 'Perú 2026 — Cámara de Diputados (130, 27 circunscripciones)',
      labels: {
        es: 'Perú 2026 — Cámara de Diputados (130, 27 circunscripciones)',
        en: 'Peru 2026 — Chamber of Deputies (130 seats, 27 districts)',
      },
      jurisdiction: 'pe',
    });
    expect(rulesets.find((x) => x.id === 'pe-2026-presidencial')?.kind).toBe('single-winner');
  });

  it('lists the multi-seat methods the core knows by name, each one a what-if takes', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/rulesets' });
    const { methods } = RulesetsSchema.parse(r.json());
    // the dashboard's what-if offered six by hand; the core knows Huntington-Hill and Kieswet too
    expect(methods).toEqual(expect.arrayContaining(['dhondt', 'huntington-hill', 'kieswet']));
    expect(methods.filter((m) => methodSpecOf(m) === null)).toEqual([]);
    // plurality decides single seats only: a ruleset's method refuses it, so it is not offered
    expect(methods).not.toContain('plurality');
  });

  it('serves a ruleset file as written, with an ETag; an unknown id or a path is 404', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/rulesets/pe-2026-diputados' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('application/json');
    expect(r.body).toBe(readFileSync(dataPath('rulesets/pe-2026-diputados.json'), 'utf8'));
    expect(RulesetFileSchema.parse(r.json()).id).toBe('pe-2026-diputados');
    expect(r.headers['etag']).toMatch(/^".+"$/);
    // `<id>.json` is the same file at the static site's path (ADR 007), byte for byte
    const file = await app.inject({
      method: 'GET',
      url: '/api/v1/rulesets/pe-2026-diputados.json',
    });
    expect([file.statusCode, file.body]).toEqual([200, r.body]);
    for (const id of ['nope', '..%2F..%2Fpackage', 'nope.json', '.%2Fes-congreso']) {
      const bad = await app.inject({ method: 'GET', url: `/api/v1/rulesets/${id}` });
      expect([id, bad.statusCode]).toEqual([id, 404]);
      expect(ErrorSchema.parse(bad.json()).issues[0]?.code).toBe('ruleset_not_found');
    }
  });
});

describe("GET /api/v1/elections/{id}/ruleset.json: the election's ruleset file, a user's too", () => {
  it("a user's file (the store keeps its path) as written, without this machine's path", async () => {
    const r = await app.inject({ method: 'GET', url: PATHS.document(ELECTION, 'ruleset') });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('application/json');
    expect(r.body).toBe(readFileSync(rulesetPath, 'utf8'));
    expect(RulesetFileSchema.parse(r.json()).id).toBe('test-2026-style');
    expect(r.body).not.toContain(dirname(rulesetPath));
    // the seats document names the same ruleset by its id, not a built-in one
    const seats = SeatsSchema.parse(
      (await app.inject({ method: 'GET', url: PATHS.document(ELECTION, 'seats') })).json(),
    );
    expect(seats.kind === 'list' && seats.result.rules).toBe('test-2026-style');
    expect(builtInRulesetIds()).not.toContain('test-2026-style');
  });

  it('a built-in one: its file in data/rulesets, as /api/v1/rulesets/{id} serves it', async () => {
    const r = await app.inject({
      method: 'GET',
      url: PATHS.document('pe-2021-presidencial', 'ruleset'),
    });
    expect(r.statusCode).toBe(200);
    const id = RulesetFileSchema.parse(r.json()).id;
    const built = await app.inject({ method: 'GET', url: PATHS.ruleset(id) });
    expect([built.statusCode, r.body]).toEqual([200, built.body]);
  });

  it('an unknown election, or a file no longer there: 404, naming no path', async () => {
    const dir = tempDir('cifra-what-if-gone-');
    const path = writeStyleRuleset(dir);
    await putListElection(store, {
      id: 'test-gone',
      ruleset: path,
      districts: DISTRICTS,
      lists: LISTS,
      votes: VOTES,
    });
    rmSync(path);
    const gone = await app.inject({ method: 'GET', url: PATHS.document('test-gone', 'ruleset') });
    expect(gone.statusCode).toBe(404);
    expect(ErrorSchema.parse(gone.json()).issues.map((i) => i.code)).toEqual(['ruleset_not_found']);
    expect(gone.body).not.toContain(dir);
    // a file replaced by JSON that is no ruleset is not served (the store names it by its path)
    writeFileSync(path, JSON.stringify({ secret: 'not a ruleset' }));
    const other = await app.inject({ method: 'GET', url: PATHS.document('test-gone', 'ruleset') });
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('not a ruleset');
    const none = await app.inject({ method: 'GET', url: PATHS.document('nope', 'ruleset') });
    expect(none.statusCode).toBe(404);
    expect(ErrorSchema.parse(none.json()).issues[0]?.code).toBe('unknown_election');
  });
});

describe('POST /api/v1/what-if on a stored list election (2026-style valla: 5 % and 2 seats)', () => {
  it('the election’s own ruleset: the seats of GET /api/v1/seats and an empty diff', async () => {
    const seats = SeatsSchema.parse(
      (await app.inject({ method: 'GET', url: `/api/v1/seats?election=${ELECTION}` })).json(),
    );
    const w = await whatIf({});
    // the seats document's shape, as `cifra seats --election … --format json` prints it
    expect(Object.keys((await post({ election: ELECTION })).json() as object)).toEqual([
      'election',
      'kind',
      'computedBy',
      'status',
      'open',
      'result',
      'diff',
    ]);
    expect(seats.kind === 'list' && seats.result.seats).toEqual({ A: 6, B: 5, C: 3 });
    expect(w.result.seats).toEqual({ A: 6, B: 5, C: 3 });
    expect(w.diff).toEqual({
      baseline: { rules: 'test-2026-style', totalSeats: 14 },
      lists: [],
      districts: [],
      entered: [],
      left: [],
    });
  });

  it('valla at 4 %: the share alone lets no one in (E has 4.833 % but 1 preliminary seat of 2)', async () => {
    const w = await whatIf({ whatIf: { threshold: '4%' } });
    expect(w.result.passed).toEqual(['A', 'B', 'C']);
    expect(w.result.excluded.filter((x) => x.party === 'E').map((x) => x.reason)).toEqual([
      'below_seats',
    ]);
    expect(w.diff.lists).toEqual([]);
  });

  it('valla at 4 % of valid votes without the seat condition (a merge patch): D and E enter', async () => {
    // D'Hondt among A–E: Lima A 300, B 210, A 150, C 130, B 105, A 100, D 80 → A 3 B 2 C 1 D 1;
    // Arequipa A 80, C 70, E 55 → A 1 C 1 E 1; Callao unchanged (B 120, A 100, B 60, C 55)
    const w = await whatIf({
      rules: { threshold: { kind: 'share', share: '4%', conditions: null, source: 'what-if' } },
    });
    expect(w.result.passed).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(w.result.seats).toEqual({ A: 5, B: 4, C: 3, D: 1, E: 1 });
    expect(w.diff).toEqual({
      baseline: { rules: 'test-2026-style', totalSeats: 14 },
      lists: [
        { party: 'A', before: 6, after: 5 },
        { party: 'B', before: 5, after: 4 },
        { party: 'D', before: 0, after: 1 },
        { party: 'E', before: 0, after: 1 },
      ],
      districts: [
        {
          district: 'Lima Metropolitana',
          before: 7,
          after: 7,
          lists: [
            { party: 'A', before: 4, after: 3 },
            { party: 'D', before: 0, after: 1 },
          ],
        },
        {
          district: 'Arequipa',
          before: 3,
          after: 3,
          lists: [
            { party: 'E', before: 0, after: 1 },
            { party: 'B', before: 1, after: 0 },
          ],
        },
      ],
      entered: ['D', 'E'],
      left: [],
    });
  });

  it('Sainte-Laguë: C takes Lima’s 7th seat from A (C 130/3 = 43.3 > A 300/7 = 42.9)', async () => {
    const w = await whatIf({ whatIf: { method: 'sainte-lague' } });
    expect(w.result.seats).toEqual({ A: 5, B: 5, C: 4 });
    expect(w.diff.lists).toEqual([
      { party: 'A', before: 6, after: 5 },
      { party: 'C', before: 3, after: 4 },
    ]);
    expect(w.diff.districts).toEqual([
      {
        district: 'Lima Metropolitana',
        before: 7,
        after: 7,
        lists: [
          { party: 'A', before: 4, after: 3 },
          { party: 'C', before: 1, after: 2 },
        ],
      },
    ]);
    // the same as a whole file with that method, and as a patch naming it
    const file = JSON.parse(readFileSync(rulesetPath, 'utf8')) as Record<string, unknown>;
    expect((await whatIf({ rules: { ...file, method: 'sainte-lague' } })).diff).toEqual(w.diff);
    expect((await whatIf({ rules: { method: 'sainte-lague' } })).diff).toEqual(w.diff);
  });

  it('takes ruleset options and a seed; the options in force are in the answer', async () => {
    const w = await whatIf({ options: { 'preliminary-among': 'share-qualified' }, seed: 7 });
    expect(w.result.options['preliminary-among']).toBe('share-qualified');
    expect(w.result.seats).toEqual({ A: 6, B: 5, C: 3 });
  });

  it('is public: no token needed, a wrong one is ignored', async () => {
    const r = await post({ election: ELECTION }, { authorization: 'Bearer wrong' });
    expect(r.statusCode).toBe(200);
  });
});

describe('POST /api/v1/what-if refuses bad bodies with coded issues and their paths (never a 500)', () => {
  it('not JSON: 422 body_not_json; not an object, wrong types, unknown fields: 422 invalid_query at the body path', async () => {
    expect(await refusal('{"election": ')).toEqual([422, [['body_not_json', 'body']]]);
    expect(await refusal('')).toEqual([422, [['body_not_json', 'body']]]);
    expect(await refusal([ELECTION])).toEqual([422, [['invalid_query', 'body']]]);
    expect(
      await refusal({ election: 3, rules: [], options: { x: 1 }, whatIf: { seats: '150' } }),
    ).toEqual([
      422,
      [
        ['invalid_query', 'body.election'],
        ['invalid_query', 'body.rules'],
        ['invalid_query', 'body.options.x'],
        ['invalid_query', 'body.whatIf.seats'],
      ],
    ]);
    expect(await refusal({ election: ELECTION, rule: {} })).toEqual([
      422,
      [['invalid_query', 'body']],
    ]);
    expect(await refusal({ election: ELECTION, whatIf: { valla: '4%' } })).toEqual([
      422,
      [['invalid_query', 'body.whatIf']],
    ]);
  });

  it('ruleset problems are the ruleset’s own issues at their path under rules', async () => {
    expect(await refusal({ election: ELECTION, rules: { valla: '4%' } })).toEqual([
      422,
      // the unknown key named in the path, not only the object holding it
      [['ruleset_invalid', 'rules.valla']],
    ]);
    const r = await post({
      election: ELECTION,
      rules: { threshold: { conditions: [{ kind: 'share', share: 'cinco', source: 'x' }] } },
    });
    expect(ErrorSchema.parse(r.json()).issues).toEqual([
      {
        code: 'ruleset_invalid',
        severity: 'error',
        path: ['rules', 'threshold', 'conditions', 0, 'share'],
        // the problem in both languages (review s36)
        details: {
          problem: 'a share: "5%", "3.5%", "1/150" or "0.05"',
          problemEs: 'una proporción: "5%", "3.5%", "1/150" o "0.05"',
          check: 'invalid_format',
        },
      },
    ]);
    expect(
      await refusal({ election: ELECTION, rules: JSON.parse('{"__proto__": {"method": "x"}}') }),
    ).toEqual([422, [['ruleset_invalid', 'rules.__proto__']]]);
    expect(await refusal({ election: ELECTION, rules: { totalSeats: 15 } })).toEqual([
      422,
      [['ruleset_invalid', 'rules.totalSeats']],
    ]);
  });

  it('options and what-if values: unknown_option / invalid_option at their path', async () => {
    expect(
      await refusal({
        election: ELECTION,
        options: { nope: 'x', 'preliminary-among': 'some' },
      }),
    ).toEqual([
      422,
      [
        ['unknown_option', 'options.nope'],
        ['invalid_option', 'options.preliminary-among'],
      ],
    ]);
    expect(
      await refusal({ election: ELECTION, whatIf: { method: 'borda', threshold: 'lots' } }),
    ).toEqual([
      422,
      [
        ['invalid_option', 'whatIf.method'],
        ['invalid_option', 'whatIf.threshold'],
      ],
    ]);
  });

  it('a share past 100 % is refused wherever it is written: "500" is no valla', async () => {
    for (const threshold of ['500', '150%', '1.5'])
      expect(await refusal({ election: ELECTION, whatIf: { threshold } })).toEqual([
        422,
        [['invalid_option', 'whatIf.threshold']],
      ]);
    expect(
      await refusal({
        election: ELECTION,
        rules: { threshold: { kind: 'share', share: '5', conditions: null, source: 'x' } },
      }),
    ).toEqual([422, [['ruleset_invalid', 'rules.threshold.share']]]);
  });

  it('an election that is not there, not a list election, or without votes by circunscripción', async () => {
    expect(await refusal({ election: 'nope' })).toEqual([422, [['unknown_election', 'election']]]);
    expect(await refusal({ election: 'pe-2021-presidencial' })).toEqual([
      422,
      [['not_a_list_election', 'election']],
    ]);
    expect(await refusal({ election: 'pe-2021-congreso' })).toEqual([
      422,
      [['district_votes_missing', 'election']],
    ]);
    const presidential = JSON.parse(
      readFileSync(dataPath('rulesets/pe-2026-presidencial.json'), 'utf8'),
    ) as unknown;
    expect(await refusal({ election: ELECTION, rules: presidential })).toEqual([
      422,
      [['not_a_list_election', 'rules.kind']],
    ]);
  });

  it('a ruleset whose districts are not the election’s: the seat engine’s issues', async () => {
    const national = { districts: [{ name: 'Nacional', seats: 14 }] };
    const [status, issues] = await refusal({ election: ELECTION, rules: national });
    expect(status).toBe(422);
    expect(new Set(issues.map((i) => i[0]))).toEqual(
      new Set(['unknown_district', 'district_without_votes']),
    );
  });

  it('bounded: a house or district table over 1,000, a body over 256 KiB or nested too deep', async () => {
    expect(await refusal({ election: ELECTION, whatIf: { seats: 1001 } })).toEqual([
      422,
      [['invalid_query', 'body.whatIf.seats']],
    ]);
    expect(
      await refusal({
        election: ELECTION,
        rules: { totalSeats: 1_000_000, districts: [{ name: 'Lima Metropolitana' }] },
      }),
    ).toEqual([422, [['query_too_costly', 'rules.totalSeats']]]);
    const many = Array.from({ length: 1001 }, (_, i) => ({ name: `D${i}`, seats: 1 }));
    expect(await refusal({ election: ELECTION, rules: { districts: many } })).toEqual([
      422,
      [['query_too_costly', 'rules.districts']],
    ]);
    const big = await post({ election: ELECTION, rules: { x: 'y'.repeat(WHAT_IF_BODY_LIMIT) } });
    expect([big.statusCode, big.json()]).toEqual([
      413,
      {
        error: 'body_too_large',
        issues: [
          {
            code: 'body_too_large',
            severity: 'error',
            path: ['body'],
            details: { limit: WHAT_IF_BODY_LIMIT },
          },
        ],
      },
    ]);
    const deep = `{"election":"${ELECTION}","rules":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}`;
    expect(await refusal(deep)).toEqual([422, [['query_too_costly', 'body']]]);
    const deeper = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(await refusal(deeper)).toEqual([422, [['query_too_costly', 'body']]]);
  });

  it('a malformed request (content-length that lies, unknown encoding): its 4xx, coded', async () => {
    const malformed: Record<string, string>[] = [
      { 'content-length': '5' },
      { 'content-encoding': 'br2' },
    ];
    for (const headers of malformed) {
      const r = await post({ election: ELECTION }, headers);
      expect(r.statusCode).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(ErrorSchema.parse(r.json()).issues[0]?.code).toBe('invalid_query');
    }
  });
});

describe('POST /api/v1/what-if caches by the normalised body', () => {
  it('same body, in any key order or spacing: the same bytes and ETag, from the cache', async () => {
    const body = { election: ELECTION, whatIf: { method: 'dean', threshold: '3%' }, options: {} };
    const first = await post(body);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-cache']).toBe('miss');
    const etag = first.headers['etag'];
    expect(etag).toMatch(/^".+"$/);
    const again = await post(
      `{ "options": {},\n "whatIf": {"threshold": "3%", "method": "dean"}, "election": "${ELECTION}", "rules": {} }`,
    );
    expect([again.headers['x-cache'], again.headers['etag'], again.body]).toEqual([
      'hit',
      etag,
      first.body,
    ]);
    const other = await post({ ...body, whatIf: { method: 'dean', threshold: '2%' } });
    expect(other.headers['x-cache']).toBe('miss');
    expect(other.headers['etag']).not.toBe(etag);
  });

  it('computes again once the store’s revision changes', async () => {
    const body = { election: ELECTION, whatIf: { method: 'adams' } };
    expect((await post(body)).headers['x-cache']).toBe('miss');
    expect((await post(body)).headers['x-cache']).toBe('hit');
    const other = bundledElection('pe-2021-presidencial-segunda');
    if (!other) throw new Error('election');
    await store.putElection(other);
    await new Promise((r) => setTimeout(r, REVISION_TTL_MS + 50));
    expect((await post(body)).headers['x-cache']).toBe('miss');
  });
});

describe('POST /api/v1/what-if computes on worker threads', () => {
  const bodies = [
    {},
    { whatIf: { threshold: '4%' } },
    { whatIf: { method: 'sainte-lague' } },
    { whatIf: { seats: 40 }, seed: 9 },
  ].map((b) => WhatIfBodySchema.parse({ election: ELECTION, ...b }));

  it('a worker’s result is the main thread’s, issues included', async () => {
    const pool = new WhatIfPool(2, 8);
    try {
      for (const body of [...bodies, WhatIfBodySchema.parse({ election: 'pe-2021-congreso' })]) {
        const here = await whatIfSeats(store, body, whatIfHere);
        expect(await whatIfSeats(store, body, pool.run)).toEqual(here);
      }
    } finally {
      await pool.close();
    }
  });

  it('a full pool refuses with 503 server_busy (Retry-After) instead of queuing', async () => {
    const pool = new WhatIfPool(1, 1);
    try {
      const first = whatIfSeats(store, bodies[1]!, pool.run);
      const second = whatIfSeats(store, bodies[2]!, pool.run);
      const refused = await whatIfSeats(store, bodies[0]!, pool.run).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(IssueError);
      expect((refused as IssueError).status).toBe(503);
      expect((refused as IssueError).issues[0]?.code).toBe('server_busy');
      expect((await first).ok && (await second).ok).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('over HTTP: past the pool, 503 server_busy; the others are answered', async () => {
    const busyApp = await buildApi({
      store,
      tokenHash: null,
      limits: { whatIfWorkers: 1, whatIfQueue: 0 },
    });
    try {
      const answers = await Promise.all(
        [3, 4, 5, 6, 7].map((seed) =>
          busyApp.inject({
            method: 'POST',
            url: '/api/v1/what-if',
            headers: { 'content-type': 'application/json' },
            payload: JSON.stringify({ election: ELECTION, seed }),
          }),
        ),
      );
      const codes = answers.map((a) => a.statusCode);
      expect(codes.every((c) => c === 200 || c === 503)).toBe(true);
      expect(codes).toContain(200);
      const busy = answers.find((a) => a.statusCode === 503);
      expect(busy?.json().error).toBe('server_busy');
      expect(busy?.headers['retry-after']).toBe('2');
    } finally {
      await busyApp.close();
    }
  });
});
