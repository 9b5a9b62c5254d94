import { z } from 'zod';
import { bothLanguages, joinNames, NoteSchema, type Note } from '../core/model/note.js';
import type { ElectionDef } from '../core/model/acta.js';
import { ISO_INSTANT } from '../core/model/instant.js';
import { RoundOutcomeSchema } from '../core/model/outcome.js';
import { settlePresidentialRound, type Settlement } from '../core/rules/settled.js';
import type { PresidentialRuleset } from '../core/rulesets/ruleset.js';
import { loadRuleset } from '../elections/rulesets.js';
import type { Store } from '../store/store.js';
import { buildResults, type ResultUnit } from './documents.js';
import { hasProjection } from './projection.js';
import { electionWithJurisdiction, lastChange, type Found } from './service.js';

const pct = z.string().regex(/^\d{1,3}\.\d{3}$/);
const choice = z.object({
  id: z.string(),
  label: z.string(),
  votes: z.number().int(),
  pctValid: pct,
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
  status: z.object({
    kind: z.enum(['final', 'provisional', 'computed-by-cifra', 'third-party']),
    pctCounted: pct.nullable().describe('% of actas counted, as the source or the count gives it'),
    cut: z.string().nullable().describe("the source's cut, as the source gives it"),
    cutTime: z
      .string()
      .nullable()
      .describe(
        "the cut as an ISO 8601 instant, when the source states a time (the manifest's cutTime or asOfTime, or an ISO cut); a date-only cut has none",
      ),
    source: NoteSchema.nullable().describe('who published the figures (null: actas imported)'),
    note: NoteSchema.nullable().describe(
      'why a final count is not 100 % of actas: those its release leaves unresolved (null: none)',
    ),
  }),
  updatedAt: z
    .string()
    .nullable()
    .describe("when cifra's figures last changed: the last import that changed an acta"),
  count: z.object({
    complete: z.boolean().describe('the count is over: final, or every acta processed'),
    actasTotal: z.number().int(),
    actasProcessed: z.number().int(),
    votesRemaining: z
      .number()
      .int()
      .nullable()
      .describe(
        'at most this many votes are still to count (electors of the actas not in); null: the source does not say',
      ),
  }),
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
      'presidential: the outcome is a fact (complete, or a lead larger than all still to count); list: the count is complete',
    ),
  settledBy: z.enum(['complete', 'decided']).nullable(),
  outcome: RoundOutcomeSchema.nullable().describe(
    'the presidential outcome by choice id, only once settled',
  ),
  projection: z
    .boolean()
    .describe(
      'the count is not complete and a projection exists at this revision (projection.json answers); a complete count shows results, not a projection',
    ),
});
export type SummaryDocument = z.infer<typeof SummarySchema>;

/**
 * The source's cut as it gives it and as an instant: the manifest's instant for it, else the cut
 * itself when it is one; a date, or text with no instant beside it, has no time (never invented).
 */
function cutOf(
  cut: string | null,
  time: string | undefined,
): Pick<SummaryDocument['status'], 'cut' | 'cutTime'> {
  if (cut === null) return { cut, cutTime: null };
  return { cut, cutTime: time ?? (ISO_INSTANT.test(cut) ? cut : null) };
}

/** What the figures are and where they come from: the manifest, the published source, or the count. */
export function statusOf(
  def: ElectionDef,
  complete: boolean,
  pctProcessed: string | null,
): SummaryDocument['status'] {
  const m = def.manifest;
  const published = def.published === undefined ? null : bothLanguages(def.published.source);
  const source = m ? joinNames(m.sources.map((s) => s.publisher)) : published;
  const note = unresolvedOf(def)?.note ?? null;
  if (def.published !== undefined) {
    const st = m?.status ?? null;
    const kind = st?.kind ?? def.published.status;
    const cut =
      st?.kind === 'provisional'
        ? cutOf(st.cut, st.cutTime)
        : cutOf(m?.asOf ?? def.published.asOf, m?.asOfTime);
    const pctCounted =
      (st?.kind === 'provisional' ? st.pctCounted : null) ??
      def.published.pctCounted ??
      (kind === 'final' ? '100.000' : pctProcessed);
    return { kind, pctCounted, ...cut, source, note };
  }
  // a count of actas: final only when every acta is in, whatever a manifest copied says
  const kind = complete ? (m?.status.kind ?? 'final') : 'provisional';
  const cut = complete ? cutOf(m?.asOf ?? null, m?.asOfTime) : cutOf(null, undefined);
  return { kind, pctCounted: pctProcessed, ...cut, source, note: complete ? note : null };
}

