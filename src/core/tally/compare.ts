import { z } from 'zod';
import { ACTA_STATES, actaCounts, bookedFigures } from '../model/acta.js';

/**
 * Why two sources of the same actas disagree on a mesa, in the order a mesa's reasons are listed;
 * the first one a mesa has is its primary reason, the one its net effect is booked under.
 * docs/ingest.md ("Comparing two sources") documents each; a test keeps the two in step.
 */
export const COMPARE_REASONS = [
  'missing_in_a',
  'missing_in_b',
  'unreadable_in_a',
  'unreadable_in_b',
  'unreadable_in_both',
  'state_differs',
  'count_differs',
  'count_missing',
  'place_differs',
  'sum_mismatch_a',
  'sum_mismatch_b',
] as const;
/** A reason as data (API and CLI output). */
export const CompareReasonSchema = z.enum(COMPARE_REASONS);
export type CompareReason = z.infer<typeof CompareReasonSchema>;

/** The figures of an acta besides the choices' votes, in the order they are compared. */
export const COUNT_FIELDS = ['voters', 'blank', 'null', 'impugned', 'eligible'] as const;
export type CountField = (typeof COUNT_FIELDS)[number];

const count = z.number().int().nonnegative();

/**
 * One source's reading of an acta. A figure is null when the source gives none there (an empty or
 * `NA` cell); an acta without any figure (not installed, not yet counted) reads as zeros.
 */
export const SourceActaSchema = z.object({
  mesa: z.string(),
  place: z.string().nullable(),
  state: z.enum(ACTA_STATES).nullable(),
  stateLabel: z.string(),
  /** Votes per choice, aligned with the election's choices. */
  votes: z.array(count.nullable()),
  voters: count.nullable(),
  blank: count.nullable(),
  null: count.nullable(),
  impugned: count.nullable(),
  eligible: count.nullable(),
  /** Why the acta was observed, in the source's word (absent where it gives none): not compared. */
  observation: z.string().optional(),
});
export type SourceActa = z.infer<typeof SourceActaSchema>;

/** What a source carries at all: a field one source lacks is not compared. */
export const SourceCarriesSchema = z.object({
  place: z.boolean(),
  state: z.boolean(),
  voters: z.boolean(),
  blank: z.boolean(),
  null: z.boolean(),
  impugned: z.boolean(),
  eligible: z.boolean(),
});
export type SourceCarries = z.infer<typeof SourceCarriesSchema>;

const value = count.nullable();
/** One reason a mesa's two readings disagree, with the values that show it (docs/ingest.md). */
export const DisagreementReasonSchema = z.discriminatedUnion('reason', [
  z.object({ reason: z.literal('missing_in_a') }),
  z.object({ reason: z.literal('missing_in_b') }),
  z.object({ reason: z.literal('unreadable_in_a') }),
  z.object({ reason: z.literal('unreadable_in_b') }),
  z.object({ reason: z.literal('unreadable_in_both') }),
  z.object({
    reason: z.literal('state_differs'),
    a: z.enum(ACTA_STATES),
    b: z.enum(ACTA_STATES),
    aLabel: z.string(),
    bLabel: z.string(),
  }),
  z.object({ reason: z.literal('count_differs'), field: z.string(), a: count, b: count }),
  z.object({ reason: z.literal('count_missing'), field: z.string(), a: value, b: value }),
  z.object({ reason: z.literal('place_differs'), a: z.string(), b: z.string() }),
  z.object({ reason: z.literal('sum_mismatch_a'), votes: count, voters: count }),
  z.object({ reason: z.literal('sum_mismatch_b'), votes: count, voters: count }),
]);
export type DisagreementReason = z.infer<typeof DisagreementReasonSchema>;

/** A mesa the sources disagree on: its reasons, its effect A − B, and both readings. */
export const DisagreementSchema = z.object({
  mesa: z.string(),
  /** The first of its reasons: the one its net effect is booked under. */
  primary: CompareReasonSchema,
  reasons: z.array(DisagreementReasonSchema),
  /** A − B per compared field, the fields that are not 0 only. */
  effect: z.record(z.string(), z.number().int()),
  a: SourceActaSchema.nullable(),
  b: SourceActaSchema.nullable(),
});
export type Disagreement = z.infer<typeof DisagreementSchema>;

