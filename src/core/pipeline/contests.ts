import { issue, type Issue } from '../issues.js';
import type { ContestKind } from '../model/contests-manifest.js';
import { nameKey } from '../names.js';
import { seatsFromBands } from '../rules/apportion.js';
import { decidePresidentialRound, type PresidentialResult } from '../rules/presidential.js';
import type { ListRuleset, PresidentialRuleset } from '../rulesets/ruleset.js';
import { computeSeats, type DistrictResult, type TieReport } from './seats.js';

/** One contest's votes: a governor race, or a council (sized by seats or by population). */
export interface ContestInput {
  /** Unique within its set: a region name, or a ubigeo. */
  readonly key: string;
  readonly name: string;
  readonly region: string;
  readonly lists: readonly { readonly party: string; readonly votes: number }[];
  readonly seats?: number | undefined;
  readonly population?: number | undefined;
}

export type ContestSetInput =
  | {
      readonly kind: ContestKind;
      readonly ruleset: PresidentialRuleset;
      readonly contests: readonly ContestInput[];
    }
  | {
      readonly kind: ContestKind;
      readonly ruleset: ListRuleset;
      readonly contests: readonly ContestInput[];
    };

interface ContestBase {
  /** `<kind>/<key>`: the contest's id in the API. */
  readonly id: string;
  readonly kind: ContestKind;
  readonly key: string;
  readonly name: string;
  readonly region: string;
  readonly rules: string;
  readonly votes: readonly { readonly party: string; readonly votes: number }[];
}

export interface SingleWinnerContest extends ContestBase {
  readonly type: 'single-winner';
  readonly result: PresidentialResult;
}

export interface CouncilContest extends ContestBase {
  readonly type: 'council';
  /** Regidores or consejeros; null when its size is unknown (no seats, no population band). */
  readonly totalSeats: number | null;
  readonly seats: Readonly<Record<string, number>>;
  /** The list whose head takes the office (a mayor): null on an unresolved tie or no head office. */
  readonly head: string | null;
  /** The majority bonus, when it changed the winning list's seats. */
  readonly bonus: {
    readonly party: string;
    readonly before: number;
    readonly after: number;
  } | null;
  readonly ties: readonly TieReport[];
}

export type ContestResult = SingleWinnerContest | CouncilContest;

export interface ContestsResult {
  readonly contests: readonly ContestResult[];
  readonly issues: readonly Issue[];
}

/**
 * Every contest of a multi-contest election in one pass: single-winner rounds one by one, and each
 * set of councils through one `computeSeats` call (each council a district of its own, so the
 * majority bonus and the most-voted list are per council). Pure: the seed is the only randomness.
 */
export function computeContests(
  sets: readonly ContestSetInput[],
  options: { readonly seed?: number | undefined } = {},
): ContestsResult {
  const contests: ContestResult[] = [];
  const issues: Issue[] = [];
  for (const set of sets) {
    if (set.ruleset.kind === 'presidential') {
      const rs = set.ruleset;
      for (const c of set.contests) contests.push(singleWinner(set.kind, rs, c));
    } else {
      const r = councils(set.kind, set.ruleset, set.contests, options.seed);
      contests.push(...r.contests);
      issues.push(...r.issues);
    }
  }
  return { contests, issues };
}

function base(kind: ContestKind, rules: string, c: ContestInput): ContestBase {
  return {
    id: `${kind}/${c.key}`,
    kind,
    key: c.key,
    name: c.name,
    region: c.region,
    rules,
    votes: [...c.lists].sort((a, b) => b.votes - a.votes || (a.party < b.party ? -1 : 1)),
  };
}

function singleWinner(
  kind: ContestKind,
  rs: PresidentialRuleset,
  c: ContestInput,
): SingleWinnerContest {
  const result = decidePresidentialRound({
    candidates: c.lists.map((l) => ({ candidate: l.party, votes: l.votes })),
    round: rs.round,
    winner: { share: rs.winnerShare, strict: rs.strict, base: rs.base },
  });
  return { ...base(kind, rs.id, c), type: 'single-winner', result };
}

/** A council's size: its seats, else the ruleset's population bands (Ley 26864 art. 24). */
function councilSize(rs: ListRuleset, c: ContestInput): number | undefined {
  if (c.seats !== undefined) return c.seats;
  if (rs.seatBands === null || c.population === undefined) return undefined;
  return seatsFromBands(rs.seatBands, c.name, c.population);
}

