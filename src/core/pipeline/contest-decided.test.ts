// When a regional or municipal contest's outcome is a fact (review 20 L10): the source's own
// 100 %, or a lead no split of the votes still out can undo, else only who leads. Hand-worked
// cases from docs (peru-electoral-rules §13: governor ≥ 30 % of valid votes else a runoff of the
// two most voted, mayor by plurality) and properties over random counts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rulesetFromJson } from '../rulesets/compile.js';
import type { PresidentialRuleset } from '../rulesets/ruleset.js';
import { councilRuleset } from '../../test-utils/erm-rulesets.js';
import { plus, split } from '../../test-utils/vote-splits.js';
import { decidedPlurality, progressFromActas, votesOutBound } from './contest-decided.js';
import { computeContests, type ContestInput, type ContestResult } from './contests.js';

/** The first round as bundled (data/rulesets/pe-erm-gobernador.json): at least 30 % of valid. */
function governorRules(): PresidentialRuleset {
  const r = rulesetFromJson({
    format: 'cifra-ruleset/1',
    id: 'pe-erm-gobernador',
    label: 'governor',
    kind: 'single-winner',
    round: 'first',
    winner: { share: '30%', strict: false, base: 'valid' },
    runoffCandidates: 2,
  });
  if (!r.ok || r.value.kind !== 'presidential') throw new Error(JSON.stringify(r));
  return r.value;
}

const GOVERNOR = governorRules();
const COUNCIL = councilRuleset(true);

const lists = (votes: readonly number[]): ContestInput['lists'] =>
  votes.map((v, i) => ({ party: String.fromCharCode(65 + i), votes: v }));

function governor(votes: readonly number[], remaining?: number, final = false): ContestResult {
  const c = { key: 'R', name: 'R', region: 'R', lists: lists(votes), remaining, final };
  const r = computeContests([
    { kind: 'governor', ruleset: GOVERNOR, complete: false, contests: [c] },
  ]);
  return r.contests[0] as ContestResult;
}

function council(votes: readonly number[], remaining?: number): ContestResult {
  const c = { key: 'C', name: 'C', region: 'R', seats: 5, lists: lists(votes), remaining };
  const r = computeContests(
    [{ kind: 'district-council', ruleset: COUNCIL, complete: false, contests: [c] }],
    { seed: 1 },
  );
  return r.contests[0] as ContestResult;
}

/** What a contest says: a governor's outcome, a council's head. */
const outcome = (c: ContestResult): unknown =>
  c.type === 'single-winner' ? c.result.outcome : c.head;