/** What `compareActaSources` returns: the summary and every disagreeing mesa. */
export const ComparisonSchema = z.object({
  /** The compared fields: the choice ids, then the count fields both sources carry. */
  fields: z.array(z.string()),
  /** Fields one source carries and the other does not. */
  notCompared: z.array(z.string()),
  mesas: z.object({
    a: z.number().int(),
    b: z.number().int(),
    both: z.number().int(),
    compared: z.number().int(),
    agree: z.number().int(),
    disagree: z.number().int(),
  }),
  /** Every reason, in order: the mesas that have it, and those for which it is the primary one. */
  reasons: z.array(
    z.object({ reason: CompareReasonSchema, mesas: z.number().int(), primary: z.number().int() }),
  ),
  /** count_differs by field: the mesas whose field differs. */
  countDiffers: z.array(z.object({ field: z.string(), mesas: z.number().int() })),
  /** Σ over mesas of A − B per compared field, overall and booked by primary reason. */
  net: z.array(
    z.object({
      field: z.string(),
      total: z.number().int(),
      byReason: z.record(CompareReasonSchema, z.number().int()),
    }),
  ),
  /**
   * Σ over mesas of what each source counts, A − B per compared field: an acta adds its figures to
   * a source's totals only where its state there counts (actaCounts; an annulled acta's votes as
   * null) — how much higher A's count is than B's. Null when a source carries no state.
   */
  counted: z.array(z.object({ field: z.string(), total: z.number().int() })).nullable(),
  /** The mesas with a reason, by mesa id. */
  disagreements: z.array(DisagreementSchema),
});
export type Comparison = z.infer<typeof ComparisonSchema>;

/** One source of a comparison: its actas and the fields it carries. */
export interface CompareSide {
  readonly actas: readonly SourceActa[];
  readonly carries: SourceCarries;
  /**
   * Mesas whose only rows in the source could not be read (a cell too many or too few, a bad
   * figure): the source holds them, so they are `unreadable_in_*`, not `missing_in_*`.
   */
  readonly unreadable?: readonly string[] | undefined;
}

/** Two sources of the same election's actas, A and B. */
export interface CompareInput {
  /** The election's choice ids, in the order of each acta's `votes`. */
  readonly choices: readonly string[];
  /** The election counts a pending acta's figures (ElectionDef.pendingFiguresCount). */
  readonly pendingFiguresCount?: boolean;
  /**
   * Compare only the mesas B holds (B a partial file: a poll-watcher's own photographed actas),
   * so that the mesas it never meant to cover are not `missing_in_b`.
   */
  readonly onlyB?: boolean;
  /** Compare only the mesas placed in this unit (a place code or its prefix: see `placedIn`). */
  readonly unit?: string | undefined;
  readonly a: CompareSide;
  readonly b: CompareSide;
}

/** The compared fields of a pair of sources: each field's name and how to read it. */
interface Field {
  readonly name: string;
  readonly read: (x: SourceActa) => number | null;
}

function fieldsOf(input: CompareInput): { fields: Field[]; notCompared: string[] } {
  const fields: Field[] = input.choices.map((name, k) => ({
    name,
    read: (x) => x.votes[k] ?? null,
  }));
  const notCompared: string[] = [];
  for (const f of COUNT_FIELDS) {
    if (input.a.carries[f] && input.b.carries[f]) fields.push({ name: f, read: (x) => x[f] });
    else if (input.a.carries[f] || input.b.carries[f]) notCompared.push(f);
  }
  for (const f of ['place', 'state'] as const)
    if (input.a.carries[f] !== input.b.carries[f]) notCompared.push(f);
  return { fields, notCompared };
}

/** Σ votes (choices, blank, null, impugned) against the voters; null when it cannot be checked. */
function sumCheck(x: SourceActa): { votes: number; voters: number } | null {
  if (x.voters === null) return null;
  let votes = 0;
  for (const v of [...x.votes, x.blank, x.null, x.impugned]) {
    if (v === null) return null;
    votes += v;
  }
  return votes === x.voters ? null : { votes, voters: x.voters };
}

