// The ERM commands as a user runs them from the README, on the shipped example files:
// `cifra seats --rules pe-erm-municipal`, `cifra winner` (alias `cifra president`) with the
// governor's 30 % rule, and `cifra seats --rules pe-erm-consejo-regional --districts`.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMA_2022_WITHOUT_BONUS, cli, fileWriter, tempDir } from './helpers.js';
import { PROJECT_ROOT } from '../src/io/paths.js';
import { getContest, getContestsElection } from '../src/results/contests.js';
import { computeContests, type CouncilContest } from '../src/core/pipeline/contests.js';
import { rulesetFromJson } from '../src/core/rulesets/compile.js';
import { mayorLine, seatsLine } from '../src/cli/commands/contests.js';
import { useTableLanguage } from '../src/cli/format.js';

const example = (name: string): string => join(PROJECT_ROOT, 'examples', 'erm', name);
const dir = tempDir('cifra-erm-');
const file = fileWriter(dir);
/** The README's Lima Metropolitana 2022 example. */
const LIMA_SEATS = [
  'seats',
  '--rules',
  'pe-erm-municipal',
  '--votes',
  example('lima-2022-votes.csv'),
  '--districts',
  example('lima-2022-districts.csv'),
];

describe('cifra seats --rules pe-erm-municipal', () => {
  it('Lima Metropolitana 2022 (README example): the bonus, the mayor, the list quotas reported', async () => {
    const r = await cli(...LIMA_SEATS, '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      seats: Record<string, number>;
      districts: { head: unknown; clauses: unknown }[];
      listQuotas: { share: string }[];
    };
    expect(j.seats['RENOVACION POPULAR']).toBe(21);
    expect(j.districts[0]?.head).toEqual({
      office: { es: 'Alcalde', en: 'Mayor' },
      party: 'RENOVACION POPULAR',
    });
    expect(j.listQuotas.map((q) => q.share)).toEqual(['50%', '20%', '15%']);
    const table = await cli(...LIMA_SEATS);
    expect(table.out).toContain('majority bonus in LIMA METROPOLITANA: RENOVACION POPULAR 11 → 21');
    expect(table.out).toContain('mayor of LIMA METROPOLITANA: the head of RENOVACION POPULAR');
    // --lang es: the bilingual notes' Spanish half (the office, the list quotas' groups)
    const es = await cli(...LIMA_SEATS, '--lang', 'es');
    expect(es.code).toBe(0);
    expect(es.out).toContain('alcalde de LIMA METROPOLITANA: el primero de RENOVACION POPULAR');
    // the clause in words, as the dashboard's, never its code (majority-bonus)
    expect(es.out).toContain('premio de mayoría en LIMA METROPOLITANA: RENOVACION POPULAR 11 → 21');
    expect(es.out).toMatch(/^cuota de lista, no verificada: al menos 50%/m);
    expect(es.out).not.toMatch(/mayor of|list quota/);
  });

  it('council sizes from the population bands; a tie for the mayor needs --seed (exit 1), a seed records the draw', async () => {
    const votes = file(
      'tie.csv',
      'district,party,votes\nPUEBLO,A,300\nPUEBLO,B,300\nPUEBLO,C,50\n',
    );
    const districts = file('pop.csv', 'district,population\nPUEBLO,42000\n');
    const open = await cli(
      'seats',
      '--rules',
      'pe-erm-municipal',
      '--votes',
      votes,
      '--districts',
      districts,
    );
    expect(open.code).toBe(1);
    expect(open.err).toContain('tie_unresolved');
    const drawn = await cli(
      'seats',
      '--rules',
      'pe-erm-municipal',
      '--votes',
      votes,
      '--districts',
      districts,
      '--seed',
      '2022',
      '--format',
      'json',
    );
    expect(drawn.code).toBe(0);
    const j = JSON.parse(drawn.out) as {
      totalSeats: number;
      seats: Record<string, number>;
      draws: { stage: string; seed: number; winners: string[] }[];
    };
    // 42,000 inhabitants: 7 regidores; the list drawn gets ⌈7/2⌉ + 1 = 5
    expect(j.totalSeats).toBe(7);
    const mayor = j.draws[0]?.winners[0] as string;
    expect(j.draws[0]).toMatchObject({ stage: 'most-voted', seed: 2022 });
    expect(j.seats[mayor]).toBe(5);
  });
});

