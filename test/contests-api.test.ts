// GET /api/v1/contests/{election} and /api/v1/contests/{election}/{kind}/{key}: the bundled ERM
// 2022 election served whole (national picture) and one contest at a time, every response parsed
// with its schema; unknown ids are 404s with a coded issue.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../src/api/server.js';
import { ErrorSchema } from '../src/api/schemas.js';
import { ContestSchema, ContestsElectionSchema } from '../src/results/contests.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { LIMA_2022_WITHOUT_BONUS, tempDir } from './helpers.js';

let app: FastifyInstance;
let store: SqliteStore;

beforeAll(async () => {
  store = new SqliteStore(join(tempDir('cifra-contests-'), 'c.db'));
  await store.migrate();
  app = await buildApi({ store, tokenHash: null });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const get = (url: string) => app.inject({ method: 'GET', url });

describe('GET /api/v1/contests/{election}', () => {
  it('pe-erm-2022: the sets, the national picture by organisation and by type, every contest in brief', async () => {
    const r = await get('/api/v1/contests/pe-erm-2022?seed=2022');
    expect(r.statusCode).toBe(200);
    const doc = ContestsElectionSchema.parse(r.json());
    expect(doc.sets.map((s) => [s.kind, s.rules, s.contests])).toEqual([
      ['governor', 'pe-erm-gobernador', 25],
      ['provincial-council', 'pe-erm-municipal', 25],
      ['district-council', 'pe-erm-municipal', 1694],
    ]);
    expect(doc.contests).toHaveLength(1744);
    // the cut's zone, from data/jurisdictions/pe (the ERM view shows the cut in it)
    expect(doc.timeZone).toBe('America/Lima');
    expect(doc.national.byType.map((t) => t.type)).toEqual(['party', 'regional-movement']);
    // the manifest says how parties were told from regional movements: here, inferred
    expect(doc.national.classificationBasis).toBe('inferred');
    expect(doc.national.classification.en).toMatch(/inferred from the files/);
    expect(doc.national.classification.es).toMatch(/inferido de los archivos/);
    const cusco = doc.contests.find((c) => c.id === 'governor/CUSCO');
    expect(cusco).toMatchObject({
      winner: null,
      runoff: ['PARTIDO DEMOCRATICO SOMOS PERU', 'MOVIMIENTO REGIONAL INKA PACHAKUTEQ'],
    });
    const rp = doc.national.organisations.find((o) => o.party === 'RENOVACION POPULAR');
    expect(rp?.type).toBe('party');
    // Lima's 21 on the votes counted, not decided (session 22): apart from the decided seats
    expect(rp?.seatsOpen['provincial-council']).toBeGreaterThanOrEqual(21);
    // the seed settles the tied district councils: the runoffs, the councils of unknown size,
    // those with nothing counted and those the votes still out could turn stay open — among the
    // governors, the 9 runoffs and Tacna (30.6 % with up to 6,000 votes out)
    expect(doc.national.open.filter((id) => id.startsWith('governor/'))).toHaveLength(10);
    expect(doc.national.open).toContain('governor/TACNA');
  });

  it('council seats: decided apart from the allocation of the votes counted (session 22)', async () => {
    const doc = ContestsElectionSchema.parse(
      (await get('/api/v1/contests/pe-erm-2022?seed=2022')).json(),
    );
    const of = (id: string) => doc.contests.find((c) => c.id === id);
    // Tumbes: 100 % of its actas; Lima: 143 actas out (up to 42,900 votes) can move a seat
    expect(of('provincial-council/230100')?.seatsDecided).toBe('source-final');
    expect(of('provincial-council/140100')?.seatsDecided).toBeNull();
    expect(of('governor/TUMBES')?.seatsDecided).toBeNull();
    // the national totals count a council's seats as decided only when the council says so
    const councils = doc.contests.filter((c) => c.totalSeats !== null);
    const seats = (pred: (c: (typeof councils)[number]) => boolean): number =>
      councils.filter(pred).reduce((a, c) => a + (c.totalSeats ?? 0), 0);
    const decided = doc.national.byType.reduce((a, t) => a + t.seats, 0);
    const open = doc.national.byType.reduce((a, t) => a + t.seatsOpen, 0);
    expect(decided).toBe(seats((c) => c.seatsDecided !== null));
    // (a council with nothing counted allocates nothing)
    expect(open).toBeLessThanOrEqual(seats((c) => c.seatsDecided === null));
    expect(open).toBeGreaterThan(0);
    for (const o of doc.national.organisations)
      expect(Object.keys(o.seatsOpen).every((k) => k.endsWith('council'))).toBe(true);
    // a council whose seats are open is an open contest
    expect(doc.national.open).toContain('provincial-council/140100');
    const lima = ContestSchema.parse(
      (await get('/api/v1/contests/pe-erm-2022/provincial-council/140100?seed=2022')).json(),
    );
    expect(lima.type === 'council' && lima.seatsDecided).toBeNull();
  });

  it('states a winner only when the figures settle it (review 20 L10): else who leads, and why not', async () => {
    const doc = ContestsElectionSchema.parse(
      (await get('/api/v1/contests/pe-erm-2022?seed=2022')).json(),
    );
    const of = (id: string) => doc.contests.find((c) => c.id === id);
    // Tumbes: 583 of 583 actas (100 %): the source's count is over
    expect(of('governor/TUMBES')).toMatchObject({
      decided: 'source-final',
      winner: 'ALIANZA PARA EL PROGRESO',
      leader: 'ALIANZA PARA EL PROGRESO',
    });
    // Tacna: 954 actas at 97.9466 % → at most 20 out × 300 electors: 30.6 % could still fall
    // under 30 %, so it leads and is not elected
    expect(of('governor/TACNA')).toMatchObject({
      decided: null,
      winner: null,
      leader: 'MOVIMIENTO INDEPENDIENTE REGIONAL FUERZA TACNA',
    });
    // Lima Metropolitana: 143 actas out (≤ 42,900 votes), RP 54,899 ahead: its mayor is decided
    expect(of('provincial-council/140100')).toMatchObject({
      decided: 'mathematically',
      winner: 'RENOVACION POPULAR',
    });
    // Arequipa's provincial council: 39 actas out, a closer lead: who leads, no mayor
    const aqp = of('provincial-council/040100');
    expect(aqp).toMatchObject({ decided: null, winner: null });
    expect(aqp?.leader).not.toBeNull();
    // a lead is counted as a lead nationally, never as an office won
    const tacna = doc.national.organisations.find(
      (o) => o.party === 'MOVIMIENTO INDEPENDIENTE REGIONAL FUERZA TACNA',
    );
    expect(tacna?.heads.governor ?? 0).toBe(0);
    expect(tacna?.leading.governor).toBe(1);
    // 2026 at 97.6 %, no acta counts per region: nothing is decided by cifra, every governor leads
    const y26 = ContestsElectionSchema.parse((await get('/api/v1/contests/pe-erm-2026')).json());
    expect(y26.contests.every((c) => c.decided === null && c.winner === null)).toBe(true);
    expect(y26.contests.every((c) => c.leader !== null)).toBe(true);
    const full = ContestSchema.parse(
      (await get('/api/v1/contests/pe-erm-2022/governor/TACNA')).json(),
    );
    expect(full.decided).toBeNull();
  });

  it('kind filters the contests; a bad kind is 422, an unknown election 404', async () => {
    const r = await get('/api/v1/contests/pe-erm-2022?kind=governor');
    expect(ContestsElectionSchema.parse(r.json()).contests).toHaveLength(25);
    const bad = await get('/api/v1/contests/pe-erm-2022?kind=senate');
    expect(bad.statusCode).toBe(422);
    const none = await get('/api/v1/contests/nope');
    expect(none.statusCode).toBe(404);
    expect(ErrorSchema.parse(none.json()).issues[0]?.code).toBe('unknown_election');
  });
});

describe('GET /api/v1/contests/{election}/{kind}/{key}', () => {
  it('Lima Metropolitana: 39 regidores, RP 21 with the bonus from 11, its list heads the council', async () => {
    const r = await get('/api/v1/contests/pe-erm-2022/provincial-council/140100');
    expect(r.statusCode).toBe(200);
    const c = ContestSchema.parse(r.json());
    expect(c.type).toBe('council');
    if (c.type !== 'council') return;
    expect([c.totalSeats, c.head, c.bonus]).toEqual([
      39,
      'RENOVACION POPULAR',
      { party: 'RENOVACION POPULAR', before: 11, after: 21 },
    ]);
  });

  it('bonus=off: the what-if without the majority bonus is plain cifra repartidora (39 by D’Hondt by hand)', async () => {
    const r = await get('/api/v1/contests/pe-erm-2022/provincial-council/140100?bonus=off');
    expect(r.statusCode).toBe(200);
    const c = ContestSchema.parse(r.json());
    if (c.type !== 'council') throw new Error('not a council');
    // D'Hondt over the eight lists' votes, worked out apart from cifra
    expect(c.seats).toEqual(LIMA_2022_WITHOUT_BONUS);
    expect([c.head, c.bonus]).toEqual(['RENOVACION POPULAR', null]);
    // the law's result is untouched by the what-if (computed and cached apart)
    const law = ContestSchema.parse(
      (await get('/api/v1/contests/pe-erm-2022/provincial-council/140100')).json(),
    );
    expect(law.type === 'council' && law.seats['RENOVACION POPULAR']).toBe(21);
    expect(
      (await get('/api/v1/contests/pe-erm-2022/provincial-council/140100?bonus=no')).statusCode,
    ).toBe(422);
  });

  it('a governor race gives its outcome; an unknown contest is 404 unknown_contest', async () => {
    const r = await get('/api/v1/contests/pe-erm-2022/governor/PIURA');
    const c = ContestSchema.parse(r.json());
    expect(c.type === 'single-winner' && c.result.outcome.kind).toBe('runoff');
    const none = await get('/api/v1/contests/pe-erm-2022/district-council/999999');
    expect(none.statusCode).toBe(404);
    expect(ErrorSchema.parse(none.json()).issues[0]?.code).toBe('unknown_contest');
  });
});