/** Every reason two readings of one mesa disagree, in COMPARE_REASONS order. */
function reasonsOf(
  [x, y]: readonly [SourceActa | undefined, SourceActa | undefined],
  [ua, ub]: readonly [boolean, boolean],
  fields: readonly Field[],
  input: CompareInput,
): DisagreementReason[] {
  const out: DisagreementReason[] = [];
  if (x === undefined && !ua) out.push({ reason: 'missing_in_a' });
  if (y === undefined && !ub) out.push({ reason: 'missing_in_b' });
  // both sides hold the mesa and neither reads it: one reason, so it is not taken for A's alone
  const both = x === undefined && ua && y === undefined && ub;
  if (both) out.push({ reason: 'unreadable_in_both' });
  if (x === undefined && ua && !both) out.push({ reason: 'unreadable_in_a' });
  if (y === undefined && ub && !both) out.push({ reason: 'unreadable_in_b' });
  if (x !== undefined && y !== undefined) {
    const carried = (f: 'place' | 'state'): boolean => input.a.carries[f] && input.b.carries[f];
    if (carried('state') && x.state !== null && y.state !== null && x.state !== y.state)
      out.push({
        reason: 'state_differs',
        a: x.state,
        b: y.state,
        aLabel: x.stateLabel,
        bLabel: y.stateLabel,
      });
    const missing: DisagreementReason[] = [];
    for (const f of fields) {
      const [va, vb] = [f.read(x), f.read(y)];
      if (va !== null && vb !== null && va !== vb)
        out.push({ reason: 'count_differs', field: f.name, a: va, b: vb });
      else if ((va === null) !== (vb === null))
        missing.push({ reason: 'count_missing', field: f.name, a: va, b: vb });
    }
    out.push(...missing);
    if (carried('place') && x.place !== null && y.place !== null && x.place !== y.place)
      out.push({ reason: 'place_differs', a: x.place, b: y.place });
  }
  const sa = x === undefined ? null : sumCheck(x);
  if (sa !== null) out.push({ reason: 'sum_mismatch_a', ...sa });
  const sb = y === undefined ? null : sumCheck(y);
  if (sb !== null) out.push({ reason: 'sum_mismatch_b', ...sb });
  return out;
}

/**
 * What a reading adds to its source's totals, per field: nothing where its state there does not
 * count (actaCounts), an annulled acta's votes as null (bookedFigures, LOE art. 363), else its
 * figures (a figure the source does not give as 0).
 */
function countedFigures(
  x: SourceActa | undefined,
  fields: readonly Field[],
  input: CompareInput,
): number[] {
  const none = (): number[] => fields.map(() => 0);
  if (x === undefined || x.state === null) return none();
  const hasFigures = x.votes.some((v) => v !== null);
  const counts = actaCounts(
    { state: x.state, votes: hasFigures ? [] : null },
    input.pendingFiguresCount ?? false,
  );
  if (!counts) return none();
  if (x.state !== 'annulled') return fields.map((f) => f.read(x) ?? 0);
  const b = bookedFigures(
    'annulled',
    {
      votes: x.votes.map((v) => v ?? 0),
      blank: x.blank ?? 0,
      null: x.null ?? 0,
      impugned: x.impugned ?? 0,
      voters: x.voters,
    },
    input.choices.length,
  );
  const booked: SourceActa = {
    ...x,
    votes: b.votes === null ? [] : [...b.votes],
    blank: b.blank,
    null: b.null,
    impugned: b.impugned,
  };
  return fields.map((f) => f.read(booked) ?? 0);
}

/**
 * Whether a mesa is in a unit: either reading places it at that code or under it (a ubigeo's
 * department is its first two digits, its province its first four), so a mesa two sources place
 * apart is in both places' cross-checks. A mesa no reading places is in none.
 */
export function placedIn(
  x: { readonly place: string | null } | null | undefined,
  y: { readonly place: string | null } | null | undefined,
  unit: string,
): boolean {
  return [x?.place, y?.place].some((p) => typeof p === 'string' && p.startsWith(unit));
}

function byMesa(actas: readonly SourceActa[]): Map<string, SourceActa> {
  const m = new Map<string, SourceActa>();
  for (const a of actas) if (!m.has(a.mesa)) m.set(a.mesa, a);
  return m;
}

const zeroByReason = (): Record<CompareReason, number> =>
  Object.fromEntries(COMPARE_REASONS.map((r) => [r, 0])) as Record<CompareReason, number>;