describe('cifra seats --rules pe-erm-consejo-regional', () => {
  it('one district per province: plurality in a single-seat province, cifra repartidora in the others', async () => {
    const votes = file(
      'cr.csv',
      'district,party,votes\nANTA,A,900\nANTA,B,800\nCUSCO,A,3000\nCUSCO,B,2900\nCUSCO,C,1000\n',
    );
    const districts = file('cr-d.csv', 'district,seats\nANTA,1\nCUSCO,3\n');
    const r = await cli(
      'seats',
      '--rules',
      'pe-erm-consejo-regional',
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
      districts: { district: string; seats: Record<string, number> }[];
    };
    expect(j.districts.map((d) => [d.district, d.seats])).toEqual([
      ['ANTA', { A: 1 }],
      ['CUSCO', { A: 2, B: 1 }],
    ]);
    expect(j.seats).toEqual({ A: 3, B: 1 });
  });
});

describe('cifra winner (alias cifra president)', () => {
  it('Cusco 2022 governor: below 30 %, the top two go to the second round; same answer under both names', async () => {
    const args = ['--rules', 'pe-erm-gobernador', '--votes', example('gobernador-cusco-2022.csv')];
    const a = await cli('winner', ...args, '--format', 'json');
    const b = await cli('president', ...args, '--format', 'json');
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect((JSON.parse(a.out) as { outcome: unknown }).outcome).toEqual({
      kind: 'runoff',
      pair: ['PARTIDO DEMOCRATICO SOMOS PERU', 'MOVIMIENTO REGIONAL INKA PACHAKUTEQ'],
    });
    const table = await cli('winner', ...args);
    expect(table.out).toContain('no one reached ≥ 30 % of valid votes');
  });

  it('exactly 30 % wins outright; a tie for second place is a reported result (exit 1)', async () => {
    const win = file('g1.csv', 'candidate,votes\nA,300\nB,290\nC,410\n');
    const w = await cli('winner', '--rules', 'pe-erm-gobernador', '--votes', win);
    expect(w.out).toContain('C wins in the first round (≥ 30 % of valid votes)');
    const tie = file('g2.csv', 'candidate,votes\nA,290\nB,250\nC,250\nD,210\n');
    const t = await cli(
      'winner',
      '--rules',
      'pe-erm-gobernador',
      '--votes',
      tie,
      '--format',
      'json',
    );
    expect(t.code).toBe(1);
    expect(t.err).toContain('presidential_tie');
    expect((JSON.parse(t.out) as { outcome: unknown }).outcome).toEqual({
      kind: 'tie',
      stage: 'second-place',
      candidates: ['B', 'C'],
    });
  });
});

