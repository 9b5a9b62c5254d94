import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cli, fileWriter, tempDir } from './helpers.js';
import { renderSeats } from '../src/cli/commands/seats.js';
import { useTableLanguage } from '../src/cli/format.js';
import { computeSeats } from '../src/core/pipeline/seats.js';
import { rulesetFromJson } from '../src/core/rulesets/compile.js';
import { loadRuleset } from '../src/elections/rulesets.js';
import { dataPath } from '../src/io/paths.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { getSeats } from '../src/results/service.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';

const dir = tempDir('cifra-cli-');
const file = fileWriter(dir);

describe('cifra seats', () => {
  it("prints the documented JSON for the Andean Parliament (5 seats, D'Hondt, no valla)", async () => {
    const votes = file(
      'andean.csv',
      'district,party,votes\nNACIONAL,PL,400\nNACIONAL,FP,300\nNACIONAL,RP,200\nNACIONAL,AP,100\n',
    );
    const r = await cli(
      'seats',
      '--rules',
      'pe-2021-parlamento-andino',
      '--votes',
      votes,
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(j)).toEqual(
      expect.arrayContaining([
        'rules',
        'totalSeats',
        'seats',
        'districts',
        'passed',
        'excluded',
        'ties',
        'draws',
      ]),
    );
    expect(j['rules']).toBe('pe-2021-parlamento-andino');
    expect(j['totalSeats']).toBe(5);
    // quotients 400 PL, 300 FP, 200 PL÷2, 200 RP, 150 FP÷2 | 133 PL÷3, 100 AP: the two 200s both win
    expect(j['seats']).toEqual({ FP: 2, PL: 2, RP: 1 });
    expect(j['passed']).toEqual(['AP', 'FP', 'PL', 'RP']);
  });

  it('reads the alliance column and the districts file with blank and null for the nullity report', async () => {
    const votes = file(
      'v2.csv',
      'district,party,votes,alliance\nNACIONAL,A,500,2\nNACIONAL,B,450,\nNACIONAL,C,50,\n',
    );
    const districts = file('d2.csv', 'district,seats,blank,null\nNACIONAL,5,100,200\n');
    const r = await cli(
      'seats',
      '--rules',
      'pe-2026-parlamento-andino',
      '--votes',
      votes,
      '--districts',
      districts,
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      seats: Record<string, number>;
      nullity: { emitted: number; const184: boolean };
    };
    expect(j.seats).toEqual({ A: 3, B: 2 });
    expect(j.nullity).toMatchObject({ emitted: 1300, const184: false });
  });

  it("says both halves of the 2021 valla's seat condition, the one met and the one failed", async () => {
    // review 6: a list with its 7 seats in one district read "prelim. seats 7 < 7 in ≥ 2 districts"
    const votes = file(
      'v21.csv',
      'district,party,votes\nLIMA,A,100\nLIMA,B,300\nCUSCO,B,400\nCUSCO,C,10\nAREQUIPA,B,100000\n',
    );
    const districts = file('d21.csv', 'district,seats\nLIMA,33\nCUSCO,5\nAREQUIPA,1\n');
    const args = [
      'seats',
      '--rules',
      'pe-2021-congreso',
      '--votes',
      votes,
      '--districts',
      districts,
    ];
    const en = await cli(...args);
    expect(en.code, en.err).toBe(0);
    const a = en.out.split('\n').find((l) => l.includes('│ A '));
    expect(a).toContain('prelim. seats 8 (7 required), in 1 district (2 required)');
    const es = await cli(...args, '--lang', 'es');
    expect(es.out).toContain('escaños prelim. 8 (se exigen 7), en 1 circunscripción (se exigen 2)');
  });

  it('reads --districts from a pipe, as --votes (review 6: it was read twice, the second time empty)', async () => {
    const votes = file('vp.csv', 'district,party,votes\nNACIONAL,A,500\nNACIONAL,B,450\n');
    const districts = file('dp.csv', 'district,seats\nNACIONAL,5\n');
    const fifo = join(dir, 'districts.fifo');
    execFileSync('mkfifo', [fifo]);
    // the pipe gives its rows once, as `--districts <(cat dp.csv)` does; a second read gets an
    // empty stream (so the old double read fails with file_empty instead of waiting forever)
    const writer = spawn('sh', [
      '-c',
      `cat '${districts}' > '${fifo}'; while :; do : > '${fifo}'; done`,
    ]);
    const r = await cli(
      'seats',
      '--rules',
      'pe-2026-parlamento-andino',
      '--votes',
      votes,
      '--districts',
      fifo,
      '--format',
      'json',
    );
    writer.kill();
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { seats: Record<string, number> }).seats).toEqual({ A: 3, B: 2 });
  });

  it('says why a district has seats no list took, and claims no valla reason it does not have', async () => {
    // review 6: " + 5 tied" for a district with no eligible list; "excluded: " with no reason
    const votes = file('v4.csv', 'district,party,votes\nA,G,100\nA,R,90\nB,G,10\nB,R,5\n');
    const districts = file('d4.csv', 'district,seats\nA,3\nB,2\n');
    const none = await cli(
      'seats',
      '--rules',
      'pe-2021-congreso',
      '--votes',
      votes,
      '--districts',
      districts,
      '--threshold',
      '60%',
    );
    expect(none.out).toMatch(/│ A +│ 3 +│ 3 unallocated \(no eligible list\) +│/);
    expect(none.out).not.toContain('tied');
    const unknown = file('v5.csv', 'district,party,votes\nA,G,100\nA,R,90\nX,Z,50\n');
    const r = await cli(
      'seats',
      '--rules',
      'pe-2026-parlamento-andino',
      '--votes',
      unknown,
      '--districts',
      file('d5.csv', 'district,seats\nA,3\n'),
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('unknown_district');
    expect(r.out).not.toMatch(/excluded: +│/);
    expect(r.out).toMatch(/│ G +│ 100 +│ [\d.]+ +│ 0 +│ — +│/);
    // seats whose lists have no candidate left are vacant, and said (they read "G 1, R 1" for 3)
    const c = file(
      'c6.csv',
      'district,party,candidate,position,votes\nA,G,g1,1,10\nA,R,r1,1,5\nA,R,r2,2,5\n',
    );
    const v = file('v6.csv', 'district,party,votes\nA,G,100\nA,R,20\nB,G,10\nB,R,5\n');
    const vacant = await cli(
      'seats',
      '--rules',
      'pe-2026-parlamento-andino',
      '--votes',
      v,
      '--districts',
      districts,
      '--candidates',
      c,
    );
    expect(vacant.out).toMatch(/│ B +│ 2 +│ 2 vacant +│/);
  });

  /** `cifra seats` of one municipal council under the ERM rules, from its two files. */
  const municipal = (votes: string, districts: string): string[] => [
    'seats',
    '--rules',
    'pe-erm-municipal',
    '--votes',
    votes,
    '--districts',
    districts,
  ];

  it('a council whose counted votes are all blank or null is no_eligible_list, not waiting on the count', async () => {
    // review s31: 52 votes emitted, all blank or null: counted, nothing more to come
    const votes = file('v-blank.csv', 'district,party,votes\nQ,A,0\nQ,B,0\n');
    const districts = file('d-blank.csv', 'district,seats,blank,null\nQ,5,40,12\n');
    const args = municipal(votes, districts);
    const j = JSON.parse((await cli(...args, '--format', 'json')).out) as {
      districts: { unallocated: number; unallocatedReason: string }[];
      nullity: { emitted: number; nullityReached: boolean };
      issues: { code: string }[];
    };
    expect(j.districts[0]).toMatchObject({ unallocated: 5, unallocatedReason: 'no_eligible_list' });
    expect(j.nullity).toMatchObject({ emitted: 52, nullityReached: true });
    expect(j.issues.map((i) => i.code)).toEqual(['no_eligible_list']);
    const table = await cli(...args);
    expect(table.err).not.toContain('no vote counted');
    expect(table.err).toContain('no_eligible_list');
  });

  it('a tie for the most-voted list that holds the council says every seat it holds, not one', async () => {
    // review s31: A 201 = B 201 under the majority bonus, no seed: all 5 seats wait on the lot
    const votes = file('v-most.csv', 'district,party,votes\nQ,A,201\nQ,B,201\nQ,C,82\nQ,D,30\n');
    const districts = file('d-most.csv', 'district,seats\nQ,5\n');
    const args = municipal(votes, districts);
    const en = await cli(...args);
    expect(en.out).toContain(
      'tie for the most-voted list in Q: A, B — all 5 seats wait on the lot (give --seed)',
    );
    expect(en.out).not.toContain('for 1 seat');
    const es = await cli(...args, '--lang', 'es');
    expect(es.out).toContain(
      'empate por la lista más votada en Q: A, B — los 5 escaños esperan el sorteo (indique --seed)',
    );
    const j = JSON.parse((await cli(...args, '--format', 'json')).out) as {
      ties: { stage: string; seatsInContention: number }[];
      issues: { code: string; details: { seats: number } }[];
    };
    expect(j.ties).toMatchObject([{ stage: 'most-voted', seatsInContention: 5 }]);
    expect(j.issues.map((i) => [i.code, i.details.seats])).toEqual([['tie_unresolved', 5]]);
    // drawn, the lot picks one list: the line is the plain tie line again
    const drawn = await cli(...args, '--seed', '7');
    expect(drawn.out).toMatch(/tie \(most-voted list\) in Q: A, B for 1 seat — drawn by lot/);
  });

  it("words a district's unallocated seats by the core's reason, never by the issues", () => {
    const r = loadRuleset('pe-2021-congreso');
    if (!r.ok || r.value.kind !== 'list') throw new Error('pe-2021-congreso');
    const districts = [
      { district: 'A', seats: 3 },
      { district: 'B', seats: 2 },
    ];
    // A: quotients 100, 100, 50 = 50 → two seats, the third tied between G and R (no seed)
    const votes = [
      { district: 'A', party: 'G', votes: 100 },
      { district: 'A', party: 'R', votes: 100 },
      { district: 'B', party: 'G', votes: 30 },
    ];
    const res = computeSeats({ ...r.value, threshold: null }, { votes, districts });
    expect(res.districts.map((d) => d.unallocatedReason)).toEqual(['tie', null]);
    const row = (text: string, d: string): string | undefined =>
      text.split('\n').find((l) => l.startsWith(`│ ${d} `));
    // no issues at all: the wording comes from the field
    const quiet = { ...res, issues: [] };
    expect(row(renderSeats(quiet, 'table'), 'A')).toMatch(/G 1, R 1, 1 tied +│$/);
    const swapped = {
      ...quiet,
      districts: quiet.districts.map((d) =>
        d.district === 'A' ? { ...d, unallocatedReason: 'no_eligible_list' as const } : d,
      ),
    };
    expect(row(renderSeats(swapped, 'table'), 'A')).toMatch(/1 unallocated \(no eligible list\)/);
    const uncounted = {
      ...quiet,
      districts: quiet.districts.map((d) =>
        d.district === 'A' ? { ...d, unallocatedReason: 'not_counted' as const } : d,
      ),
    };
    expect(row(renderSeats(uncounted, 'table'), 'A')).toMatch(
      /1 unallocated \(no vote counted yet\)/,
    );
    const unsettled = {
      ...quiet,
      districts: quiet.districts.map((d) =>
        d.district === 'A' ? { ...d, unallocatedReason: 'biproportional_unsettled' as const } : d,
      ),
    };
    expect(row(renderSeats(unsettled, 'table'), 'A')).toMatch(
      /1 unallocated \(apportionment not settled\)/,
    );
    expect(row(renderSeats(quiet, 'table'), 'B')).toMatch(/│ G 2 +│$/);
  });

  it('says which pooled seat is in no district and which districts tie for it', () => {
    const r = rulesetFromJson({
      format: 'cifra-ruleset/1',
      id: 'pool',
      label: 'pool',
      kind: 'list',
      method: 'droop',
      totalSeats: 6,
      districts: [
        { name: 'North', seats: 3 },
        { name: 'South', seats: 3 },
      ],
      tiers: [{ kind: 'remainder-pooling', method: 'hare', placement: 'hare', source: 'test' }],
    });
    if (!r.ok || r.value.kind !== 'list') throw new Error('pool ruleset');
    // the core's case (tiers.test.ts): A's pooled seat ties between North and South (249 each)
    const rows = (district: string, o: Record<string, number>) =>
      Object.entries(o).map(([party, n]) => ({ district, party, votes: n }));
    const votes = [
      ...rows('North', { A: 500, B: 300, C: 200 }),
      ...rows('South', { A: 500, B: 301, C: 199 }),
    ];
    const text = renderSeats(computeSeats(r.value, { votes }), 'table');
    expect(text).toMatch(/│ A +│ 1,000 +│ [\d.]+ +│ 3 +│/);
    expect(text).toMatch(/│ North +│ 3 +│ A 1, B 1, C 1, tied for 1 of A's pooled seats +│/);
    expect(text).toMatch(/│ South +│ 3 +│ A 1, B 1, tied for 1 of A's pooled seats +│/);
    // one seat: its noun and the pronoun singular (it said "1 pooled seat(s) … tie for them")
    expect(text).toContain('A: 1 pooled seat in no district yet — North, South tie for it');
    useTableLanguage('es');
    try {
      const es = renderSeats(computeSeats(r.value, { votes }), 'table');
      expect(es).toContain(
        'A: 1 escaño del resto nacional aún sin circunscripción — empatan North, South',
      );
      expect(es).toMatch(/empata por 1 escaño del resto de A +│/);
    } finally {
      useTableLanguage('en');
    }
  });

  it('exits 1 with tie_unresolved when a tie needs a sorteo, and 0 with --seed (draw recorded)', async () => {
    const votes = file(
      'tie.csv',
      'district,party,votes\nNACIONAL,A,100\nNACIONAL,B,100\nNACIONAL,C,10\n',
    );
    const a = await cli(
      'seats',
      '--rules',
      'pe-2021-parlamento-andino',
      '--votes',
      votes,
      '--format',
      'json',
    );
    expect(a.code).toBe(1);
    expect(a.err).toContain('tie_unresolved');
    const b = await cli(
      'seats',
      '--rules',
      'pe-2021-parlamento-andino',
      '--votes',
      votes,
      '--format',
      'json',
      '--seed',
      '7',
    );
    expect(b.code).toBe(0);
    const j = JSON.parse(b.out) as { draws: { seed: number; candidates: string[] }[] };
    expect(j.draws).toMatchObject([{ seed: 7, candidates: ['A', 'B'] }]);
  });

  it('reproduces Spain 2023 from the bundled files in CSV format', async () => {
    const { gunzipSync } = await import('node:zlib');
    const { readFileSync } = await import('node:fs');
    const votes = file(
      'es.csv',
      gunzipSync(readFileSync(dataPath('spain/2023/votes_congreso_2023.csv.gz'))).toString('utf8'),
    );
    const r = await cli(
      'seats',
      '--rules',
      'es-congreso',
      '--votes',
      votes,
      '--districts',
      dataPath('spain/2023/districts_congreso_2023.csv'),
      '--format',
      'csv',
    );
    expect(r.code).toBe(0);
    // a votes file's seats are cifra's; its status cifra does not know: those five cells empty
    expect(r.out.split('\n')).toContain('TOTAL,PP,137,computed-by-cifra,,,,,');
    expect(r.out.split('\n')).toContain('Madrid,PP,16,computed-by-cifra,,,,,');
  });

  it('asks for blank votes where the valla counts them (Spain) instead of guessing', async () => {
    const votes = file('es-small.csv', 'district,party,votes\nMadrid,PP,10\n');
    const r = await cli('seats', '--rules', 'es-congreso', '--votes', votes);
    expect(r.code).toBe(1);
    expect(r.err).toContain('blank_votes_required');
  });

  it('takes ruleset options and rejects unknown ones', async () => {
    const votes = file('opt.csv', 'district,party,votes\nNACIONAL,A,10\n');
    expect(
      (
        await cli(
          'seats',
          '--rules',
          'pe-2021-parlamento-andino',
          '--votes',
          votes,
          '--option',
          'threshold=5-percent',
        )
      ).code,
    ).toBe(0);
    const bad = await cli(
      'seats',
      '--rules',
      'pe-2021-parlamento-andino',
      '--votes',
      votes,
      '--option',
      'colour=blue',
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('unknown_option');
  });

  it('rejects a party outside the registry', async () => {
    const votes = file('reg.csv', 'district,party,votes\nNACIONAL,A,10\nNACIONAL,Z,3\n');
    const parties = file('parties.csv', 'party\nA\nB\n');
    const r = await cli(
      'seats',
      '--rules',
      'pe-2021-parlamento-andino',
      '--votes',
      votes,
      '--parties',
      parties,
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('unknown_party');
  });

  it('usage errors exit 2', async () => {
    expect((await cli('seats', '--rules', 'pe-2021-congreso')).code).toBe(2);
    expect((await cli('seats', '--rules', 'x', '--votes', 'y', '--seed', '-3')).code).toBe(2);
    expect((await cli('nonsense')).code).toBe(2);
    expect((await cli('seats', '--rules', 'x', '--votes', 'y', '--format', 'xml')).code).toBe(2);
  });
});

/**
 * Whether the line starting `text` is right under the party table (its header's first column
 * `party`, its bottom border just above) and before the district table (first column `district`).
 */
function underParties(lines: readonly string[], text: string, party: string, district: string) {
  const at = lines.findIndex((l) => l.startsWith(text));
  const head = (col: string) => lines.findIndex((l) => l.startsWith(`│ ${col} `));
  return (
    at > 0 &&
    head(party) >= 0 &&
    head(party) < at &&
    lines[at - 1]?.startsWith('└') === true &&
    at < head(district)
  );
}

describe('cifra seats --election: the seats of a stored election, from the service the API uses', () => {
  const db = join(dir, 'stored.db');
  const ready = (async () => {
    const store = new SqliteStore(db);
    await store.migrate();
    for (const id of ['pe-2021-congreso', 'pe-2026-diputados', 'pe-2026-senado'])
      expect((await putPublishedElection(store, id)).ok).toBe(true);
    const doc = await getSeats(store, 'pe-2026-diputados');
    await store.close();
    return doc;
  })();

  it("prints cifra's seats with the valla, the reported composition and the difference, and the note", async () => {
    await ready;
    const r = await cli('seats', '--election', 'pe-2026-diputados', '--db', db);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(
      'pe-2026-diputados — seats computed by cifra from ONPE votes per circunscripción at ~86 % of actas, 11 May 2026 17:46, third-party capture',
    );
    expect(r.out).toMatch(
      /PARTIDO PAÍS PARA TODOS .*│ 5 +│ 0 +│ excluded: prelim\. seats 5 \(7 required\)/,
    );
    expect(r.out).toContain('reported composition (third party: a public seat simulator');
    // the votes column is every circunscripción's lists summed, and says so (review 6, the Senate)
    // (the valla's base, which the exclusions print as "(votes / base)", is that same sum)
    const base = /\(\d[\d,]* \/ ([\d,]+)\)/.exec(r.out)?.[1] ?? '';
    const sum = Number(base.replace(/,/g, ''));
    expect(sum).toBeGreaterThan(10_000_000);
    expect(r.out).toContain(
      `votes and % valid: every district's lists summed (${sum.toLocaleString('en-US')} valid votes in 27 districts)`,
    );
    // it describes the party table's votes: right under that table, before the district table
    expect(
      underParties(lines, "votes and % valid: every district's lists summed", 'party', 'district'),
    ).toBe(true);
    // the three 2026 alliances (JNE registry) meet the valla's alliance surcharge, +1 point (LOP
    // art. 13); a party's list the plain 5 % (review 6: every list read "< 5.000%")
    for (const alliance of ['UNIDAD NACIONAL', 'FUERZA Y LIBERTAD', 'ALIANZA ELECTORAL VENCEREMOS'])
      expect(r.out).toMatch(new RegExp(`│ ${alliance} +│.*excluded: < 6\\.000% `));
    expect(r.out).toMatch(/│ PRIMERO LA GENTE.*excluded: < 5\.000% /);
    expect(r.out).toMatch(/FUERZA POPULAR +│ 39 +│ 41 +│ -2/);
    expect(r.out).toMatch(/AHORA NACIÓN - AN +│ 11 +│ 10 +│ \+1/);
    expect(lines.at(-1)).toMatch(
      /^note: Seats computed by cifra with the ruleset pe-2026-diputados/,
    );
  });

  it('--lang es prints the Spanish of the bilingual notes and of the issue messages', async () => {
    const doc = await ready;
    if (!doc.ok || doc.value.kind !== 'list') throw new Error('pe-2026-diputados: no list seats');
    const { figures, note } = doc.value;
    if (figures?.status.kind !== 'computed-by-cifra' || note === undefined)
      throw new Error('pe-2026-diputados: its seats note and status changed');
    const r = await cli('seats', '--election', 'pe-2026-diputados', '--db', db, '--lang', 'es');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(
      `pe-2026-diputados — escaños calculados por cifra a partir de ${figures.status.from.es}`,
    );
    expect(lines.at(-1)).toBe(`nota: ${note.es}`);
    expect(
      underParties(
        lines,
        'votos y % válidos: la suma de las listas de todas las circunscripciones',
        'partido',
        'circunscripción',
      ),
    ).toBe(true);
    expect(note.es).not.toBe(note.en);
    const unknown = await cli('seats', '--election', 'pe-1990-senado', '--db', db, '--lang', 'es');
    expect(unknown.err).toContain('unknown_election en election: elección desconocida');
    expect((await cli('seats', '--election', 'x', '--db', db, '--lang', 'fr')).code).toBe(2);
  });

  it('a manifest file of published aggregates: seats read from it (its id, not its path); ingest refuses it with a coded reason', async () => {
    const doc = await ready;
    const empty = join(tempDir('cifra-manifest-file-'), 'empty.db');
    const path = dataPath('elections', 'pe-2026-diputados.json');
    const j = await cli('seats', '--election', path, '--db', empty, '--format', 'json');
    expect([j.code, j.err]).toEqual([0, expect.stringContaining(`reading ${path}`)]);
    // the same seats, read from another store: that store's revision
    expect(doc.ok && JSON.parse(j.out)).toEqual(
      doc.ok && { ...JSON.parse(JSON.stringify(doc.value)), revision: expect.any(String) },
    );
    const csv = join(tempDir('cifra-manifest-file-'), 'any.csv');
    writeFileSync(csv, 'a,b\n1,2\n');
    const ingest = await cli('ingest', csv, '--election', path, '--db', empty, '--no-progress');
    expect(ingest.code).toBe(1);
    expect(ingest.err).toContain('error aggregates_not_actas at election');
  });

  it("a manifest file's provenance prints as it is: a file beside it by its own path, or the text", async () => {
    const here = tempDir('cifra-provenance-');
    const bundled = JSON.parse(
      readFileSync(dataPath('elections', 'pe-2026-diputados.json'), 'utf8'),
    ) as { sources: { file: string }[] };
    // the bundled sources by absolute path, so the copy reads the same figures from elsewhere
    const sources = bundled.sources.map((x) => ({
      ...x,
      file: resolve(dataPath('elections'), x.file),
    }));
    writeFileSync(join(here, 'README.md'), 'where these figures come from\n');
    const manifest = (name: string, provenance: string): string => {
      const path = join(here, name);
      writeFileSync(path, JSON.stringify({ ...bundled, id: 'my-deputies', sources, provenance }));
      return path;
    };
    const db = join(here, 'none.db');
    const besides = await cli('seats', '--election', manifest('a.json', 'README.md'), '--db', db);
    expect(besides.code, besides.err).toBe(0);
    // data/README.md exists too: the note is the manifest's own, not data/'s
    expect(besides.out).toMatch(/^source: .*; README\.md\)$/m);
    expect(besides.out).not.toContain('data/README.md');
    const text = 'Typed from the ONPE page by hand';
    const inline = await cli('seats', '--election', manifest('b.json', text), '--db', db);
    expect(inline.out).toMatch(/^source: .*; Typed from the ONPE page by hand\)$/m);
    // a bundled election's note is under data/
    const own = await cli('seats', '--election', 'pe-2026-diputados', '--db', db);
    expect(own.out).toContain('; data/peru/2026/final/PROVENANCE.md)');
  });

  it('--format json is the API document; csv gives the Senate per district and the reported seats', async () => {
    const doc = await ready;
    const j = await cli('seats', '--election', 'pe-2026-diputados', '--db', db, '--format', 'json');
    expect(j.code).toBe(0);
    expect(doc.ok && JSON.parse(j.out)).toEqual(doc.ok && JSON.parse(JSON.stringify(doc.value)));
    const c = await cli('seats', '--election', 'pe-2026-senado', '--db', db, '--format', 'csv');
    const lines = c.out.split('\n');
    // each row then says whose seats they are and the figures' status (cli-seats-csv.test.ts)
    const starts = (p: string): boolean => lines.some((l) => l.startsWith(p));
    expect(starts('NACIONAL,FUERZA POPULAR,7,computed-by-cifra,')).toBe(true);
    expect(starts('TOTAL,FUERZA POPULAR,22,computed-by-cifra,')).toBe(true);
    expect(starts('REPORTED,FUERZA POPULAR,22,third-party,')).toBe(true);
  });

  it('published seats without district units are shown as published; misuse is a usage error', async () => {
    await ready;
    const r = await cli('seats', '--election', 'pe-2021-congreso', '--db', db);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      '130 seats as published (official: JNE, Resolución N.° 0602-2021-JNE (Andina, 12 Jun 2021))',
    );
    const both = await cli('seats', '--election', 'pe-2026-senado', '--votes', 'x', '--db', db);
    expect(both.code).toBe(2);
    expect(both.err).toContain('it takes no --votes');
    // a what-if lever makes it a what-if of the stored election (the 2026 Senate under 4 %)
    const lever = await cli(
      'seats',
      '--election',
      'pe-2026-senado',
      '--threshold',
      '4%',
      '--db',
      db,
    );
    expect(lever.code).toBe(0);
    expect(lever.out).toContain('against pe-2026-senado (60 seats)');
    // what the what-if is computed from, as the plain command says it (review 21 M6)
    expect(lever.out).toContain(
      'pe-2026-senado — what-if: seats computed by cifra from these figures',
    );
    // a release's % is its source's counted share, as its status says (pctOf, session 29)
    expect(lever.out).toMatch(
      /^computed by cifra · 85\.920 % of actas counted · cut .* source ONPE/m,
    );
    const unknown = await cli('seats', '--election', 'pe-1990-senado', '--db', db);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('unknown_election');
  });

  it('an unknown election with no store at --db lists the bundled elections it would read, and creates no store', async () => {
    const none = join(tempDir('cifra-no-store-'), 'cifra.db');
    const r = await cli('seats', '--election', 'nope', '--db', none);
    expect(r.code).toBe(1);
    const known = (JSON.parse(/\{.*\}$/.exec(r.err)?.[0] ?? '{}') as { known?: string[] }).known;
    // the bundled manifests of published aggregates, read without a store (no actas to ingest)
    expect(known).toContain('pe-2026-diputados');
    expect(known).toContain('pe-2021-congreso');
    expect(known).not.toContain('pe-2021-presidencial');
    for (const id of known ?? [])
      expect((await cli('seats', '--election', id, '--db', none, '--format', 'json')).code).toBe(0);
    expect(existsSync(none)).toBe(false);
  });
});

