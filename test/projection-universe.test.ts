// The universe is known: the bundled 2026 runoff capture of 10 Jun has no abroad rows, yet abroad
// (1.19 M electors, 2,506 mesas, not a vote counted) decided the result. The projection must
// project it — by continent, from each continent's universe row and first-round prior — list it,
// and give no certainty. The same through `cifra project --snapshot`, with the universe given.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../src/api/server.js';
import { ProjectionSchema } from '../src/api/schemas.js';
import { completeSnapshot } from '../src/core/projection/universe.js';
import { bundledElection } from '../src/elections/manifests.js';
import { readUniverse, universeOf } from '../src/elections/universe.js';
import { getProjection, snapshotFromPublished } from '../src/results/projection.js';
import { putPublishedElection } from '../src/results/published-load.js';
import type { ResultUnit } from '../src/results/documents.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { cli, tempDir } from './helpers.js';

const ID = 'pe-2026-presidencial-segunda-2026-06-10';
/** Abroad by continent (ONPE's ubigeo 91–95): Africa, America, Asia, Europe, Oceania. */
const CONTINENTS = ['91', '92', '93', '94', '95'];
const SNAPSHOT = join(
  import.meta.dirname,
  'fixtures',
  'projection',
  'runoff-2026-06-10-snapshot.csv',
);
const DATA_2026 = join(import.meta.dirname, '..', 'data', 'peru', '2026');
let store: SqliteStore;
beforeAll(async () => {
  store = new SqliteStore(join(tempDir('cifra-universe-'), 'u.db'));
  await store.migrate();
  const r = await putPublishedElection(store, ID);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
});
afterAll(async () => {
  await store.close();
});

describe('a snapshot with a whole region missing', () => {
  it('projects abroad from the universe and its prior, lists it, and is never certain', async () => {
    const def = bundledElection(ID);
    if (def === null) throw new Error(ID);
    const p = await getProjection(store, def, { sims: 1000 });
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    const doc = ProjectionSchema.parse(p.value);
    expect(doc.unitsAbsent).toEqual(CONTINENTS);
    expect(doc.unitsWithoutData).toEqual(CONTINENTS);
    for (const c of CONTINENTS)
      expect(doc.unitBasis?.find((u) => u.code === c)?.basis).toBe('prior');
    expect(doc.note?.en).toContain('91, 92, 93, 94, 95');
    expect(doc.note?.es).toContain('La fuente omite 91, 92, 93, 94, 95');
    // abroad's actas are in the denominator: 88,588 of 90,223 + 2,506
    expect(doc.actasTotal).toBe(90_223 + 2_506);
    expect(doc.probabilityBounds).not.toBeNull();
    for (const w of doc.winner ?? []) {
      expect(w.probability).toBeGreaterThan(0);
      expect(w.probability).toBeLessThan(1);
    }
    // Sánchez led the domestic count by 71 k; the abroad vote (Fujimori's, by ~82 k) is not
    // certain either way: neither candidate may be near-certain
    const sanchez = doc.winner?.find((w) => w.choice === 'ROBERTO SÁNCHEZ')?.probability ?? 1;
    expect(sanchez).toBeLessThan(0.9);
    // ONPE at 100 % (2 Jul 2026): Fujimori 9,223,396, Sánchez 9,173,755 valid votes
    const final = (100 * 9_223_396) / (9_223_396 + 9_173_755);
    const national = doc.choices.find((c) => c.choice === 'KEIKO FUJIMORI');
    expect(national?.lo90).toBeLessThanOrEqual(final);
    expect(national?.hi90).toBeGreaterThanOrEqual(final);
    // abroad, all continents together, goes to Fujimori (ONPE: 195,388 of 309,121, 63.2 %)
    const abroad = doc.regions.filter((r) => CONTINENTS.includes(r.code));
    expect(abroad).toHaveLength(5);
    const votes = (choice: string): number =>
      abroad.reduce(
        (a, r) => a + (r.choices.find((c) => c.choice === choice)?.votes.median ?? 0),
        0,
      );
    expect(votes('KEIKO FUJIMORI')).toBeGreaterThan(votes('ROBERTO SÁNCHEZ'));
    // each continent weighs by its electors: America and Europe hold 96 % of them
    const valid = (code: string): number =>
      abroad.find((r) => r.code === code)?.choices.reduce((a, c) => a + c.votes.median, 0) ?? 0;
    expect(valid('92') + valid('94')).toBeGreaterThan(
      0.9 * abroad.reduce((a, r) => a + valid(r.code), 0),
    );
    expect(valid('91')).toBeLessThan(1000);
  });

  it('completes the snapshot over the universe: every unit, with its electors', async () => {
    const def = bundledElection(ID);
    if (def === null) throw new Error(ID);
    const docs = (await store.publishedUnits(ID, 'department')).map((u) => u.doc as ResultUnit);
    const snapshot = snapshotFromPublished(def, docs);
    expect(snapshot).toHaveLength(25);
    const universe = universeOf(ID);
    if (!universe.ok || universe.value === null) throw new Error('universe');
    const completed = completeSnapshot(snapshot, universe.value);
    expect(completed.absent).toEqual(CONTINENTS);
    expect(completed.units).toHaveLength(30);
    expect(completed.units.find((u) => u.unit === '14')?.eligibleTotal).toBe(7_715_622 + 807_637);
    // the continents add up to abroad as ONPE knew it before the count
    const abroad = completed.units.filter((u) => CONTINENTS.includes(u.unit));
    expect(abroad.reduce((a, u) => a + (u.eligibleTotal ?? 0), 0)).toBe(1_194_172);
    expect(abroad.reduce((a, u) => a + u.actasTotal, 0)).toBe(2_506);
  });
});

