import { seatsOpen } from '../core/pipeline/seats-open.js';
import { z } from 'zod';
import { hasErrors, issue, type Issue } from '../core/issues.js';
import { seatDiff, type SeatDiff } from '../core/pipeline/seat-diff.js';
import { computeSeats, type DistrictRow, type SeatResult } from '../core/pipeline/seats.js';
import { rulesetFromJson } from '../core/rulesets/compile.js';
import { whatIfRulesetFile, type RulesetLimits } from '../core/rulesets/overrides.js';
import type { ListRuleset } from '../core/rulesets/ruleset.js';
import { withBundledElectorate } from '../elections/electorates.js';
import { readRulesetSource } from '../elections/rulesets.js';
import type { Store } from '../store/store.js';
import { districtRows } from './seats.js';
import { electionWithJurisdiction, seatInput, type Found } from './service.js';
import { figuresStatus, type FiguresStatus } from './status.js';

/**
 * What-if seats: an election's current votes at its electoral-district level through another
 * ruleset (a whole file, or a merge patch onto the election's), compared with the seats under
 * the election's own ruleset. The seats service's input and engine, bounded for public use.
 */

/** The largest house and district table a what-if computes (real chambers stay well below). */
export const WHAT_IF_LIMITS: RulesetLimits = { maxSeats: 1000, maxDistricts: 1000 };
/** How deep a body may nest (ruleset files need about 10 levels). */
export const WHAT_IF_MAX_DEPTH = 32;

export const WhatIfBodySchema = z.strictObject({
  election: z.string().min(1).max(100).describe('An election id (`GET /api/v1/elections`).'),
  // the object itself, as JSON.parse made it (a record schema would rebuild it and drop a
  // "__proto__" key silently; the ruleset schema must see it to reject it)
  rules: z
    .custom<Record<string, unknown>>(
      (x) => typeof x === 'object' && x !== null && !Array.isArray(x),
      { message: 'expected an object: a ruleset file or a merge patch' },
    )
    .meta({
      type: 'object',
      description:
        'A whole ruleset file (cifra-ruleset/1: it has "format"), or an RFC 7386 merge patch onto the election’s ruleset as in force (its option switches resolved by `options`); absent: the election’s ruleset.',
    })
    .default({}),
  options: z
    .record(z.string().max(64), z.string().max(64))
    .default({})
    .describe('Ruleset options by name (`GET /api/v1/rulesets/{id}` lists them).'),
  whatIf: z
    .strictObject({
      method: z
        .string()
        .min(1)
        .max(64)
        .optional()
        .describe(
          'The method of multi-seat districts: "sainte-lague", "modified-sainte-lague:1.2", "hare", …',
        ),
      threshold: z
        .string()
        .min(1)
        .max(32)
        .optional()
        .describe(
          'Every share of the valla becomes this ("4%", "1/20"; at most 100 %: "5" is refused as 500 %), or "none"; base and scope stay as the ruleset has them.',
        ),
      seats: z
        .number()
        .int()
        .min(1)
        .max(WHAT_IF_LIMITS.maxSeats)
        .optional()
        .describe('The house size: one district takes it whole, or districts apportioned anew.'),
    })
    .default({})
    .describe('The changes of `cifra seats --method/--threshold/--seats`, applied after `rules`.'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(999_999_999)
    .optional()
    .describe('Seed of the recorded draw of lots for ties, for both results.'),
});
export type WhatIfBody = z.infer<typeof WhatIfBodySchema>;

/** The what-if's seat result on the election's votes, and how it differs from the election's own. */
export interface WhatIfComputation extends SeatResult {
  readonly election: string;
  readonly diff: SeatDiff;
}

/**
 * A what-if as the API serves it and `cifra seats --election … --format json` prints it: the
 * seats document's shape (the seat result under `result`, computed by cifra), with the status and
 * source of the votes it read and the difference from the election's own ruleset beside it.
 */
export interface WhatIfDocument {
  readonly election: string;
  readonly kind: 'list';
  readonly computedBy: 'cifra';
  readonly status: FiguresStatus;
  /** The seats are open on these votes (seatsOpen), as the seats document says it. */
  readonly open: boolean;
  readonly result: SeatResult;
  readonly diff: SeatDiff;
}

/** The one builder of a what-if document (API and CLI), from a computation and its votes' status. */
export function whatIfDocument(c: WhatIfComputation, status: FiguresStatus): WhatIfDocument {
  const { election, diff, ...result } = c;
  const open = seatsOpen(status);
  return { election, kind: 'list', computedBy: 'cifra', status, open, result, diff };
}

const failed = (issues: readonly Issue[]): { ok: false; issues: readonly Issue[] } => ({
  ok: false,
  issues,
});

/** Whether a JSON value nests deeper than `max` (iterative: a deep body cannot blow the stack). */
function deeperThan(x: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[x, 0]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [v, depth] = top;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const c of Object.values(v)) stack.push([c, depth + 1]);
  }
  return false;
}

/** A parsed JSON body as a what-if request, or coded issues with the body's paths. */
export function parseWhatIfBody(raw: unknown): Found<WhatIfBody> {
  if (deeperThan(raw, WHAT_IF_MAX_DEPTH))
    return failed([issue('query_too_costly', ['body'], { maxDepth: WHAT_IF_MAX_DEPTH })]);
  const r = WhatIfBodySchema.safeParse(raw);
  if (r.success) return { ok: true, value: r.data };
  return failed(
    r.error.issues.map((i) =>
      issue(
        'invalid_query',
        ['body', ...i.path.map((p) => (typeof p === 'number' ? p : String(p)))],
        {
          message: i.message,
        },
      ),
    ),
  );
}

