import { allocateSeats, type Draw, type SeatAllocation } from '../allocation/allocate.js';
import type { AllocationMethod } from '../allocation/methods.js';
import { hasErrors, issue, type Issue } from '../issues.js';
import { nameKey } from '../names.js';
import { percentHalfUp, type Ratio } from '../ratio.js';
import { createRng, shuffled, type Rng } from '../random.js';
import { checkNullity, type NullityReport } from '../rules/nullity.js';
import { electCandidates, type CandidatePreferences } from '../rules/preferential.js';
import { evaluateThreshold, type ExclusionReason } from '../rules/threshold.js';
import type { ListRuleset } from '../rulesets/ruleset.js';

export interface VoteRow {
  readonly district: string;
  readonly party: string;
  readonly votes: number;
  /** Number of parties in the party's alliance (1 or absent: not an alliance). */
  readonly alliance?: number | undefined;
}

export interface DistrictRow {
  readonly district: string;
  readonly seats: number;
  readonly blank?: number | undefined;
  readonly null?: number | undefined;
}

export interface CandidateRow {
  readonly district: string;
  readonly party: string;
  readonly candidate: string;
  readonly position: number;
  readonly votes: number;
}

export interface SeatInput {
  readonly votes: readonly VoteRow[];
  /** When given, these districts and seats replace the ruleset's table, names taken as they are. */
  readonly districts?: readonly DistrictRow[] | undefined;
  /** Optional registry of parties: any other party in the votes is an error. */
  readonly parties?: readonly string[] | undefined;
  /** Optional preferential votes: elected candidates are then named. */
  readonly candidates?: readonly CandidateRow[] | undefined;
}

export interface TieReport {
  readonly stage: 'allocation' | 'preliminary' | 'preferential' | 'single-seat-candidate';
  readonly district: string;
  readonly party?: string;
  readonly candidates: readonly string[];
  readonly seatsInContention: number;
  readonly resolution: 'unresolved' | 'more-votes' | 'lot';
}

export interface DrawRecord extends Draw {
  readonly stage: TieReport['stage'];
  readonly district: string;
  readonly party?: string;
}

export interface DistrictResult {
  readonly district: string;
  readonly totalSeats: number;
  readonly seats: Record<string, number>;
  readonly unallocated: number;
  readonly elected?: Record<string, readonly string[]>;
  readonly vacant?: number;
}

export interface SeatResult {
  readonly rules: string;
  readonly options: Readonly<Record<string, string>>;
  readonly totalSeats: number;
  readonly seats: Record<string, number>;
  readonly districts: readonly DistrictResult[];
  readonly passed: readonly string[];
  readonly excluded: readonly ({ readonly party: string } & ExclusionReasonJson)[];
  readonly ties: readonly TieReport[];
  readonly draws: readonly DrawRecord[];
  readonly votes: readonly {
    readonly party: string;
    readonly votes: number;
    readonly pctValid: string;
  }[];
  readonly preliminarySeats: Record<string, number> | null;
  readonly nullity: NullityReport | null;
  readonly issues: readonly Issue[];
}

type ExclusionReasonJson =
  | {
      readonly reason: 'below_share';
      readonly votes: number;
      readonly total: number;
      readonly required: string;
    }
  | {
      readonly reason: 'below_seats';
      readonly seats: number;
      readonly districtsWon: number;
      readonly required: number;
      readonly requiredDistricts: number;
    };

function ratioText(r: Ratio): string {
  return `${percentHalfUp(r.numerator, r.denominator, 3)}%`;
}

function reasonJson(r: ExclusionReason): ExclusionReasonJson {
  return r.reason === 'below_share'
    ? { reason: 'below_share', votes: r.votes, total: r.total, required: ratioText(r.required) }
    : r;
}

