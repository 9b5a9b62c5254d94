import { z } from 'zod';
import { issue, IssueSchema } from '../core/issues.js';
import { ClassificationBasisSchema, ContestKindSchema } from '../core/model/contests-manifest.js';
import { StatusSchema } from '../core/model/manifest.js';
import { nameKey } from '../core/names.js';
import { NoteSchema } from '../core/model/note.js';
import { RoundOutcomeSchema } from '../core/model/outcome.js';
import {
  computeContests,
  decidedWinner,
  leaderOf,
  nationalPicture,
  type ContestResult,
  type ContestsResult,
  type NationalPicture,
} from '../core/pipeline/contests.js';
import { TIE_RESOLUTIONS } from '../core/pipeline/seats.js';
import { UNALLOCATED_REASONS } from '../core/pipeline/unallocated-reason.js';
import { builtInContestsIds, loadContests, type LoadedContests } from '../elections/contests.js';
import { partyColorTable } from '../elections/party-colors.js';
import { loadRuleset } from '../elections/rulesets.js';
import { requireJurisdiction, timeZoneOf } from '../jurisdictions/load.js';
import type { Found } from './service.js';

/**
 * Multi-contest elections (ERM) for the API and the CLI: every contest computed in one pass,
 * once per election and seed, then served whole (the national picture) or one contest at a time.
 */

const Votes = z.array(z.object({ party: z.string(), votes: z.number().int() }));
const Tally = z.record(z.string(), z.number().int());
const SecondRound = z
  .object({ id: z.string(), winner: z.string().nullable() })
  .nullable()
  .describe(
    'A first round decided in the second round: that contest, and its winner once settled (null: still open)',
  );
const Decided = z
  .enum(['source-final', 'mathematically'])
  .nullable()
  .describe(
    "Whether the outcome (a governor's winner or runoff pair, a council's head: its mayor) is a fact yet. source-final: the source says the contest's count is over (a final status, or 100 % of its actas); mathematically: no split of the votes still to count (at most the actas not counted × a mesa's most electors) could change it; null: neither — the outcome is only the standing, said as who leads",
  );

const SeatsDecided = z
  .enum(['source-final', 'mathematically'])
  .nullable()
  .describe(
    "Whether a council's seats are a fact yet. source-final: the source's count is over (no lot took part, or a lot not drawn for a last seat that cannot move an allocated seat: those are decided, the lot's stay unallocated); mathematically: no split of the votes still to count could move a seat (the cifra repartidora's quotients and the majority bonus checked against them, Ley 26864 arts. 25–26); null: the seats are only the allocation of the votes counted, and can change (always null for a governor)",
  );

export const ContestSummarySchema = z.object({
  id: z
    .string()
    .describe('`<kind>/<key>`: the path of the contest under /api/v1/contests/{election}/'),
  kind: ContestKindSchema,
  name: z.string(),
  region: z.string(),
  winner: z
    .string()
    .nullable()
    .describe(
      'The governor elected outright or in a settled second round, or the list whose head is mayor, once decided; null: not decided',
    ),
  leader: z
    .string()
    .nullable()
    .describe(
      'The list ahead on the votes counted so far, decided or not (null: nothing counted, or two level at the top)',
    ),
  decided: Decided,
  runoff: z
    .tuple([z.string(), z.string()])
    .nullable()
    .describe('The second-round pair on the votes counted (settled only when decided is not null)'),
  secondRound: SecondRound,
  totalSeats: z
    .number()
    .int()
    .nullable()
    .describe('Council seats (null: size unknown, or a governor)'),
  seatsDecided: SeatsDecided,
});

