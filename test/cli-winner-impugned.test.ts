// `cifra winner --impugned N`: every acta processed, N impugned votes still before the JEE (LOE
// arts. 282, 311–312): the outcome is stated only if they cannot change it — the core's rule, as
// the summary applies it (s34: the command took any complete figures as settled).
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';
import { winnerRunoff } from './winner-runoff.js';

// a runoff, all actas processed: A leads B by 50
const { file, RUNOFF, json } = winnerRunoff('cifra-winner-impugned-');

describe('cifra winner --impugned', () => {
  it('60 impugned votes against a lead of 50: no winner, and it says why', async () => {
    const open = await json('--impugned', '60');
    expect(open.outcome).toBeNull();
    expect(open.count).toEqual({
      complete: true,
      remaining: null,
      impugned: 60,
      settled: false,
      settledBy: null,
    });
    const en = await cli(...RUNOFF, '--impugned', '60');
    expect(en.code).toBe(0);
    expect(en.out).toContain(
      "NOT DECIDED: every acta processed; 60 impugned votes await the JEE's ruling; A leads B by 50 votes",
    );
    expect(en.out).not.toContain('wins');
    const es = await cli(...RUNOFF, '--impugned', '60', '--lang', 'es');
    expect(es.out).toContain(
      'NO DECIDIDO: todas las actas procesadas; 60 votos impugnados esperan la resolución del JEE; A aventaja a B por 50 votos',
    );
    expect(es.out).not.toContain('gana');
  });

  it('49 of them cannot change a lead of 50: decided, not complete', async () => {
    const d = await json('--impugned', '49');
    expect(d.outcome).toEqual({ kind: 'winner', winner: 'A', round: 'runoff' });
    expect(d.count).toMatchObject({ complete: true, settled: true, settledBy: 'decided' });
    const es = await cli(...RUNOFF, '--impugned', '49', '--lang', 'es');
    expect(es.out).toContain(
      'A gana la segunda vuelta — decidido: todas las actas procesadas; 49 votos impugnados esperan la resolución del JEE, y no pueden cambiarlo',
    );
    // one vote: the verb agrees with it (s35)
    const one = await cli(...RUNOFF, '--impugned', '1', '--lang', 'es');
    expect(one.out).toContain(
      'A gana la segunda vuelta — decidido: todas las actas procesadas; 1 voto impugnado espera la resolución del JEE, y no puede cambiarlo',
    );
    const oneEn = await cli(...RUNOFF, '--impugned', '1');
    expect(oneEn.out).toContain(
      "A wins the runoff — decided: every acta processed; 1 impugned vote awaits the JEE's ruling, and it cannot change it",
    );
  });

  it('none: the complete count as before; a tie with impugned votes out is open, not a tie', async () => {
    expect((await json('--impugned', '0')).count).toMatchObject({ settledBy: 'complete' });
    const level = file('level.csv', 'candidate,votes\nA,1000\nB,1000\n');
    const args = ['winner', '--rules', 'pe-2021-presidencial-segunda', '--votes', level];
    const tie = await cli(...args, '--impugned', '1');
    expect(tie.code).toBe(0);
    expect(tie.out).toContain(
      "NOT DECIDED: every acta processed; 1 impugned vote awaits the JEE's ruling; A and B tied at 1,000 votes",
    );
    // with none out the tie is the rules' (the JNE's to settle): an issue, as before
    expect((await cli(...args)).code).not.toBe(0);
  });

  it("a first round's pair: the second place's lead over the third is said (diff review s34)", async () => {
    const votes = file('first.csv', 'candidate,votes\nA,400\nB,310\nC,290\n');
    const args = ['winner', '--rules', 'pe-2021-presidencial', '--votes', votes];
    const open = await cli(...args, '--impugned', '20');
    expect(open.code).toBe(0);
    expect(open.out).toContain(
      "NOT DECIDED: every acta processed; 20 impugned votes await the JEE's ruling; A leads B by 90 votes",
    );
    expect(open.out).toContain('second place: B over C by 20 votes');
  });

  it("a first round's winner's share within the impugned votes: the share at stake is said (s35)", async () => {
    // 510 of 1,000 valid: 30 impugned votes for others make it 510 of 1,030, under half
    const won = file('share.csv', 'candidate,votes\nA,510\nB,300\nC,190\n');
    const args = ['winner', '--rules', 'pe-2021-presidencial', '--votes', won, '--impugned', '30'];
    const en = await cli(...args);
    expect(en.code).toBe(0);
    expect(en.out).toContain(
      'share at stake: A has 510 of 1,000 votes (51.000 %); with the 30 impugned votes for others, 49.514 % — not > 50 % of valid votes',
    );
    expect(en.out).not.toContain('second place');
    const es = await cli(...args, '--lang', 'es');
    expect(es.out).toContain(
      'porcentaje en juego: A tiene 510 de 1,000 votos (51.000 %); con los 30 votos impugnados para otros, 49.514 % — no > 50 % de los votos válidos',
    );
    // one vote: 501 of 1,002 is exactly half, not more (singular words)
    const one = file('one.csv', 'candidate,votes\nA,501\nB,300\nC,200\n');
    const es1 = await cli(
      'winner',
      '--rules',
      'pe-2021-presidencial',
      '--votes',
      one,
      '--impugned',
      '1',
      '--lang',
      'es',
    );
    expect(es1.out).toContain(
      'con el 1 voto impugnado para otros, 50.000 % — no > 50 % de los votos válidos',
    );
    // 490 of 1,000: the leader could pass half with them (520 of 1,030, 50.4854 %: over the line,
    // so rounded up), and the pair is said too
    const near = file('near.csv', 'candidate,votes\nA,490\nB,300\nC,210\n');
    const r = await cli(
      'winner',
      '--rules',
      'pe-2021-presidencial',
      '--votes',
      near,
      '--impugned',
      '30',
    );
    expect(r.out).toContain(
      'share at stake: A has 490 of 1,000 votes (49.000 %); with the 30 impugned votes for A, 50.486 % — > 50 % of valid votes',
    );
    expect(r.out).toContain('second place: B over C by 90 votes');
    // 19 cannot take 510 of 1,000 under half (510 of 1,019): decided, no share line
    const d = await cli(...args.slice(0, -1), '19');
    expect(d.out).toContain('A wins in the first round');
    expect(d.out).not.toContain('share at stake');
  });

  it('a share just over the line never reads as on it (diff review s35)', async () => {
    // 999,999 of 2,000,000 (short of half); with 3 impugned votes for A, 1,000,002 of 2,000,003 =
    // 50.000025 %: over half, which rounded down read "50.000 % — > 50 %"
    const edge = file('edge.csv', 'candidate,votes\nA,999999\nB,600000\nC,400001\n');
    const args = ['winner', '--rules', 'pe-2021-presidencial', '--votes', edge, '--impugned', '3'];
    const en = await cli(...args);
    expect(en.code).toBe(0);
    expect(en.out).toContain(
      'share at stake: A has 999,999 of 2,000,000 votes (49.999 %); with the 3 impugned votes for A, 50.001 % — > 50 % of valid votes',
    );
    const es = await cli(...args, '--lang', 'es');
    expect(es.out).toContain(
      'con los 3 votos impugnados para A, 50.001 % — > 50 % de los votos válidos',
    );
    // 1,000,001 of 2,000,000 (just over half) with 2 impugned votes for others: exactly half, so
    // "not > 50 %" at 50.000; the share now, over the line, is rounded up
    const over = file('over.csv', 'candidate,votes\nA,1000001\nB,600000\nC,399999\n');
    const won = await cli(
      'winner',
      '--rules',
      'pe-2021-presidencial',
      '--votes',
      over,
      '--impugned',
      '2',
    );
    expect(won.out).toContain(
      'share at stake: A has 1,000,001 of 2,000,000 votes (50.001 %); with the 2 impugned votes for others, 50.000 % — not > 50 % of valid votes',
    );
  });

  it('with --remaining the impugned votes join the votes still out', async () => {
    const r = await json('--remaining', '40', '--impugned', '10');
    expect(r.count).toMatchObject({ complete: false, remaining: 50, settled: false });
    expect((await json('--remaining', '39', '--impugned', '10')).count).toMatchObject({
      remaining: 49,
      settled: true,
      settledBy: 'decided',
    });
  });
});
