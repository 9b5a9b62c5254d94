// The projection end to end: cifra replay feeds the real 2021 first round (bundled) into a store in
// urban-first order up to 50 %, the API and the CLI project from it, and the snapshot CSV path
// (what newsrooms have) is checked on a small fixture and on bad input.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../src/api/server.js';
import {
  CountCourseSchema,
  ErrorSchema,
  ProjectionHistorySchema,
  ProjectionSchema,
  ResultsSchema,
} from '../src/api/schemas.js';
import type { Acta, ElectionDef } from '../src/core/model/acta.js';
import { replayDefinition } from '../src/projection/replay.js';
import { getProjection } from '../src/results/projection.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { bundledElection } from '../src/elections/manifests.js';
import { cli, replay2021, tempDir } from './helpers.js';

const FIX = join(import.meta.dirname, 'fixtures', 'projection');
const db = join(tempDir('cifra-projection-'), 'p.db');
let store: SqliteStore;
let app: FastifyInstance;

beforeAll(async () => {
  store = new SqliteStore(db);
  await store.migrate();
  const r = await replay2021(store, 'replay-2021', 0.5);
  expect(r.ok).toBe(true);
  app = await buildApi({ store, tokenHash: null });
}, 120_000);

afterAll(async () => {
  await app.close();
  await store.close();
});

describe('cifra replay', () => {
  it('stores the universe as pending, then each snapshot as an import, with its projection', async () => {
    const imports = await store.listImports('replay-2021');
    expect(imports.map((i) => i.fileName)).toEqual([
      'replay urban-first:1:4 universe',
      'replay urban-first:1:4 step 1/4',
      'replay urban-first:1:4 step 2/4',
    ]);
    expect(imports[0]).toMatchObject({ new: 86_488 });
    expect(imports[1]).toMatchObject({ stateChanges: 21_622 });
    const history = await store.projectionHistory('replay-2021');
    expect(history.map((h) => h.pctCounted)).toEqual([25, 50]);
  });

  // The night review: a runoff replay showed the JNE's proclamation and final totals from 0 %
  // counted, its cross-check panel a raw unknown_election, and no label said it was a rehearsal.
  it("is marked a rehearsal in every label and carries nothing published at the real count's end", async () => {
    const runoff = bundledElection('pe-2021-presidencial-segunda');
    if (runoff === null) throw new Error('no runoff');
    const source = runoff.manifest;
    expect(source?.crossCheck?.length ?? 0).toBeGreaterThan(0);
    expect(source?.reported).toBeDefined();
    const def = replayDefinition({
      file: 'x.csv',
      election: runoff,
      target: 'r2-replay',
      order: 'odpe',
      seed: 3,
      steps: 4,
      speed: 0,
      sims: 100,
      now: () => '2026-12-01T00:00:00.000Z',
      sleep: async () => {},
    });
    const m = def.manifest;
    expect(def.id).toBe('r2-replay');
    expect(m?.labels.es).toMatch(/ — ensayo \(por ODPE, semilla 3\)$/);
    expect(m?.labels.en).toMatch(/ — replay \(by ODPE, seed 3\)$/);
    expect(m?.status).toBe(source?.status);
    expect(m?.sources).toEqual(source?.sources);
    for (const gone of ['proclamation', 'reported', 'discrepancies', 'crossCheck'] as const)
      expect(m?.[gone]).toBeUndefined();
    const stored = (await store.getElection('replay-2021'))?.manifest;
    expect(stored?.labels.es).toMatch(/ — ensayo \(urbanas primero, semilla 1, hasta 50 %\)$/);
    // every status carries the mark (review 20 M1)
    expect(m?.rehearsal).toEqual({ of: 'pe-2021-presidencial-segunda', order: 'odpe', seed: 3 });
  });

  it('re-running the same replay changes nothing', async () => {
    const before = await store.revision('replay-2021');
    await replay2021(store, 'replay-2021', 0.5);
    expect(await store.revision('replay-2021')).toBe(before);
  }, 60_000);
});

