// `cifra winner --remaining N`: on a count still going the command states an outcome only when
// no way of adding the votes still out could change it (decision-desk review, s27 H1: 90 % of
// the 2021 runoff's actas read "FUJIMORI gana la segunda vuelta"; Castillo won).
import { describe, expect, it } from 'vitest';
import { cli, fileWriter, tempDir } from './helpers.js';

const file = fileWriter(tempDir('cifra-winner-count-'));
// JNE's proclamation of the 2021 runoff (data/peru/2021/presidential_r2/runoff_2021_official_JNE.csv):
// Castillo 8,836,380, Fujimori 8,792,117 — a lead of 44,263
const JNE = file(
  'jne.csv',
  'candidate,votes\nPEDRO CASTILLO TERRONES,8836380\nKEIKO SOFIA FUJIMORI HIGUCHI,8792117\n',
);
const RUNOFF = ['winner', '--rules', 'pe-2021-presidencial-segunda', '--votes', JNE];

interface Answer {
  outcome: unknown;
  count: { complete: boolean; remaining: number | null; settled: boolean; settledBy: unknown };
}

describe('cifra winner --remaining', () => {
  it('a lead one vote larger than the votes still out is decided; equal to them it is not', async () => {
    const decided = await cli(...RUNOFF, '--remaining', '44262', '--format', 'json');
    expect(decided.code).toBe(0);
    const d = JSON.parse(decided.out) as Answer;
    expect(d.outcome).toEqual({
      kind: 'winner',
      winner: 'PEDRO CASTILLO TERRONES',
      round: 'runoff',
    });
    expect(d.count).toEqual({
      complete: false,
      remaining: 44262,
      settled: true,
      settledBy: 'decided',
    });
    const open = JSON.parse(
      (await cli(...RUNOFF, '--remaining', '44263', '--format', 'json')).out,
    ) as Answer;
    expect(open.outcome).toBeNull();
    expect(open.count).toEqual({
      complete: false,
      remaining: 44263,
      settled: false,
      settledBy: null,
    });
  });

  it('the table names no winner while the votes out could change it, in Spanish too', async () => {
    const en = await cli(...RUNOFF, '--remaining', '2000000');
    expect(en.out).toContain(
      'NOT DECIDED: PEDRO CASTILLO TERRONES leads KEIKO SOFIA FUJIMORI HIGUCHI by 44,263 votes, with up to 2,000,000 votes still to count',
    );
    expect(en.out).not.toContain('wins');
    const es = await cli(...RUNOFF, '--remaining', '2000000', '--lang', 'es');
    expect(es.out).toContain(
      'NO DECIDIDO: PEDRO CASTILLO TERRONES aventaja a KEIKO SOFIA FUJIMORI HIGUCHI',
    );
    expect(es.out).not.toContain('gana');
    const settled = await cli(...RUNOFF, '--remaining', '0', '--lang', 'es');
    expect(settled.out).toContain(
      'PEDRO CASTILLO TERRONES gana la segunda vuelta — decidido: ninguna forma de sumar los 0 votos por contar lo cambia',
    );
  });

  it('a first round still counting gives the race for second place, not a pair', async () => {
    const r1 = file('r1.csv', 'candidate,votes\nA,400\nB,300\nC,290\nD,10\n');
    const t = await cli(
      'winner',
      '--rules',
      'pe-2021-presidencial',
      '--votes',
      r1,
      '--remaining',
      '20',
    );
    expect(t.out).toContain(
      'NOT DECIDED: A leads B by 100 votes, with up to 20 votes still to count',
    );
    expect(t.out).toContain('second place: B over C by 10 votes');
    expect(t.out).not.toContain('runoff between');
    const pair = await cli(
      'winner',
      '--rules',
      'pe-2021-presidencial',
      '--votes',
      r1,
      '--remaining',
      '9',
    );
    expect(pair.out).toContain(
      'no one reached > 50 % of valid votes: runoff between A and B — decided',
    );
  });

  it('without --remaining the figures are taken as the complete count, and it says so', async () => {
    const t = await cli(...RUNOFF);
    expect(t.out).toContain('PEDRO CASTILLO TERRONES wins the runoff');
    expect(t.out).toContain(
      '(the figures taken as the complete count; for a count still going give --remaining N)',
    );
    const j = JSON.parse((await cli(...RUNOFF, '--format', 'json')).out) as Answer;
    expect(j.count).toEqual({
      complete: true,
      remaining: null,
      settled: true,
      settledBy: 'complete',
    });
  });
});
