import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, fileWriter, tempDir } from './helpers.js';
import { tieWords, useTableLanguage } from '../src/cli/format.js';
import { TIE_RESOLUTIONS } from '../src/core/pipeline/seats.js';

const dir = tempDir('cifra-seats-words-');
const file = fileWriter(dir);

// a made-up assembly of one district of 3 seats, Sainte-Laguë, more votes then the lot
const rules = file(
  'ostia.json',
  JSON.stringify({
    format: 'cifra-ruleset/1',
    id: 'ostia-asamblea',
    version: '2026',
    label: { es: 'Ostia — Asamblea', en: 'Ostia — Assembly' },
    kind: 'list',
    totalSeats: 3,
    districts: [{ name: 'Ostia', seats: 3 }],
    apportionment: null,
    method: 'sainte-lague',
    singleSeatMethod: 'plurality',
    threshold: null,
    tieBreak: ['more-votes', 'lot'],
    exhaustedList: 'next-quotient',
    singleSeatWinner: 'list',
    nullity: null,
    sources: ['made up for a test'],
  }),
);
// quotients 300, 300, then 100 each for Rojo and Verde (÷3): the third seat is a tie
const votes = file(
  'ostia.csv',
  'district,party,votes\nOstia,Partido Rojo,300\nOstia,Partido Verde,300\nOstia,Partido Azul,50\n',
);

describe("cifra seats: a tie's stage and resolution in words (review s36: ids printed raw)", () => {
  it('an unresolved tie, in Spanish and in English', async () => {
    const es = await cli('seats', '--rules', rules, '--votes', votes, '--lang', 'es');
    expect(es.code).toBe(1);
    expect(es.out).toContain(
      'empate (reparto de escaños) en Ostia: Partido Rojo, Partido Verde por 1 escaño — sin resolver: decide un sorteo (indique --seed)',
    );
    const en = await cli('seats', '--rules', rules, '--votes', votes, '--lang', 'en');
    expect(en.code).toBe(1);
    expect(en.out).toContain(
      'tie (allocation of seats) in Ostia: Partido Rojo, Partido Verde for 1 seat — unresolved: a draw of lots decides (give --seed)',
    );
  });

  it('a tie drawn by lot, in Spanish and in English', async () => {
    const args = ['seats', '--rules', rules, '--votes', votes, '--seed', '3'];
    const es = await cli(...args, '--lang', 'es');
    expect(es.code).toBe(0);
    expect(es.out).toMatch(
      /^empate \(reparto de escaños\) en Ostia: Partido Rojo, Partido Verde por 1 escaño — resuelto por sorteo$/m,
    );
    const en = await cli(...args, '--lang', 'en');
    expect(en.out).toMatch(
      /^tie \(allocation of seats\) in Ostia: Partido Rojo, Partido Verde for 1 seat — drawn by lot$/m,
    );
  });

  // review s36: "give --seed" under a ruleset whose ties the electoral authority decides
  const withSteps = (name: string, steps: string[]) =>
    file(
      name,
      readFileSync(rules, 'utf8').replace(
        '"tieBreak":["more-votes","lot"]',
        `"tieBreak":${JSON.stringify(steps)}`,
      ),
    );
  it('a tie the rules leave to the electoral authority asks for no seed, even given one', async () => {
    const report = withSteps('ostia-report.json', ['report']);
    const args = ['seats', '--rules', report, '--votes', votes, '--seed', '3'];
    const es = await cli(...args, '--lang', 'es');
    expect(es.code).toBe(1);
    expect(es.out).toMatch(
      /^empate \(reparto de escaños\) en Ostia: Partido Rojo, Partido Verde por 1 escaño — sin resolver: decide la autoridad electoral$/m,
    );
    expect(es.out + es.err).not.toContain('--seed');
    expect(es.out + es.err).toContain('las reglas lo dejan a la autoridad electoral');
    const en = await cli(...args, '--lang', 'en');
    expect(en.out).toMatch(
      /^tie \(allocation of seats\) in Ostia: Partido Rojo, Partido Verde for 1 seat — unresolved: the electoral authority decides$/m,
    );
    expect(en.out + en.err).not.toContain('--seed');
    expect(en.out + en.err).toContain('the rules leave it to the electoral authority');
  });

  it('a tie whose steps run out names no lot and no authority', async () => {
    const more = withSteps('ostia-more.json', ['more-votes']);
    const en = await cli('seats', '--rules', more, '--votes', votes, '--lang', 'en');
    expect(en.out).toMatch(/— unresolved: the tie-break steps ran out$/m);
    expect(en.out + en.err).toContain("the rules' tie-break steps ran out without settling it");
    expect(en.out + en.err).not.toContain('--seed');
    const es = await cli('seats', '--rules', more, '--votes', votes, '--lang', 'es');
    expect(es.out).toMatch(/— sin resolver: se agotaron los pasos de desempate$/m);
    expect(es.out + es.err).not.toContain('--seed');
  });

  it('every stage and resolution id has words of its own in both languages', () => {
    const stages = [
      'allocation',
      'preliminary',
      'preferential',
      'single-seat-candidate',
      'apparentment',
      'most-voted',
      'first-place',
      'second-place',
      'runoff',
    ] as const;
    try {
      for (const id of [...stages, ...TIE_RESOLUTIONS]) {
        useTableLanguage('en');
        const en = tieWords(id);
        useTableLanguage('es');
        const es = tieWords(id);
        expect(en, id).not.toBe(id);
        expect(es, id).not.toBe(en);
      }
    } finally {
      useTableLanguage('en');
    }
  });
});

