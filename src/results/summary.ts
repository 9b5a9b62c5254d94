import { z } from 'zod';
import { RoundOutcomeSchema } from '../core/model/outcome.js';
import { loadRuleset } from '../elections/rulesets.js';
import type { Store } from '../store/store.js';
import { buildResults } from './documents.js';
import { leadersOf } from './leaders.js';
import { CountSchema, FiguresStatusSchema, settlementOf, storedStatus } from './status.js';
import { completeSnapshot, universeAtSnapshot } from '../core/projection/universe.js';
import { universeOf } from '../elections/universe.js';
import type { Issue } from '../core/issues.js';
import { NoteSchema } from '../core/model/note.js';
import { ok, type Result } from '../core/result.js';
import type { ElectionDef } from '../core/model/acta.js';
import { hasProjection, storedSnapshot } from './projection.js';
import { electionWithJurisdiction, freshnessOf, type Found } from './service.js';
import { OPEN_REASONS } from '../core/rules/settled.js';

const pct = z.string().regex(/^\d{1,3}\.\d{3}$/);
const absentUnit = z.object({
  code: z.string(),
  name: z.string(),
  eligible: z.number().int(),
  actasTotal: z.number().int(),
});

const choice = z.object({
  id: z.string(),
  label: z.string(),
  votes: z.number().int(),
  pctValid: pct.nullable().describe('null: no valid votes yet (no share of nothing)'),
});

/**
 * The headline of an election: who leads and by how much, how much is still to count, how
 * fresh the figures are and what they are — and the outcome only once the count settles it.
 */
export const SummarySchema = z.object({
  election: z.string(),
  label: z.string(),
  kind: z.enum(['presidential', 'list']),
  round: z.enum(['first', 'runoff']).nullable().describe('presidential elections: which round'),
  revision: z.string().describe("the store's revision of the election: changes with every import"),
  status: FiguresStatusSchema,
  updatedAt: z
    .string()
    .nullable()
    .describe("when cifra's figures last changed: the last import that changed an acta"),
  checked: z
    .object({
      at: z.string().describe('when cifra finished reading it (ISO 8601)'),
      cut: z
        .string()
        .nullable()
        .describe("the source's cut of that read (`cifra ingest --cut`; null: none given)"),
      import: z.number().int().describe('the import that recorded it'),
    })
    .nullable()
    .describe(
      'when cifra last read the source: the latest import or re-read (the same file at a later cut, no acta changed), not a correction; later than `updatedAt` when the source was read since without a change. null: none',
    ),
  count: CountSchema,
  actasConflicted: z
    .number()
    .int()
    .nullable()
    .optional()
    .describe(
      'current actas that a later, unapplied version conflicts with (the progress document and each unit give theirs; each acta document has both versions); null: a published source',
    ),
  valid: z.number().int(),
  leaders: z
    .array(choice)
    .describe('the itemised choices with the most votes, most first (at most three)'),
  margin: z
    .number()
    .int()
    .nullable()
    .describe('votes between the first and the second (null: fewer than two)'),
  settled: z
    .boolean()
    .describe(
      "presidential: the outcome is a fact (complete with no impugned votes before the JEE and no actas unresolved, or a lead larger than all still out: those votes and those actas' electors included); list: the count is complete",
    ),
  settledBy: z
    .enum(['complete', 'decided'])
    .nullable()
    .describe(
      'complete: the count is over and nothing is out; decided: the lead is larger than all still out (on a final count: the impugned votes at the JEE and the electors of the actas left unresolved)',
    ),
  openReason: z
    .enum([...OPEN_REASONS, 'count_incomplete'])
    .nullable()
    .describe(
      "why not settled (null once settled): remaining_unknown, the source does not bound the votes still to count (nothing settles before the count is complete); lead_within_remaining, the lead is not larger than the votes still out; share_within_reach, a first round's leader could still pass the winner's share; second_place_within_remaining, a first round's second place could still change hands; unitemised_may_lead, candidates the source does not itemise may hold as many votes as one named; impugned_at_jee, every acta is processed, but the impugned votes awaiting the JEE's ruling could still change the outcome (settled once they cannot: settledBy decided); unresolved_actas, a final count leaves actas unresolved (count.actasTotal − count.actasProcessed, with count.votesRemaining electors) that, with any impugned votes, could still change the outcome (settled once they cannot: settledBy decided); count_incomplete, a list election's seats are settled by nothing less than the complete count",
    ),
  runoffMargin: z
    .number()
    .int()
    .nullable()
    .describe(
      "a presidential first round: votes between the second and the third — the race for the runoff's second place (null: not a first round, or fewer than three)",
    ),
  outcome: RoundOutcomeSchema.nullable().describe(
    'the presidential outcome by choice id, only once settled',
  ),
  absent: z
    .object({
      units: z.array(absentUnit),
      eligible: z.number().int().describe('the electors of those units, summed'),
      actasTotal: z.number().int().describe('their actas, summed'),
    })
    .nullable()
    .describe(
      "published aggregates with a universe (the election's units, electors and actas known before the count): the units the source's figures lack (a capture without the vote abroad), each with its electors and actas from the universe; null: no universe, or none lacking. Never a vote count: how those electors voted, or how many did, is not known",
    ),
  note: NoteSchema.nullable().describe(
    "what to know to read the results' figures, from the election's manifest (`resultsNote`: e.g. a % base other than the authority's); null: none",
  ),
  projection: z
    .boolean()
    .describe(
      'the count is not complete and a projection exists at this revision (projection.json answers); a complete count shows results, not a projection. false also when the server could not tell just then (its projection worker failed or was full): that answer is sent with Cache-Control no-store and the next request checks again',
    ),
});
export type SummaryDocument = z.infer<typeof SummarySchema>;

