// A partial file of actas must not mislead: the 2021 acta elections' universes are by district
// (abroad by city), so the extent holds at every level from the district up, and the mesas to
// come are projected in their own district. Expected figures are counted here from ONPE's full
// files (every mesa listed), and the final from the JNE's proclamation: never from cifra.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../src/ingest/ingest.js';
import { dataPath } from '../src/io/paths.js';
import { buildResults } from '../src/results/documents.js';
import { getProjection } from '../src/results/projection.js';
import { storeWithElection } from './api-helpers.js';
import { cli, fixedClock, tempDir } from './helpers.js';

const R1 = 'peru/2021/presidential_r1/onpe_resultados_por_mesa_presidencial_2021_1ra_vuelta.csv.gz';
const R2 = 'peru/2021/presidential_r2/onpe_resultados_por_mesa_presidencial_2021_2da_vuelta.csv.gz';

/** A CSV line's fields (ONPE's quoted fields hold no quotes). */
const fields = (line: string): string[] => line.split(',').map((f) => f.replace(/^"|"$/g, ''));

function rowsOf(file: string): { header: string; rows: string[] } {
  const [header, ...rows] = gunzipSync(readFileSync(dataPath(file)))
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');
  return { header: header ?? '', rows };
}

/** Mesas and electors per unit of the full file, the unit read from the ubigeo. */
function expected(rows: readonly string[], unitOf: (ubigeo: string) => string) {
  const out = new Map<string, { actas: number; eligible: number }>();
  for (const r of rows) {
    const f = fields(r);
    const u = unitOf(f[0] ?? '');
    const e = out.get(u) ?? { actas: 0, eligible: 0 };
    e.actas++;
    e.eligible += Number(f[9]);
    out.set(u, e);
  }
  return out;
}

async function partialStore(id: string, file: string, keep: (rows: string[]) => string[]) {
  const { header, rows } = rowsOf(file);
  const path = join(tempDir('cifra-extent2-'), 'partial.csv');
  writeFileSync(path, [header, ...keep(rows)].join('\n') + '\n');
  const store = await storeWithElection(id, undefined, { universe: true });
  const def = await store.getElection(id);
  if (!def) throw new Error(id);
  const r = await ingestFile(store, { file: path, election: def, now: fixedClock });
  expect(r.ok, JSON.stringify(r.ok ? null : r.issues)).toBe(true);
  return { store, def, rows };
}

describe("the first round's first 3,000 rows", () => {
  const ID = 'pe-2021-presidencial';
  let s: Awaited<ReturnType<typeof partialStore>>;
  beforeAll(async () => {
    s = await partialStore(ID, R1, (rows) => rows.slice(0, 3000));
  });
  afterAll(() => s.store.close());

  it('never shows a district or province at 100 % unless all its expected actas are in', async () => {
    for (const [level, digits] of [
      ['district', 6],
      ['province', 4],
    ] as const) {
      const want = expected(s.rows, (u) => u.slice(0, digits));
      const units = (await buildResults(s.store, s.def, level)).units;
      // every unit of the universe, each over its expected actas (Chachapoyas: 73, not 2)
      expect(units).toHaveLength(want.size);
      for (const u of units) {
        expect(u.actas?.total, `${level} ${u.code}`).toBe(want.get(u.code)?.actas);
        if (u.actas?.pctProcessed === '100.000')
          expect(u.actas.processed).toBe(want.get(u.code)?.actas);
      }
      expect(units.filter((u) => u.actas?.pctProcessed === '100.000').length).toBeLessThan(
        units.length / 10,
      );
    }
    const chachapoyas = (await buildResults(s.store, s.def, 'district', '010101')).units[0];
    expect(chachapoyas?.actas?.total).toBe(73);
    expect(chachapoyas?.eligibleRemaining).toBeGreaterThan(0);
  });

  it("takes every level's electors from the universe where it knows the unit", async () => {
    const all = expected(s.rows, () => 'PE');
    const national = (await buildResults(s.store, s.def, 'national')).units[0];
    expect(national?.eligible).toBe(all.get('PE')?.eligible);
    const departments = expected(s.rows, (u) => u.slice(0, 2));
    for (const u of (await buildResults(s.store, s.def, 'department')).units)
      expect(u.eligible, u.code).toBe(departments.get(u.code)?.eligible);
  });

  it('holds the extent at the circunscripción: Lima Metropolitana (15) apart from Lima Provincias (16), abroad (27)', async () => {
    const circ = (u: string): string =>
      u.startsWith('9') ? '27' : u.startsWith('1401') ? '15' : u.startsWith('14') ? '16' : u;
    const want = expected(s.rows, circ);
    const units = (await buildResults(s.store, s.def, 'circunscripcion')).units;
    for (const code of ['15', '16', '27'])
      expect(units.find((u) => u.code === code)?.actas?.total, code).toBe(want.get(code)?.actas);
  });
});