describe("cifra seats --votes: a row's issue names its file and row (review s36)", () => {
  it('an unknown district: the file, its 1-based data row as ingest counts, the districts known', async () => {
    // data row 2 (line 3) names a district the ruleset lacks
    const typo = file(
      'typo.csv',
      'district,party,votes\nOstia,Partido Rojo,300\nOstai,Partido Verde,300\n',
    );
    const r = await cli('seats', '--rules', rules, '--votes', typo, '--format', 'json');
    expect(r.code).toBe(1);
    const line = r.err.split('\n').find((l) => l.startsWith('error unknown_district'));
    expect(line).toBeDefined();
    expect(line).toContain(' at votes.2.district: ');
    const details = JSON.parse(line?.slice(line.indexOf(' {') + 1) ?? '{}') as unknown;
    expect(details).toEqual({
      district: 'Ostai',
      party: 'Partido Verde',
      file: typo,
      row: 2,
      known: ['Ostia'],
    });
    // the JSON's issues are the same ones
    const j = JSON.parse(r.out) as { issues: { code: string; details: unknown }[] };
    expect(j.issues.find((i) => i.code === 'unknown_district')?.details).toEqual(details);
  });

  it("a --districts file's names are the districts known; a file's own issue names the file too", async () => {
    const districts = file('d.csv', 'district,seats\nNorte,2\nSur,1\n');
    const v = file('v-ns.csv', 'district,party,votes\nNorte,A,10\nSur,A,5\nEste,B,3\n');
    const r = await cli('seats', '--rules', rules, '--votes', v, '--districts', districts);
    expect(r.err).toContain(
      `error unknown_district at votes.3.district: district not in the ruleset or districts file (or a published unit no district of the ruleset) {"district":"Este","party":"B","file":"${v}","row":3,"known":["Norte","Sur"]}`,
    );
    const bad = file('v-bad.csv', 'district,party,votes\nOstia,A,10\nOstia,B,1.5\n');
    const b = await cli('seats', '--rules', rules, '--votes', bad, '--lang', 'es');
    expect(b.code).toBe(1);
    expect(b.err).toContain(
      `error invalid_votes en votes.2.votes: los votos deben ser un entero entre 0 y 1 000 000 000 {"value":"1.5","problem":"non_integer","file":"${bad}","row":2}`,
    );
  });
});
