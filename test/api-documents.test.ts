// The documents at query-free paths (the static site's URL scheme) and what is new in them: the
// summary with "settled" decided once, the places hierarchy, the children of a unit, and the
// party colours. In-process (Fastify inject), parsed with the API's schemas.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENTS } from '../src/api/documents.js';
import { PATHS } from '../src/api/paths.js';
import {
  CandidatesSchema,
  ErrorSchema,
  MesasSchema,
  PlacesSchema,
  ResultsSchema,
  SiteSchema,
  ProgressSchema,
  SummarySchema,
} from '../src/api/schemas.js';
import { buildApi, hashToken } from '../src/api/server.js';
import { bundledElection } from '../src/elections/manifests.js';
import { choiceColors, partyColorTable } from '../src/elections/party-colors.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { uploadJsonl } from './api-helpers.js';
import { fixedClock, fixtureElection, tempDir } from './helpers.js';
import { NIGHT as RUNOFF } from './mesa-night.js';

const TOKEN = 'documents-token';
type Mesa = [mesa: string, ubigeo: string, fp: number | null, jp: number | null];
const line = ([mesa, ubigeo, fp, jp]: Mesa): string =>
  JSON.stringify({
    mesa,
    ubigeo,
    state: fp === null ? 'pending' : 'counted',
    eligible: 300,
    voters: fp === null ? null : (fp ?? 0) + (jp ?? 0),
    votes: fp === null ? null : { FP: fp, JP: jp },
    blank: 0,
    null: 0,
  });

let dir: string;
let store: SqliteStore;
let app: FastifyInstance;

/** A fresh in-memory store with the runoff night, its API, and an import through the API. */
async function freshNight() {
  const s = new SqliteStore(':memory:');
  await s.migrate();
  await s.putElection(RUNOFF);
  const api = await buildApi({ store: s, tokenHash: hashToken(TOKEN), now: fixedClock });
  const put = (name: string, mesas: readonly Mesa[]) =>
    uploadJsonl(api, 'night', TOKEN, mesas.map(line), name);
  return { s, api, put };
}

async function importNight(name: string, mesas: readonly Mesa[]): Promise<void> {
  await uploadJsonl(app, 'night', TOKEN, mesas.map(line), name);
}

const get = async (url: string) => app.inject({ method: 'GET', url });

beforeAll(async () => {
  dir = tempDir('cifra-documents-');
  store = new SqliteStore(join(dir, 'd.db'));
  await store.migrate();
  await store.putElection(RUNOFF);
  for (const id of [
    'pe-2026-presidencial-segunda',
    'pe-2026-presidencial-segunda-2026-06-10',
    'pe-2026-diputados',
    'pe-2021-congreso',
  ])
    expect((await putPublishedElection(store, id)).ok).toBe(true);
  // six mesas as the whole count (a fixture's): without the universe's 86,488
  const r1 = fixtureElection('pe-2021-presidencial');
  await store.putElection(r1);
  const file = join(dir, 'r1.jsonl');
  writeFileSync(
    file,
    [
      ['000001', '070101', 6, 4],
      ['000002', '070102', 3, 1],
      ['000003', '140101', 5, 5],
      ['000004', '150101', 1, 2],
      ['000005', '921001', 2, 0],
      ['000006', '140201', 1, 1],
    ]
      .map(([mesa, ubigeo, a, b]) =>
        JSON.stringify({
          mesa,
          ubigeo,
          state: 'counted',
          eligible: 300,
          voters: Number(a) + Number(b),
          votes: { P1: a, P16: b },
          blank: 0,
          null: 0,
        }),
      )
      .join('\n'),
  );
  expect((await ingestFile(store, { file, election: r1, now: fixedClock })).ok).toBe(true);
  app = await buildApi({ store, tokenHash: hashToken(TOKEN), now: fixedClock });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await store?.close();
});