describe('cifra project --snapshot with a universe', () => {
  const args = ['--rules', 'pe-2026-presidencial-segunda', '--sims', '500', '--format', 'json'];
  type Doc = {
    universe?: unknown;
    warnings?: { code: string; severity: string; details?: unknown }[];
    unitsAbsent?: string[];
    actasTotal: number;
    winner: { choice: string; probability: number }[];
  };
  const fav = (d: Doc): string =>
    [...d.winner].sort((a, b) => b.probability - a.probability)[0]?.choice ?? '';

  it('takes the universe from the election manifest: abroad projected by continent', async () => {
    const r = await cli('project', '--snapshot', SNAPSHOT, '--election', ID, ...args);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.out) as Doc;
    expect(p.unitsAbsent).toEqual(CONTINENTS);
    expect(p.actasTotal).toBe(90_223 + 2_506);
    for (const w of p.winner) expect(w.probability).toBeLessThan(1);
    expect(p.universe).toEqual({
      from: 'election',
      election: ID,
      file: 'data/peru/2026/runoff_universe_2026.csv',
    });
    expect(fav(p)).toBe('KEIKO FUJIMORI');
  });

  // session 30: the README's own example, without --universe or --election, gave Sánchez 0.900
  // with nothing saying abroad (2,506 actas, 1,194,172 electors, Fujimori's) was not there
  it("the README's example without --universe: the bundled universe of its rules, said so, abroad projected and listed", async () => {
    const r = await cli('project', '--snapshot', SNAPSHOT, ...args);
    expect(r.err).toBe('');
    const p = JSON.parse(r.out) as Doc;
    expect(p.universe).toEqual({
      from: 'bundled',
      elections: [ID],
      file: 'data/peru/2026/runoff_universe_2026.csv',
    });
    expect(p.warnings).toBeUndefined();
    expect(p.unitsAbsent).toEqual(CONTINENTS);
    // abroad's actas in the denominator: not the snapshot's 98.188 %
    expect(p.actasTotal).toBe(90_223 + 2_506);
    expect(fav(p)).toBe('KEIKO FUJIMORI');
    const fujimori = p.winner.find((w) => w.choice === 'KEIKO FUJIMORI')?.probability ?? 0;
    expect(fujimori).toBeGreaterThan(0.5);
    for (const w of p.winner) expect(w.probability).toBeLessThan(1);
    const text = (await cli('project', '--snapshot', SNAPSHOT, ...args.slice(0, -2))).out;
    expect(text).toContain('actas 88,588 / 92,729 (95.534 %)');
    expect(text).toContain(
      "universe: pe-2026-presidencial-segunda-2026-06-10's (data/peru/2026/runoff_universe_2026.csv)",
    );
    expect(text).toContain(
      'units absent from the snapshot (projected from the universe): 91 ÁFRICA, 92 AMÉRICA, 93 ASIA, 94 EUROPA, 95 OCEANÍA',
    );
    expect(text).not.toContain('universe unknown');
    expect(text).toMatch(/│ KEIKO FUJIMORI +│ (> 0\.99|0\.[5-9]\d\d) +│/);
    // session 31: abroad is projected from its first-round prior, not "from the rest": said so
    expect(text).toContain(
      'units without data (projected from the previous round): ÁFRICA, AMÉRICA, ASIA, EUROPA, OCEANÍA',
    );
    expect(text).not.toContain('predicted from the rest');
    const es = (await cli('project', '--snapshot', SNAPSHOT, ...args.slice(0, -2), '--lang', 'es'))
      .out;
    expect(es).toContain(
      'unidades sin datos (proyectadas desde la vuelta anterior): ÁFRICA, AMÉRICA, ASIA, EUROPA, OCEANÍA',
    );
  });

  it('a unit absent with no prior in the universe is said to be predicted from the rest', async () => {
    // the bundled universe without its prior: columns
    const rows = readFileSync(join(DATA_2026, 'runoff_universe_2026.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => l.split(',').slice(0, 4).join(','));
    const universe = join(tempDir('cifra-universe-no-prior-'), 'universe.csv');
    writeFileSync(universe, rows.join('\n') + '\n');
    const r = await cli(
      'project',
      '--snapshot',
      SNAPSHOT,
      '--universe',
      universe,
      '--rules',
      args[1] as string,
      '--sims',
      '200',
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(
      'units without data (predicted from the rest): ÁFRICA, AMÉRICA, ASIA, EUROPA, OCEANÍA',
    );
    expect(r.out).not.toContain('projected from the previous round');
  });

  it('--universe none: no universe, not even the bundled one; the snapshot alone, said so', async () => {
    const r = await cli('project', '--snapshot', SNAPSHOT, '--universe', 'none', ...args);
    expect(r.code, r.err).toBe(0);
    const p = JSON.parse(r.out) as Doc;
    expect(p.universe).toBeNull();
    expect(p.warnings?.map((w) => [w.code, w.severity, w.details])).toEqual([
      ['universe_unknown', 'warning', { universe: 'none', reason: 'opted_out' }],
    ]);
    expect(p.unitsAbsent).toBeUndefined();
    // abroad is not projected: its actas are not in the total
    expect(p.actasTotal).toBe(90_223);
    const text = (
      await cli('project', '--snapshot', SNAPSHOT, ...args.slice(0, -2), '--universe', 'none')
    ).out;
    expect(text).toContain("actas 88,588 / 90,223 (98.188 %) of the snapshot's units only");
    expect(text).toContain(
      "no universe (--universe none): only the snapshot's units are projected; any it lacks (e.g. abroad) are not",
    );
    expect(text).not.toMatch(/^universe: /m);
    expect(text).not.toContain('units absent from the snapshot');
    const es = (
      await cli(
        'project',
        '--snapshot',
        SNAPSHOT,
        ...args.slice(0, -2),
        '--universe',
        'none',
        '--lang',
        'es',
      )
    ).out;
    expect(es).toContain(
      'sin universo (--universe none): solo se proyectan las unidades del corte; las que falten (p. ej. el extranjero) no',
    );
    // with --election too: no universe of units (only its prior: columns pair the previous round's
    // choices, by choice, not by unit)
    const withElection = await cli(
      'project',
      '--snapshot',
      SNAPSHOT,
      '--universe',
      'none',
      '--election',
      ID,
      ...args,
    );
    expect(withElection.code, withElection.err).toBe(0);
    expect((JSON.parse(withElection.out) as Doc).actasTotal).toBe(90_223);
  });

  it("a % of actas is written to 3 decimals, as ONPE's (39.980 %, not a number's 39.98 %)", async () => {
    const r2 = join(import.meta.dirname, '..', 'data', 'peru', '2021', 'presidential_r2');
    const r = await cli(
      'project',
      '--snapshot',
      join(r2, 'snapshot_2021_r2_replay_40pct.csv'),
      '--rules',
      'pe-2021-presidencial-segunda',
      '--universe',
      join(r2, 'universe_2021_r2_departments.csv'),
      '--sims',
      '200',
    );
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('actas 34,578 / 86,488 (39.980 %) · 200 simulations');
  });

  it('without a universe known (rules no bundled election has one of), says so beside the actas and the winner', async () => {
    const first = ['--rules', 'pe-2026-presidencial', '--sims', '200'];
    const r = await cli('project', '--snapshot', SNAPSHOT, ...first, '--format', 'json');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.out) as Doc;
    expect(p.universe).toBeNull();
    expect(p.warnings?.map((w) => [w.code, w.severity])).toEqual([['universe_unknown', 'warning']]);
    expect(p.unitsAbsent).toBeUndefined();
    const text = (await cli('project', '--snapshot', SNAPSHOT, ...first)).out;
    expect(text).toContain("actas 88,588 / 90,223 (98.188 %) of the snapshot's units only");
    expect(text).toContain(
      "universe unknown: only the snapshot's units are projected; any it lacks (e.g. abroad) are not — give --universe or --election",
    );
    const es = (await cli('project', '--snapshot', SNAPSHOT, ...first, '--lang', 'es')).out;
    expect(es).toContain('actas 88,588 / 90,223 (98.188 %) solo de las unidades del corte');
    expect(es).toContain(
      'universo desconocido: solo se proyectan las unidades del corte; las que falten (p. ej. el extranjero) no — pase --universe o --election',
    );
    // an --election whose manifest has no universe (the final count's) is no universe either
    const fin = await cli(
      'project',
      '--snapshot',
      SNAPSHOT,
      '--election',
      ID.slice(0, -11),
      ...args,
    );
    const d = JSON.parse(fin.out) as Doc;
    expect(d.universe).toBeNull();
    expect(d.warnings?.[0]?.details).toEqual({
      election: 'pe-2026-presidencial-segunda',
      reason: 'election_has_none',
    });
  });

  it('takes a universe file (--universe), and reports a bad one with coded issues', async () => {
    const universe = join(
      import.meta.dirname,
      '..',
      'data',
      'peru',
      '2026',
      'runoff_universe_2026.csv',
    );
    const r = await cli('project', '--snapshot', SNAPSHOT, '--universe', universe, ...args);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as Doc).unitsAbsent).toEqual(CONTINENTS);
    const bad = await cli('project', '--snapshot', SNAPSHOT, '--universe', SNAPSHOT, ...args);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('election_invalid');
  });

  it('refuses abroad as one unit over a universe by continent (it would count abroad twice)', async () => {
    const oneUnit = join(
      import.meta.dirname,
      'fixtures',
      'projection',
      'runoff-2026-abroad-one-unit.csv',
    );
    const r = await cli('project', '--snapshot', oneUnit, '--election', ID, ...args);
    expect(r.code).toBe(1);
    expect(r.err).toContain('snapshot_invalid at unit');
    expect(r.err).toContain('EXTRANJERO');
  });
});