describe('progressFromActas: the actas still out from the counted ones and the rounded %', () => {
  it('ERM 2022 as captured: Tacna 954 at 97.9466 % (20 out), Lima 25,219 at 99.4362 % (143 out)', () => {
    expect(progressFromActas(954, '97.9466')).toEqual({ final: false, actasOut: 20 });
    expect(progressFromActas(25_219, '99.4362')).toEqual({ final: false, actasOut: 143 });
    // 300 electors a mesa at most (LOE art. 52): Tacna's 20 actas add at most 6,000 votes
    expect(votesOutBound(20, 300)).toBe(6_000);
  });

  it('100 % is the source saying the count is over; nothing counted, or no %, bounds nothing', () => {
    expect(progressFromActas(583, '100.0000')).toEqual({ final: true, actasOut: 0 });
    expect(progressFromActas(null, '100')).toEqual({ final: true, actasOut: 0 });
    expect(progressFromActas(0, '.0000')).toEqual({ final: false, actasOut: null });
    expect(progressFromActas(null, '97.6')).toEqual({ final: false, actasOut: null });
    expect(progressFromActas(10, '')).toBeNull();
    expect(progressFromActas(10, '101.0')).toBeNull();
  });

  it('property: the bound covers the true total whether the % was rounded down, to nearest or up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30_000 }),
        fc.integer({ min: 0, max: 3_000 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom('floor', 'round', 'ceil'),
        (counted, out, decimals, mode) => {
          const total = counted + out;
          // the % as a source prints it, in exact integers: units of 10^-decimals %
          const exact = (counted * 100 * 10 ** decimals) / total;
          const units =
            mode === 'floor'
              ? Math.floor(exact)
              : mode === 'ceil'
                ? Math.ceil(exact)
                : Math.round(exact);
          const s = String(units).padStart(decimals + 1, '0');
          const pct = decimals === 0 ? s : `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
          const p = progressFromActas(counted, pct);
          if (p === null) throw new Error(pct);
          // a printed 100 is the source's word that the count is over (never second-guessed)
          if (p.final) expect(pct.replace('.', '')).toMatch(/^10+$/);
          else if (p.actasOut !== null) expect(p.actasOut).toBeGreaterThanOrEqual(out);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('a governor (Ley 27683 art. 5: at least 30 % of the valid votes, else a runoff)', () => {
  it('Tacna 2022 by hand: 59,797 of 195,326 counted (30.61 %), 20 actas out → 6,000 votes: not decided', () => {
    // all 6,000 to the others: 59,797 / 201,326 = 29.70 % < 30 % — a runoff is still possible
    // the three most voted as counted, the other 63,808 valid votes in smaller lists
    const votes = [59_797, 40_715, 31_006, 20_000, 20_000, 15_000, 8_808];
    const open = governor(votes, 6_000);
    expect(open.decided).toBeNull();
    expect(open.type === 'single-winner' && open.result.outcome).toMatchObject({ kind: 'winner' });
    // with 2,000 out: 59,797 / 197,326 = 30.30 % and a lead of 19,082: decided by the figures
    expect(governor(votes, 2_000).decided).toBe('mathematically');
    // the source's own 100 % decides it; without a bound nothing is decided
    expect(governor(votes, undefined, true).decided).toBe('source-final');
    expect(governor(votes).decided).toBeNull();
  });

  it('property: a decided outcome (winner or runoff pair) stands whatever split of the votes still out', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(5_000), { minLength: 2, maxLength: 5 }),
        fc.nat(3_000),
        fc.array(fc.nat(100), { minLength: 5, maxLength: 5 }),
        fc.nat(3_000),
        (votes, remaining, weights, added) => {
          const early = governor(votes, remaining);
          if (early.decided === null) return;
          const extra = split(Math.min(added, remaining), weights.slice(0, votes.length));
          const end = governor(plus(votes, extra), 0, true);
          const a = outcome(early) as { kind: string; pair?: string[] };
          const b = outcome(end) as { kind: string; pair?: string[] };
          // a pair is a pair in either order
          if (a.kind === 'runoff')
            expect([...(b.pair ?? [])].sort()).toEqual([...(a.pair ?? [])].sort());
          else expect(b).toEqual(a);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('at the margin it is not decided, and a split of the votes still out changes the outcome', () => {
    // A 400, B 350 of 1,000: both above 30 %; with 50 out B can draw level, with 51 pass A
    expect(governor([400, 350, 250], 50).decided).toBeNull();
    expect(outcome(governor([400, 401, 250], 0, true))).toMatchObject({ winner: 'B' });
    // A 310 of 1,000 (31 %), 80 ahead: 34 more votes for others put it at 310 / 1,034 < 30 %
    expect(governor([310, 230, 230, 230], 33).decided).toBe('mathematically');
    expect(governor([310, 230, 230, 230], 34).decided).toBeNull();
    expect(outcome(governor([310, 230, 230, 264], 0, true))).toEqual({
      kind: 'runoff',
      pair: ['A', 'D'],
    });
  });
});

describe('a mayor: the head of the most-voted list (Ley 26864 art. 25, plurality)', () => {
  it('decided when the lead is larger than the votes still out, never on a level count', () => {
    expect(decidedPlurality([500, 300, 100], { final: false, remaining: 199 })).toBe(
      'mathematically',
    );
    expect(decidedPlurality([500, 300, 100], { final: false, remaining: 200 })).toBeNull();
    expect(decidedPlurality([500, 300], { final: false, remaining: null })).toBeNull();
    expect(decidedPlurality([500, 300], { final: true, remaining: null })).toBe('source-final');
    expect(decidedPlurality([300, 300], { final: true, remaining: 0 })).toBeNull();
    expect(decidedPlurality([0, 0], { final: true, remaining: 0 })).toBeNull();
  });

  it('property: a decided head stays the head whatever split; at the margin one split changes it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(3_000), { minLength: 2, maxLength: 5 }),
        fc.nat(2_000),
        fc.array(fc.nat(100), { minLength: 5, maxLength: 5 }),
        (votes, remaining, weights) => {
          const early = council(votes, remaining);
          const sorted = [...votes].sort((a, b) => b - a);
          const lead = (sorted[0] ?? 0) - (sorted[1] ?? 0);
          if (early.decided !== null) {
            const extra = split(remaining, weights.slice(0, votes.length));
            expect(outcome(council(plus(votes, extra), 0))).toBe(outcome(early));
            return;
          }
          // not decided with a lead: all the votes still out to the second level it or pass it
          if (lead === 0 || sorted[0] === 0) return;
          const order = votes
            .map((v, i) => [v, i] as const)
            .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
          const second = order[1]?.[1] ?? -1;
          const extra = votes.map((_, i) => (i === second ? remaining : 0));
          const after = plus(votes, extra);
          expect(Math.max(...after.filter((_, i) => i !== second))).toBeLessThanOrEqual(
            after[second] ?? 0,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