describe('GET /api/v1/elections/:id/summary.json', () => {
  it('says who leads and by how much, and names a winner only once the lead is larger than every vote still to count', async () => {
    // 4 mesas of 300 electors: 2 counted (FP ahead by 150), 2 pending (600 votes may come)
    await importNight('universe', [
      ['000101', '010101', null, null],
      ['000102', '010101', null, null],
      ['000103', '020101', null, null],
      ['000104', '921001', null, null],
    ]);
    await importNight('first', [
      ['000101', '010101', 200, 50],
      ['000102', '010101', 100, 100],
    ]);
    const early = SummarySchema.parse((await get(PATHS.document('night', 'summary'))).json());
    expect(early.leaders.map((l) => [l.id, l.votes])).toEqual([
      ['FP', 300],
      ['JP', 150],
    ]);
    expect(early.margin).toBe(150);
    expect(early.count).toEqual({
      complete: false,
      actasTotal: 4,
      actasProcessed: 2,
      votesRemaining: 600,
    });
    expect([early.settled, early.settledBy, early.outcome]).toEqual([false, null, null]);
    // why not (a wire's "not called" with its reason); a runoff has no race for second place
    expect([early.openReason, early.runoffMargin]).toEqual(['lead_within_remaining', null]);
    expect(early.status).toMatchObject({ kind: 'provisional', pctCounted: '50.000', cut: null });
    expect(early.updatedAt).toBe(fixedClock());
    // abroad counted for JP: level at 300 each, 300 electors left: open
    await importNight('abroad', [['000104', '921001', 0, 150]]);
    const tie = SummarySchema.parse((await get(PATHS.document('night', 'summary'))).json());
    expect([tie.margin, tie.count.votesRemaining, tie.settled]).toEqual([0, 300, false]);
    // one more mesa: 300 + 250 vs 300, nothing left: complete, settled by the rules
    await importNight('last', [['000103', '020101', 250, 0]]);
    const done = SummarySchema.parse((await get(PATHS.document('night', 'summary'))).json());
    expect(done.count.complete).toBe(true);
    expect(done.status.kind).toBe('final');
    expect([done.settled, done.settledBy, done.openReason]).toEqual([true, 'complete', null]);
    expect(done.outcome).toEqual({ kind: 'winner', winner: 'FP', round: 'runoff' });
    expect(done.revision).not.toBe(early.revision);
  });

  it("lists a district's mesas as the count moves: each import's states, no other district's", async () => {
    const { s, api, put } = await freshNight();
    const mesas = async (place: string) =>
      MesasSchema.parse((await api.inject({ url: PATHS.mesas('night', place) })).json()).mesas.map(
        (m) => [m.mesa, m.state, m.voters],
      );
    await put('u', [
      ['000302', '010101', null, null],
      ['000301', '010101', null, null],
      ['000303', '020101', null, null],
    ]);
    expect(await mesas('010101')).toEqual([
      ['000301', 'pending', null],
      ['000302', 'pending', null],
    ]);
    expect(await mesas('020101')).toEqual([['000303', 'pending', null]]);
    expect(await mesas('030101')).toEqual([]);
    // a new import moves the store's revision: the next read sees it, not the earlier grouping
    await put('v', [['000302', '010101', 120, 80]]);
    expect(await mesas('010101')).toEqual([
      ['000301', 'pending', null],
      ['000302', 'counted', 200],
    ]);
    await api.close();
    await s.close();
  });

  it('settles a runoff the count has decided before it is complete', async () => {
    const { s, api, put } = await freshNight();
    await put('u', [
      ['000201', '010101', 290, 0],
      ['000202', '010101', 10, 0],
      ['000203', '010101', null, null],
      ['000204', '010101', null, null],
    ]);
    const doc = SummarySchema.parse(
      (await api.inject({ url: PATHS.document('night', 'summary') })).json(),
    );
    // 300 ahead, at most 600 votes to come
    expect([doc.margin, doc.count.votesRemaining, doc.settled]).toEqual([300, 600, false]);
    // 301 ahead with 300 to come: decided, though not complete
    await put('v', [['000203', '010101', 1, 0]]);
    const after = SummarySchema.parse(
      (await api.inject({ url: PATHS.document('night', 'summary') })).json(),
    );
    expect([after.settled, after.settledBy, after.count.complete]).toEqual([
      true,
      'decided',
      false,
    ]);
    expect(after.outcome).toEqual({ kind: 'winner', winner: 'FP', round: 'runoff' });
    await api.close();
    await s.close();
  });

  it('a published snapshot without the electors still to count settles nothing; a final one shows results', async () => {
    const snap = SummarySchema.parse(
      (await get(PATHS.document('pe-2026-presidencial-segunda-2026-06-10', 'summary'))).json(),
    );
    expect(snap.status).toMatchObject({
      kind: 'provisional',
      pctCounted: '98.188',
      cutTime: '2026-06-10T06:24:16Z',
    });
    expect([snap.count.votesRemaining, snap.settled, snap.outcome]).toEqual([null, false, null]);
    expect(snap.leaders[0]?.label).toBe('ROBERTO SÁNCHEZ');
    const final = SummarySchema.parse(
      (await get(PATHS.document('pe-2026-presidencial-segunda', 'summary'))).json(),
    );
    expect(final.status.kind).toBe('final');
    expect(final.margin).toBe(49_641);
    expect(final.outcome).toEqual({ kind: 'winner', winner: 'FP', round: 'runoff' });
    expect(final.settledBy).toBe('complete');
  });

  it('a list election is settled only by the complete count, and names no outcome', async () => {
    const d = SummarySchema.parse(
      (await get(PATHS.document('pe-2026-diputados', 'summary'))).json(),
    );
    expect([d.kind, d.round, d.settled, d.outcome]).toEqual(['list', null, false, null]);
    expect(d.status.kind).toBe('computed-by-cifra');
    // votes per circunscripción without actas: the % counted is the source's, as its cut states
    // it (never a count of actas here: it was "0.000", then unknown)
    expect(d.status.pctCounted).toBe('85.991');
    expect(d.status.cut).toContain(`ONPE ${d.status.pctCounted ?? '?'} %`);
    // the source's cut verbatim, and as the instant the manifest gives for it (Lima, UTC−5)
    expect(d.status.cut).toBe('11/05/2026 17:46 (Lima) · ONPE 85.991 %');
    expect(d.status.cutTime).toBe('2026-05-11T17:46:00-05:00');
    const c = SummarySchema.parse(
      (await get(PATHS.document('pe-2021-congreso', 'summary'))).json(),
    );
    // a date-only cut stays a date: no time is invented for it
    expect([c.status.cut, c.status.cutTime]).toEqual(['2021-06-12', null]);
    // a final release whose source gives no acta counts: final, with no % of actas (review 6
    // found "100.000 % of actas" beside "actas — (the source gives no acta counts)")
    expect([c.status.kind, c.status.pctCounted]).toEqual(['final', null]);
    const progress = (await get(PATHS.document('pe-2021-congreso', 'progress'))).json() as {
      published?: { status: string; pctCounted: string | null };
    };
    expect(progress.published).toMatchObject({ status: 'final', pctCounted: null });
    expect(ProgressSchema.parse(progress).status.kind).toBe('final');
    expect([c.settled, c.settledBy]).toEqual([true, 'complete']);
    // "Otras listas" is not a list: never the leader
    expect(c.leaders.map((l) => l.id)).not.toContain('OTRAS');
    expect(c.leaders[0]?.id).toBe('Perú Libre');
  });

  it('is also served at /api/v1/summary?election=, the same bytes', async () => {
    const a = await get('/api/v1/summary?election=pe-2021-congreso');
    const b = await get(PATHS.document('pe-2021-congreso', 'summary'));
    expect(a.body).toBe(b.body);
  });
});