describe('cifra contests (a multi-contest election in one pass)', () => {
  it('council seats the votes still out could move are not said won (session 22), es/en', async () => {
    const doc = getContestsElection('pe-erm-2022', { seed: 2022 });
    if (!doc.ok) throw new Error('pe-erm-2022');
    const sum = (k: 'seats' | 'seatsOpen'): string =>
      doc.value.national.byType.reduce((a, t) => a + t[k], 0).toLocaleString('en-US');
    const r = await cli('contests', 'pe-erm-2022', '--seed', '2022');
    // every seat accounted for (session 30): with a seed no lot waits, 3 councils have no vote
    // counted yet (0 % of their actas: never "no eligible list", which the lists did not decide)
    expect(r.out).toContain(
      `Seats: ${sum('seats')} decided, ${sum('seatsOpen')} on the votes counted, can change, 15 with no vote counted yet (3 councils); 9,375 in all`,
    );
    expect(r.out).toMatch(/seats decided .* seats on the count/);
    // Lima: up to 143 actas × 300 votes out — its 18 seats besides the bonus could still move
    const lima = await cli('contests', 'pe-erm-2022', '--contest', 'provincial-council/140100');
    expect(lima.out).toContain('seats on the votes counted: not decided, they can change');
    // Tumbes: 100 % of its actas, no lot
    const tumbes = await cli('contests', 'pe-erm-2022', '--contest', 'provincial-council/230100');
    expect(tumbes.out).toContain('seats decided: the source’s count is over');
    const es = await cli('contests', 'pe-erm-2022', '--seed', '2022', '--lang', 'es');
    expect(es.out).toMatch(/Escaños: [\d.,]+ asignados, [\d.,]+ según lo contado, pueden cambiar/);
    expect(es.out).toContain('15 sin votos contados aún (3 concejos); 9,375 en total');
    const limaEs = await cli(
      'contests',
      'pe-erm-2022',
      '--contest',
      'provincial-council/140100',
      '--lang',
      'es',
    );
    expect(limaEs.out).toContain('escaños según lo contado: sin decidir, pueden cambiar');
  });

  it('accounts for every council seat, and reports each unresolved tie once (session 30)', async () => {
    // 1,719 councils, 9,375 seats (the JNE's list registry's sizes); without a seed 9 councils'
    // ties wait on a lot: 5 tie for a last seat (1 each), and in 021606, 030606, 080608 and 170204
    // (5 seats each) the two most-voted lists tie, so the majority bonus waits on the lot and holds
    // every seat (session 31: 080608 and 170204 showed a full allocation on the count): 5 + 4 × 5.
    // 010307, 070918 and 140303 (5 seats each) have no vote counted yet.
    const doc = getContestsElection('pe-erm-2022');
    if (!doc.ok) throw new Error('pe-erm-2022');
    const n = doc.value.national;
    const sum = (k: 'seats' | 'seatsOpen'): number => n.byType.reduce((a, t) => a + t[k], 0);
    expect(n.seatsTotal).toBe(9375);
    expect(n.unassigned).toEqual({
      lot: { seats: 25, councils: 9 },
      notCounted: { seats: 15, councils: 3 },
      noEligibleList: { seats: 0, councils: 0 },
      unknownSizeCouncils: 0,
    });
    expect(sum('seats') + sum('seatsOpen') + 25 + 15).toBe(9375);
    const r = await cli('contests', 'pe-erm-2022');
    expect(r.out).toContain(
      ', 25 waiting on a lot (9 councils), 15 with no vote counted yet (3 councils); 9,375 in all',
    );
    const es = await cli('contests', 'pe-erm-2022', '--lang', 'es');
    expect(es.out).toContain(
      ', 25 esperan un sorteo (9 concejos), 15 sin votos contados aún (3 concejos)',
    );
    // a council with nothing counted: its mayor waits on the count, not on a lot
    const recta = await cli('contests', 'pe-erm-2022', '--contest', 'district-council/010307');
    expect(recta.out).toContain('5 seats; mayor: undecided — no vote counted yet');
    expect(recta.out).not.toContain('a tie');
    expect(recta.out).toContain(
      'seats: none assigned, all 5 wait on the count (no vote counted yet)',
    );
    expect(recta.out).not.toContain('no bonus needed');
    // the seat engine says it (not the summary from the votes): not_counted, a warning
    const zero = getContest('pe-erm-2022', 'district-council/010307');
    if (!zero.ok || zero.value.type !== 'council') throw new Error('010307');
    expect([zero.value.unallocated, zero.value.unallocatedReason]).toEqual([5, 'not_counted']);
    expect(
      doc.value.issues.filter((i) => i.path[1] === '010307').map((i) => [i.code, i.severity]),
    ).toEqual([['district_not_counted', 'warning']]);
    // 080608: 201 – 201 for the mayor, no tie for a last seat: no list's seats until the lot
    const ayni = await cli('contests', 'pe-erm-2022', '--contest', 'district-council/080608');
    expect(ayni.out).toContain(
      'seats: none assigned, all 5 wait on the lot for the most-voted list (the majority bonus goes to the list it names; give --seed)',
    );
    expect(ayni.out).toMatch(/│ MOVIMIENTO REGIONAL AYNI +│ 201 +│ — +│/);
    expect(ayni.out).toContain(
      'majority bonus: not applied yet, no list is the most-voted one yet',
    );
    const ayniEs = await cli(
      'contests',
      'pe-erm-2022',
      '--contest',
      'district-council/080608',
      '--lang',
      'es',
    );
    expect(ayniEs.out).toContain('escaños: ninguno asignado, los 5 esperan el sorteo');
    expect(ayniEs.out).toContain('premio de mayoría: aún no se aplica');
    // 040116: a tie for a last seat on a finished count (100 % of its actas): the lot picks one
    // seat, the others are decided; "can change" was false there (diff review s31)
    const last = await cli('contests', 'pe-erm-2022', '--contest', 'district-council/040116');
    expect(last.out).toContain(
      'seats: 1 waits on a lot (give --seed); the others are decided (the source’s count is over)',
    );
    expect(last.out).not.toContain('can change');
    const lastEs = await cli(
      ...['contests', 'pe-erm-2022', '--contest', 'district-council/040116', '--lang', 'es'],
    );
    expect(lastEs.out).toContain(
      'escaños: 1 espera un sorteo (indique --seed); los demás están decididos (el conteo de la fuente terminó)',
    );
    // with a seed the lot is drawn: the list it names takes ⌈5/2⌉ + 1 = 4
    const drawn = getContest('pe-erm-2022', 'district-council/080608', 2022);
    if (!drawn.ok || drawn.value.type !== 'council') throw new Error('080608 drawn');
    const head = drawn.value.head as string;
    expect([drawn.value.unallocated, drawn.value.seats[head]]).toEqual([0, 4]);
    // 021606 and 030606: their two most-voted lists tie for the mayor (and, on D'Hondt alone, for
    // the last seat: a tie the bonus may not leave, so only the mayor's is reported); one
    // tie_unresolved each
    const keys = doc.value.issues.map((i) => JSON.stringify(i));
    expect(new Set(keys).size).toBe(keys.length);
    const ties = doc.value.issues.filter(
      (i) => i.code === 'tie_unresolved' && i.path[1] === '021606',
    );
    expect(ties).toHaveLength(1);
    // that tie holds the whole council: its 5 seats, not one (review s31), as for 030606, 080608
    // and 170204; a tie for a last seat (040116) holds its 1
    const held = (code: string) =>
      doc.value.issues.find((i) => i.code === 'tie_unresolved' && i.path[1] === code)?.details;
    expect(['021606', '030606', '080608', '170204', '040116'].map((k) => held(k)?.seats)).toEqual([
      5, 5, 5, 5, 1,
    ]);
    const c = getContest('pe-erm-2022', 'district-council/021606');
    if (!c.ok || c.value.type !== 'council') throw new Error('021606');
    expect(c.value.ties.map((t) => [t.stage, t.seatsInContention])).toEqual([['most-voted', 5]]);
    expect([c.value.seats, c.value.unallocated, c.value.unallocatedReason]).toEqual([{}, 5, 'tie']);
  });

  it('pe-erm-2026, governors only: no council seats said as such, the leads in the tables', async () => {
    const r = await cli('contests', 'pe-erm-2026');
    expect(r.out).toContain(
      'Seats: none, this election has no council contests (only single-winner offices)',
    );
    expect(r.out).not.toContain('0 decided');
    // every governor leads (97.6 %, no acta counts per region): 25 leads, none won
    expect(r.out).toMatch(/│ party +│ \d+ +│ 0 +│ 22 +│/);
    const es = await cli('contests', 'pe-erm-2026', '--lang', 'es');
    expect(es.out).toContain('Escaños: ninguno, esta elección no tiene concejos');
  });

  it('an organisation type not read from the JNE registry is marked inferred, in both elections (review s33)', async () => {
    // 2026: parties matched in the registry; the rest are regional movements only by elimination
    const r = await cli('contests', 'pe-erm-2026');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/│ party +│ 11 /);
    expect(r.out).toMatch(/│ regional movement \(inferred\) +│ 3 /);
    expect(r.out).toMatch(/│ ASI - JUNTOS POR EL PERÚ +│ regional movement \(inferred\) +│/);
    expect(r.out).toMatch(/│ RENOVACIÓN POPULAR PERÚ +│ regional movement \(inferred\) +│/);
    expect(r.out).toMatch(/│ ALIANZA PARA EL PROGRESO +│ party +│/);
    expect(r.out).not.toContain('party (inferred)');
    expect(r.out).toContain(
      'parties from a registry; regional movements inferred (not found in the registry): the names that match',
    );
    const es = await cli('contests', 'pe-erm-2026', '--lang', 'es');
    expect(es.out).toMatch(/│ movimiento regional \(inferido\) +│ 3 /);
    expect(es.out).toContain('partidos según un registro; movimientos regionales inferidos');
    // 2022: every type read from the files, none from a registry
    const old = await cli('contests', 'pe-erm-2022', '--seed', '2022');
    expect(old.out).toMatch(/│ party \(inferred\) +│ 11 /);
    expect(old.out).toMatch(/│ regional movement \(inferred\) +│ 89 /);
    expect(old.out).toMatch(/│ ALIANZA PARA EL PROGRESO +│ party \(inferred\) +│/);
    expect(old.out).toContain('types inferred, not taken from a registry: the organisations with');
  });

  it('pe-erm-2022: the national picture and the governors; one council with its bonus explained', async () => {
    const r = await cli('contests', 'pe-erm-2022', '--seed', '2022');
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'CUSCO: runoff PARTIDO DEMOCRATICO SOMOS PERU – MOVIMIENTO REGIONAL INKA PACHAKUTEQ',
    );
    const lima = await cli('contests', 'pe-erm-2022', '--contest', 'provincial-council/140100');
    expect(lima.code).toBe(0);
    expect(lima.out).toContain('39 seats; mayor: the head of RENOVACION POPULAR');
    expect(lima.out).toContain('majority bonus: RENOVACION POPULAR 11 → 21');
    // --lang es: the council's lines in Spanish, every figure of the national picture grouped
    const limaEs = await cli(
      'contests',
      'pe-erm-2022',
      '--contest',
      'provincial-council/140100',
      '--lang',
      'es',
    );
    expect(limaEs.out).toContain('39 escaños; alcalde: el primero de RENOVACION POPULAR');
    expect(limaEs.out).toContain('premio de mayoría: RENOVACION POPULAR 11 → 21 (⌈n/2⌉ + 1 supera');
    expect(limaEs.out).not.toMatch(/seats; mayor|majority bonus/);
    const national = await cli('contests', 'pe-erm-2022', '--seed', '2022', '--lang', 'es');
    expect(national.out).toContain('1,694 × concejo distrital');
    expect(national.out).toContain('│ movimiento regional');
    expect(national.out).toMatch(
      /^[\d,]+ contiendas? sin decidir; [\d,]+ problemas? \(--format json los lista\)$/m,
    );
    expect(national.out).not.toMatch(/district-council|regional-movement|contests not decided/);
    expect(r.out).toContain('1,694 × district council');
    // a standing the votes still out could change reads as a lead (review 20 L10): Tacna's 30.6 %
    // with up to 20 actas out, Arequipa's mayor with 39 actas out
    expect(r.out).toContain(
      'TACNA: MOVIMIENTO INDEPENDIENTE REGIONAL FUERZA TACNA leads, not decided',
    );
    expect(r.out).toContain('TUMBES: ALIANZA PARA EL PROGRESO\n');
    // what the figures are, on the second line, before any winner (review 21 M5)
    expect(r.out.split('\n')[1]).toMatch(
      /^figures: a third party’s, not official: ONPE's results portal, captured .*\(96\.6–100 % of each region's actas, 93\.7–100 % of a provincial council's, 0–100 % of a district council's: 185 of 1,694 below 99 %, 3 with none counted\)$/,
    );
    const es = await cli('contests', 'pe-erm-2022', '--lang', 'es');
    expect(es.out.split('\n')[1]).toMatch(/^cifras: de un tercero, no oficiales: /);
    expect(es.out).toContain(
      'TACNA: lidera MOVIMIENTO INDEPENDIENTE REGIONAL FUERZA TACNA, sin decidir',
    );
    const aqp = await cli('contests', 'pe-erm-2022', '--contest', 'provincial-council/040100');
    expect(aqp.out).toContain(
      'mayor: not decided — JUNTOS POR EL DESARROLLO DE AREQUIPA leads on the votes counted',
    );
    const j = await cli(
      'contests',
      'pe-erm-2022',
      '--contest',
      'governor/PIURA',
      '--format',
      'json',
    );
    expect(
      (JSON.parse(j.out) as { result: { outcome: { kind: string } } }).result.outcome.kind,
    ).toBe('runoff');
  });

  it('--bonus off: the what-if without the majority bonus, for one contest and for the whole election', async () => {
    // Lima 2022 by plain D'Hondt over 39 seats, worked apart from cifra (quotients by hand):
    // RP 11, Podemos 10, Somos Perú 8, FE 4, APP 3, JP 2, Avanza País 1
    const off = await cli(
      'contests',
      'pe-erm-2022',
      '--contest',
      'provincial-council/140100',
      '--bonus',
      'off',
      '--format',
      'json',
    );
    expect(off.code).toBe(0);
    const c = JSON.parse(off.out) as { seats: Record<string, number>; bonus: unknown };
    expect(c.seats).toEqual(LIMA_2022_WITHOUT_BONUS);
    expect(c.bonus).toBeNull();
    const table = await cli(
      'contests',
      'pe-erm-2022',
      '--contest',
      'provincial-council/140100',
      '--bonus',
      'off',
    );
    expect(table.out).toContain('without the majority bonus (--bonus off, a what-if)');
    // the whole election: Renovación Popular's capital-council seats fall without the bonus
    // (decided or on the votes counted: Lima's are not decided)
    type Seats = Record<string, number>;
    type Doc = { national: { organisations: { party: string; seats: Seats; seatsOpen: Seats }[] } };
    const rp = async (bonus: string): Promise<number> => {
      const r = await cli('contests', 'pe-erm-2022', '--bonus', bonus, '--format', 'json');
      const d = JSON.parse(r.out) as Doc;
      const o = d.national.organisations.find((x) => x.party === 'RENOVACION POPULAR');
      return (o?.seats['provincial-council'] ?? 0) + (o?.seatsOpen['provincial-council'] ?? 0);
    };
    const [on, noBonus] = [await rp('on'), await rp('off')];
    expect(on).toBeGreaterThan(noBonus);
    const bad = await cli('contests', 'pe-erm-2022', '--bonus', 'maybe');
    expect(bad.code).toBe(2);
  });

  it('a district council tied for the mayor: exit 1 without --seed, decided by a recorded lot with it', async () => {
    // 021606 (Áncash): two lists with 191 votes each in the 2022 capture
    const open = await cli('contests', 'pe-erm-2022', '--contest', 'district-council/021606');
    expect(open.code).toBe(1);
    const drawn = await cli(
      'contests',
      'pe-erm-2022',
      '--contest',
      'district-council/021606',
      '--seed',
      '1',
    );
    expect(drawn.code).toBe(0);
    // its own seed (drawSeed) replays the same sorteo with cifra seats, on that council alone
    const c = JSON.parse(
      (
        await cli(
          'contests',
          'pe-erm-2022',
          '--contest',
          'district-council/021606',
          '--seed',
          '1',
          '--format',
          'json',
        )
      ).out,
    ) as {
      drawSeed: number;
      head: string;
      totalSeats: number;
      seats: Record<string, number>;
      votes: { party: string; votes: number }[];
    };
    const votes = file(
      'rontoy.csv',
      ['district,party,votes', ...c.votes.map((v) => `RONTOY,"${v.party}",${v.votes}`)].join('\n'),
    );
    const size = file('rontoy-seats.csv', `district,seats\nRONTOY,${c.totalSeats}\n`);
    const replay = await cli(
      'seats',
      '--rules',
      'pe-erm-municipal',
      '--votes',
      votes,
      '--districts',
      size,
      '--seed',
      String(c.drawSeed),
      '--format',
      'json',
    );
    const rj = JSON.parse(replay.out) as {
      districts: { seats: Record<string, number>; head: { party: string } }[];
    };
    expect([rj.districts[0]?.head.party, rj.districts[0]?.seats]).toEqual([c.head, c.seats]);
    const none = await cli('contests', 'nope');
    expect([none.code, none.err.includes('unknown_election')]).toEqual([1, true]);
    // a contest the election does not have is its own code, not a ruleset's unknown district
    const contest = await cli('contests', 'pe-erm-2022', '--contest', 'provincial-council/999999');
    expect(contest.code).toBe(1);
    expect(contest.err).toMatch(/^error unknown_contest at contest: /);
  });
});