export const ContestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('single-winner'),
    id: z.string(),
    key: z.string().describe("the contest's key within its kind: the last part of `id`"),
    kind: ContestKindSchema,
    name: z.string(),
    region: z.string(),
    rules: z.string(),
    votes: Votes,
    decided: Decided,
    secondRound: SecondRound,
    result: z
      .object({
        outcome: RoundOutcomeSchema,
        valid: z.number().int(),
        candidates: z.array(
          z.object({
            candidate: z.string(),
            votes: z.number().int(),
            pctValid: z.string().nullable().describe('null: no valid votes (no share of nothing)'),
          }),
        ),
      })
      .passthrough(),
  }),
  z.object({
    type: z.literal('council'),
    id: z.string(),
    key: z.string().describe("the contest's key within its kind: the last part of `id`"),
    kind: ContestKindSchema,
    name: z.string(),
    region: z.string(),
    rules: z.string(),
    votes: Votes,
    decided: Decided,
    totalSeats: z.number().int().nullable(),
    seats: Tally.describe('Seats on the votes counted: won once seatsDecided is not null'),
    unallocated: z
      .number()
      .int()
      .describe('Seats no list holds yet (see unallocatedReason); 0 when every seat is in seats'),
    unallocatedReason: z
      .enum(UNALLOCATED_REASONS)
      .nullable()
      .describe(
        'Why seats are unallocated, as the seat engine says: not_counted (no vote counted yet: every list at 0 and no blank or null vote; with list votes alone, every list at 0), no_eligible_list (no list may take part, or every vote counted was blank or null), tie (a lot not drawn, no seed: under the majority bonus a tie for the most-voted list holds back every seat, since the bonus goes to the list the lot names); null when unallocated is 0',
      ),
    seatsDecided: SeatsDecided,
    head: z
      .string()
      .nullable()
      .describe(
        'The most-voted list on the votes counted, whose first candidate is mayor once decided',
      ),
    bonus: z
      .object({ party: z.string(), before: z.number().int(), after: z.number().int() })
      .nullable()
      .describe('The majority bonus, when it gave the winning list more seats: ⌈n/2⌉ + 1'),
    ties: z.array(
      z
        .object({
          stage: z.string(),
          candidates: z.array(z.string()),
          resolution: z
            .enum(TIE_RESOLUTIONS)
            .describe(
              "unresolved: a lot not drawn (no seed); lot: drawn by cifra's seed, not the official sorteo",
            ),
        })
        .passthrough(),
    ),
    drawSeed: z
      .number()
      .int()
      .nullable()
      .describe(
        "The council's own seed for its lots, from the election's seed and the contest id (null: no seed); `cifra seats --seed` with it replays its sorteo alone",
      ),
  }),
]);

const SeatsIn = z.object({ seats: z.number().int(), councils: z.number().int() });
const Heads = z.partialRecord(ContestKindSchema, z.number().int());