describe('summary.projection', () => {
  it('is true exactly when the count is not complete and projection.json answers', async () => {
    const seen: [string, boolean, boolean, number][] = [];
    for (const e of await store.listElections()) {
      const summary = SummarySchema.parse((await get(PATHS.document(e.id, 'summary'))).json());
      const status = (await get(PATHS.document(e.id, 'projection'))).statusCode;
      expect([200, 404], e.id).toContain(status);
      expect(summary.projection, e.id).toBe(!summary.count.complete && status === 200);
      seen.push([e.id, summary.count.complete, summary.projection, status]);
    }
    // the premise: both answers occur among the elections here, and a complete count is among them
    expect(seen.some(([, , flag]) => flag)).toBe(true);
    expect(seen.some(([, complete, , status]) => !complete && status === 404)).toBe(true);
    expect(seen.some(([, complete]) => complete)).toBe(true);
  }, 60_000);
});

describe('places and children', () => {
  it('lists every unit with its parent in the place hierarchy, the levels and the mesa format', async () => {
    const doc = PlacesSchema.parse(
      (await get(PATHS.document('pe-2021-presidencial', 'places'))).json(),
    );
    const unit = (level: string, code: string) =>
      doc.units.find((u) => u.level === level && u.code === code);
    expect(unit('district', '070101')?.parent).toEqual({ level: 'province', code: '0701' });
    expect(unit('province', '0701')?.parent).toEqual({ level: 'department', code: '07' });
    expect(unit('department', '07')?.parent).toBeNull();
    expect(unit('district', '070101')?.name).toContain('CUSCO');
    expect(doc.mesa.pad).toBe(6);
    expect(doc.levels.find((l) => l.id === 'province')).toEqual({
      id: 'province',
      labels: { es: 'Provincia', en: 'Province' },
      place: true,
    });
    expect(doc.levels.find((l) => l.id === 'ambito')?.place).toBe(false);
  });

  it('gives the children of the nation, a place, an ámbito and a circunscripción', async () => {
    const kids = async (level: string, code: string) =>
      ResultsSchema.parse(
        (await get(PATHS.children('pe-2021-presidencial', level, code))).json(),
      ).units.map((u) => `${u.level}:${u.code}`);
    expect(await kids('department', '14')).toEqual(['province:1401', 'province:1402']);
    expect(await kids('national', 'PE')).toEqual([
      'department:07',
      'department:14',
      'department:15',
      'department:92',
    ]);
    expect(await kids('department', '07')).toEqual(['province:0701']);
    expect(await kids('province', '0701')).toEqual(['district:070101', 'district:070102']);
    expect(await kids('ambito', 'EXTRANJERO')).toEqual(['department:92']);
    // Lima Metropolitana: the province of Lima, not the department it is part of
    expect(await kids('circunscripcion', '15')).toEqual(['province:1401']);
    // a published snapshot by department and continent: the same hierarchy from the codes
    const runoff = ResultsSchema.parse(
      (await get(PATHS.children('pe-2026-presidencial-segunda', 'ambito', 'EXTRANJERO'))).json(),
    );
    expect(runoff.units.map((u) => u.code)).toEqual(['91', '92', '93', '94', '95']);
    // a Congress published by circunscripción only: the nation's children are those
    const dip = ResultsSchema.parse(
      (await get(PATHS.children('pe-2026-diputados', 'national', 'PE'))).json(),
    );
    expect(dip.units).toHaveLength(27);
  });

  it('is a 404 with a coded issue for a unit or level that is not there, as a missing file is', async () => {
    for (const [url, code] of [
      [PATHS.children('pe-2021-presidencial', 'province', '9999'), 'unknown_ubigeo'],
      [PATHS.unit('pe-2021-presidencial', 'comarca', 'X'), 'unknown_level'],
      [PATHS.acta('pe-2021-presidencial', '999999'), 'acta_not_found'],
      [PATHS.document('nowhere', 'progress'), 'unknown_election'],
    ] as const) {
      const res = await get(url);
      expect([url, res.statusCode]).toEqual([url, 404]);
      expect(ErrorSchema.parse(res.json()).issues[0]?.code).toBe(code);
    }
    expect((await get(PATHS.results('pe-2021-presidencial', 'mesa'))).statusCode).toBe(422);
  });
});

