// SOURCE: ONPE, "Resultados por mesa de las Elecciones Presidenciales 2021 – Primera Vuelta"
// (datos abiertos, 18-Jun-2021), bundled in data/peru/2021/presidential_r1. Expected national
// figures are ONPE's published 100 % results (as listed in issue 3 and the folder's PROVENANCE):
// valid 14,400,630; blank 2,190,059; null 1,123,027; emitted 17,713,716; eligible 25,287,954;
// Castillo 2,724,752 = 18.921 %. Department figures are checked against the independent
// district-level scrape of ONPE's results site in the same folder (not derived from the mesa file).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { decidePresidentialRound } from '../../src/core/rules/presidential.js';
import { bundledElection } from '../../src/elections/manifests.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { dataPath } from '../../src/io/paths.js';
import { buildResults } from '../../src/results/documents.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from '../helpers.js';

const FILE = dataPath(
  'peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz',
);
const election = bundledElection('pe-2021-presidencial');
if (election === null) throw new Error('election');
const store = new SqliteStore(join(tempDir(), 'onpe.db'));

describe('the whole ONPE 2021 first-round file', () => {
  beforeAll(async () => {
    await store.migrate();
    await store.putElection(election);
    const r = await ingestFile(store, { file: FILE, election, now: fixedClock });
    expect(r.ok).toBe(true);
  });

  it('ingests all 86,488 actas with nothing quarantined', async () => {
    const imports = await store.listImports();
    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatchObject({
      rowsRead: 86_488,
      new: 86_488,
      quarantined: 0,
      sha256: '1f6540bf49013dfc763d56651f02727408c9fd3263b2ca1b2c76b14dd352d806',
    });
  });

  it('national totals equal ONPE’s published 100 % figures to the vote', async () => {
    const doc = await buildResults(store, election, 'national');
    const n = doc.units[0];
    expect(n).toMatchObject({
      valid: 14_400_630,
      blank: 2_190_059,
      null: 1_123_027,
      emitted: 17_713_716,
      eligible: 25_287_954,
      impugned: 0,
    });
    const castillo = n?.choices.find((c) => c.label === 'JOSE PEDRO CASTILLO TERRONES');
    expect(castillo).toMatchObject({ votes: 2_724_752, pctValid: '18.921' });
    expect(n?.choices.find((c) => c.label === 'KEIKO SOFIA FUJIMORI HIGUCHI')).toMatchObject({
      votes: 1_930_762,
      pctValid: '13.407',
    });
    expect(n?.participation).toBe('70.048');
    expect(n?.actas).toMatchObject({
      total: 86_488,
      counted: 81_924,
      resolved: 3_081,
      annulled: 952,
      notInstalled: 499,
      pending: 32,
      pendingWithFigures: 32,
    });
  });

  it('the runoff pair follows through the presidential rule: Castillo and Fujimori', async () => {
    const n = (await buildResults(store, election, 'national')).units[0];
    const r = decidePresidentialRound({
      round: 'first',
      candidates: (n?.choices ?? []).map((c) => ({ candidate: c.label, votes: c.votes })),
    });
    expect(r.outcome).toEqual({
      kind: 'runoff',
      pair: ['JOSE PEDRO CASTILLO TERRONES', 'KEIKO SOFIA FUJIMORI HIGUCHI'],
    });
  });

  it('every department’s votes per candidate equal the independent district-level data', async () => {
    const rows = parse(
      gunzipSync(
        readFileSync(
          dataPath(
            'peru/2021/presidential_r1/district_level/presidencial-resultados-partidos.csv.gz',
          ),
        ),
      ).toString('utf8'),
      { columns: true },
    ) as Record<string, string>[];
    const map = parse(
      readFileSync(
        dataPath('peru/2021/presidential_r1/candidate_columns_VOTOS_Pn_2021_1ra_vuelta.csv'),
        'utf8',
      ),
      { columns: true },
    ) as Record<string, string>[];
    const choiceOfParty = new Map(
      map.map((m) => [m['codigo_op'], (m['column'] ?? '').replace('VOTOS_', '')]),
    );
    const expected = new Map<string, number>();
    for (const r of rows) {
      const key = `${(r['ubigeo'] ?? '').slice(0, 2)}|${choiceOfParty.get(r['cod_partido'])}`;
      expected.set(key, (expected.get(key) ?? 0) + Number(r['total_votos']));
    }
    const doc = await buildResults(store, election, 'department');
    const domestic = doc.units.filter((u) => !u.code.startsWith('9'));
    expect(domestic).toHaveLength(25);
    let compared = 0;
    for (const u of domestic) {
      for (const c of u.choices) {
        expect([u.code, c.id, c.votes]).toEqual([u.code, c.id, expected.get(`${u.code}|${c.id}`)]);
        compared++;
      }
    }
    expect(compared).toBe(25 * 18);
  });

  it('tabulates every level; circunscripciones split Lima Metropolitana from Lima Provincias', async () => {
    const circ = await buildResults(store, election, 'circunscripcion');
    expect(circ.units).toHaveLength(27);
    expect(circ.units.map((u) => u.name)).toContain('Lima Provincias');
    const ambito = await buildResults(store, election, 'ambito');
    expect(ambito.units.map((u) => u.code)).toEqual(['EXTRANJERO', 'PERU']);
    const sum = ambito.units.reduce((a, u) => a + (u.valid ?? Number.NaN), 0);
    expect(sum).toBe(14_400_630);
    const district = await buildResults(store, election, 'district', '140137');
    expect(district.units[0]?.name).toContain('SAN JUAN DE LURIGANCHO');
  });

  it('re-importing the same file changes nothing and says so', async () => {
    const r = await ingestFile(store, { file: FILE, election, now: fixedClock });
    expect(r.ok && r.report.alreadyImported).toBe(true);
    expect(await store.listImports()).toHaveLength(1);
  });
});