export const ContestsElectionSchema = z.object({
  id: z.string(),
  label: z.object({ es: z.string(), en: z.string() }),
  date: z.string(),
  status: StatusSchema,
  timeZone: z
    .string()
    .describe(
      "The jurisdiction's IANA time zone, the cut's on screens (Peru: America/Lima; UTC when it gives none)",
    ),
  notes: z.array(NoteSchema),
  seed: z.number().int().nullable().describe('The seed of the draws of lots (null: ties reported)'),
  sets: z.array(
    z.object({
      kind: ContestKindSchema,
      label: z.object({ es: z.string(), en: z.string() }),
      rules: z.string(),
      contests: z.number().int(),
      status: StatusSchema.describe("The set's count: its own status, else the election's"),
    }),
  ),
  national: z.object({
    organisations: z.array(
      z.object({
        party: z.string(),
        type: z.enum(['party', 'regional-movement']),
        heads: Heads.describe('Offices won by contest kind: governors, mayors'),
        seats: Heads.describe(
          'Seats decided by contest kind (regidores, consejeros): no vote still out can move them',
        ),
        seatsOpen: Heads.describe(
          'Seats on the votes counted in councils whose seats are not decided, by contest kind: they can change',
        ),
        runoffs: z.number().int(),
        leading: Heads.describe(
          'Offices it leads on the votes counted that are not decided yet, by contest kind',
        ),
        color: z
          .string()
          .nullable()
          .describe(
            "The party's colour in the jurisdiction's table, the same in every election; null: none (a regional movement)",
          ),
      }),
    ),
    byType: z.array(
      z.object({
        type: z.enum(['party', 'regional-movement']),
        organisations: z.number().int(),
        heads: z.number().int(),
        seats: z.number().int().describe('seats decided'),
        seatsOpen: z.number().int().describe('seats on the votes counted, not decided'),
        runoffs: z.number().int(),
        leading: z.number().int(),
      }),
    ),
    open: z
      .array(z.string())
      .describe('Contests not decided: runoffs, ties, unknown sizes, votes still out'),
    unassigned: z
      .object({
        lot: SeatsIn.describe(
          'Seats a tie holds back until its lot is drawn (no seed given): a tie for the last seat holds that seat, a tie for the most-voted list (the mayor) every seat of its council, since the majority bonus goes to the list the lot names',
        ),
        notCounted: SeatsIn.describe(
          'Seats of councils with no vote counted yet (unallocatedReason not_counted): the count, not the lists, leaves them open',
        ),
        noEligibleList: SeatsIn.describe(
          'Seats of councils where votes were counted but no list may take part (no_eligible_list): nobody to fill them',
        ),
        unknownSizeCouncils: z
          .number()
          .int()
          .describe('Councils whose size is unknown (invalid_seats): their seats are not counted'),
      })
      .describe(
        'Council seats neither decided nor on the count, so that every seat is accounted for: seatsTotal = Σ seats + Σ seatsOpen + lot.seats + notCounted.seats + noEligibleList.seats',
      ),
    seatsTotal: z
      .number()
      .int()
      .describe('Every seat of the councils whose size is known, whatever its state'),
    classificationBasis: ClassificationBasisSchema,
    classification: NoteSchema.describe(
      'How parties were told from regional movements (the manifest’s nationalParties.source): inferred from the files or from a registry',
    ),
  }),
  contests: z.array(ContestSummarySchema),
  issues: z.array(IssueSchema),
});
export type ContestsElectionDocument = z.infer<typeof ContestsElectionSchema>;

interface Computed {
  readonly loaded: LoadedContests;
  readonly result: ContestsResult;
  readonly byId: ReadonlyMap<string, ContestResult>;
}

/** Computed elections by `id:seed:bonus`; a handful at most (ids are bundled, seeds few in practice). */
const computed = new Map<string, Computed>();
const MAX_COMPUTED = 8;

/** `off`: the what-if without the majority bonus, through the rulesets' `majority-bonus` option. */
export type Bonus = 'on' | 'off';

/** The sets with the bonus switched off in every ruleset that declares the option. */
function withoutBonus(sets: LoadedContests['sets']): Found<LoadedContests['sets']> {
  const out: LoadedContests['sets'][number][] = [];
  for (const s of sets) {
    if (
      s.ruleset.kind !== 'list' ||
      !s.ruleset.optionSpecs.some((o) => o.name === 'majority-bonus')
    ) {
      out.push(s);
      continue;
    }
    const rs = loadRuleset(s.ruleset.id, { ...s.ruleset.options, 'majority-bonus': 'off' });
    if (!rs.ok) return { ok: false, issues: rs.error };
    if (rs.value.kind !== 'list') throw new Error(`${s.ruleset.id}: not a list ruleset`);
    out.push({ ...s, ruleset: rs.value });
  }
  return { ok: true, value: out };
}

function compute(id: string, seed: number | undefined, bonus: Bonus = 'on'): Found<Computed> {
  // the memo first: a key is only stored once its id has passed the check below
  const key = `${id}:${seed ?? ''}:${bonus}`;
  const hit = computed.get(key);
  if (hit) return { ok: true, value: hit };
  const known = builtInContestsIds();
  if (!known.includes(id))
    return {
      ok: false,
      issues: [issue('unknown_election', ['election'], { election: id, known })],
    };
  const loaded = loadContests(id);
  if (!loaded.ok) return { ok: false, issues: loaded.error };
  const sets =
    bonus === 'off'
      ? withoutBonus(loaded.value.sets)
      : { ok: true as const, value: loaded.value.sets };
  if (!sets.ok) return sets;
  const result = computeContests(sets.value, { seed });
  const value = {
    loaded: loaded.value,
    result,
    byId: new Map(result.contests.map((c) => [c.id, c])),
  };
  if (computed.size >= MAX_COMPUTED) computed.delete(computed.keys().next().value as string);
  computed.set(key, value);
  return { ok: true, value };
}