describe("cifra contests' mayor line says the seat engine's reason", () => {
  /** A 5-seat council with no head, its seats open for `reason` (the votes never read for it). */
  const headless = (
    reason: CouncilContest['unallocatedReason'],
    votes: CouncilContest['votes'],
  ): CouncilContest => ({
    id: 'district-council/000001',
    kind: 'district-council',
    key: '000001',
    name: 'Q',
    region: 'R',
    rules: 'pe-erm-municipal',
    votes,
    decided: null,
    type: 'council',
    totalSeats: 5,
    seats: {},
    unallocated: reason === null ? 0 : 5,
    unallocatedReason: reason,
    seatsDecided: null,
    head: null,
    bonus: null,
    ties: [],
    drawSeed: null,
  });
  const AT_ZERO = [
    { party: 'A', votes: 0 },
    { party: 'B', votes: 0 },
  ];

  it('no_eligible_list: the valla where a list has a vote, else every vote blank or null; tie: give --seed', () => {
    useTableLanguage('en');
    // review s32: the reason is the engine's, never "not counted" read from lists at 0; s32 ties2:
    // a list with a vote that no list may take a seat for is the valla's doing (a custom ruleset),
    // not blank or null votes (a council carries list votes only)
    expect(mayorLine(headless('no_eligible_list', [{ party: 'A', votes: 10 }]))).toBe(
      '5 seats; mayor: undecided — no list may take a seat (none passed the threshold)',
    );
    expect(seatsLine(headless('no_eligible_list', [{ party: 'A', votes: 10 }]))).toBe(
      'seats: none assigned, no list may take one (none passed the threshold)',
    );
    expect(mayorLine(headless('no_eligible_list', AT_ZERO))).toBe(
      '5 seats; mayor: undecided — no list has a vote (every vote counted was blank or null)',
    );
    expect(seatsLine(headless('no_eligible_list', AT_ZERO))).toBe(
      'seats: none assigned, no list has a vote (every vote counted was blank or null; see the nullity)',
    );
    expect(mayorLine(headless('tie', AT_ZERO))).toBe(
      '5 seats; mayor: undecided — a tie: give --seed',
    );
    expect(mayorLine(headless('not_counted', AT_ZERO))).toBe(
      '5 seats; mayor: undecided — no vote counted yet',
    );
    // every seat allocated and no head (no bonus: the most-voted lists' tie holds no seat back)
    const level = [
      { party: 'A', votes: 3 },
      { party: 'B', votes: 3 },
    ];
    const topTie = {
      stage: 'most-voted',
      district: 'Q',
      candidates: ['A', 'B'],
      seatsInContention: 1,
      resolution: 'unresolved',
    } as const;
    expect(mayorLine({ ...headless(null, level), ties: [topTie] })).toBe(
      '5 seats; mayor: undecided — a tie: give --seed',
    );
    // a council of unknown size is no tie
    expect(mayorLine({ ...headless(null, AT_ZERO), totalSeats: null })).toBe(
      '? seats; mayor: undecided — the council’s size is unknown in the data',
    );
    useTableLanguage('es');
    try {
      expect(mayorLine(headless('no_eligible_list', AT_ZERO))).toBe(
        '5 escaños; alcalde: sin decidir — ninguna lista tiene votos (todos los contados fueron en blanco o nulos)',
      );
      expect(mayorLine(headless('no_eligible_list', [{ party: 'A', votes: 10 }]))).toBe(
        '5 escaños; alcalde: sin decidir — ninguna lista puede obtener un escaño (ninguna pasó la valla)',
      );
      expect(seatsLine(headless('no_eligible_list', [{ party: 'A', votes: 10 }]))).toBe(
        'escaños: ninguno asignado, ninguna lista puede obtener uno (ninguna pasó la valla)',
      );
      expect(seatsLine(headless('no_eligible_list', AT_ZERO))).toBe(
        'escaños: ninguno asignado, ninguna lista tiene votos (todos los contados fueron en blanco o nulos; vea la nulidad)',
      );
      expect(mayorLine(headless('tie', AT_ZERO))).toBe(
        '5 escaños; alcalde: sin decidir — un empate: indique --seed',
      );
    } finally {
      useTableLanguage('en');
    }
  });
});

