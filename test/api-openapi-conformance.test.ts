// The published contract against the real answers: each answer below is validated against the
// response schema docs/openapi.json declares for its path (JSON Schema 2020-12, Ajv), so a field
// the server sends and the document forbids (or omits) fails here. The zod schemas alone cannot
// see it: parsing with them drops unknown keys, and the document says `additionalProperties: false`.
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi, buildOpenApi, hashToken } from '../src/api/server.js';
import { bundledElection } from '../src/elections/manifests.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ONPE_COLUMNS, onpeRow, tempDir } from './helpers.js';

const TOKEN = 'conformance-token';
const row = onpeRow;

let app: FastifyInstance;
let store: SqliteStore;

beforeAll(async () => {
  store = new SqliteStore(join(tempDir('cifra-conformance-'), 'c.db'));
  await store.migrate();
  const e = bundledElection('pe-2021-presidencial');
  if (!e) throw new Error('election');
  await store.putElection(e);
  for (const id of ['pe-2026-presidencial-segunda', 'pe-2026-diputados', 'pe-2021-congreso']) {
    const r = await putPublishedElection(store, id);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  app = await buildApi({ store, tokenHash: hashToken(TOKEN), now: () => '2026-11-26T00:00:00Z' });
  const csv = [
    ONPE_COLUMNS.join(','),
    row('000001', '010101', 40, 50),
    row('000002', '140137', 70, 20),
    row('000003', '921001', 5, 1),
  ];
  const up = await app.inject({
    method: 'POST',
    url: '/api/v1/imports?election=pe-2021-presidencial&name=night.csv',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
    payload: csv.join('\n') + '\n',
  });
  if (up.statusCode !== 200) throw new Error(up.body);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await store?.close();
});

interface Operation {
  readonly responses: Record<string, { content?: Record<string, { schema: object }> }>;
}
const doc = buildOpenApi() as { paths: Record<string, Record<string, Operation>> };
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });

/** The declared schema of a status's JSON answer at a concrete URL (its path template matched). */
function declared(method: string, url: string, status: number): object {
  const path = url.split('?')[0] as string;
  for (const [template, ops] of Object.entries(doc.paths)) {
    const re = new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+').replace(/\./g, '\\.')}$`);
    if (!re.test(path)) continue;
    const schema = ops[method]?.responses[String(status)]?.content?.['application/json']?.schema;
    if (schema) return schema;
  }
  throw new Error(`no ${status} JSON answer declared for ${method.toUpperCase()} ${path}`);
}

async function conforms(
  method: 'get' | 'post',
  url: string,
  payload?: unknown,
): Promise<{ status: number; errors: unknown }> {
  const r = await app.inject({
    method: method === 'get' ? 'GET' : 'POST',
    url,
    ...(payload === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) }),
  });
  const validate = ajv.compile(declared(method, url, r.statusCode));
  return { status: r.statusCode, errors: validate(r.json()) ? null : validate.errors };
}

const E21 = 'election=pe-2021-presidencial';
const E26 = 'election=pe-2026-presidencial-segunda';
const DIP = 'election=pe-2026-diputados';
const OK: readonly string[] = [
  '/api/v1/elections',
  `/api/v1/candidates?${E21}`,
  `/api/v1/candidates?${E26}`,
  `/api/v1/candidates?${DIP}`,
  `/api/v1/results?${E21}&level=national`,
  `/api/v1/results?${E21}&level=district`,
  `/api/v1/results?${E26}&level=department`,
  `/api/v1/progress?${E21}`,
  `/api/v1/summary?${E21}`,
  `/api/v1/summary?${E26}`,
  `/api/v1/count-course?${E26}`,
  `/api/v1/seats?${E21}`,
  `/api/v1/seats?${DIP}`,
  `/api/v1/seats?election=pe-2021-congreso`,
  `/api/v1/mesas?${E21}&district=010101`,
  `/api/v1/actas/000001?${E21}`,
  '/api/v1/contests/pe-erm-2022',
  '/api/v1/contests/pe-erm-2022/provincial-council/140100',
  '/api/v1/rulesets',
  '/api/v1/rulesets/pe-2026-diputados',
  '/api/v1/site.json',
  '/api/v1/elections.json',
  '/api/v1/elections/pe-2021-presidencial/summary.json',
  '/api/v1/elections/pe-2021-presidencial/results/department.json',
  '/api/v1/elections/pe-2021-presidencial/results/national/PE/children.json',
  '/api/v1/elections/pe-2021-presidencial/mesas/010101.json',
  '/api/v1/elections/pe-2021-presidencial/actas/000001.json',
  '/api/v1/elections/pe-2026-diputados/seats.json',
  '/api/v1/contests/pe-erm-2026.json',
];

describe('answers conform to docs/openapi.json', () => {
  it.each(OK)('GET %s', async (url) => {
    expect(await conforms('get', url)).toEqual({ status: 200, errors: null });
  });

  it('a what-if answer', async () => {
    const r = await conforms('post', '/api/v1/what-if', {
      election: 'pe-2026-diputados',
      whatIf: { method: 'sainte-lague' },
    });
    expect(r).toEqual({ status: 200, errors: null });
  });

  it('a body over its limit (413) and a crash (500) in the declared error shape', async () => {
    const big = await conforms('post', '/api/v1/what-if', {
      election: 'x',
      pad: 'y'.repeat(300_000),
    });
    expect(big).toEqual({ status: 413, errors: null });
  });

  it.each([
    ['/api/v1/results?election=nope&level=national', 404],
    [`/api/v1/results?${E21}&level=planet`, 422],
    // no election named, several stored: election_required, a code the declared enum must list
    ['/api/v1/results?level=national', 422],
    [`/api/v1/seats`, 422],
    [`/api/v1/actas/999999?${E21}`, 404],
    ['/api/v1/elections/pe-2021-presidencial/actas/999999.json', 404],
  ])('the error of GET %s (%i)', async (url, status) => {
    expect(await conforms('get', url)).toEqual({ status, errors: null });
  });
});