describe('bad seat inputs: each file yields its coded issue and exit 1', () => {
  const corpus = new URL('./fixtures/bad-inputs/seats/', import.meta.url).pathname;
  it.each(readdirSync(corpus).filter((f) => f.endsWith('.csv')))('%s', async (name) => {
    const code = name.replace(/(--.*)?\.csv$/, '');
    const r = await cli(
      'seats',
      '--rules',
      'pe-2021-parlamento-andino',
      '--votes',
      join(corpus, name),
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain(code);
  });
  it('a missing file is file_unreadable', async () => {
    const r = await cli(
      'seats',
      '--rules',
      'pe-2021-parlamento-andino',
      '--votes',
      join(corpus, 'no-such-file.csv'),
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('file_unreadable');
  });
});

describe('cifra apportion and president', () => {
  it('apportion prints {"rules","seats"} matching R-0053-2025 for Lima Metropolitana (32)', async () => {
    const r = await cli(
      'apportion',
      '--rules',
      'pe-2026-diputados',
      '--electorate',
      dataPath('peru/2026/electorate_2026_by_circunscripcion.csv'),
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { rules: string; seats: Record<string, number> };
    expect(j.rules).toBe('pe-2026-diputados');
    expect(j.seats['Lima Metropolitana']).toBe(32);
    expect(j.seats['Madre de Dios']).toBe(2);
    expect(Object.values(j.seats).reduce((a, b) => a + b, 0)).toBe(130);
  });

  it('apportion rejects an unknown district', async () => {
    const e = file('elec.csv', 'district,electorate\nNarnia,5\n');
    const r = await cli('apportion', '--rules', 'pe-2026-diputados', '--electorate', e);
    expect(r.code).toBe(1);
    expect(r.err).toContain('unknown_district');
  });

  it('president: 2026 first round at 96 % sends Fujimori and Sánchez to the runoff; BLANK/NULL rows feed the nullity test', async () => {
    const v = file(
      'p.csv',
      'candidate,votes\nFujimori,2759186\nSánchez,1945550\nLópez Aliaga,1922384\nBLANK,1000000\nNULL,2000000\n',
    );
    const r = await cli(
      'president',
      '--rules',
      'pe-2026-presidencial',
      '--votes',
      v,
      '--format',
      'json',
    );
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { outcome: unknown; nullity: { emitted: number } };
    expect(j.outcome).toEqual({ kind: 'runoff', pair: ['Fujimori', 'Sánchez'] });
    expect(j.nullity.emitted).toBe(2759186 + 1945550 + 1922384 + 3000000);
  });

  it('president reports a runoff tie with exit 1', async () => {
    const v = file('pt.csv', 'candidate,votes\nA,10\nB,10\n');
    const r = await cli('president', '--rules', 'pe-2026-presidencial-segunda', '--votes', v);
    expect(r.code).toBe(1);
    expect(r.err).toContain('presidential_tie');
  });

  it('rules lists the rulesets and shows sources and options', async () => {
    expect((await cli('rules')).out).toContain('pe-2026-senado');
    const s = await cli('rules', 'pe-2026-senado');
    expect(s.out).toContain('LOE art. 20');
    expect(s.out).toContain('senate-share=pooled|best-modality|per-modality');
  });
});

describe('cifra seats --election (the what-if service)', () => {
  it('a stored election under a patch file and --threshold: seats, the diff, JSON; usage and issues coded', async () => {
    const { SqliteStore } = await import('../src/store/sqlite/sqlite-store.js');
    const { DISTRICTS, LISTS, VOTES, putListElection, writeStyleRuleset } =
      await import('./list-election.js');
    const db = join(dir, 'what-if.db');
    const store = new SqliteStore(db);
    await store.migrate();
    const election = 'cli-diputados';
    const ruleset = writeStyleRuleset(dir);
    await putListElection(store, {
      id: election,
      ruleset,
      districts: DISTRICTS,
      lists: LISTS,
      votes: VOTES,
    });
    await store.close();
    // a partial file: the valla as a share alone (merged onto the election's ruleset), at 4 %
    const patch = file(
      'valla.json',
      JSON.stringify({ threshold: { kind: 'share', share: '5%', conditions: null, source: 'x' } }),
    );
    const args = [
      'seats',
      '--election',
      election,
      '--db',
      db,
      '--rules',
      patch,
      '--threshold',
      '4%',
    ];
    const t = await cli(...args);
    expect([t.code, t.err]).toEqual([0, '']);
    expect(t.out).toContain(
      'against test-2026-style (14 seats): A 6 → 5, B 5 → 4, D 0 → 1, E 0 → 1',
    );
    expect(t.out).toContain('entered: D, E');
    const j = await cli(...args, '--format', 'json');
    expect(JSON.parse(j.out)).toMatchObject({
      election,
      kind: 'list',
      result: { seats: { A: 5, B: 4, C: 3, D: 1, E: 1 } },
      diff: { entered: ['D', 'E'], left: [] },
    });
    // one shape with or without a lever: the seat result under `result`, nothing at the top
    const own = await cli('seats', '--election', election, '--db', db, '--format', 'json');
    const keys = (x: string) => Object.keys(JSON.parse(x) as object);
    expect(keys(j.out)).toEqual(expect.arrayContaining(['election', 'kind', 'result']));
    expect(keys(j.out)).not.toContain('seats');
    expect(keys(own.out)).toEqual(expect.arrayContaining(['election', 'kind', 'result']));
    expect(Object.keys((JSON.parse(j.out) as { result: object }).result).sort()).toEqual(
      Object.keys((JSON.parse(own.out) as { result: object }).result).sort(),
    );
    // the API's what-if document, byte for byte (one builder: whatIfDocument)
    const { parseWhatIfBody, whatIfSeats } = await import('../src/results/what-if.js');
    const body = parseWhatIfBody({
      election,
      rules: JSON.parse(readFileSync(patch, 'utf8')) as unknown,
      whatIf: { threshold: '4%' },
    });
    if (!body.ok) throw new Error(JSON.stringify(body.issues));
    const again = new SqliteStore(db);
    const api = await whatIfSeats(again, body.value);
    await again.close();
    expect(api.ok && JSON.stringify(api.value, null, 2)).toBe(j.out);
    // the election's own ruleset, restated, moves no seat; no lever at all: the seats document
    const same = await cli(
      'seats',
      '--election',
      election,
      '--db',
      db,
      '--option',
      'nullity=const-184',
    );
    expect(same.out).toContain('against test-2026-style (14 seats): no seat changes');
    const plain = await cli('seats', '--election', election, '--db', db);
    expect(plain.out).toContain('cli-diputados — seats computed by cifra');
    expect(plain.out).not.toContain('against');
    expect((await cli('seats', '--election', 'nope', '--db', db)).err).toContain(
      'unknown_election',
    );
    expect((await cli('seats', '--election', election, '--db', db, '--votes', patch)).code).toBe(2);
    expect((await cli('seats', '--votes', patch)).code).toBe(2);
  });
});