interface ResolvedDistrict {
  readonly name: string;
  readonly seats: number;
  readonly method: AllocationMethod;
  readonly blank: number | undefined;
  readonly null: number | undefined;
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Votes → seats for a list-PR ruleset: validate the input, apply the valla, allocate every
 * district, name the elected candidates when preferential votes are given. Pure: same input and
 * seed, same output; list order in the input never matters.
 * @see LOE arts. 20, 29–31 (Peru); LOREG arts. 162–163 (Spain).
 */
export function computeSeats(
  ruleset: ListRuleset,
  input: SeatInput,
  options: { readonly seed?: number | undefined } = {},
): SeatResult {
  const issues: Issue[] = [];
  // 1. districts
  const districts: ResolvedDistrict[] = [];
  const lookup = new Map<string, number>();
  const methodFor = (seats: number): AllocationMethod =>
    seats === 1 ? ruleset.singleSeatMethod : ruleset.method;
  if (input.districts !== undefined) {
    input.districts.forEach((d, i) => {
      const key = nameKey(d.district);
      if (lookup.has(key)) {
        issues.push(issue('duplicate_row', ['districts', i + 1], { district: d.district }));
        return;
      }
      if (!Number.isSafeInteger(d.seats) || d.seats < 0) {
        issues.push(
          issue('invalid_seats', ['districts', i + 1, 'seats'], {
            district: d.district,
            value: d.seats,
          }),
        );
        return;
      }
      lookup.set(key, districts.length);
      districts.push({
        name: d.district,
        seats: d.seats,
        method: methodFor(d.seats),
        blank: d.blank,
        null: d.null,
      });
    });
    const sum = districts.reduce((a, d) => a + d.seats, 0);
    if (sum !== ruleset.totalSeats) {
      issues.push(
        issue(
          'seats_total_mismatch',
          ['districts'],
          { expected: ruleset.totalSeats, actual: sum },
          'warning',
        ),
      );
    }
  } else {
    for (const d of ruleset.districts) {
      lookup.set(nameKey(d.name), districts.length);
      for (const a of d.aliases ?? []) lookup.set(nameKey(a), districts.length);
      districts.push({
        name: d.name,
        seats: d.seats,
        method: methodFor(d.seats),
        blank: undefined,
        null: undefined,
      });
    }
  }
  const totalSeats = districts.reduce((a, d) => a + d.seats, 0);

  // 2. votes matrix, parties in name order (input order never matters)
  const registry = input.parties ? new Set(input.parties.map(nameKey)) : null;
  const partyNames = [...new Set(input.votes.map((v) => v.party.trim()))].sort(byName);
  const partyIndex = new Map(partyNames.map((p, i) => [p, i]));
  const P = partyNames.length;
  const votes: number[][] = districts.map(() => new Array<number>(P).fill(0));
  const present: boolean[][] = districts.map(() => new Array<boolean>(P).fill(false));
  const alliance = new Array<number | undefined>(P).fill(undefined);
  input.votes.forEach((row, i) => {
    const path = ['votes', i + 1];
    const party = row.party.trim();
    if (party === '') {
      issues.push(issue('missing_field', [...path, 'party'], {}));
      return;
    }
    if (registry !== null && !registry.has(nameKey(party))) {
      issues.push(issue('unknown_party', [...path, 'party'], { party }));
      return;
    }
    if (!Number.isSafeInteger(row.votes) || row.votes < 0 || row.votes > 1e9) {
      issues.push(
        issue('invalid_votes', [...path, 'votes'], {
          party,
          district: row.district,
          value: row.votes,
        }),
      );
      return;
    }
    const d = lookup.get(nameKey(row.district));
    if (d === undefined) {
      issues.push(
        issue('unknown_district', [...path, 'district'], { district: row.district, party }),
      );
      return;
    }
    const p = partyIndex.get(party) as number;
    const dRow = present[d] as boolean[];
    if (dRow[p] === true) {
      issues.push(issue('duplicate_row', path, { district: districts[d]?.name, party }));
      return;
    }
    dRow[p] = true;
    (votes[d] as number[])[p] = row.votes;
    const members = row.alliance ?? 1;
    if (alliance[p] !== undefined && alliance[p] !== members) {
      issues.push(
        issue('alliance_mismatch', [...path, 'alliance'], {
          party,
          values: [alliance[p], members],
        }),
      );
    }
    alliance[p] = members;
  });
  districts.forEach((d, i) => {
    if (d.seats > 0 && !(present[i] as boolean[]).some(Boolean)) {
      issues.push(issue('district_without_votes', ['district', d.name], { seats: d.seats }));
    }
  });
  const needsBlank = JSON.stringify(ruleset.threshold ?? {}).includes('valid-and-blank');
  if (needsBlank && districts.some((d) => d.blank === undefined)) {
    issues.push(issue('blank_votes_required', ['districts'], { rules: ruleset.id }));
  }
  // candidates
  const candidates = new Map<string, CandidatePreferences[]>(); // key d|p
  if (input.candidates !== undefined) {
    input.candidates.forEach((c, i) => {
      const d = lookup.get(nameKey(c.district));
      const p = partyIndex.get(c.party.trim());
      if (d === undefined)
        return void issues.push(
          issue('unknown_district', ['candidates', i + 1, 'district'], { district: c.district }),
        );
      if (p === undefined)
        return void issues.push(
          issue('unknown_party', ['candidates', i + 1, 'party'], { party: c.party }),
        );
      if (!Number.isSafeInteger(c.votes) || c.votes < 0) {
        return void issues.push(
          issue('invalid_votes', ['candidates', i + 1, 'votes'], {
            candidate: c.candidate,
            value: c.votes,
          }),
        );
      }
      const key = `${d}|${p}`;
      const list = candidates.get(key) ?? [];
      if (list.some((x) => x.candidate === c.candidate)) {
        return void issues.push(
          issue('duplicate_row', ['candidates', i + 1], { candidate: c.candidate }),
        );
      }
      list.push({ candidate: c.candidate, position: c.position, votes: c.votes });
      candidates.set(key, list);
    });
  }
  if (ruleset.singleSeatWinner === 'candidate' && input.candidates === undefined) {
    issues.push(
      issue('candidate_votes_required', ['candidates'], { option: 'single-seat=candidate' }),
    );
  }

  const nationalVotes = partyNames.map((_, p) =>
    votes.reduce((a, row) => a + (row[p] as number), 0),
  );
  const validTotal = nationalVotes.reduce((a, b) => a + b, 0);
  const voteSummary = partyNames
    .map((party, p) => ({
      party,
      votes: nationalVotes[p] as number,
      pctValid: percentHalfUp(nationalVotes[p] as number, validTotal),
    }))
    .sort((a, b) => b.votes - a.votes || byName(a.party, b.party));
  const empty = (extra: Issue[] = []): SeatResult => ({
    rules: ruleset.id,
    options: ruleset.options,
    totalSeats,
    seats: {},
    districts: [],
    passed: [],
    excluded: [],
    ties: [],
    draws: [],
    votes: voteSummary,
    preliminarySeats: null,
    nullity: null,
    issues: [...issues, ...extra],
  });
  if (hasErrors(issues)) return empty();

  // 3. valla
  const ties: TieReport[] = [];
  const draws: DrawRecord[] = [];
  const rng: Rng | undefined = options.seed === undefined ? undefined : createRng(options.seed);
  const threshold = evaluateThreshold(ruleset.threshold, {
    districts: districts.map((d) => d.name),
    parties: partyNames,
    votes,
    blank: districts.map((d) => d.blank),
    allianceMembers: alliance.map((a) => a ?? 1),
    preliminary: (among) => {
      const contested = new Array<number>(P).fill(0);
      const seats = districts.map((d, di) => {
        const row = votes[di] as number[];
        const lists = partyNames.flatMap((party, p) =>
          among[p] === true && (row[p] as number) > 0 ? [{ party, votes: row[p] as number }] : [],
        );
        const a = allocateSeats({
          lists,
          seats: d.seats,
          method: d.method,
          tieBreak: { kind: 'report' },
        });
        if (a.tie !== null)
          for (const c of a.tie.candidates) contested[partyIndex.get(c) as number]! += 1;
        return partyNames.map((p) => a.seats.get(p) ?? 0);
      });
      return { seats, contested };
    },
  });
  for (const p of threshold.tieDependent) {
    issues.push(
      issue('threshold_tie', ['party', partyNames[p] as string], {
        preliminarySeats: threshold.preliminarySeats?.[p],
      }),
    );
  }

  // 4. allocation per district
  const totals = new Map<string, number>(partyNames.map((p) => [p, 0]));
  const districtResults: DistrictResult[] = districts.map((d, di) => {
    const row = votes[di] as number[];
    const eligibleRow = threshold.eligible[di] as readonly boolean[];
    const lists = partyNames.flatMap((party, p) =>
      eligibleRow[p] === true && (row[p] as number) > 0 ? [{ party, votes: row[p] as number }] : [],
    );
    if (d.seats > 0 && lists.length === 0) {
      issues.push(issue('no_eligible_list', ['district', d.name], { seats: d.seats }));
      return { district: d.name, totalSeats: d.seats, seats: {}, unallocated: d.seats };
    }
    const listCandidates = (party: string): CandidatePreferences[] | undefined =>
      input.candidates === undefined
        ? undefined
        : (candidates.get(`${di}|${partyIndex.get(party)}`) ?? []);
    // Reading B for single-seat districts: the most-voted candidate of the qualifying lists.
    if (d.seats === 1 && ruleset.singleSeatWinner === 'candidate') {
      return singleSeatByCandidate(
        d.name,
        lists,
        listCandidates,
        rng,
        options.seed,
        ties,
        draws,
        issues,
        totals,
      );
    }
    const caps =
      input.candidates !== undefined && ruleset.exhaustedList === 'next-quotient'
        ? new Map(lists.map((l) => [l.party, listCandidates(l.party)?.length ?? 0]))
        : undefined;
    const a: SeatAllocation = allocateSeats({
      lists,
      seats: d.seats,
      method: d.method,
      tieBreak: ruleset.tieBreak,
      rng,
      seed: options.seed,
      caps,
    });
    if (a.tie !== null) {
      ties.push({
        stage: 'allocation',
        district: d.name,
        candidates: a.tie.candidates,
        seatsInContention: a.tie.seatsInContention,
        resolution: a.tie.resolution,
      });
      if (a.tie.resolution === 'unresolved') {
        issues.push(
          issue('tie_unresolved', ['district', d.name], {
            candidates: a.tie.candidates,
            seats: a.tie.seatsInContention,
            policy: ruleset.tieBreak.kind,
          }),
        );
      }
    }
    if (a.draw !== null) draws.push({ ...a.draw, stage: 'allocation', district: d.name });
    for (const c of a.capped) {
      issues.push(
        issue(
          'insufficient_candidates',
          ['district', d.name, 'party', c.party],
          { seatsLost: c.seatsLost, rule: ruleset.exhaustedList },
          'warning',
        ),
      );
    }
    const seats: Record<string, number> = {};
    for (const [p, s] of a.seats) {
      if (s > 0) seats[p] = s;
      totals.set(p, (totals.get(p) ?? 0) + s);
    }
    let vacant = a.vacant;
    let elected: Record<string, readonly string[]> | undefined;
    if (input.candidates !== undefined) {
      elected = {};
      for (const [party, s] of Object.entries(seats)) {
        const e = electCandidates(listCandidates(party) ?? [], s);
        let names = [...e.elected];
        if (e.tie !== null) {
          const winners = resolveLot(e.tie.candidates, e.tie.seatsInContention, rng);
          ties.push({
            stage: 'preferential',
            district: d.name,
            party,
            candidates: [...e.tie.candidates].sort(byName),
            seatsInContention: e.tie.seatsInContention,
            resolution: winners ? 'lot' : 'unresolved',
          });
          if (winners) {
            draws.push({
              seed: options.seed ?? 0,
              candidates: [...e.tie.candidates].sort(byName),
              seats: e.tie.seatsInContention,
              winners,
              stage: 'preferential',
              district: d.name,
              party,
            });
            names = [...names, ...winners];
          } else {
            issues.push(
              issue('preferential_tie', ['district', d.name, 'party', party], {
                candidates: e.tie.candidates,
                seats: e.tie.seatsInContention,
              }),
            );
          }
        }
        if (e.shortBy > 0) {
          vacant += e.shortBy;
          issues.push(
            issue(
              'insufficient_candidates',
              ['district', d.name, 'party', party],
              { seatsLost: e.shortBy, rule: 'vacant' },
              'warning',
            ),
          );
        }
        elected[party] = names;
      }
    }
    return {
      district: d.name,
      totalSeats: d.seats,
      seats,
      unallocated: a.unallocated,
      ...(elected === undefined ? {} : { elected }),
      ...(vacant > 0 ? { vacant } : {}),
    };
  });

  // 5. summary
  const seatsOut: Record<string, number> = {};
  for (const [p, s] of [...totals].sort((a, b) => b[1] - a[1] || byName(a[0], b[0])))
    if (s > 0) seatsOut[p] = s;
  const passed = partyNames.filter((_, p) => threshold.eligible.some((row) => row[p] === true));
  const excluded = partyNames.flatMap((party, p) =>
    (threshold.reasons[p] ?? []).length > 0
      ? (threshold.reasons[p] ?? []).map((r) => ({ party, ...reasonJson(r) }))
      : [],
  );
  const prelim = threshold.preliminarySeats;
  const blank = districts.every((d) => d.blank !== undefined)
    ? districts.reduce((a, d) => a + (d.blank ?? 0), 0)
    : undefined;
  const nul = districts.every((d) => d.null !== undefined)
    ? districts.reduce((a, d) => a + (d.null ?? 0), 0)
    : undefined;
  return {
    rules: ruleset.id,
    options: ruleset.options,
    totalSeats,
    seats: seatsOut,
    districts: districtResults,
    passed,
    excluded,
    ties,
    draws,
    votes: voteSummary,
    preliminarySeats:
      prelim === null ? null : Object.fromEntries(partyNames.map((p, i) => [p, prelim[i] ?? 0])),
    nullity:
      blank !== undefined && nul !== undefined && ruleset.nullity !== null
        ? checkNullity({ valid: validTotal, blank, null: nul }, ruleset.nullity)
        : null,
    issues,
  };

  function resolveLot(
    cands: readonly string[],
    seats: number,
    r: Rng | undefined,
  ): string[] | null {
    if (r === undefined || ruleset.tieBreak.kind === 'report') return null;
    return shuffled([...cands].sort(byName), r)
      .slice(0, seats)
      .sort(byName);
  }
}

function singleSeatByCandidate(
  district: string,
  lists: readonly { party: string; votes: number }[],
  listCandidates: (party: string) => CandidatePreferences[] | undefined,
  rng: Rng | undefined,
  seed: number | undefined,
  ties: TieReport[],
  draws: DrawRecord[],
  issues: Issue[],
  totals: Map<string, number>,
): DistrictResult {
  const all = lists.flatMap((l) =>
    (listCandidates(l.party) ?? []).map((c) => ({ party: l.party, ...c })),
  );
  const best = Math.max(-1, ...all.map((c) => c.votes));
  const top = all.filter((c) => c.votes === best).sort((a, b) => byName(a.candidate, b.candidate));
  let winner = top.length === 1 ? top[0] : undefined;
  if (top.length > 1) {
    const names = top.map((c) => c.candidate);
    if (rng !== undefined) {
      const w = shuffled(names, rng)[0] as string;
      winner = top.find((c) => c.candidate === w);
      draws.push({
        seed: seed ?? 0,
        candidates: names,
        seats: 1,
        winners: [w],
        stage: 'single-seat-candidate',
        district,
      });
    } else {
      issues.push(issue('tie_unresolved', ['district', district], { candidates: names, seats: 1 }));
    }
    ties.push({
      stage: 'single-seat-candidate',
      district,
      candidates: names,
      seatsInContention: 1,
      resolution: rng ? 'lot' : 'unresolved',
    });
  }
  if (winner === undefined) return { district, totalSeats: 1, seats: {}, unallocated: 1 };
  totals.set(winner.party, (totals.get(winner.party) ?? 0) + 1);
  return {
    district,
    totalSeats: 1,
    seats: { [winner.party]: 1 },
    unallocated: 0,
    elected: { [winner.party]: [winner.candidate] },
  };
}
