// Figures a source does not give are null, never 0 (docs/elections.md: "An empty cell … is never
// read as 0"), and so is every figure computed from one (emitted, participation). The expected
// values are read here from the bundled source CSV, never from cifra's output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FiguresStatusSchema } from '../src/results/status.js';
import { ProgressSchema, ResultsSchema, SummarySchema, WhatIfSchema } from '../src/api/schemas.js';
import { renderResults } from '../src/cli/commands/actas.js';
import { runElectionWhatIf } from '../src/cli/commands/seats.js';
import { getResults } from '../src/results/service.js';
import { buildApi } from '../src/api/server.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { FastifyInstance } from 'fastify';
import { tempDir } from './helpers.js';

const RUNOFF = 'data/peru/2026/final/runoff_2026_final.results.csv';
const FIRST = 'data/peru/2026/final/first_round_2026_final_national.results.csv';
const DEPUTIES = 'data/peru/2026/final/diputados_2026_86pct.results.csv';

/** A row of a source CSV by level and code, as { column: cell } (these files quote nothing). */
function sourceRow(file: string, level: string, code: string): Record<string, string> {
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = (head ?? '').split(',');
  const row = rows.map((r) => r.split(',')).find((r) => r[0] === level && r[1] === code);
  if (!row) throw new Error(`${file}: no ${level} ${code}`);
  return Object.fromEntries(cols.map((c, i) => [c, row[i] ?? '']));
}

let store: SqliteStore;
let app: FastifyInstance;
beforeAll(async () => {
  store = new SqliteStore(join(tempDir('cifra-figures-'), 'f.db'));
  await store.migrate();
  for (const id of ['pe-2026-presidencial-segunda', 'pe-2026-presidencial', 'pe-2026-diputados']) {
    const r = await putPublishedElection(store, id);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  app = await buildApi({ store, tokenHash: null });
});
afterAll(async () => {
  await app.close();
  await store.close();
});
const get = async (url: string) => (await app.inject({ method: 'GET', url })).json() as unknown;
const results = async (q: string) => ResultsSchema.parse(await get(`/api/v1/results?${q}`));

describe('a figure the source does not give is null, never 0', () => {
  it('2026 runoff, Lima: blank, null and electors absent; emitted and participation with them', async () => {
    const src = sourceRow(RUNOFF, 'department', '14');
    expect([src['blank'], src['null'], src['blank_null'], src['eligible']]).toEqual([
      '',
      '',
      '',
      '',
    ]);
    const doc = await results('election=pe-2026-presidencial-segunda&level=department&code=14');
    const u = doc.units[0];
    expect(u?.valid).toBe(Number(src['FP']) + Number(src['JP']));
    expect(u).toMatchObject({
      blank: null,
      null: null,
      eligible: null,
      emitted: null,
      participation: null,
      blankPctEmitted: null,
      nullPctEmitted: null,
    });
    expect(u?.choices.map((c) => c.pctEmitted)).toEqual([null, null]);
  });

  it('2026 runoff, national: blank and null only together; emitted from them, no participation', async () => {
    const src = sourceRow(RUNOFF, 'national', 'PE');
    const u = (await results('election=pe-2026-presidencial-segunda&level=national')).units[0];
    const valid = Number(src['FP']) + Number(src['JP']);
    expect(u).toMatchObject({
      valid,
      blank: null,
      null: null,
      blankAndNull: Number(src['blank_null']),
      emitted: valid + Number(src['blank_null']),
      eligible: null,
      participation: null,
    });
  });

  it('2026 first round, national: blank and null given, electors not', async () => {
    const src = sourceRow(FIRST, 'national', 'PE');
    const u = (await results('election=pe-2026-presidencial&level=national')).units[0];
    expect(u?.blank).toBe(Number(src['blank']));
    expect(u?.null).toBe(Number(src['null']));
    expect(u?.emitted).toBe((u?.valid ?? 0) + Number(src['blank']) + Number(src['null']));
    expect(u).toMatchObject({ eligible: null, participation: null, eligibleRemaining: null });
    const p = ProgressSchema.parse(await get('/api/v1/progress?election=pe-2026-presidencial'));
    expect(p).toMatchObject({ eligible: null, participation: null, emitted: u?.emitted });
  });

  it('the results CSV writes an empty cell, not 0', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/results?election=pe-2026-presidencial-segunda&level=department&format=csv',
    });
    const [head, ...rows] = res.body.trim().split('\n');
    const cols = (head ?? '').split(',');
    const lima = rows.map((r) => r.split(',')).find((r) => r[1] === '14');
    const cell = (c: string) => lima?.[cols.indexOf(c)];
    for (const c of ['blank', 'null', 'impugned', 'emitted', 'eligible', 'participation'])
      expect([c, cell(c)]).toEqual([c, '']);
    const src = sourceRow(RUNOFF, 'department', '14');
    expect(cell('valid')).toBe(String(Number(src['FP']) + Number(src['JP'])));
  });
});

/** The manifest as written: what its figures are and who published them. */
function manifest(id: string): {
  status: { kind: string };
  sources: { publisher: { es: string; en: string } }[];
} {
  return JSON.parse(readFileSync(`data/elections/${id}.json`, 'utf8')) as ReturnType<
    typeof manifest
  >;
}