function summary(c: ContestResult): z.infer<typeof ContestSummarySchema> {
  const base = {
    id: c.id,
    kind: c.kind,
    name: c.name,
    region: c.region,
    winner: decidedWinner(c),
    leader: leaderOf(c),
    decided: c.decided,
  };
  if (c.type === 'council')
    return {
      ...base,
      runoff: null,
      secondRound: null,
      totalSeats: c.totalSeats,
      seatsDecided: c.seatsDecided,
    };
  const o = c.result.outcome;
  return {
    ...base,
    runoff: o.kind === 'runoff' ? [o.pair[0], o.pair[1]] : null,
    secondRound: c.secondRound,
    totalSeats: null,
    seatsDecided: null,
  };
}

/** The whole election: its sets, the national picture and every contest in brief. */
export function getContestsElection(
  id: string,
  options: {
    readonly seed?: number | undefined;
    readonly kind?: string | undefined;
    readonly bonus?: Bonus | undefined;
  } = {},
): Found<ContestsElectionDocument> {
  const r = compute(id, options.seed, options.bonus);
  if (!r.ok) return r;
  const { loaded, result } = r.value;
  const m = loaded.manifest;
  const contests = result.contests.filter(
    (c) => options.kind === undefined || c.kind === options.kind,
  );
  return {
    ok: true,
    value: {
      id: m.id,
      label: m.label,
      date: m.date,
      status: m.status,
      timeZone: timeZoneOf(requireJurisdiction(m.jurisdiction)),
      notes: m.notes,
      seed: options.seed ?? null,
      sets: loaded.sets.map((s, i) => ({
        kind: s.kind,
        label: m.contestSets[i]?.label ?? { es: s.kind, en: s.kind },
        rules: s.ruleset.id,
        contests: s.contests.length,
        status: m.contestSets[i]?.status ?? m.status,
      })),
      national: {
        ...mutable(nationalPicture(result.contests, m.nationalParties.names), m.jurisdiction),
        classificationBasis: m.nationalParties.basis,
        classification: m.nationalParties.source,
      },
      contests: contests.map(summary),
      issues: [...loaded.warnings, ...result.issues].map((i) => ({ ...i, path: [...i.path] })),
    },
  };
}

/** The national picture as served: each organisation with its colour in the party table. */
function mutable(
  n: NationalPicture,
  jurisdiction: string,
): Omit<ContestsElectionDocument['national'], 'classification' | 'classificationBasis'> {
  const table = partyColorTable(jurisdiction);
  return {
    organisations: n.organisations.map((o) => ({
      ...o,
      color: table.get(nameKey(o.party)) ?? null,
    })),
    byType: [...n.byType],
    open: [...n.open],
    unassigned: {
      lot: { ...n.unassigned.lot },
      notCounted: { ...n.unassigned.notCounted },
      noEligibleList: { ...n.unassigned.noEligibleList },
      unknownSizeCouncils: n.unassigned.unknownSizeCouncils,
    },
    seatsTotal: n.seatsTotal,
  };
}

/** One contest in full: its votes, and its outcome or its seats, head and majority bonus. */
export function getContest(
  id: string,
  contestId: string,
  seed?: number,
  bonus: Bonus = 'on',
): Found<ContestResult> {
  const r = compute(id, seed, bonus);
  if (!r.ok) return r;
  const c = r.value.byId.get(contestId);
  return c
    ? { ok: true, value: c }
    : {
        ok: false,
        issues: [
          issue('unknown_contest', ['contest'], {
            contest: contestId,
          }),
        ],
      };
}
