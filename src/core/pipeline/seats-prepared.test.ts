// computePreparedSeats (the fast path: the district kernel and the report built from per-party
// counts) against the general computeSeats byte for byte, and against a simple reference: the
// valla, the vote table and each district's seats recomputed here from the raw rows with the
// naive referenceAllocate, sharing none of the report's code.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRuleset } from '../../elections/rulesets.js';
import { dataPath } from '../../io/paths.js';
import { referenceAllocate } from '../allocation/reference.js';
import { percentHalfUp, ratio, ratioPercent, type Ratio } from '../ratio.js';
import type { ListRuleset } from '../rulesets/ruleset.js';
import { arbitrarySeatInput as inputArb } from '../../test-utils/arbitraries.js';
import {
  computePreparedSeats,
  computeSeats,
  prepareSeats,
  type SeatInput,
  type SeatResult,
} from './seats.js';

const RUNS = Number(process.env['DIFFERENTIAL_RUNS'] ?? 1_000);

function ruleset(id: string): ListRuleset {
  const r = loadRuleset(id);
  if (!r.ok || r.value.kind !== 'list') throw new Error(id);
  return r.value;
}

/** pe-2021-congreso with only a national share of the valid votes as its valla (the bench's case). */
function shareRuleset(share: Ratio): ListRuleset {
  const threshold = {
    kind: 'share',
    scope: 'national',
    share,
    base: 'valid',
    source: 't',
  } as const;
  return { ...ruleset('pe-2021-congreso'), threshold };
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The three ways to the same result must agree byte for byte; returns the prepared one. */
function agreeing(rs: ListRuleset, input: SeatInput, seed?: number): SeatResult {
  const general = JSON.stringify(computeSeats(rs, input, { seed, path: 'general' }));
  expect(JSON.stringify(computeSeats(rs, input, { seed }))).toBe(general);
  const prepared = prepareSeats(rs, input);
  computePreparedSeats(prepared, { seed }); // a second call on the same input: no state kept
  const fast = computePreparedSeats(prepared, { seed });
  expect(JSON.stringify(fast)).toBe(general);
  return fast;
}

/**
 * The reference for a national share valla: each list's national votes and share of the valid
 * votes, the lists reaching the share (cross-multiplied), then per district the naive allocation
 * among them. A district tie must be reported, and the seats not in contention kept.
 */
function expectReference(r: SeatResult, rs: ListRuleset, input: SeatInput, share: Ratio): void {
  const national = new Map<string, number>();
  for (const v of input.votes) national.set(v.party, (national.get(v.party) ?? 0) + v.votes);
  const valid = [...national.values()].reduce((a, b) => a + b, 0);
  const parties = [...national.keys()].sort(byName);
  const reaches = (p: string) =>
    (national.get(p) as number) * share.denominator >= valid * share.numerator;
  expect(r.votes).toEqual(
    [...parties]
      .sort((a, b) => (national.get(b) as number) - (national.get(a) as number) || byName(a, b))
      .map((party) => {
        const votes = national.get(party) as number;
        return { party, votes, pctValid: percentHalfUp(votes, valid) };
      }),
  );
  const required = `${ratioPercent(share)}%`;
  expect(r.excluded).toEqual(
    parties
      .filter((p) => !reaches(p))
      .map((party) => {
        const votes = national.get(party) as number;
        return { party, reason: 'below_share', votes, total: valid, required };
      }),
  );
  expect(r.passed).toEqual(parties.filter((p) => reaches(p) && (national.get(p) as number) > 0));
  const totals = new Map<string, number>();
  for (const d of input.districts ?? []) {
    const seats = d.seats ?? 0;
    const lists = parties.filter(reaches);
    const votes = lists.map(
      (p) => input.votes.find((v) => v.district === d.district && v.party === p)?.votes ?? 0,
    );
    const ref = referenceAllocate(votes, seats, seats === 1 ? rs.singleSeatMethod : rs.method);
    const got = r.districts.find((x) => x.district === d.district);
    const certain = Object.fromEntries(
      lists.flatMap((p, i) => ((ref.seats[i] as number) > 0 ? [[p, ref.seats[i] as number]] : [])),
    );
    if (ref.tie === null) expect(got?.seats ?? {}).toEqual(certain);
    else {
      const tie = r.ties.find((t) => t.district === d.district && t.stage === 'allocation');
      expect(tie?.candidates).toEqual(ref.tie.candidates.map((i) => lists[i]));
      for (const [p, s] of Object.entries(certain))
        expect(got?.seats[p] ?? 0).toBeGreaterThanOrEqual(s);
    }
    for (const [p, s] of Object.entries(got?.seats ?? {})) totals.set(p, (totals.get(p) ?? 0) + s);
  }
  const order = [...totals].sort((a, b) => b[1] - a[1] || byName(a[0], b[0]));
  expect(Object.entries(r.seats)).toEqual(order.filter(([, s]) => s > 0));
}

/** Shares from none to all, with small totals often landing exactly on the line. */
const shareArb = fc.constantFrom(
  ratio(0, 1),
  ratio(1, 100),
  ratio(5, 100),
  ratio(1, 7),
  ratio(1, 3),
  ratio(1, 2),
  ratio(1, 1),
);

describe('computePreparedSeats', () => {
  it('equals the general path and the reference under a national share valla', () => {
    fc.assert(
      fc.property(inputArb, shareArb, fc.option(fc.nat(1000)), (input, share, seed) => {
        const rs = shareRuleset(share);
        expectReference(agreeing(rs, input, seed ?? undefined), rs, input, share);
      }),
      { numRuns: RUNS },
    );
  });

  it('equals the general path under the real valla trees (alliances, preliminary seats)', () => {
    const withAlliances = inputArb.chain((input) =>
      fc
        .array(fc.integer({ min: 1, max: 3 }), { minLength: 9, maxLength: 9 })
        .map((members): SeatInput => ({
          ...input,
          votes: input.votes.map((v) => ({ ...v, alliance: members[Number(v.party.slice(1))] })),
        })),
    );
    for (const id of ['pe-2021-congreso', 'pe-2026-diputados', 'pe-2026-senado', 'es-congreso'])
      fc.assert(
        fc.property(withAlliances, fc.option(fc.nat(1000)), (input, seed) => {
          agreeing(ruleset(id), input, seed ?? undefined);
        }),
        { numRuns: Math.ceil(RUNS / 4) },
      );
  });

  it('a list exactly at the share passes, one vote below fails', () => {
    const input: SeatInput = {
      districts: [{ district: 'D0', seats: 3 }],
      votes: [
        { district: 'D0', party: 'A', votes: 91 },
        { district: 'D0', party: 'B', votes: 5 },
        { district: 'D0', party: 'C', votes: 4 },
      ],
    };
    const share = ratio(5, 100);
    const r = agreeing(shareRuleset(share), input);
    expectReference(r, shareRuleset(share), input, share);
    expect(r.passed).toEqual(['A', 'B']);
    expect(r.excluded.map((e) => e.party)).toEqual(['C']);
  });

  it('equals the general path and the reference on the bench scenario with a tie (fixture)', () => {
    const scen = JSON.parse(
      readFileSync(
        new URL('../../../test/fixtures/bench-scenario-122.json', import.meta.url),
        'utf8',
      ),
    ) as { districts: { name: string; seats: number; votes: Record<string, number> }[] };
    const input: SeatInput = {
      districts: scen.districts.map((d) => ({ district: d.name, seats: d.seats })),
      votes: scen.districts.flatMap((d) =>
        Object.entries(d.votes).map(([party, votes]) => ({ district: d.name, party, votes })),
      ),
    };
    const share = ratio(5, 100);
    const r = agreeing(shareRuleset(share), input);
    expect(r.ties.map((t) => t.district)).toEqual(['ICA']);
    expectReference(r, shareRuleset(share), input, share);
    agreeing(shareRuleset(share), input, 7);
  });
});

/** ONPE's 2026 count at ~86 % (data/peru/2026/final, PROVENANCE.md): one cargo's lists per district. */
function capture2026(cargos: readonly string[]): SeatInput {
  const rows = parse(
    gunzipSync(
      readFileSync(dataPath('peru/2026/final/congress_2026_votes_by_district_partial86pct.csv.gz')),
    ).toString('utf8'),
    { columns: true },
  ) as { cargo: string; circunscripcion: string; seats: string; party: string; votes: string }[];
  const kept = rows.filter(
    (r) => cargos.includes(r.cargo) && !['VOTOS EN BLANCO', 'VOTOS NULOS'].includes(r.party),
  );
  const seats = new Map(kept.map((r) => [r.circunscripcion, Number(r.seats)]));
  return {
    districts: [...seats].map(([district, s]) => ({ district, seats: s })),
    votes: kept.map((r) => ({
      district: r.circunscripcion,
      party: r.party,
      votes: Number(r.votes),
    })),
  };
}

/**
 * ONPE's 2021 Congress count at 93.8 % (data/peru/2021/congress/partial_unofficial_2021-04-13):
 * the votes of the lists that won a seat in each region, the region's seats as counted there.
 */
function partial2021(): SeatInput {
  const rows = JSON.parse(
    gunzipSync(
      readFileSync(
        dataPath(
          'peru/2021/congress/partial_unofficial_2021-04-13/congreso_total_2021-04-13T22-14.json.gz',
        ),
      ),
    ).toString('utf8'),
  ) as { region: string; partido: string; total_votos_partido: number }[];
  const seats = new Map<string, number>();
  const votes = new Map<string, { district: string; party: string; votes: number }>();
  for (const r of rows) {
    seats.set(r.region, (seats.get(r.region) ?? 0) + 1);
    votes.set(`${r.region}|${r.partido}`, {
      district: r.region,
      party: r.partido,
      votes: r.total_votos_partido,
    });
  }
  return {
    districts: [...seats].map(([district, s]) => ({ district, seats: s })),
    votes: [...votes.values()],
  };
}

describe('computePreparedSeats on real counts', () => {
  const share = ratio(5, 100);
  it('2026 deputies and senators (ONPE ~86 %): the real rulesets, and the reference', () => {
    const deputies = capture2026(['diputado']);
    const r = agreeing(ruleset('pe-2026-diputados'), deputies);
    expect(Object.values(r.seats).reduce((a, b) => a + b, 0)).toBe(130);
    expectReference(agreeing(shareRuleset(share), deputies), shareRuleset(share), deputies, share);
    const senators = capture2026(['senado_regional']);
    agreeing(ruleset('pe-2026-senado'), senators);
    expectReference(agreeing(shareRuleset(share), senators), shareRuleset(share), senators, share);
  });

  it('2021 Congress (ONPE 93.8 %, the lists that won seats): the real ruleset, and the reference', () => {
    const input = partial2021();
    agreeing(ruleset('pe-2021-congreso'), input);
    expectReference(agreeing(shareRuleset(share), input), shareRuleset(share), input, share);
  });
});
