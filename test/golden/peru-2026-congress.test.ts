// SOURCE: ONPE's Congress 2026 results at ~86 % of actas (11-May-2026 17:46), captured by a third
// party (github.com/MathieuR04/elecciones-peru-2026 @ 196507cc, data/resultados.csv), bundled
// as data/peru/2026/final/congress_2026_votes_by_district_partial86pct.csv.gz (PROVENANCE.md).
// Rules: LOE art. 20 as amended by Ley 32245 (valla: 5 % of the valid votes AND 5 % of the
// legal number of members — 7 deputies of 130, 3 senators of 60 — in a preliminary cifra
// repartidora among all lists; Senate votes of the national and regional lists pooled, JNE
// criterion of Mar-2026 as reported), LOE art. 30 (cifra repartidora per circunscripción), LOE
// art. 31 (single-seat Senate circunscripciones: the most-voted qualifying list).
//
// cifra's side goes the whole way the product goes: the manifests (data/elections), the aggregate
// CSVs made by scripts/convert-published.ts, a store, the results service (`getSeats`) and the
// rulesets. The expected side is computed HERE from the raw capture by a small D'Hondt and valla
// written for this test (integers, cross-multiplied quotients), sharing no code with cifra; the
// typed totals below were computed by a separate Python script from the same capture, not by cifra.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPath } from '../../src/io/paths.js';
import { putPublishedElection } from '../../src/results/published-load.js';
import { getSeats, type ListSeatsDocument } from '../../src/results/service.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';

interface CaptureRow {
  readonly cargo: string;
  readonly circunscripcion: string;
  readonly seats: string;
  readonly party: string;
  readonly votes: string;
}
const capture = parse(
  gunzipSync(
    readFileSync(dataPath('peru/2026/final/congress_2026_votes_by_district_partial86pct.csv.gz')),
  ).toString('utf8'),
  { columns: true },
) as CaptureRow[];

/** The capture's circunscripción names that differ from the rulesets' names. */
const RULESET_NAME: Readonly<Record<string, string>> = {
  Lima: 'Lima Metropolitana',
  PEX: 'Peruanos Residentes en el Extranjero',
  Nacional: 'NACIONAL',
};
const NOT_A_LIST = new Set(['VOTOS EN BLANCO', 'VOTOS NULOS']);

type Votes = Map<string, number>;
interface District {
  readonly name: string;
  readonly seats: number;
  readonly votes: Votes;
}

function districtsOf(cargos: readonly string[]): District[] {
  const out = new Map<string, District>();
  for (const r of capture) {
    if (!cargos.includes(r.cargo) || NOT_A_LIST.has(r.party)) continue;
    const name = RULESET_NAME[r.circunscripcion] ?? r.circunscripcion;
    const d = out.get(name) ?? { name, seats: Number(r.seats), votes: new Map() };
    d.votes.set(r.party, Number(r.votes));
    out.set(name, d);
  }
  return [...out.values()];
}

/**
 * D'Hondt (LOE art. 30): the `seats` largest quotients votes/k, compared as a.v·b.k vs b.v·a.k.
 * A tie at the last seat would need a draw: the test refuses it rather than guess.
 */
function dhondt(votes: Votes, seats: number): Map<string, number> {
  const quotients: { party: string; v: number; k: number }[] = [];
  for (const [party, v] of votes)
    if (v > 0) for (let k = 1; k <= seats; k++) quotients.push({ party, v, k });
  quotients.sort((a, b) => b.v * a.k - a.v * b.k);
  const last = quotients[seats - 1];
  const next = quotients[seats];
  if (last && next && last.v * next.k === next.v * last.k) throw new Error('tie at the last seat');
  const won = new Map<string, number>();
  for (const q of quotients.slice(0, seats)) won.set(q.party, (won.get(q.party) ?? 0) + 1);
  return won;
}

interface Expected {
  readonly shares: Map<string, { votes: number; total: number }>;
  readonly preliminary: Map<string, number>;
  readonly passed: string[];
  readonly byDistrict: Map<string, Record<string, number>>;
  readonly totals: Record<string, number>;
}