/** The actas a final release leaves unresolved for good, as its manifest counts them, or null. */
function unresolvedOf(def: ElectionDef): { actas: number; note: Note } | null {
  const st = def.manifest?.status;
  return st?.kind === 'final' ? (st.unresolved ?? null) : null;
}

/** The count's extent: complete or not, actas, and a bound of the votes still to come. */
export function countOf(def: ElectionDef, n: ResultUnit | undefined): SummaryDocument['count'] {
  const total = n?.actas?.total ?? 0;
  const processed = n?.actas?.processed ?? 0;
  if (def.published !== undefined) {
    const complete = (def.manifest?.status.kind ?? def.published.status) === 'final';
    // a published aggregate says nothing of the electors still to count
    return {
      complete,
      actasTotal: total,
      actasProcessed: processed,
      votesRemaining: complete ? 0 : null,
    };
  }
  // complete: every acta in, or all but those a final release leaves unresolved (its manifest
  // counts them: a count still arriving has more missing, so it stays provisional)
  const unresolved = unresolvedOf(def)?.actas ?? 0;
  const complete = total > 0 && (processed === total || total - processed === unresolved);
  return {
    complete,
    actasTotal: total,
    actasProcessed: processed,
    votesRemaining: n?.eligibleRemaining ?? null,
  };
}

/** The presidential settlement of the national unit under the ruleset. */
function settle(
  def: ElectionDef,
  rules: PresidentialRuleset,
  n: ResultUnit | undefined,
  count: SummaryDocument['count'],
): Settlement {
  const remainder = new Set(def.choices.filter((c) => c.remainder === true).map((c) => c.id));
  const choices = n?.choices ?? [];
  return settlePresidentialRound({
    round: rules.round,
    candidates: choices
      .filter((c) => !remainder.has(c.id))
      .map((c) => ({ candidate: c.id, votes: c.votes })),
    unitemised: choices.filter((c) => remainder.has(c.id)).reduce((a, c) => a + c.votes, 0),
    valid: n?.valid ?? 0,
    ...(n === undefined || n.emitted === null ? {} : { emitted: n.emitted }),
    winner: { share: rules.winnerShare, strict: rules.strict, base: rules.base },
    complete: count.complete,
    remaining: count.votesRemaining,
  });
}

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
  const n = (await buildResults(store, def, 'national')).units[0];
  const count = countOf(def, n);
  const remainder = new Set(def.choices.filter((c) => c.remainder === true).map((c) => c.id));
  const ranked = [...(n?.choices ?? [])]
    .filter((c) => !remainder.has(c.id))
    .sort((a, b) => b.votes - a.votes);
  const leaders = ranked
    .slice(0, 3)
    .map((c) => ({ id: c.id, label: c.label, votes: c.votes, pctValid: c.pctValid }));
  const [first, second] = ranked;
  const presidential = rules.value.kind === 'presidential' ? rules.value : null;
  // a list election's seats are settled by nothing less than the complete count
  const s = presidential ? settle(def, presidential, n, count) : null;
  return {
    ok: true,
    value: {
      election: def.id,
      label: def.label,
      kind: rules.value.kind,
      round: presidential?.round ?? null,
      revision,
      // no actas in the store (published aggregates): their % counted is unknown, not 0
      status: statusOf(
        def,
        count.complete,
        n?.actas && n.actas.total > 0 ? n.actas.pctProcessed : null,
      ),
      updatedAt: await lastChange(store, def.id),
      count,
      valid: n?.valid ?? 0,
      leaders,
      margin: first && second ? first.votes - second.votes : null,
      settled: s?.settled ?? count.complete,
      settledBy: s ? s.by : count.complete ? 'complete' : null,
      outcome: s?.outcome ?? null,
      projection: !count.complete && (await hasProjection(store, def, revision)),
    },
  };
}