describe('GET /api/v1/projection of a source that publishes abroad as one unit', () => {
  it('refuses it as the CLI does (snapshot_invalid): over a universe by continent abroad would count twice', async () => {
    const own = new SqliteStore(join(tempDir('cifra-universe-api-'), 'u.db'));
    await own.migrate();
    const r = await putPublishedElection(own, ID);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const departments = await own.publishedUnits(ID, 'department');
    const lima = departments.find((u) => u.code === '14')?.doc as ResultUnit;
    const abroad = { ...lima, code: 'EXTRANJERO', name: 'EXTRANJERO' };
    await own.putPublished(
      ID,
      [...departments, { ...abroad, level: 'department', doc: abroad }],
      null,
    );
    const app = await buildApi({ store: own, tokenHash: null });
    try {
      const res = await app.inject({ method: 'GET', url: `/api/v1/projection?election=${ID}` });
      expect(res.statusCode).toBe(422);
      const body = res.json<{ issues: { code: string; details: { units: string } }[] }>();
      expect(body.issues[0]?.code).toBe('snapshot_invalid');
      expect(body.issues[0]?.details.units).toBe('EXTRANJERO');
    } finally {
      await app.close();
      await own.close();
    }
  });
});

describe('the 2021 runoff universe by district, abroad by continent (npm run universe)', () => {
  it('has every district and continent, the padrón and the mesas of the per-mesa file', () => {
    const dir = join(import.meta.dirname, '..', 'data', 'peru', '2021', 'presidential_r2');
    for (const [file, n] of [
      ['universe_2021_r2_districts.csv.gz', 1_874 + 5],
      ['universe_2021_r2_departments.csv', 25 + 5],
    ] as const) {
      const u = readUniverse(join(dir, file));
      if (!u.ok) throw new Error(JSON.stringify(u.error));
      expect(u.value).toHaveLength(n);
      // ONPE's 2021 runoff per mesa: 86,488 mesas, 25,287,954 electors
      expect(u.value.reduce((a, x) => a + x.actasTotal, 0)).toBe(86_488);
      expect(u.value.reduce((a, x) => a + x.eligible, 0)).toBe(25_287_954);
      expect(u.value.slice(-5).map((x) => x.name)).toEqual([
        'ÁFRICA',
        'AMÉRICA',
        'ASIA',
        'EUROPA',
        'OCEANÍA',
      ]);
      // the first round as the prior: its 18 candidates, per unit
      const caj = u.value.find((x) => x.unit === (n === 30 ? '06' : '060101'));
      expect(caj?.prior?.votes).toHaveLength(18);
    }
  });
});