describe('GET /api/v1/elections/:id/progress.json', () => {
  it("says the count's own status beside the release's: two actas of a final release are provisional", async () => {
    // the bundled 2021 first round with its universe (86,488 actas), two of them stored: the old
    // document carried only the manifest's "final" (a poll-watcher's review, L5: a replay read as
    // final in progress.json)
    const s = new SqliteStore(':memory:');
    await s.migrate();
    const def = bundledElection('pe-2021-presidencial');
    if (!def) throw new Error('bundled election missing');
    await s.putElection(def);
    const f = join(tempDir('cifra-progress-'), 'two.jsonl');
    const row = (mesa: string) =>
      JSON.stringify({
        mesa,
        ubigeo: '010101',
        state: 'counted',
        eligible: 300,
        voters: 10,
        votes: { P1: 6, P16: 4 },
        blank: 0,
        null: 0,
      });
    writeFileSync(f, `${row('000001')}\n${row('000002')}\n`);
    expect((await ingestFile(s, { file: f, election: def, now: fixedClock })).ok).toBe(true);
    const api = await buildApi({ store: s, tokenHash: hashToken(TOKEN), now: fixedClock });
    const p = ProgressSchema.parse(
      (await api.inject({ method: 'GET', url: PATHS.document(def.id, 'progress') })).json(),
    );
    expect(p.about?.status.kind).toBe('final');
    expect(p.status.kind).toBe('provisional');
    expect(p.status.note).toBeNull();
    expect(p.actasNotLoaded).toBe(86_486);
    await api.close();
    await s.close();
  });
});