/** The valla (LOE art. 20: 5 % of the pooled valid votes AND `minSeats` preliminary seats), then seats. */
function expected(districts: readonly District[], minSeats: number): Expected {
  const national = new Map<string, number>();
  for (const d of districts)
    for (const [p, v] of d.votes) national.set(p, (national.get(p) ?? 0) + v);
  const total = [...national.values()].reduce((a, b) => a + b, 0);
  const preliminary = new Map<string, number>();
  for (const d of districts)
    for (const [p, s] of dhondt(d.votes, d.seats))
      preliminary.set(p, (preliminary.get(p) ?? 0) + s);
  const passed = [...national.keys()]
    .filter((p) => 20 * (national.get(p) ?? 0) >= total && (preliminary.get(p) ?? 0) >= minSeats)
    .sort();
  const byDistrict = new Map<string, Record<string, number>>();
  const totals: Record<string, number> = {};
  for (const d of districts) {
    const eligible = new Map([...d.votes].filter(([p]) => passed.includes(p)));
    const won = Object.fromEntries(dhondt(eligible, d.seats));
    byDistrict.set(d.name, won);
    for (const [p, s] of Object.entries(won)) totals[p] = (totals[p] ?? 0) + s;
  }
  const shares = new Map([...national].map(([p, votes]) => [p, { votes, total }]));
  return { shares, preliminary, passed, byDistrict, totals };
}

const SIX = [
  'AHORA NACIÓN - AN',
  'FUERZA POPULAR',
  'JUNTOS POR EL PERÚ',
  'PARTIDO CÍVICO OBRAS',
  'PARTIDO DEL BUEN GOBIERNO',
  'RENOVACIÓN POPULAR',
];
const PPT = 'PARTIDO PAÍS PARA TODOS';

let store: SqliteStore;
const docs = new Map<string, ListSeatsDocument>();
beforeAll(async () => {
  store = new SqliteStore(join(tempDir('cifra-congress-2026-'), 'c.db'));
  await store.migrate();
  for (const id of ['pe-2026-diputados', 'pe-2026-senado']) {
    const loaded = await putPublishedElection(store, id);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
    const s = await getSeats(store, id);
    if (!s.ok || s.value.kind !== 'list') throw new Error(`${id}: no list seats`);
    docs.set(id, s.value);
  }
});
afterAll(async () => store.close());
const doc = (id: string): ListSeatsDocument => docs.get(id) as ListSeatsDocument;

describe.each([
  {
    id: 'pe-2026-diputados',
    cargos: ['diputado'],
    min: 7,
    districts: 27,
    seats: 130,
    // PYTHON (independent), seats: FP 39, JP 32, PBG 18, RP 16, Obras 14, AN 11; PPT 5 preliminary
    totals: [39, 32, 18, 16, 14, 11],
    pptPreliminary: 5,
  },
  {
    id: 'pe-2026-senado',
    cargos: ['senado_nacional', 'senado_regional'],
    min: 3,
    districts: 28,
    seats: 60,
    // PYTHON (independent), seats: FP 22, JP 14, PBG 7, RP 8, Obras 5, AN 4; PPT 2 preliminary
    totals: [22, 14, 7, 8, 5, 4],
    pptPreliminary: 2,
  },
])("$id: cifra from the ~86 % votes = an independent D'Hondt and valla", (c) => {
  const districts = districtsOf(c.cargos);
  const want = expected(districts, c.min);

  it(`the capture's circunscripciones and seats are the ruleset file's (${c.districts}, ${c.seats} seats)`, () => {
    const file = JSON.parse(readFileSync(dataPath('rulesets', `${c.id}.json`), 'utf8')) as {
      districts: { name: string; seats: number }[];
    };
    const table = (ds: readonly { name: string; seats: number }[]) =>
      Object.fromEntries(ds.map((d) => [d.name, d.seats]));
    expect(table(districts)).toEqual(table(file.districts));
    expect(districts.reduce((a, d) => a + d.seats, 0)).toBe(c.seats);
  });

  it('the valla: six lists pass; País para Todos reaches 5 % but not the seat minimum', () => {
    expect(want.passed).toEqual(SIX);
    const ppt = want.shares.get(PPT);
    expect(20 * (ppt?.votes ?? 0)).toBeGreaterThanOrEqual(ppt?.total ?? Infinity);
    expect(want.preliminary.get(PPT)).toBe(c.pptPreliminary);
    const r = doc(c.id).result;
    expect([...r.passed].sort()).toEqual(want.passed);
    expect(r.excluded.filter((e) => e.party === PPT)).toEqual([
      {
        party: PPT,
        reason: 'below_seats',
        seats: c.pptPreliminary,
        districtsWon: expect.any(Number) as number,
        required: c.min,
        requiredDistricts: 0,
      },
    ]);
    for (const [p, s] of want.preliminary) expect(r.preliminarySeats?.[p] ?? 0, p).toBe(s);
  });

  it('every list that fails says why: below 5 % of the valid votes, or below the seat minimum', () => {
    const r = doc(c.id).result;
    const failed = [...want.shares.keys()].filter((p) => !want.passed.includes(p)).sort();
    expect([...new Set(r.excluded.map((e) => e.party))].sort()).toEqual(failed);
    for (const p of failed) {
      const s = want.shares.get(p) as { votes: number; total: number };
      const reasons = r.excluded.filter((e) => e.party === p).map((e) => e.reason);
      expect(reasons.includes('below_share'), p).toBe(20 * s.votes < s.total);
      expect(reasons.includes('below_seats'), p).toBe((want.preliminary.get(p) ?? 0) < c.min);
    }
  });

  it('seats per list: the independent computation, and the typed totals', () => {
    expect(doc(c.id).result.seats).toEqual(want.totals);
    const typed = Object.fromEntries(
      [
        'FUERZA POPULAR',
        'JUNTOS POR EL PERÚ',
        'PARTIDO DEL BUEN GOBIERNO',
        'RENOVACIÓN POPULAR',
        'PARTIDO CÍVICO OBRAS',
        'AHORA NACIÓN - AN',
      ].map((p, i) => [p, c.totals[i]]),
    );
    expect(want.totals).toEqual(typed);
    expect(Object.values(want.totals).reduce((a, b) => a + b, 0)).toBe(c.seats);
  });

  it('seats per circunscripción, with no tie and no issue', () => {
    const r = doc(c.id).result;
    expect(r.issues).toEqual([]);
    expect(r.ties).toEqual([]);
    expect(r.districts).toHaveLength(c.districts);
    for (const d of r.districts) {
      expect(d.unallocated, d.district).toBe(0);
      expect(d.seats, d.district).toEqual(want.byDistrict.get(d.district));
    }
  });
});

