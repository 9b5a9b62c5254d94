// Shared by the votelib-*.test.ts files: votelib's test cases translated into cifra's public API.
// votelib: https://github.com/simberaj/votelib (MIT). Each test names the votelib test it comes
// from as `simberaj/votelib <path> <test> @ <commit>`, where <commit> is the last commit that
// touched that test file (read from branch `coalition`, head f9b1c3a; identical on master 94af16c
// for every file used here except tests/test_system.py, which exists only on `coalition`).
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { ListVotes, SeatAllocation } from '../../src/core/allocation/allocate.js';
import type { SeatInput, SeatResult } from '../../src/core/pipeline/seats.js';
import { rulesetFromJson } from '../../src/core/rulesets/compile.js';
import type { ListRuleset } from '../../src/core/rulesets/ruleset.js';

/** Last commit touching each votelib test file (full hashes; titles use the first 7). */
export const VOTELIB_COMMITS = {
  'tests/component/test_divisor.py': '7f8133957c0fcb3f4795821da14926ba9502450e',
  'tests/component/test_quota.py': 'e6fb62ca557d860e709ae68584b0756806b0b072',
  'tests/evaluate/test_proportional.py': '1ec8b053e76a34c084579d2ad16c37698cd5c7d4',
  'tests/evaluate/test_threshold.py': 'e7ea78aa3404416b6e9f44f24f133ceda80232b8',
  'tests/evaluate/test_tiebreak.py': 'e6fb62ca557d860e709ae68584b0756806b0b072',
  'tests/evaluate/test_auxiliary.py': 'f5a77eb1455354ec50422a7556225267ce3492fa',
  'tests/evaluate/test_openlist.py': 'e6fb62ca557d860e709ae68584b0756806b0b072',
  'tests/test_system.py': 'd9a063abc106f5c7555b8d8f3b9d17e4a5c562a8',
  'tests/real/test_real_proportional.py': '89e1fd55c958a78342d829100092f847945bfd0d',
  'tests/real/test_real_mmp.py': 'd9a063abc106f5c7555b8d8f3b9d17e4a5c562a8',
  'tests/real/test_real_listbased.py': '0e0fc629c22ce477c9c68949cf0209f60546e743',
} as const;
export type VotelibTestFile = keyof typeof VOTELIB_COMMITS;

/** `simberaj/votelib <path> <test> @ <commit>`: the source named in a test's title. */
export function votelib(path: VotelibTestFile, test: string): string {
  return `simberaj/votelib ${path} ${test} @ ${VOTELIB_COMMITS[path].slice(0, 7)}`;
}

/**
 * A case that is not a votelib test: votelib's own output on an input chosen to probe one rule
 * of its source (research probe), named by the source file and symbol it exercises.
 */
export function votelibProbe(what: string): string {
  return `simberaj/votelib ${what} (probe of votelib's behaviour, not a votelib test) @ f9b1c3a`;
}

export const lists = (o: Readonly<Record<string, number>>): ListVotes[] =>
  Object.entries(o).map(([party, votes]) => ({ party, votes }));

/** Seats per list, lists without seats left out (votelib's dicts leave them out too). */
export const seatsOf = (m: ReadonlyMap<string, number>): Record<string, number> =>
  Object.fromEntries([...m].filter(([, s]) => s > 0));

/** votelib's tie result, `{party: seats, ..., tie: [{tied, seats}]}`, as the fixtures write it. */
export interface VotelibDistribution {
  readonly [party: string]: number | readonly { readonly tied: readonly string[]; seats: number }[];
}

/**
 * cifra's allocation in votelib's shape: seats of the lists that hold some, plus votelib's `Tie`
 * key as `tie: [{tied, seats}]` when seats stay in contention. cifra excludes the contested seats
 * from `seats` exactly as votelib keeps them out of the parties' own entries.
 */
export function asVotelib(a: SeatAllocation): VotelibDistribution {
  const out: Record<string, number | { tied: string[]; seats: number }[]> = seatsOf(a.seats);
  if (a.tie !== null && a.tie.resolution === 'unresolved')
    out['tie'] = [{ tied: [...a.tie.candidates], seats: a.tie.seatsInContention }];
  return out;
}

const RULESET_BASE = { format: 'cifra-ruleset/1', kind: 'list', label: 'votelib case' } as const;

/**
 * A list ruleset from a cifra-ruleset/1 JSON object (format, kind and a label filled in); the test
 * fails with the schema's issues when the file format cannot express it.
 */
export function listRuleset(json: Record<string, unknown>): ListRuleset {
  const r = rulesetFromJson({ ...RULESET_BASE, ...json });
  if (!r.ok) expect.fail(`ruleset rejected: ${JSON.stringify(r.error)}`);
  if (r.value.kind !== 'list') expect.fail('not a list ruleset');
  return r.value;
}

/** One national district: the votes as `computeSeats` rows. */
export function oneDistrict(
  votes: Readonly<Record<string, number>>,
  district = 'national',
  alliances: Readonly<Record<string, number>> = {},
): SeatInput['votes'] {
  return Object.entries(votes).map(([party, v]) => ({
    district,
    party,
    votes: v,
    ...(alliances[party] === undefined ? {} : { alliance: alliances[party] }),
  }));
}

/** `{district: {party: votes}}` as `computeSeats` rows. */
export function byDistrict(
  votes: Readonly<Record<string, Readonly<Record<string, number>>>>,
  alliances: Readonly<Record<string, number>> = {},
): SeatInput['votes'] {
  return Object.entries(votes).flatMap(([district, row]) => oneDistrict(row, district, alliances));
}

/** The lists that passed the threshold, most votes first (votelib's selector order). */
export function passedByVotes(r: SeatResult, votes: Readonly<Record<string, number>>): string[] {
  return [...r.passed].sort((a, b) => (votes[b] ?? 0) - (votes[a] ?? 0));
}

/** Seats per district of a result, lists without seats left out. */
export function districtSeats(r: SeatResult): Record<string, Record<string, number>> {
  return Object.fromEntries(r.districts.map((d) => [d.district, d.seats]));
}

/** The result has no issue of severity error (warnings allowed). */
export function expectNoErrors(r: SeatResult): void {
  expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
}

/**
 * "Strictly more than `percent` %" as a cifra share, for any valid-vote total up to `maxTotal`.
 * cifra's `share` conditions are `≥` (LOE art. 20: "al menos"); votelib's RelativeThreshold is
 * always strict. For integer votes v of a total T ≤ M, v/T > p/100 ⟺ 100v ≥ pT + 1 ⟺
 * v/T ≥ p/100 + 1/(100T), and p/100 + 1/(100M) lies in (p/100, p/100 + 1/(100T)], so the share
 * (pM + 1)/(100M) passes exactly the lists strictly above p %.
 */
export function strictlyAbove(percent: number, maxTotal = 10_000_000): string {
  return `${percent * maxTotal + 1}/${100 * maxTotal}`;
}

/** A file of test/fixtures/votelib/: numbers translated from votelib's test data. */
export function fixture<T>(name: string): T {
  return JSON.parse(
    readFileSync(new URL(`../fixtures/votelib/${name}`, import.meta.url), 'utf8'),
  ) as T;
}

/** Parses votelib's exact rationals as the fixtures encode them: 5, "5/2". */
export function rational(x: number | string): [number, number] {
  if (typeof x === 'number') return [x, 1];
  const [n, d] = x.split('/').map(Number);
  return [n as number, d ?? 1];
}