// The night review: a night fed into the store left no count course ("update by update").
describe('GET /api/v1/count-course on an acta election', () => {
  // review 8 H2: one point per import (the replay's first loads every acta still pending: 0 %),
  // not one per projection recorded
  it("is the count after each of the replay's imports: the last point is the national count now", async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/count-course?election=replay-2021' });
    expect(r.statusCode).toBe(200);
    const c = CountCourseSchema.parse(r.json());
    expect(c.source).toBeNull();
    expect(c.points.map((p) => p.pctCounted)).toEqual(['0.000', '25.000', '50.000']);
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/results?election=replay-2021&level=national',
    });
    const nation = ResultsSchema.parse(res.json()).units[0];
    const last = c.points.at(-1);
    expect(last?.actasCounted).toBe(nation?.actas?.processed);
    expect(last?.valid).toBe(nation?.valid);
    expect(last?.emitted).toBe(nation?.emitted);
    expect(last?.votes.map((v) => [v.id, v.votes])).toEqual(
      nation?.choices.map((v) => [v.id, v.votes]),
    );
    const first = c.points[0];
    expect(first?.actasCounted).toBeLessThan(last?.actasCounted ?? 0);
  });
});

describe('GET /api/v1/projection', () => {
  it('projects the 50 % count: labelled, ordered intervals, Castillo and Fujimori most likely', async () => {
    const r = await app.inject({
      method: 'GET',
      url: '/api/v1/projection?election=replay-2021&sims=500',
    });
    expect(r.statusCode).toBe(200);
    const p = ProjectionSchema.parse(r.json());
    expect(p).toMatchObject({
      kind: 'projection',
      method: 'mesas',
      contest: 'first-round',
      pctCounted: 50,
    });
    expect(p.disclaimer).toContain('no un resultado oficial');
    for (const c of p.choices) expect(c.lo90 <= c.median && c.median <= c.hi90).toBe(true);
    // ONPE's final result (100 %): Castillo 18.921 %, Fujimori 13.407 %.
    const castillo = p.choices.find((c) => c.choice === 'JOSE PEDRO CASTILLO TERRONES');
    expect(castillo?.lo90).toBeLessThanOrEqual(18.921);
    expect(castillo?.hi90).toBeGreaterThanOrEqual(18.921);
    expect([...(p.runoffPairs?.[0]?.choices ?? [])].sort()).toEqual([
      'JOSE PEDRO CASTILLO TERRONES',
      'KEIKO SOFIA FUJIMORI HIGUCHI',
    ]);
    const again = await app.inject({
      method: 'GET',
      url: '/api/v1/projection?election=replay-2021&sims=500',
    });
    expect(again.body).toBe(r.body);
  });

  it('returns the history and coded errors', async () => {
    const h = ProjectionHistorySchema.parse(
      (
        await app.inject({ method: 'GET', url: '/api/v1/projection/history?election=replay-2021' })
      ).json(),
    );
    expect(h.points.map((x) => x.pctCounted)).toEqual([25, 50]);
    // each point carries its actas, the integers the page writes its % from (diff review s35)
    const p = ProjectionSchema.parse(
      (await app.inject({ method: 'GET', url: '/api/v1/projection?election=replay-2021' })).json(),
    );
    expect(h.points.map((x) => [x.actasProcessed, x.actasTotal])).toEqual([
      [p.actasTotal / 4, p.actasTotal],
      [p.actasTotal / 2, p.actasTotal],
    ]);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/v1/projection?election=replay-2021&sims=5',
    });
    expect(bad.statusCode).toBe(422);
    expect(ErrorSchema.parse(bad.json()).issues[0]?.code).toBe('invalid_query');
    const none = await app.inject({ method: 'GET', url: '/api/v1/projection?election=nope' });
    expect(none.statusCode).toBe(404);
  });
});

