import type { AllocationMethod } from '../allocation/methods.js';
import { issue, type Issue } from '../issues.js';
import { nameKey } from '../names.js';
import { seatsFromBands } from '../rules/apportion.js';
import type { CandidatePreferences } from '../rules/preferential.js';
import type { ListRuleset } from '../rulesets/ruleset.js';

export interface VoteRow {
  readonly district: string;
  readonly party: string;
  readonly votes: number;
  /** Number of parties in the party's alliance (1 or absent: not an alliance). */
  readonly alliance?: number | undefined;
  /** Position on the ballot (1 = first), for the `ballot-position` tie step. */
  readonly position?: number | undefined;
  /** Surplus-vote agreement (apparentment) the list belongs to in this district. */
  readonly group?: string | undefined;
}

export interface DistrictRow {
  readonly district: string;
  /** The district's seats; absent: from `population` by the ruleset's seat bands. */
  readonly seats?: number | undefined;
  /** Population, for a ruleset whose district sizes go by population bands (`seatBands`). */
  readonly population?: number | undefined;
  readonly blank?: number | undefined;
  readonly null?: number | undefined;
  /** Registered electors: the base of thresholds on `registered`. */
  readonly electorate?: number | undefined;
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
  /** Tags per party (e.g. `minority`), for threshold exemptions. */
  readonly tags?: Readonly<Record<string, readonly string[]>> | undefined;
  /** Optional preferential votes: elected candidates are then named. */
  readonly candidates?: readonly CandidateRow[] | undefined;
}

export interface ResolvedDistrict {
  readonly name: string;
  readonly seats: number;
  readonly method: AllocationMethod;
  readonly blank: number | undefined;
  readonly null: number | undefined;
  readonly electorate: number | undefined;
}

/** The input as matrices: districts × parties, parties in name order (input order never matters). */
export interface PreparedInput {
  readonly districts: readonly ResolvedDistrict[];
  readonly parties: readonly string[];
  readonly partyIndex: ReadonlyMap<string, number>;
  /** votes[d][p]. */
  readonly votes: readonly (readonly number[])[];
  readonly allianceMembers: readonly number[];
  readonly positions: readonly (number | undefined)[];
  readonly tags: readonly (readonly string[])[];
  /** Apparentment group of each list per district ([d][p], undefined: none). */
  readonly groups: readonly (readonly (string | undefined)[])[];
  /** Candidates of each list per district, key `d|p`; null when no candidate file was given. */
  readonly candidates: ReadonlyMap<string, readonly CandidatePreferences[]> | null;
  readonly issues: readonly Issue[];
}