/**
 * The election's headline (`GET /api/v1/elections/:id/summary.json`): the leaders and the
 * margin, the count's extent, the figures' status, source and freshness, and — only when the
 * count settles it — the outcome. "Settled" is decided here once, for every screen.
 */
export async function getSummary(
  store: Store,
  id: string | undefined,
): Promise<Found<SummaryDocument>> {
  const found = await electionWithJurisdiction(store, id);
  if (!found.ok) return found;
  const def = found.value.def;
  const rules = loadRuleset(def.ruleset);
  if (!rules.ok) return { ok: false, issues: rules.error };
  // read once: the summary's figures and its projection flag describe one revision
  const revision = await store.revision(def.id);
  const national = await buildResults(store, def, 'national');
  const n = national.units[0];
  // the cut of the figures' own latest import (their snapshot may be of a later revision)
  const { count, status } = await storedStatus(store, def, n, national.revision);
  // "Otras listas" leads nothing: the one leader rule (leaders.ts)
  const ranked = leadersOf(def, n?.choices ?? []);
  const leaders = ranked
    .slice(0, 3)
    .map((c) => ({ id: c.id, label: c.label, votes: c.votes, pctValid: c.pctValid }));
  const [first, second, third] = ranked;
  const presidential = rules.value.kind === 'presidential' ? rules.value : null;
  // a universe that does not load is refused as the projection refuses it, never read as none
  const absent = await absentOf(store, def);
  if (!absent.ok) return { ok: false, issues: absent.error };
  // a list election's seats are settled by nothing less than the complete count
  const s = presidential ? settlementOf(def, presidential, n, count) : null;
  return {
    ok: true,
    value: {
      election: def.id,
      label: def.label,
      kind: rules.value.kind,
      round: presidential?.round ?? null,
      revision,
      // no actas in the store (published aggregates): their % counted is unknown, not 0
      status,
      ...(await freshnessOf(store, def.id)),
      count,
      actasConflicted: def.published ? null : (n?.actasConflicted ?? 0),
      valid: n?.valid ?? 0,
      leaders,
      margin: first && second ? first.votes - second.votes : null,
      settled: s?.settled ?? count.complete,
      settledBy: s ? s.by : count.complete ? 'complete' : null,
      openReason: s
        ? s.settled
          ? null
          : s.openReason
        : count.complete
          ? null
          : 'count_incomplete',
      runoffMargin:
        presidential?.round === 'first' && second && third ? second.votes - third.votes : null,
      outcome: s?.outcome ?? null,
      absent: absent.value,
      note: def.manifest?.resultsNote ?? null,
      // not known now (a lost worker): false, and the server keeps no copy of this answer
      projection: !count.complete && (await hasProjection(store, def, revision)) === true,
    },
  };
}

/**
 * The units of a published election's universe that its figures lack (matched as the projection
 * matches them, completeSnapshot), with their electors and actas; null: no universe, none lacking;
 * the universe file's issues when it does not load.
 */
async function absentOf(
  store: Store,
  def: ElectionDef,
): Promise<Result<SummaryDocument['absent'], Issue[]>> {
  if (def.published === undefined) return ok(null);
  const universe = universeOf(def);
  if (!universe.ok) return universe;
  if (universe.value === null) return ok(null);
  const snapshot = await storedSnapshot(store, def, 'department');
  const { absent } = completeSnapshot(snapshot, universe.value);
  const lacking = new Set(absent);
  const units = universeAtSnapshot(snapshot, universe.value)
    .filter((u) => lacking.has(u.unit))
    .map((u) => ({ code: u.unit, name: u.name, eligible: u.eligible, actasTotal: u.actasTotal }));
  if (units.length === 0) return ok(null);
  const sum = (f: (u: (typeof units)[number]) => number): number =>
    units.reduce((a, u) => a + f(u), 0);
  return ok({ units, eligible: sum((u) => u.eligible), actasTotal: sum((u) => u.actasTotal) });
}