describe('a tie for the bonus-th seat under a bonus with its own `rest`, on a final count (s33)', () => {
  // D'Hondt over A 60, B 30, C 12 for 7 seats, the bonus's other lists by Sainte-Laguë
  // (src/core/pipeline/district-seats.test.ts): A's 5th seat and C's 1st tie at 12. A wins: A 5 B 2;
  // C wins: A 5 B 1 C 1. A 5 and B 1 are kept either way, the 7th seat waits on the lot.
  const rs = rulesetFromJson({
    format: 'cifra-ruleset/1',
    id: 'bonus-rest',
    label: 'bonus-rest',
    kind: 'list',
    method: 'dhondt',
    totalSeats: 7,
    districts: [{ name: 'C', seats: 7 }],
    tieBreak: ['lot'],
    tiers: [
      { kind: 'majority-bonus', seats: 'half-plus-one', rest: 'sainte-lague', source: 'test' },
    ],
    head: { office: { es: 'Alcalde', en: 'Mayor' }, source: 'test' },
  });
  if (!rs.ok || rs.value.kind !== 'list') throw new Error(JSON.stringify(rs));
  const lists = [
    { party: 'A', votes: 60 },
    { party: 'B', votes: 30 },
    { party: 'C', votes: 12 },
  ];
  const c = computeContests([
    {
      kind: 'district-council',
      ruleset: rs.value,
      contests: [{ key: 'C', name: 'C', region: 'R', seats: 7, lists, final: true }],
    },
  ]).contests[0] as CouncilContest;

  it('says the others are decided, not that they can change', () => {
    useTableLanguage('en');
    expect([c.seats, c.unallocated, c.seatsDecided]).toEqual([{ A: 5, B: 1 }, 1, 'source-final']);
    expect(seatsLine(c)).toBe(
      'seats: 1 waits on a lot (give --seed); the others are decided (the source’s count is over)',
    );
    expect(mayorLine(c)).toBe('7 seats; mayor: the head of A');
  });
});