describe('a random 3,000 actas of the runoff', () => {
  const ID = 'pe-2021-presidencial-segunda';
  /** A fixed sample (a seeded partial Fisher–Yates), not the file's order. */
  const sample = (rows: string[]): string[] => {
    const a = [...rows];
    let x = 7;
    for (let i = 0; i < 3000; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      const j = i + (x % (a.length - i));
      [a[i], a[j]] = [a[j] as string, a[i] as string];
    }
    return a.slice(0, 3000);
  };
  let s: Awaited<ReturnType<typeof partialStore>>;
  beforeAll(async () => {
    s = await partialStore(ID, R2, sample);
  });
  afterAll(() => s.store.close());

  it("covers the JNE's final in its 90 % interval, calls nobody, and projects the universe's votes", async () => {
    const p = await getProjection(s.store, s.def, { seed: 7, sims: 1000 });
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    // JNE proclamation, 19 Jul 2021: Castillo 8,836,380, Fujimori 8,792,117 valid votes
    const valid = 8_836_380 + 8_792_117;
    const castillo = (100 * 8_836_380) / valid;
    const c = p.value.choices.find((x) => x.choice === 'PEDRO CASTILLO TERRONES');
    expect(c?.lo90).toBeLessThanOrEqual(castillo);
    expect(c?.hi90).toBeGreaterThanOrEqual(castillo);
    for (const w of p.value.winner ?? []) expect(w.probability).toBeLessThanOrEqual(0.9);
    // the valid votes to come are those of the universe's electors, where they vote
    const electors = expected(s.rows, () => 'PE').get('PE')?.eligible ?? 0;
    expect(p.value.valid.hi90).toBeLessThanOrEqual(electors);
    expect(Math.abs(p.value.valid.median - valid)).toBeLessThan(0.05 * valid);
  });
  it('names a unit to come abroad as a stored one reads, at every level (city, country, continent)', async () => {
    // the source file names each place (continent, country, city abroad), coarsest first
    const path = new Map(s.rows.map((r) => fields(r)).map((f) => [f[0] ?? '', f.slice(1, 4)]));
    const held = new Set(sample(s.rows).map((r) => fields(r)[0]));
    for (const [level, depth] of [
      ['district', 3],
      ['province', 2],
      ['department', 1],
    ] as const) {
      const abroad = (await buildResults(s.store, s.def, level)).units.filter((u) =>
        u.code.startsWith('9'),
      );
      const toCome = abroad.filter((u) => ![...held].some((p) => p?.startsWith(u.code)));
      for (const u of abroad) {
        const place = [...path.keys()].find((p) => p.startsWith(u.code)) ?? '';
        const want = (path.get(place) ?? []).slice(0, depth).reverse().join(', ');
        expect(u.name, `${level} ${u.code}`).toBe(want);
      }
      // both kinds are there to compare
      expect(toCome.length, level).toBeGreaterThan(0);
      expect(abroad.length, level).toBeGreaterThan(toCome.length);
    }
  });
});

describe('a department snapshot over the runoff manifest (cifra project --snapshot --election)', () => {
  it('completes it over the universe rolled up to departments: nothing unknown, every mesa', async () => {
    const snapshot = dataPath('peru/2021/presidential_r2/snapshot_2021_r2_replay_40pct.csv');
    const r = await cli(
      'project',
      '--snapshot',
      snapshot,
      '--rules',
      'pe-2021-presidencial-segunda',
      '--election',
      'pe-2021-presidencial-segunda',
      '--sims',
      '200',
      '--format',
      'json',
    );
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { actasTotal: number; unitsAbsent?: string[] };
    const { rows } = rowsOf(R2);
    expect(doc.actasTotal).toBe(rows.length);
    // the snapshot has every department and continent (abroad with nothing counted yet)
    expect(doc.unitsAbsent).toEqual([]);
  });
});
