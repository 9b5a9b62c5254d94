import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attachHistory, completeOf, priorAt, type UnitHistory } from './prior-history.js';

const cut = (actasCounted: number, votes: number[], blank = 0, nul = 0) => ({
  actasCounted,
  votes,
  blank,
  null: nul,
});
// 10 actas: 4 counted at the first cut, 8 at the second, all 10 at the last
const h: UnitHistory = {
  actasTotal: 10,
  cuts: [cut(4, [40, 20], 4, 2), cut(8, [60, 60], 8, 4), cut(10, [70, 80], 10, 5)],
};

describe('priorAt', () => {
  it('returns a cut as it is where the fraction lands on it (round(f × actas) = its actas)', () => {
    expect(priorAt(h, 0.4)).toEqual({ votes: [40, 20], emitted: 66 });
    expect(priorAt(h, 0.79)).toEqual({ votes: [60, 60], emitted: 132 });
    expect(priorAt(h, 1)).toEqual({ votes: [70, 80], emitted: 165 });
  });

  it('interpolates votes linearly in actas counted between the two cuts around the point', () => {
    // 6 actas: halfway from the 4-acta cut to the 8-acta one
    expect(priorAt(h, 0.6)).toEqual({ votes: [50, 40], emitted: 99 });
    // 2 actas: from zero to the first cut
    expect(priorAt(h, 0.2)).toEqual({ votes: [20, 10], emitted: 33 });
  });

  it('gives nothing where nothing was counted or the history stops before the point', () => {
    expect(priorAt(h, 0.04)).toBeUndefined();
    const short: UnitHistory = { actasTotal: 10, cuts: h.cuts.slice(0, 2) };
    expect(priorAt(short, 0.9)).toBeUndefined();
    expect(priorAt(short, 0.8)).toEqual({ votes: [60, 60], emitted: 132 });
  });

  it('stays between the cuts around the point, and is exact on every cut (property)', () => {
    const series = fc
      .array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.nat(50), fc.nat(50), fc.nat(5)), {
        minLength: 1,
        maxLength: 8,
      })
      .map((steps) => {
        let a = 0;
        let x = 0;
        let y = 0;
        let b = 0;
        const cuts = steps.map(([da, dx, dy, db]) =>
          cut((a += da), [(x += dx), (y += dy)], (b += db)),
        );
        return { actasTotal: a, cuts };
      });
    fc.assert(
      fc.property(series, fc.double({ min: 0, max: 1, noNaN: true }), (s, f) => {
        for (const c of s.cuts)
          expect(priorAt(s, c.actasCounted / s.actasTotal)?.votes).toEqual(c.votes);
        const p = priorAt(s, f);
        const target = Math.round(f * s.actasTotal);
        if (target === 0) {
          expect(p).toBeUndefined();
          return;
        }
        const hi = s.cuts.find((c) => c.actasCounted >= target);
        const lo = [...s.cuts].reverse().find((c) => c.actasCounted <= target);
        p?.votes.forEach((v, k) => {
          expect(v).toBeLessThanOrEqual((hi?.votes[k] ?? 0) + 1e-9);
          expect(v).toBeGreaterThanOrEqual((lo?.votes[k] ?? 0) - 1e-9);
        });
      }),
    );
  });
});

describe('attachHistory', () => {
  const unit = (code: string, counted: number) => ({
    unit: code,
    actasCounted: counted,
    actasTotal: 20,
    votes: [1, 1],
    blank: 0,
    null: 0,
    eligibleTotal: 5000,
  });

  it('gives a partly counted unit its prior and its prior at the same fraction, electors kept', () => {
    const r = attachHistory(
      [
        { ...unit('01', 12), prior: { votes: [1, 2], eligible: 4900 } },
        unit('02', 0),
        unit('03', 20),
        unit('04', 12),
      ],
      new Map([
        ['01', h],
        ['02', h],
        ['03', h],
      ]),
    );
    expect(r.used).toEqual(['01']);
    expect(r.units[0]?.prior).toEqual({ votes: [70, 80], emitted: 165, eligible: 4900 });
    expect(r.units[0]?.priorCounted).toEqual({ votes: [50, 40], emitted: 99 });
    // nothing or everything counted: the prior only (the history has no remainder to tell)
    expect(r.units[1]?.prior).toEqual({ votes: [70, 80], emitted: 165, eligible: 5000 });
    expect(r.units[1]?.priorCounted).toBeUndefined();
    expect(r.units[2]?.priorCounted).toBeUndefined();
    expect(r.units[3]).toEqual(unit('04', 12));
  });

  it('leaves a unit whose history stops before its complete count as it was', () => {
    const short: UnitHistory = { actasTotal: 10, cuts: h.cuts.slice(0, 2) };
    expect(completeOf(short)).toBeNull();
    const r = attachHistory([unit('01', 12)], new Map([['01', short]]));
    expect(r.used).toEqual([]);
    expect(r.units[0]).toEqual(unit('01', 12));
  });
});