/**
 * Compares two sources of the same actas mesa by mesa (an observer's cross-check): the coded
 * reasons of every disagreement, and the net effect A − B of each field — Σ over mesas, a figure
 * the source does not give counted as 0 — overall and booked under each mesa's primary reason,
 * so that the reasons' effects add up to the total. Mesas in id order, reasons in
 * COMPARE_REASONS order, fields in the order of `fields`; a mesa repeated in a source is read
 * once (its first reading). Pure and deterministic.
 *
 * @example compareActaSources({ choices: ['P1', 'P2'], a: onpe, b: transcription })
 */
export function compareActaSources(input: CompareInput): Comparison {
  const { fields, notCompared } = fieldsOf(input);
  const [ma, mb] = [byMesa(input.a.actas), byMesa(input.b.actas)];
  const [ua, ub] = [new Set(input.a.unreadable ?? []), new Set(input.b.unreadable ?? [])];
  const unit = input.unit;
  // a mesa held only by unreadable rows on both sides is compared too (unreadable_in_both: it
  // showed no difference before session 36, though neither side reads it); one side's unreadable
  // row beside nothing in the other is left out; with onlyB, B holds a mesa it has an unreadable
  // row of
  const unreadBoth = [...ua].filter((m) => ub.has(m) && !ma.has(m) && !mb.has(m));
  const inB = [...mb.keys(), ...[...ub].filter((m) => ma.has(m)), ...unreadBoth];
  const mesas = [...new Set(input.onlyB ? inB : [...ma.keys(), ...mb.keys(), ...unreadBoth])]
    .filter((m) => unit === undefined || placedIn(ma.get(m), mb.get(m), unit))
    .sort();
  const reasonMesas = zeroByReason();
  const primaryMesas = zeroByReason();
  const fieldMesas = new Map(fields.map((f) => [f.name, 0]));
  const net = fields.map((f) => ({ field: f.name, total: 0, byReason: zeroByReason() }));
  const disagreements: Disagreement[] = [];
  // agreeing readings have one state and the same figures: only disagreements move this
  const counted = fields.map(() => 0);
  for (const mesa of mesas) {
    const [x, y] = [ma.get(mesa), mb.get(mesa)];
    const reasons = reasonsOf([x, y], [ua.has(mesa), ub.has(mesa)], fields, input);
    if (reasons.length === 0) continue;
    const primary = (reasons[0] as DisagreementReason).reason;
    primaryMesas[primary]++;
    for (const r of new Set(reasons.map((r) => r.reason))) reasonMesas[r]++;
    for (const r of reasons)
      if (r.reason === 'count_differs') fieldMesas.set(r.field, (fieldMesas.get(r.field) ?? 0) + 1);
    const [ca, cb] = [countedFigures(x, fields, input), countedFigures(y, fields, input)];
    fields.forEach((_, i) => (counted[i] = (counted[i] ?? 0) + (ca[i] ?? 0) - (cb[i] ?? 0)));
    const effect: Record<string, number> = {};
    fields.forEach((f, i) => {
      const d = (x === undefined ? 0 : (f.read(x) ?? 0)) - (y === undefined ? 0 : (f.read(y) ?? 0));
      if (d === 0) return;
      effect[f.name] = d;
      const n = net[i] as (typeof net)[number];
      n.total += d;
      n.byReason[primary] += d;
    });
    disagreements.push({ mesa, primary, reasons, effect, a: x ?? null, b: y ?? null });
  }
  const both = mesas.filter((m) => ma.has(m) && mb.has(m)).length;
  return {
    fields: fields.map((f) => f.name),
    notCompared,
    mesas: {
      a: ma.size,
      b: mb.size,
      both,
      compared: mesas.length,
      agree: mesas.length - disagreements.length,
      disagree: disagreements.length,
    },
    reasons: COMPARE_REASONS.map((reason) => ({
      reason,
      mesas: reasonMesas[reason],
      primary: primaryMesas[reason],
    })),
    countDiffers: fields.map((f) => ({ field: f.name, mesas: fieldMesas.get(f.name) ?? 0 })),
    net,
    counted:
      input.a.carries.state && input.b.carries.state
        ? fields.map((f, i) => ({ field: f.name, total: counted[i] ?? 0 }))
        : null,
    disagreements,
  };
}