function councils(
  kind: ContestKind,
  rs: ListRuleset,
  list: readonly ContestInput[],
  seed: number | undefined,
): ContestsResult {
  const issues: Issue[] = [];
  const sized = list.map((c) => ({ c, seats: councilSize(rs, c) }));
  for (const { c, seats } of sized)
    if (seats === undefined)
      issues.push(
        issue('invalid_seats', ['contests', `${kind}/${c.key}`], {
          district: c.name,
          value: null,
          population: c.population ?? null,
          problem: 'council size unknown: no seats and no population',
        }),
      );
  const known = sized.filter((s) => s.seats !== undefined);
  const r = computeSeats(
    rs,
    {
      votes: known.flatMap(({ c }) =>
        c.lists.map((l) => ({ district: c.key, party: l.party, votes: l.votes })),
      ),
      districts: known.map(({ c, seats }) => ({ district: c.key, seats })),
    },
    { seed },
  );
  issues.push(...r.issues);
  const byKey = new Map(r.districts.map((d) => [nameKey(d.district), d]));
  const ties = new Map<string, TieReport[]>();
  for (const t of r.ties)
    ties.set(nameKey(t.district), [...(ties.get(nameKey(t.district)) ?? []), t]);
  return {
    contests: sized.map(({ c }) =>
      councilOf(kind, rs, c, byKey.get(nameKey(c.key)), ties.get(nameKey(c.key)) ?? []),
    ),
    issues,
  };
}

function councilOf(
  kind: ContestKind,
  rs: ListRuleset,
  c: ContestInput,
  d: DistrictResult | undefined,
  ties: readonly TieReport[],
): CouncilContest {
  const bonus = d?.clauses?.find((x) => x.clause === 'majority-bonus');
  return {
    ...base(kind, rs.id, c),
    type: 'council',
    totalSeats: d?.totalSeats ?? null,
    seats: d?.seats ?? {},
    head: d?.head?.party ?? null,
    bonus: bonus ? { party: bonus.party, before: bonus.before, after: bonus.after } : null,
    ties,
  };
}

/** Posts one organisation won: offices decided, and the runoffs it is in. */
export interface OrganisationPosts {
  readonly party: string;
  readonly type: 'party' | 'regional-movement';
  /** Offices by contest kind: a governor, a mayor (the council's head). */
  readonly heads: Readonly<Partial<Record<ContestKind, number>>>;
  /** Seats by contest kind (regidores, consejeros). */
  readonly seats: Readonly<Partial<Record<ContestKind, number>>>;
  readonly runoffs: number;
}

export interface NationalPicture {
  readonly organisations: readonly OrganisationPosts[];
  /** The same, summed by type: national parties against regional movements. */
  readonly byType: readonly {
    readonly type: OrganisationPosts['type'];
    readonly organisations: number;
    readonly heads: number;
    readonly seats: number;
    readonly runoffs: number;
  }[];
  /** Contests not decided: runoffs, unresolved ties, unknown sizes, nothing counted. */
  readonly open: readonly string[];
}

/**
 * Posts won per organisation over every contest, and parties against regional movements: an
 * organisation is a party when the manifest names it one (matched by name key).
 */
export function nationalPicture(
  contests: readonly ContestResult[],
  nationalParties: readonly string[],
): NationalPicture {
  const parties = new Set(nationalParties.map(nameKey));
  const orgs = new Map<
    string,
    { heads: Record<string, number>; seats: Record<string, number>; runoffs: number }
  >();
  const at = (p: string) => {
    const o = orgs.get(p) ?? { heads: {}, seats: {}, runoffs: 0 };
    orgs.set(p, o);
    return o;
  };
  const add = (r: Record<string, number>, k: string, n: number): void =>
    void (r[k] = (r[k] ?? 0) + n);
  const open: string[] = [];
  for (const c of contests) {
    if (c.type === 'single-winner') {
      const o = c.result.outcome;
      if (o.kind === 'winner') add(at(o.winner).heads, c.kind, 1);
      else if (o.kind === 'runoff') for (const p of o.pair) at(p).runoffs += 1;
      if (o.kind !== 'winner') open.push(c.id);
      continue;
    }
    if (c.head !== null) add(at(c.head).heads, c.kind, 1);
    for (const [p, n] of Object.entries(c.seats)) if (n > 0) add(at(p).seats, c.kind, n);
    if (c.totalSeats === null || c.head === null) open.push(c.id);
  }
  const organisations = [...orgs]
    .map(([party, o]): OrganisationPosts => ({
      party,
      type: parties.has(nameKey(party)) ? 'party' : 'regional-movement',
      heads: o.heads,
      seats: o.seats,
      runoffs: o.runoffs,
    }))
    .sort(
      (a, b) =>
        total(b.heads) - total(a.heads) ||
        total(b.seats) - total(a.seats) ||
        (a.party < b.party ? -1 : 1),
    );
  return { organisations, byType: byType(organisations), open };
}

const total = (r: Readonly<Record<string, number | undefined>>): number =>
  Object.values(r).reduce<number>((a, b) => a + (b ?? 0), 0);

function byType(orgs: readonly OrganisationPosts[]): NationalPicture['byType'] {
  return (['party', 'regional-movement'] as const).map((type) => {
    const of = orgs.filter((o) => o.type === type);
    return {
      type,
      organisations: of.length,
      heads: of.reduce((a, o) => a + total(o.heads), 0),
      seats: of.reduce((a, o) => a + total(o.seats), 0),
      runoffs: of.reduce((a, o) => a + o.runoffs, 0),
    };
  });
}
