// The governor's second round (`governor-runoff`, Ley 27683 art. 5) read through a multi-contest
// manifest, on a FICTITIOUS fixture (test/fixtures/erm-runoff: invented votes — no real
// second-round count per region was found): the manifest machinery, the core's settling of a
// provisional count, the national picture, the CLI and the API.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../src/api/server.js';
import { computeContests } from '../src/core/pipeline/contests.js';
import { addContestsFile, loadContests } from '../src/elections/contests.js';
import { PROJECT_ROOT } from '../src/io/paths.js';
import { ContestSchema, ContestsElectionSchema } from '../src/results/contests.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { cli, tempDir } from './helpers.js';

const MANIFEST = join(PROJECT_ROOT, 'test', 'fixtures', 'erm-runoff', 'manifest.json');

describe('a governor-runoff contest set', () => {
  it('is read with its own provisional status and the votes still out per region', () => {
    const r = loadContests(MANIFEST);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const runoff = r.value.sets.find((s) => s.kind === 'governor-runoff');
    expect(runoff?.ruleset.id).toBe('pe-erm-gobernador-segunda');
    expect(runoff?.complete).toBe(false);
    expect(runoff?.contests.map((c) => [c.key, c.remaining])).toEqual([
      ['AMAZONAS', 5000],
      ['CUSCO', 10000],
    ]);
    expect(r.value.sets.find((s) => s.kind === 'governor')?.complete).toBe(true);
  });

  it('a second round between other lists than the first round pair is kept and reported', () => {
    const dir = tempDir('cifra-runoff-bad-');
    const fixture = join(PROJECT_ROOT, 'test', 'fixtures', 'erm-runoff');
    const m = JSON.parse(readFileSync(join(fixture, 'manifest.json'), 'utf8')) as {
      contestSets: { file: string }[];
    };
    writeFileSync(
      join(dir, 'second.csv'),
      'departamento,AGRUPACION,TOTAL_VOTOS,votos_pendientes\nAMAZONAS,MOVIMIENTO A,10,0\nAMAZONAS,PARTIDO Y,9,0\nTACNA,MOVIMIENTO E,5,0\nTACNA,PARTIDO B,4,0\n',
    );
    const [first, second] = m.contestSets;
    if (!first || !second) throw new Error('fixture sets');
    first.file = join(fixture, 'first-round.csv');
    second.file = 'second.csv';
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(m));
    const r = loadContests(join(dir, 'bad.json'));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const issues = computeContests(r.value.sets).issues.filter(
      (i) => i.code === 'runoff_pair_mismatch',
    );
    // AMAZONAS: PARTIDO Y was not in the pair; TACNA had no runoff
    expect(issues.map((i) => [i.path[1], i.severity])).toEqual([
      ['governor-runoff/AMAZONAS', 'warning'],
      ['governor-runoff/TACNA', 'warning'],
    ]);
  });

  it('rejects a manifest whose id shadows a bundled one', () => {
    const r = addContestsFile(join(PROJECT_ROOT, 'data', 'contests', 'pe-erm-2022.json'));
    expect(r.ok).toBe(false);
  });
});

describe('cifra contests <manifest.json>', () => {
  it('the settled runoff names the governor, the open one says it is counting', async () => {
    const r = await cli('contests', MANIFEST);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'AMAZONAS: MOVIMIENTO A (decided in the second round: MOVIMIENTO A – PARTIDO B)',
    );
    expect(r.out).toContain('CUSCO: second round MOVIMIENTO X – PARTIDO Y counting, not settled');
    expect(r.out).toContain('TACNA: MOVIMIENTO E');
    expect(r.out).toContain(
      '2 × governor runoff (pe-erm-gobernador-segunda; provisional, 95.000 % at 2022-12-05T08:00:00-05:00)',
    );
    // the header says each set's figures, not the election's "final" over a count at 95 %
    expect(r.out.split('\n').slice(1, 3)).toEqual([
      'figures: final (governor)',
      'figures: provisional, 95.000 % of actas at 2022-12-05T08:00:00-05:00 (governor runoff)',
    ]);
  });

  it('--contest governor-runoff/CUSCO: the standing, not a winner', async () => {
    const r = await cli('contests', MANIFEST, '--contest', 'governor-runoff/CUSCO');
    expect(r.code).toBe(0);
    expect(r.out).toContain('not settled: MOVIMIENTO X leads');
    expect(r.out).not.toContain('wins');
  });
});

let app: FastifyInstance;
let store: SqliteStore;
beforeAll(async () => {
  const id = addContestsFile(MANIFEST);
  if (!id.ok) throw new Error(JSON.stringify(id.error));
  store = new SqliteStore(join(tempDir('cifra-runoff-'), 'r.db'));
  await store.migrate();
  app = await buildApi({ store, tokenHash: null });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('GET /api/v1/contests/fixture-erm-runoff', () => {
  it('counts a settled runoff winner as a governor; the first round says decided in the second round', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/contests/fixture-erm-runoff' });
    expect(r.statusCode).toBe(200);
    const d = ContestsElectionSchema.parse(r.json());
    expect(d.sets.map((s) => [s.kind, s.status.kind])).toEqual([
      ['governor', 'final'],
      ['governor-runoff', 'provisional'],
    ]);
    const gov = (k: string) => d.contests.find((c) => c.id === k);
    expect(gov('governor/AMAZONAS')).toMatchObject({
      winner: 'MOVIMIENTO A',
      runoff: ['MOVIMIENTO A', 'PARTIDO B'],
      secondRound: { id: 'governor-runoff/AMAZONAS', winner: 'MOVIMIENTO A' },
    });
    expect(gov('governor/CUSCO')).toMatchObject({
      winner: null,
      secondRound: { id: 'governor-runoff/CUSCO', winner: null },
    });
    expect(gov('governor-runoff/CUSCO')?.winner).toBeNull();
    const org = (p: string) => d.national.organisations.find((o) => o.party === p);
    expect(org('MOVIMIENTO A')?.heads).toEqual({ governor: 1 });
    expect(org('MOVIMIENTO E')?.heads).toEqual({ governor: 1 });
    expect(org('MOVIMIENTO X')?.heads).toEqual({});
    expect(d.national.open.sort()).toEqual(['governor-runoff/CUSCO', 'governor/CUSCO']);
    const types = Object.fromEntries(d.national.byType.map((t) => [t.type, t.heads]));
    expect(types).toEqual({ party: 0, 'regional-movement': 2 });
  });

  it('one runoff contest: its votes, settled by the lead over the votes still out', async () => {
    const r = await app.inject({
      method: 'GET',
      url: '/api/v1/contests/fixture-erm-runoff/governor-runoff/AMAZONAS',
    });
    expect(r.statusCode).toBe(200);
    const c = ContestSchema.parse(r.json());
    if (c.type !== 'single-winner') throw new Error(c.type);
    // 60,000 – 40,000 with at most 5,000 out: the lead cannot be overturned
    expect(c.decided).toBe('mathematically');
    expect(c.result.outcome).toEqual({ kind: 'winner', winner: 'MOVIMIENTO A', round: 'runoff' });
    expect(c.result.candidates.map((x) => [x.candidate, x.votes, x.pctValid])).toEqual([
      ['MOVIMIENTO A', 60000, '60.000'],
      ['PARTIDO B', 40000, '40.000'],
    ]);
  });
});