describe('cifra project', () => {
  it('projects from the store', async () => {
    const r = await cli('project', '--db', db, '--election', 'replay-2021', '--sims', '200');
    expect(r.code).toBe(0);
    expect(r.out).toContain('PROJECTION — ');
    expect(r.out).toContain('Statistical projection by cifra, not an official result');
    expect(r.out).not.toContain('PROYECCIÓN');
    expect(r.out).toContain('43,244 / 86,488 (50.000 %)'); // 3 decimals, as every % of actas
    // the runoff pairs' table in the run's language only (review 21 L10)
    expect(r.out).toMatch(/│ runoff pair +│ P +│/);
    expect(r.out).not.toContain('segunda vuelta');
    // --lang es: the heading and the disclaimer in Spanish only (review 20 L7)
    const es = await cli(
      'project',
      '--db',
      db,
      '--election',
      'replay-2021',
      '--sims',
      '200',
      '--lang',
      'es',
    );
    expect(es.out).toContain('PROYECCIÓN — ');
    expect(es.out).toContain('Proyección estadística de cifra, no un resultado oficial');
    expect(es.out).not.toMatch(/PROJECTION|Statistical projection|runoff pair/);
    expect(es.out).toMatch(/│ segunda vuelta +│ P +│/);
  });

  it('projects a runoff from an aggregate snapshot, with a unit that has reported nothing', async () => {
    const r = await cli(
      'project',
      '--snapshot',
      join(FIX, 'runoff-snapshot.csv'),
      '--rules',
      'pe-2021-presidencial-segunda',
      '--seed',
      '7',
      '--format',
      'json',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.out) as {
      choices: { choice: string; median: number; lo90: number; hi90: number }[];
      winner: { choice: string; probability: number }[];
      unitsWithoutData: string[];
    };
    expect(p.choices.map((c) => c.choice).sort()).toEqual(['Candidata A', 'Candidato B']);
    expect(p.choices.reduce((a, c) => a + c.median, 0)).toBeCloseTo(100, 1);
    expect(p.winner.reduce((a, w) => a + w.probability, 0)).toBeCloseTo(1, 3);
    expect(p.unitsWithoutData).toEqual(['Selva']);
    const same = await cli(
      'project',
      '--snapshot',
      join(FIX, 'runoff-snapshot.csv'),
      '--rules',
      'pe-2021-presidencial-segunda',
      '--seed',
      '7',
      '--format',
      'json',
    );
    expect(same.out).toBe(r.out);
  });

  it('rejects a bad snapshot with coded issues, and --snapshot without --rules', async () => {
    const r = await cli(
      'project',
      '--snapshot',
      join(FIX, 'bad-snapshot.csv'),
      '--rules',
      'pe-2021-presidencial',
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('snapshot_invalid at row.2.actas_counted');
    expect(r.err).toContain('snapshot_invalid at row.3.votes');
    const u = await cli('project', '--snapshot', join(FIX, 'bad-snapshot.csv'));
    expect(u.code).toBe(2);
  });
});

describe('getProjection', () => {
  const def: ElectionDef = {
    id: 'two-stores',
    label: 'Two stores',
    ruleset: 'pe-2021-presidencial',
    jurisdiction: 'pe',
    choices: [
      { id: 'A', label: 'Ana', party: 'A' },
      { id: 'B', label: 'Beto', party: 'B' },
    ],
  };
  const acta = (mesa: string, ubigeo: string, votes: [number, number] | null): Acta => ({
    election: def.id,
    mesa,
    ubigeo,
    state: votes ? 'counted' : 'pending',
    stateLabel: votes ? 'CONTABILIZADA' : 'PENDIENTE',
    eligible: 300,
    voters: votes ? votes[0] + votes[1] + 10 : null,
    votes,
    blank: votes ? 10 : 0,
    null: 0,
    impugned: 0,
  });
  /** A memory store with one import: the same mesas, these votes in the counted ones. */
  async function storeWith(votes: [number, number]): Promise<Store> {
    const s = new SqliteStore(':memory:');
    await s.migrate();
    await s.putElection(def);
    const session = await s.beginImport({
      election: def.id,
      fileName: 'f.csv',
      sha256: 'f',
      size: 1,
      format: 'cifra-csv',
      mode: 'import',
      startedAt: '2026-11-26T00:00:00.000Z',
    });
    const actas = [
      acta('000001', '010101', votes),
      acta('000002', '010101', votes),
      acta('000003', '140137', votes),
      acta('000004', '140137', null),
    ];
    const out = await session.applyBatch(
      actas.map((a, i) => ({ acta: a, row: i + 1, warnings: [] })),
      [],
    );
    await session.commit({
      rowsRead: actas.length,
      ...out,
      quarantined: 0,
      quarantinedByCode: {},
      finishedAt: '2026-11-26T00:00:01.000Z',
    });
    return s;
  }

  it('projects each store from its own actas, even when two stores are at the same revision', async () => {
    const a = await storeWith([200, 50]);
    const b = await storeWith([50, 200]);
    try {
      expect(await a.revision(def.id)).toBe(await b.revision(def.id));
      const leader = async (s: Store): Promise<string | undefined> => {
        const p = await getProjection(s, def, { sims: 200 });
        if (!p.ok) throw new Error(JSON.stringify(p.issues));
        return [...p.value.choices].sort((x, y) => y.median - x.median)[0]?.choice;
      };
      expect(await leader(a)).toBe('Ana');
      expect(await leader(b)).toBe('Beto');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
