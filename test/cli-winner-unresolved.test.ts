// `cifra winner --unresolved N`: a final count that leaves actas unresolved (EN PROCESO), whose N
// electors may yet vote for anyone (LOE art. 301): the core settles it with them, as the summary
// does (settled.ts `unresolved`), and the output says why — with impugned votes too, both named.
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';
import { winnerRunoff } from './winner-runoff.js';

// a runoff, A leads B by 50
const { file, RUNOFF, json } = winnerRunoff('cifra-winner-unresolved-');

describe('cifra winner --unresolved', () => {
  it('50 electors against a lead of 50: open; 49: decided, and it says why', async () => {
    const open = await json('--unresolved', '50');
    expect(open.outcome).toBeNull();
    expect(open.count).toEqual({
      complete: true,
      remaining: null,
      unresolved: 50,
      settled: false,
      settledBy: null,
    });
    const en = await cli(...RUNOFF, '--unresolved', '50');
    expect(en.code).toBe(0);
    expect(en.out).toContain(
      'NOT DECIDED: final count; 50 electors of unresolved actas; A leads B by 50 votes',
    );
    expect(en.out).not.toContain('wins');
    const d = await json('--unresolved', '49');
    expect(d.outcome).toEqual({ kind: 'winner', winner: 'A', round: 'runoff' });
    expect(d.count).toMatchObject({ settled: true, settledBy: 'decided', unresolved: 49 });
    const es = await cli(...RUNOFF, '--unresolved', '1', '--lang', 'es');
    expect(es.out).toContain(
      'A gana la segunda vuelta — decidido: cómputo final; 1 elector de actas sin resolver, y no puede cambiarlo',
    );
  });

  it('with impugned votes: the two add up, and both are named (es/en)', async () => {
    // 30 electors + 20 impugned = 50: not less than the lead
    expect((await json('--unresolved', '30', '--impugned', '20')).count).toMatchObject({
      settled: false,
      unresolved: 30,
      impugned: 20,
    });
    const open = await cli(...RUNOFF, '--unresolved', '30', '--impugned', '20');
    expect(open.out).toContain(
      'NOT DECIDED: final count; 30 electors of unresolved actas and 20 impugned votes before the JEE; A leads B by 50 votes',
    );
    const en = await cli(...RUNOFF, '--unresolved', '30', '--impugned', '19');
    expect(en.out).toContain(
      'A wins the runoff — decided: final count; 30 electors of unresolved actas and 19 impugned votes before the JEE, and they cannot change it',
    );
    const es = await cli(...RUNOFF, '--unresolved', '30', '--impugned', '1', '--lang', 'es');
    expect(es.out).toContain(
      'A gana la segunda vuelta — decidido: cómputo final; 30 electores de actas sin resolver y 1 voto impugnado ante el JEE, y no pueden cambiarlo',
    );
  });

  it("a first round's share at stake counts them as votes still out", async () => {
    const votes = file('share.csv', 'candidate,votes\nA,510\nB,300\nC,190\n');
    const args = ['winner', '--rules', 'pe-2021-presidencial', '--votes', votes];
    const r = await cli(...args, '--unresolved', '20', '--impugned', '10');
    expect(r.out).toContain(
      'share at stake: A has 510 of 1,000 votes (51.000 %); with the 30 votes still out for others, 49.514 % — not > 50 % of valid votes',
    );
    const es = await cli(...args, '--unresolved', '20', '--impugned', '10', '--lang', 'es');
    expect(es.out).toContain(
      'con los 30 votos pendientes para otros, 49.514 % — no > 50 % de los votos válidos',
    );
  });

  it('a bad value is a usage error, and so is a count still going (--remaining)', async () => {
    for (const bad of ['x', '-1', '1.5', '1e3']) {
      const r = await cli(...RUNOFF, '--unresolved', bad);
      expect(r.code).toBe(2);
      expect(r.err).toContain(
        `--unresolved must be a whole number from 0 to 999999999, got "${bad}"`,
      );
      expect(r.out).toBe('');
    }
    const both = await cli(...RUNOFF, '--unresolved', '3', '--remaining', '4');
    expect(both.code).toBe(2);
    expect(both.err).toContain(
      '--unresolved is for a final count; with --remaining, count those electors in it',
    );
  });
});

describe('cifra winner: the table\'s "% valid" and the line\'s share, one figure (s36)', () => {
  // 1,000,001 of 2,000,000 valid is 50.00005 %: ONPE's half-up prints 50.000, the line against
  // "> 50 %" rounds it toward its side, 50.001; the note under the table says which is which
  const over = file('over.csv', 'candidate,votes\nA,1000001\nB,600000\nC,399999\n');
  const args = ['winner', '--rules', 'pe-2021-presidencial', '--votes', over];
  const rows = (out: string): string[] => out.split('\n').filter((l) => l.startsWith('│ A'));

  it("the table keeps ONPE's half-up; a note gives the line's figure and why (es/en)", async () => {
    const r = await cli(...args, '--impugned', '2');
    expect(rows(r.out)).toEqual([expect.stringMatching(/│ A +│ 1,000,001 │ 50\.000 +│/)]);
    expect(r.out).toContain('(50.001 %); with the 2 impugned votes for others');
    expect(r.out).toContain(
      "% valid is ONPE's half-up rounding: A's 50.000 % is 1,000,001 of 2,000,000 votes, 50.001 % against the line (> 50 % of valid votes), rounded toward its side",
    );
    const es = await cli(...args, '--impugned', '2', '--lang', 'es');
    expect(es.out).toContain(
      '% válidos redondea como la ONPE (mitad hacia arriba): el 50.000 % de A son 1,000,001 de 2,000,000 votos, 50.001 % frente a la línea (> 50 % de los votos válidos), redondeado hacia su lado',
    );
    // the JSON and the CSV keep ONPE's figure
    const csv = await cli(...args, '--format', 'csv');
    expect(csv.out).toContain('A,1000001,50.000');
  });

  it('a winner whose table figure reads as the line itself gets the note; a plain table none', async () => {
    const won = await cli(...args);
    expect(won.out).toContain('A wins in the first round (> 50 % of valid votes)');
    expect(won.out).toContain("A's 50.000 % is 1,000,001 of 2,000,000 votes, 50.001 % against");
    // 49.99995 % under a strict line: half-up 50.000 is not > 50 either, no line states it
    const under = file('under.csv', 'candidate,votes\nA,999999\nB,600000\nC,400001\n');
    const runoff = await cli('winner', '--rules', 'pe-2021-presidencial', '--votes', under);
    expect(runoff.out).toContain('no one reached > 50 % of valid votes');
    expect(runoff.out).not.toContain("ONPE's half-up");
    // an exact share, or one whose two roundings agree: no note
    const plain = file('plain.csv', 'candidate,votes\nA,510\nB,300\nC,190\n');
    const p = await cli('winner', '--rules', 'pe-2021-presidencial', '--votes', plain);
    expect(p.out).not.toContain("ONPE's half-up");
    // a runoff has no share line: its table is ONPE's, no note
    const r2 = file('r2.csv', 'candidate,votes\nA,1000001\nB,999999\n');
    const rr = await cli('winner', '--rules', 'pe-2021-presidencial-segunda', '--votes', r2);
    expect(rr.out).not.toContain("ONPE's half-up");
  });
});