/** Party identity: names that differ only by case, Unicode normalisation or spacing are one party. */
export function partyKey(name: string): string {
  return name.normalize('NFC').toUpperCase().replace(/\s+/g, ' ').trim();
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The ruleset's districts by name and alias (nameKey): each name's district index. */
export function districtIndex(ruleset: Pick<ListRuleset, 'districts'>): Map<string, number> {
  const index = new Map<string, number>();
  ruleset.districts.forEach((d, i) => {
    index.set(nameKey(d.name), i);
    for (const a of d.aliases ?? []) index.set(nameKey(a), i);
  });
  return index;
}

function resolveDistricts(
  ruleset: ListRuleset,
  input: SeatInput,
  issues: Issue[],
): { districts: ResolvedDistrict[]; lookup: Map<string, number> } {
  const methodFor = (seats: number): AllocationMethod =>
    seats === 1 ? ruleset.singleSeatMethod : ruleset.method;
  if (input.districts === undefined) {
    const districts: ResolvedDistrict[] = [];
    for (const d of ruleset.districts)
      districts.push({
        name: d.name,
        seats: d.seats,
        method: methodFor(d.seats),
        blank: undefined,
        null: undefined,
        electorate: d.electorate,
      });
    return { districts, lookup: districtIndex(ruleset) };
  }
  const districts: ResolvedDistrict[] = [];
  const lookup = new Map<string, number>();
  // --districts redefines the chamber: its seats are the house, names as given.
  input.districts.forEach((d, i) => {
    const key = nameKey(d.district);
    if (lookup.has(key)) {
      issues.push(issue('duplicate_row', ['districts', i + 1], { district: d.district }));
      return;
    }
    const seats = d.seats ?? bandSeats(ruleset, d);
    if (seats === undefined || !Number.isSafeInteger(seats) || seats < 0) {
      issues.push(
        issue('invalid_seats', ['districts', i + 1, 'seats'], {
          district: d.district,
          value: d.seats ?? null,
          ...(d.seats === undefined
            ? {
                population: d.population ?? null,
                problem: ruleset.seatBands
                  ? 'no seats, and no band of the ruleset for this population'
                  : 'no seats (this ruleset has no seat bands to size a district by population)',
              }
            : {}),
        }),
      );
      return;
    }
    lookup.set(key, districts.length);
    districts.push({
      name: d.district,
      seats,
      method: methodFor(seats),
      blank: d.blank,
      null: d.null,
      electorate: d.electorate,
    });
  });
  return { districts, lookup };
}

/** A district's seats from its population by the ruleset's bands (none without both). */
function bandSeats(ruleset: ListRuleset, d: DistrictRow): number | undefined {
  if (ruleset.seatBands === null || d.population === undefined) return undefined;
  return seatsFromBands(ruleset.seatBands, d.district, d.population);
}

/** The display name of each party: the first of its spellings in code-point order. */
function partyNames(rows: readonly VoteRow[]): { names: string[]; index: Map<string, number> } {
  const spelling = new Map<string, string>();
  for (const r of rows) {
    const name = r.party.normalize('NFC').trim();
    if (name === '') continue;
    const k = partyKey(name);
    const had = spelling.get(k);
    if (had === undefined || byName(name, had) < 0) spelling.set(k, name);
  }
  const names = [...spelling.values()].sort(byName);
  return { names, index: new Map(names.map((n, i) => [partyKey(n), i])) };
}

interface VoteMatrix {
  votes: number[][];
  alliance: (number | undefined)[];
  positions: (number | undefined)[];
  groups: (string | undefined)[][];
}

function readVotes(
  input: SeatInput,
  districts: readonly ResolvedDistrict[],
  lookup: ReadonlyMap<string, number>,
  index: ReadonlyMap<string, number>,
  issues: Issue[],
): VoteMatrix {
  const P = index.size;
  const m: VoteMatrix = {
    votes: districts.map(() => new Array<number>(P).fill(0)),
    alliance: new Array<number | undefined>(P).fill(undefined),
    positions: new Array<number | undefined>(P).fill(undefined),
    groups: districts.map(() => new Array<string | undefined>(P).fill(undefined)),
  };
  const present = districts.map(() => new Array<boolean>(P).fill(false));
  const registry = input.parties ? new Set(input.parties.map(partyKey)) : null;
  input.votes.forEach((row, i) => {
    const path = ['votes', i + 1];
    const party = row.party.normalize('NFC').trim();
    if (party === '') return void issues.push(issue('missing_field', [...path, 'party'], {}));
    if (registry !== null && !registry.has(partyKey(party)))
      return void issues.push(issue('unknown_party', [...path, 'party'], { party }));
    if (!Number.isSafeInteger(row.votes) || row.votes < 0 || row.votes > 1e9)
      return void issues.push(
        issue('invalid_votes', [...path, 'votes'], {
          party,
          district: row.district,
          value: row.votes,
        }),
      );
    const d = lookup.get(nameKey(row.district));
    if (d === undefined)
      return void issues.push(
        issue('unknown_district', [...path, 'district'], { district: row.district, party }),
      );
    const p = index.get(partyKey(party)) as number;
    const dRow = present[d] as boolean[];
    if (dRow[p] === true)
      return void issues.push(
        issue('duplicate_row', path, { district: districts[d]?.name, party }),
      );
    dRow[p] = true;
    (m.votes[d] as number[])[p] = row.votes;
    const members = row.alliance ?? 1;
    if (m.alliance[p] !== undefined && m.alliance[p] !== members)
      issues.push(
        issue('alliance_mismatch', [...path, 'alliance'], {
          party,
          values: [m.alliance[p], members],
        }),
      );
    m.alliance[p] = members;
    if (row.position !== undefined) m.positions[p] = row.position;
    if (row.group !== undefined && row.group !== '')
      (m.groups[d] as (string | undefined)[])[p] = row.group;
  });
  districts.forEach((d, i) => {
    const anyVotes = (present[i] as boolean[]).some(Boolean);
    if (d.seats > 0 && !anyVotes)
      issues.push(issue('district_without_votes', ['district', d.name], { seats: d.seats }));
    const cast = (m.votes[i] as number[]).reduce((a, b) => a + b, 0);
    if (d.seats === 0 && cast > 0)
      issues.push(
        issue('district_without_seats', ['district', d.name], { votes: cast }, 'warning'),
      );
  });
  return m;
}

function readCandidates(
  input: SeatInput,
  lookup: ReadonlyMap<string, number>,
  index: ReadonlyMap<string, number>,
  issues: Issue[],
): Map<string, CandidatePreferences[]> | null {
  if (input.candidates === undefined) return null;
  const candidates = new Map<string, CandidatePreferences[]>();
  input.candidates.forEach((c, i) => {
    const path = ['candidates', i + 1];
    const d = lookup.get(nameKey(c.district));
    const p = index.get(partyKey(c.party));
    if (d === undefined)
      return void issues.push(
        issue('unknown_district', [...path, 'district'], { district: c.district }),
      );
    if (p === undefined)
      return void issues.push(issue('unknown_party', [...path, 'party'], { party: c.party }));
    if (!Number.isSafeInteger(c.votes) || c.votes < 0)
      return void issues.push(
        issue('invalid_votes', [...path, 'votes'], { candidate: c.candidate, value: c.votes }),
      );
    const key = `${d}|${p}`;
    const list = candidates.get(key) ?? [];
    if (list.some((x) => x.candidate === c.candidate))
      return void issues.push(issue('duplicate_row', path, { candidate: c.candidate }));
    list.push({ candidate: c.candidate, position: c.position, votes: c.votes });
    candidates.set(key, list);
  });
  return candidates;
}

/** Validates the input against the ruleset and lays it out as matrices; every problem an issue. */
export function prepareSeatInput(ruleset: ListRuleset, input: SeatInput): PreparedInput {
  const issues: Issue[] = [];
  const { districts, lookup } = resolveDistricts(ruleset, input, issues);
  const { names, index } = partyNames(input.votes);
  const m = readVotes(input, districts, lookup, index, issues);
  const candidates = readCandidates(input, lookup, index, issues);
  if (ruleset.singleSeatWinner === 'candidate' && candidates === null)
    issues.push(
      issue('candidate_votes_required', ['candidates'], { option: 'single-seat=candidate' }),
    );
  const threshold = JSON.stringify(ruleset.threshold ?? {});
  if (threshold.includes('valid-and-blank') && districts.some((d) => d.blank === undefined))
    issues.push(issue('blank_votes_required', ['districts'], { rules: ruleset.id }));
  // a share of registered electors without them would be a share of 0: every list would pass
  const missing = districts.filter((d) => d.electorate === undefined).map((d) => d.name);
  if (threshold.includes('"registered"') && missing.length > 0)
    issues.push(issue('electorate_required', ['districts'], { rules: ruleset.id, missing }));
  const tagsByKey = new Map(
    Object.entries(input.tags ?? {}).map(([p, t]) => [partyKey(p), t] as const),
  );
  return {
    districts,
    parties: names,
    partyIndex: index,
    votes: m.votes,
    allianceMembers: m.alliance.map((a) => a ?? 1),
    positions: m.positions,
    tags: names.map((n) => tagsByKey.get(partyKey(n)) ?? []),
    groups: m.groups,
    candidates,
    issues,
  };
}