describe('one URL scheme', () => {
  it('every path document is the query route document, byte for byte', async () => {
    const pairs: [string, string][] = [
      [PATHS.elections(), '/api/v1/elections'],
      [
        PATHS.document('pe-2021-presidencial', 'progress'),
        '/api/v1/progress?election=pe-2021-presidencial',
      ],
      [
        PATHS.document('pe-2021-presidencial', 'seats'),
        '/api/v1/seats?election=pe-2021-presidencial',
      ],
      [
        PATHS.results('pe-2021-presidencial', 'department'),
        '/api/v1/results?election=pe-2021-presidencial&level=department',
      ],
      [
        PATHS.results('pe-2021-presidencial', 'department', 'csv'),
        '/api/v1/results?election=pe-2021-presidencial&level=department&format=csv',
      ],
      [
        PATHS.unit('pe-2021-presidencial', 'district', '070101'),
        '/api/v1/results?election=pe-2021-presidencial&level=district&code=070101',
      ],
      [
        PATHS.mesas('pe-2021-presidencial', '070101'),
        '/api/v1/mesas?election=pe-2021-presidencial&district=070101',
      ],
      [
        PATHS.acta('pe-2021-presidencial', '000001'),
        '/api/v1/actas/000001?election=pe-2021-presidencial',
      ],
      [PATHS.ruleset('pe-2026-diputados'), '/api/v1/rulesets/pe-2026-diputados'],
    ];
    for (const [path, query] of pairs) {
      const a = await get(path);
      const b = await get(query);
      expect([path, a.statusCode]).toEqual([path, 200]);
      expect(a.body).toBe(b.body);
      expect(a.headers['content-type']).toBe(b.headers['content-type']);
    }
    // the server's own check of the chain, once it has run (api-audit-verified.test.ts): the
    // projections recorded by the reads above moved the head; a read starts the check of them
    await get(PATHS.site());
    await (app as unknown as { cifraAuditCheck: { settled: Promise<void> } }).cifraAuditCheck
      .settled;
    const head = await store.auditHead();
    expect(SiteSchema.parse((await get(PATHS.site())).json())).toEqual({
      kind: 'server',
      whatIf: true,
      audit: { ...head, verified: { through: head.count, at: expect.any(String) }, failed: null },
    });
  });

  it('answers If-None-Match with 304 on a path document, as a static host does', async () => {
    const first = await get(PATHS.document('pe-2021-congreso', 'summary'));
    const etag = String(first.headers.etag);
    const again = await app.inject({
      url: PATHS.document('pe-2021-congreso', 'summary'),
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
  });

  it('every document is in the OpenAPI document', async () => {
    const paths = Object.keys(
      ((await get('/api/v1/openapi.json')).json() as { paths: object }).paths,
    );
    for (const d of DOCUMENTS) expect(paths).toContain(d.url.replace(/:(\w+)/g, '{$1}'));
  });
});

describe('party colours', () => {
  it('a party keeps its colour across elections: the manifest’s, else the jurisdiction’s table', async () => {
    const fp = async (id: string, choice: string) =>
      CandidatesSchema.parse((await get(PATHS.document(id, 'candidates'))).json()).choices.find(
        (c) => c.id === choice,
      )?.color;
    // 2021 has no colours in its manifest; 2026 has; Fuerza Popular is the same
    expect(await fp('pe-2021-presidencial', 'P11')).toBe('#f87820');
    expect(await fp('pe-2026-presidencial-segunda', 'FP')).toBe('#f87820');
    expect(await fp('pe-2021-congreso', 'Fuerza Popular')).toBe('#f87820');
    // Perú Libre under its three spellings
    expect(await fp('pe-2021-presidencial', 'P16')).toBe('#e70000');
    expect(await fp('pe-2021-congreso', 'Perú Libre')).toBe('#e70000');
    // the remainder is grey and says it is one
    const otras = CandidatesSchema.parse(
      (await get(PATHS.document('pe-2021-congreso', 'candidates'))).json(),
    ).choices.find((c) => c.id === 'OTRAS');
    expect(otras).toMatchObject({ color: '#9aa1ad', remainder: true });
  });

  it('never gives two choices of one election the same colour', () => {
    for (const id of [
      'pe-2021-presidencial',
      'pe-2026-presidencial-distritos',
      'pe-2026-diputados',
    ]) {
      const def = bundledElection(id);
      if (!def) throw new Error(id);
      const colors = choiceColors(def);
      expect([id, new Set(colors).size]).toEqual([id, colors.length]);
    }
    // and a party with no colour anywhere gets the same one in every election
    const one = (party: string) =>
      choiceColors({ jurisdiction: 'pe', choices: [{ id: 'x', label: party, party }] })[0];
    expect(one('PARTIDO NUEVO')).toBe(one('partido  nuevo'));
    expect(one('PARTIDO NUEVO')).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('the bundled table is valid and names every party of every bundled election', () => {
    const table = partyColorTable('pe');
    expect(table.size).toBeGreaterThan(40);
    for (const id of [
      'pe-2021-presidencial',
      'pe-2021-presidencial-segunda',
      'pe-2021-congreso',
      'pe-2026-presidencial',
      'pe-2026-diputados',
      'pe-2026-senado',
    ]) {
      const def = bundledElection(id);
      if (!def) throw new Error(id);
      const missing = def.choices
        .filter((c) => c.remainder !== true && c.color === undefined)
        .filter((c) => {
          const k = (s: string) =>
            s
              .normalize('NFD')
              .replace(/[\u0300-\u036f]/g, '')
              .toUpperCase()
              .replace(/\s+/g, ' ')
              .trim();
          return !table.has(k(c.party)) && !table.has(k(c.label));
        })
        .map((c) => c.party);
      expect([id, missing]).toEqual([id, []]);
    }
  });
});