describe('acta counts the source does not give are null, never 0 of 0', () => {
  it('2026 Deputies by circunscripción: no acta counts in the source, none served', async () => {
    const src = sourceRow(DEPUTIES, 'circunscripcion', '15');
    expect([src['actas_counted'], src['actas_total']]).toEqual(['', '']);
    const r = await results('election=pe-2026-diputados&level=circunscripcion');
    expect(r.units.length).toBe(27);
    expect(r.units.every((u) => u.actas === null)).toBe(true);
    const p = ProgressSchema.parse(await get('/api/v1/progress?election=pe-2026-diputados'));
    expect(p.actas).toBeNull();
    const csv = await app.inject({
      method: 'GET',
      url: '/api/v1/results?election=pe-2026-diputados&level=circunscripcion&format=csv',
    });
    const [head, ...rows] = csv.body.trim().split('\n');
    const cols = (head ?? '').split(',');
    const cells = rows.map((row) => row.split(','));
    for (const c of ['actas_total', 'actas_processed', 'pct_actas_processed'])
      expect([c, cells.every((row) => row[cols.indexOf(c)] === '')]).toEqual([c, true]);
  });

  it('a source with acta counts keeps them (2026 runoff, Amazonas)', async () => {
    const src = sourceRow(RUNOFF, 'department', '01');
    const r = await results('election=pe-2026-presidencial-segunda&level=department&code=01');
    expect(r.units[0]?.actas?.total).toBe(Number(src['actas_total']));
  });
});

describe('every document of figures says what they are and who published them', () => {
  const DIP = 'pe-2026-diputados';
  const m = manifest(DIP);
  const publisher = m.sources[0]?.publisher;

  it('the manifest of the check is what the review quoted: ~86 % of actas, a third-party capture', () => {
    expect(m.status.kind).toBe('computed-by-cifra');
    expect(publisher?.en).toMatch(/~86 % of actas.*captured/);
  });

  it('/api/v1/results, results/{level}.json and children.json carry the status and the source', async () => {
    const urls = [
      `/api/v1/results?election=${DIP}&level=national`,
      `/api/v1/elections/${DIP}/results/national.json`,
      `/api/v1/elections/${DIP}/results/national/PE/children.json`,
    ];
    for (const url of urls) {
      const doc = ResultsSchema.parse(await get(url));
      expect([url, doc.status.kind, doc.status.source]).toEqual([url, m.status.kind, publisher]);
    }
    // one function: the summary says the same
    const summary = SummarySchema.parse(await get(`/api/v1/summary?election=${DIP}`));
    const results = ResultsSchema.parse(await get(urls[0] ?? ''));
    expect(results.status).toEqual(summary.status);
  });

  it('the results CSV has status, pct_counted, pct_of, cut and source on every row', async () => {
    for (const url of [
      `/api/v1/results?election=${DIP}&level=circunscripcion&format=csv`,
      `/api/v1/elections/${DIP}/results/circunscripcion.csv`,
    ]) {
      const res = await app.inject({ method: 'GET', url });
      const lines = res.body.trim().split('\n');
      expect(lines[0]?.endsWith(',status,pct_counted,pct_of,cut,source')).toBe(true);
      expect(lines.length).toBeGreaterThan(2);
      // a release's % is its source's counted share (pctOf, session 29)
      for (const line of lines.slice(1))
        expect(line).toContain(`,${m.status.kind},85.991,actas-counted,`);
      expect(lines[1]).toContain(publisher?.es.slice(0, 40));
    }
  });

  it('cifra results prints the status line and a dash for a figure not given', async () => {
    const r = await getResults(store, 'pe-2026-presidencial-segunda', 'department', '14');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const text = renderResults(r.value, 'table');
    const lines = text.split('\n');
    expect(lines[1]).toContain(manifest('pe-2026-presidencial-segunda').status.kind);
    expect(text).toContain('blank — (—) · null — (—)');
    expect(text).toContain('eligible — · participation —');
    expect(text).not.toMatch(/(^|[^\d])0\.000 %/);
  });

  it('POST /api/v1/what-if and cifra seats --format json carry them too', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/what-if',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ election: DIP, whatIf: { method: 'sainte-lague' } }),
    });
    expect(r.statusCode).toBe(200);
    const w = WhatIfSchema.parse(r.json());
    expect([w.status.kind, w.status.source]).toEqual([m.status.kind, publisher]);
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: () => undefined };
    const code = await runElectionWhatIf(
      store,
      { election: DIP, format: 'json', options: {}, whatIf: { method: 'sainte-lague' } },
      io,
    );
    expect(code).toBe(0);
    // the CLI's JSON nests the seat result under `result`, as the seats document (and the API) does
    const cli = z
      .object({
        status: FiguresStatusSchema,
        result: z.object({ seats: z.record(z.string(), z.number()) }),
      })
      .parse(JSON.parse(out.join('\n')));
    expect([cli.status.kind, cli.status.source]).toEqual([m.status.kind, publisher]);
    // one what-if shape: the API's answer is the CLI's JSON
    expect(JSON.parse(out.join('\n'))).toEqual(r.json());
  });
});
