// A percentage of a zero base is null, not '0.000' (review 5: a unit with nothing processed showed
// participation 0.000 %). The bundled 2021 runoff with Amazonas loaded: department 16 (Madre
// de Dios) is a unit of the universe with no acta in yet. The API (parsed by its schema), the published
// JSON and CSV, and `cifra results` (a dash) all say "none"; Amazonas keeps its figures, and
// Madre de Dios's 0 of its expected actas is a real 0.000 % of actas.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS } from '../src/api/paths.js';
import { ResultsSchema } from '../src/api/schemas.js';
import { buildApi } from '../src/api/server.js';
import { renderResults } from '../src/cli/commands/actas.js';
import { bundledElection } from '../src/elections/manifests.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { dataPath } from '../src/io/paths.js';
import { getResults } from '../src/results/service.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { storeWithElection } from './api-helpers.js';
import { fixedClock, tempDir } from './helpers.js';

const ID = 'pe-2021-presidencial-segunda';
const R2 = dataPath(
  'peru/2021/presidential_r2/onpe_resultados_por_mesa_presidencial_2021_2da_vuelta.csv.gz',
);
let store: SqliteStore;
let app: FastifyInstance;

beforeAll(async () => {
  store = await storeWithElection(ID, undefined, { universe: true });
  // Amazonas only (ubigeo 01…): 1,105 of the runoff's 86,488 actas
  const [header, ...rows] = gunzipSync(readFileSync(R2)).toString('utf8').split('\n');
  const file = join(tempDir('cifra-zero-base-'), 'amazonas.csv');
  writeFileSync(file, [header, ...rows.filter((l) => l.startsWith('"01'))].join('\n') + '\n');
  const def = bundledElection(ID);
  if (!def) throw new Error(ID);
  const r = await ingestFile(store, { file, election: def, now: fixedClock });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  app = await buildApi({ store, tokenHash: null });
}, 120_000);
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('a unit with nothing processed', () => {
  it('the API: participation, every % of valid and of emitted null; its % of actas 0.000', async () => {
    const res = await app.inject({ method: 'GET', url: PATHS.results(ID, 'department') });
    expect(res.statusCode).toBe(200);
    const units = ResultsSchema.parse(res.json()).units;
    const none = units.find((u) => u.code === '16');
    const amazonas = units.find((u) => u.code === '01');
    if (!none || !amazonas) throw new Error(units.map((u) => u.code).join());
    expect(none.valid).toBe(0);
    expect(none.emitted).toBe(0);
    expect(none.participation).toBeNull();
    expect(none.blankPctEmitted).toBeNull();
    expect(none.nullPctEmitted).toBeNull();
    expect(none.choices.map((c) => [c.pctValid, c.pctEmitted])).toEqual(
      none.choices.map(() => [null, null]),
    );
    expect(none.actas?.total).toBeGreaterThan(0);
    expect(none.actas?.pctProcessed).toBe('0.000');
    // Amazonas has its figures: a share of a positive base is a number, 0 included
    expect(amazonas.participation).toMatch(/^\d+\.\d{3}$/);
    for (const c of amazonas.choices) expect(c.pctValid).toMatch(/^\d+\.\d{3}$/);
  });

  it('the published CSV leaves the cells empty, never 0.000', async () => {
    const res = await app.inject({ method: 'GET', url: PATHS.results(ID, 'department', 'csv') });
    const [head, ...lines] = res.body.trim().split('\n');
    const columns = (head ?? '').split(',');
    const row = lines.find((l) => l.startsWith('department,16,'))?.split(',');
    if (!row) throw new Error(res.body.slice(0, 400));
    const cell = (name: string): string | undefined => row[columns.indexOf(name)];
    expect(columns).toContain('participation');
    expect(cell('participation')).toBe('');
    // the % valid columns follow each choice's votes
    const pct = columns.flatMap((c, i) => (/pct_valid|pctValid/.test(c) ? [row[i]] : []));
    expect(pct.length).toBeGreaterThan(0);
    expect(pct.every((p) => p === '')).toBe(true);
  });

  it('`cifra results` shows a dash for participation, % valid and % emitted', async () => {
    const r = await getResults(store, ID, 'department', '16');
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const out = renderResults(r.value, 'table', { universe: true });
    expect(out.split('\n').at(-1)).toContain('participation —');
    const choices = out.split('\n').filter((l) => /^│ .* │ 0 +│/.test(l));
    expect(choices.length).toBe(2);
    for (const l of choices)
      expect(
        l
          .split('│')
          .map((c) => c.trim())
          .slice(-3, -1),
      ).toEqual(['—', '—']);
    // the actas line keeps its real 0 of the actas expected
    expect(out).toContain('actas 0 / ');
    const all = await getResults(store, ID, 'department');
    if (!all.ok) throw new Error(JSON.stringify(all.issues));
    const row = renderResults(all.value, 'table', { universe: true })
      .split('\n')
      .find((l) => /^│ 16 /.test(l));
    expect(
      row
        ?.split('│')
        .map((c) => c.trim())
        .slice(-3, -1),
    ).toEqual(['—', '0.000']);
  });
});
