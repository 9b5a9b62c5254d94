// `cifra winner --impugned N`: every acta processed, N impugned votes still before the JEE (LOE
// arts. 282, 311–312): the outcome is stated only if they cannot change it — the core's rule, as
// the summary applies it (s34: the command took any complete figures as settled).
import { describe, expect, it } from 'vitest';
import { cli, fileWriter, tempDir } from './helpers.js';

const file = fileWriter(tempDir('cifra-winner-impugned-'));
// a runoff, all actas processed: A leads B by 50
const VOTES = file('runoff.csv', 'candidate,votes\nA,1050\nB,1000\n');
const RUNOFF = ['winner', '--rules', 'pe-2021-presidencial-segunda', '--votes', VOTES];

interface Answer {
  outcome: unknown;
  count: Record<string, unknown>;
}
const json = async (...args: string[]): Promise<Answer> =>
  JSON.parse((await cli(...RUNOFF, ...args, '--format', 'json')).out) as Answer;

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