describe('the Senate pools its national list and its regional lists', () => {
  it('national list (DEU, 30): FP 7, JP 5, RP 5, PBG 5, Obras 4, AN 4; Lima Metropolitana (4): RP 2, PBG 1, FP 1', () => {
    const r = doc('pe-2026-senado').result;
    expect(r.districts.find((d) => d.district === 'NACIONAL')?.seats).toEqual({
      'FUERZA POPULAR': 7,
      'JUNTOS POR EL PERÚ': 5,
      'RENOVACIÓN POPULAR': 5,
      'PARTIDO DEL BUEN GOBIERNO': 5,
      'PARTIDO CÍVICO OBRAS': 4,
      'AHORA NACIÓN - AN': 4,
    });
    expect(r.districts.find((d) => d.district === 'Lima Metropolitana')?.seats).toEqual({
      'RENOVACIÓN POPULAR': 2,
      'PARTIDO DEL BUEN GOBIERNO': 1,
      'FUERZA POPULAR': 1,
    });
  });

  it('the 5 % is of the pooled valid votes (24,984,817), the option senate-share=pooled', () => {
    const r = doc('pe-2026-senado').result;
    expect(r.options['senate-share']).toBe('pooled');
    const pooled = districtsOf(['senado_nacional', 'senado_regional'])
      .flatMap((d) => [...d.votes.values()])
      .reduce((a, b) => a + b, 0);
    expect(pooled).toBe(24_984_817);
    expect(r.votes.reduce((a, v) => a + v.votes, 0)).toBe(pooled);
  });
});

describe('cifra against the reported composition (third-party)', () => {
  it('Deputies: FP 39 vs 41, RP 16 vs 15, AN 11 vs 10, the rest equal; Senate: equal', () => {
    const diff = (id: string) =>
      Object.fromEntries((doc(id).differences ?? []).map((d) => [d.party, d.difference]));
    expect(diff('pe-2026-diputados')).toEqual({
      'FUERZA POPULAR': -2,
      'JUNTOS POR EL PERÚ': 0,
      'PARTIDO DEL BUEN GOBIERNO': 0,
      'RENOVACIÓN POPULAR': 1,
      'PARTIDO CÍVICO OBRAS': 0,
      'AHORA NACIÓN - AN': 1,
    });
    expect(Object.values(diff('pe-2026-senado')).every((d) => d === 0)).toBe(true);
  });
});