const WHAT_IF_FIELDS: ReadonlySet<unknown> = new Set(['method', 'threshold', 'seats']);

/** Issues of the ruleset, its options and the what-if changes, at their place in the body. */
function inBody(issues: readonly Issue[]): Issue[] {
  return issues.map((i) => {
    const [head, ...rest] = i.path;
    if (head === 'option') return { ...i, path: ['options', ...rest] };
    if (i.code === 'invalid_option' && WHAT_IF_FIELDS.has(head))
      return { ...i, path: ['whatIf', ...i.path] };
    return head === 'rules' ? i : { ...i, path: ['rules', ...i.path] };
  });
}

/** The election's own ruleset (default options) and the what-if's, both list rulesets. */
function rulesetsOf(
  election: string,
  ref: string,
  body: WhatIfBody,
): Found<{ own: ListRuleset; changed: ListRuleset }> {
  const src = readRulesetSource(ref);
  if (!src.ok) return failed(src.error);
  const own = rulesetFromJson(src.value.json);
  if (!own.ok) return failed(own.error);
  if (own.value.kind !== 'list')
    return failed([issue('not_a_list_election', ['election'], { election, ruleset: ref })]);
  // a new house size is apportioned from the electorate: the bundled padrón where the ruleset
  // file has none (as `cifra apportion`), read by the same function
  const base =
    body.whatIf.seats === undefined
      ? { file: src.value.json, issues: [] }
      : withBundledElectorate(src.value.json, ref);
  if (hasErrors(base.issues)) return failed(base.issues);
  const file = whatIfRulesetFile(base.file, body.rules, body.options);
  if (!file.ok) return failed(inBody(file.error));
  const changed = rulesetFromJson(file.value, body.options, body.whatIf, WHAT_IF_LIMITS);
  if (!changed.ok) return failed(inBody(changed.error));
  if (changed.value.kind !== 'list')
    return failed([issue('not_a_list_election', ['rules', 'kind'], { kind: 'single-winner' })]);
  return { ok: true, value: { own: own.value, changed: changed.value } };
}

/** A what-if's computation, read from the store: clonable, so a worker thread can run it. */
export interface WhatIfJob {
  readonly election: string;
  /** The election's own ruleset id. */
  readonly ruleset: string;
  readonly body: WhatIfBody;
  readonly votes: SeatVotes;
  /**
   * Blank and null votes per district where the source has them (Spain's valla counts blank
   * votes, LOREG art. 163.1.a; Peru's nullity, Const. art. 184), read into each ruleset's table.
   */
  readonly districts?: readonly DistrictRow[] | undefined;
}
type SeatVotes = Parameters<typeof computeSeats>[1]['votes'];
export type WhatIfOutcome = Found<WhatIfComputation>;
/** Runs the computation: here (the CLI, tests) or on a worker thread (the server). */
export type WhatIfRunner = (job: WhatIfJob) => Promise<WhatIfOutcome>;

/**
 * The two seat computations of a what-if: the election's votes under its own ruleset and under
 * the changed one, and their difference. No I/O but the built-in ruleset files (and bundled
 * padrón, for a new house size); bounded by
 * WHAT_IF_LIMITS.
 */
export function computeWhatIf(job: WhatIfJob): WhatIfOutcome {
  const rulesets = rulesetsOf(job.election, job.ruleset, job.body);
  if (!rulesets.ok) return rulesets;
  const { votes, districts } = job;
  // the same input as the election's own seats (getSeats): its votes, blank and null
  const input = (rs: ListRuleset) => ({
    votes,
    ...(districts === undefined ? {} : { districts: districtRows(rs, districts) }),
  });
  const seed = { seed: job.body.seed };
  const before = computeSeats(rulesets.value.own, input(rulesets.value.own), seed);
  if (before.districts.length === 0 && hasErrors(before.issues)) return failed(before.issues);
  const after = computeSeats(rulesets.value.changed, input(rulesets.value.changed), seed);
  if (after.districts.length === 0 && hasErrors(after.issues)) return failed(after.issues);
  return { ok: true, value: { election: job.election, ...after, diff: seatDiff(before, after) } };
}

/** The computation on this thread. */
export const whatIfHere: WhatIfRunner = async (job) => computeWhatIf(job);

/**
 * Seats of a stored list election under a what-if ruleset, with the difference from its seats
 * under its own ruleset (both computed from the same current votes; the baseline is cifra's
 * computation even where an authority published the seats). The store read here, the seat
 * computations by `run` (a worker pool on the server).
 * @example whatIfSeats(store, { election: 'x', rules: {}, options: {}, whatIf: { threshold: '4%' } })
 */
export async function whatIfSeats(
  store: Store,
  body: WhatIfBody,
  run: WhatIfRunner = whatIfHere,
): Promise<Found<WhatIfDocument>> {
  const found = await electionWithJurisdiction(store, body.election);
  if (!found.ok) return found;
  const { def, jurisdiction } = found.value;
  const rulesets = rulesetsOf(def.id, def.ruleset, body);
  if (!rulesets.ok) return rulesets;
  // the votes by the election's own districts (a changed ruleset reads them by the same names)
  const input = await seatInput(store, def, jurisdiction, rulesets.value.own);
  if (hasErrors(input.issues)) return failed(input.issues);
  if (input.votes.length === 0)
    return failed([
      issue('district_votes_missing', ['election'], {
        election: def.id,
        level: jurisdiction.electoralDistricts,
      }),
    ]);
  const r = await run({
    election: def.id,
    ruleset: def.ruleset,
    body,
    votes: input.votes,
    districts: input.districts,
  });
  return r.ok ? { ok: true, value: whatIfDocument(r.value, await figuresStatus(store, def)) } : r;
}
