import type { Acta } from '../model/acta.js';
import { ACTA_STATE_STAGE, stateMovesBack } from '../model/acta-state.js';

/** What an incoming acta does to the stored one. */
export type VersionDecision =
  | { readonly kind: 'new' }
  | { readonly kind: 'unchanged' }
  /** Figures arrive or the state moves on (pending → counted, JEE → resolved): becomes current. */
  | { readonly kind: 'state_change' }
  /**
   * The same state and figures, another observation (why the source says it is at the JEE, or
   * none): becomes current. Its own kind, since nothing a state change names moved.
   */
  | { readonly kind: 'observation_change' }
  /** An explicit correction (e.g. after a JEE ruling): becomes current, clears a conflict. */
  | { readonly kind: 'correction' }
  /**
   * Kept as a version and flagged, never silently current: `superseded`, content the source gave
   * before a ruling, given again while the corrections recording it hold the acta (nothing new:
   * a source not caught up, or one that recounted to the same figures); `earlier_state`, the acta reported at an earlier stage than it holds (a counted
   * acta open again, one at the JEE pending again: a stale file, ACTA_STATE_STAGE); `figures`,
   * different figures for an acta already closed.
   */
  | { readonly kind: 'conflict'; readonly reason: ConflictReason };

/** Why a conflict was kept and not applied (decideVersion). */
export type ConflictReason = 'earlier_state' | 'figures' | 'superseded';

/**
 * The figures of an acta: everything but its state and its source — FIGURE_COLUMNS of
 * core/model/version-columns.ts, listed by hand on the hot path (test/version-columns.test.ts).
 */
function figuresKey(a: Acta): string {
  return JSON.stringify([
    a.ubigeo,
    a.eligible,
    a.voters,
    a.votes,
    a.blank,
    a.null,
    a.impugned,
    a.preferential ?? null,
  ]);
}

/**
 * The content that identifies a version: its state and figures (never the source), and its
 * observation where it has one — why an acta is at the JEE is evidence, so a changed observation
 * with the same state and figures is a new version (observation_change), not `unchanged`.
 */
export function actaContentKey(a: Acta): string {
  const key = `${a.state}|${figuresKey(a)}`;
  return a.observation === undefined ? key : `${key}|${JSON.stringify(a.observation)}`;
}

/**
 * Decides how an incoming acta relates to the current one. Pure; the store applies it in the
 * same transaction. Re-importing identical content changes nothing: the current version's, or
 * the conflict last kept for the mesa (`latest`, its highest version when that is not current),
 * so a stale file sent again and again keeps one conflict, not one per sending. `superseded`:
 * while the current version is a correction, every version the source gave before the first
 * correction of that run (versioning.ts supersededOf).
 */
export function decideVersion(
  current: Acta | null,
  incoming: Acta,
  mode: 'import' | 'correction',
  latest: Acta | null = null,
  superseded: readonly Acta[] = [],
): VersionDecision {
  if (current === null) return { kind: 'new' };
  const key = actaContentKey(incoming);
  if (actaContentKey(current) === key) return { kind: 'unchanged' };
  if (mode === 'correction') return { kind: 'correction' };
  if (latest !== null && actaContentKey(latest) === key) return { kind: 'unchanged' };
  // The source gives again what it gave before a ruling: nothing new (other content is news).
  // A JEE ruling prevails over the ODPE's earlier count: the ODPE adds it (R-0837-2025 art. 15(f)).
  if (superseded.some((v) => actaContentKey(v) === key))
    return { kind: 'conflict', reason: 'superseded' };
  // The content differs, its state and figures do not: only the observation moved.
  if (current.state === incoming.state && figuresKey(current) === figuresKey(incoming))
    return { kind: 'observation_change' };
  // An acta reported at an earlier stage than it holds (at the JEE → pending, counted → at the
  // JEE) is a stale or wrong file, not progress: the count never moves backwards on an import. A
  // ruling that reopens it comes as a correction.
  if (stateMovesBack(current.state, incoming.state))
    return { kind: 'conflict', reason: 'earlier_state' };
  // The acta was still open (pending, or at the JEE): its arrival or resolution is progress.
  if (ACTA_STATE_STAGE[current.state] < ACTA_STATE_STAGE.counted) return { kind: 'state_change' };
  // Same figures, new label (e.g. counted → resolved): a state change.
  if (figuresKey(current) === figuresKey(incoming)) return { kind: 'state_change' };
  return { kind: 'conflict', reason: 'figures' };
}

/**
 * Why each version of an acta's history (in version order) that is a conflict was kept, as
 * decideVersion decided it then: against the version held when it was recorded — the latest
 * written version before it that is no conflict, since every other kind became current — and,
 * where that was a correction, the version it replaced (see planBatch); never against today's
 * current one, which a later correction may have moved (an earlier state read against a
 * correction back to pending is no longer earlier). The store keeps a version's kind, not the
 * reason: it is read back from the versions before it. Null for a version that is no conflict.
 */
export function conflictReasons(history: readonly HistoryVersion[]): (ConflictReason | null)[] {
  return history.map((h, i) => {
    if (h.kind !== 'conflict') return null;
    // the versions before it as stored (a store never holds `unchanged`)
    // (a correction the source caught up with after this conflict was kept held it then)
    const before = history
      .slice(0, i)
      .filter((x) => x.kind !== 'unchanged')
      .map((x) => (caughtBefore(x, h) ? x : { ...x, caughtUp: null }));
    const key = actaContentKey(h.acta);
    // the same rule the import applied (supersededOf): what corrections held then had replaced
    if (supersededOf(before)?.actas.some((a) => actaContentKey(a) === key) === true)
      return 'superseded';
    // a conflict needs a version held before it: with none (a history cut short) it was no
    // earlier state of anything
    const held = before.findLast((x) => x.kind !== 'conflict');
    return held !== undefined && stateMovesBack(held.acta.state, h.acta.state)
      ? 'earlier_state'
      : 'figures';
  });
}

/** Had the source caught up with correction `x` (caughtUp) before `h` was recorded? */
function caughtBefore(x: HistoryVersion, h: HistoryVersion): boolean {
  const caught = x.caughtUp ?? null;
  const at = h.importId ?? null;
  return caught !== null && at !== null && caught < at;
}

/**
 * While a mesa's current version is a correction: every version the source gave (each one not a
 * correction, applied or kept as a conflict) before the first correction of the run of
 * corrections that holds the acta — an incoming row equal to one gives nothing new — and the
 * import of that first correction, the ruling that replaced them.
 */
export interface Superseded {
  readonly actas: readonly Acta[];
  readonly correction: number | null;
}

/** One stored version of a mesa, as supersededOf reads it (a store never holds `unchanged`). */
export interface HistoryVersion {
  readonly kind: VersionDecision['kind'];
  readonly acta: Acta;
  /** Its import (null: none); a history read for conflictReasons may leave it out. */
  readonly importId?: number | null;
  /**
   * A correction's: the import whose row first gave the correction's own content while it was
   * current — the source caught up with the ruling (null or absent: never).
   */
  readonly caughtUp?: number | null;
}

/** A correction the source has not given (caughtUp): only the ruling's word holds it. */
const ruledOnly = (h: HistoryVersion): boolean =>
  h.kind === 'correction' && (h.caughtUp ?? null) === null;

/**
 * What the run of corrections that holds a mesa replaced (Superseded), from its whole history in
 * version order (the stores read it only where the current version is a correction: rare).
 * Undefined where the version last made current is no correction, or is one the source has
 * given since (caughtUp): the source caught up with the ruling, so what it gives next is its
 * count moving on, as after a version it gave was applied. A correction the source caught up
 * with counts as a version the source gave.
 */
export function supersededOf(history: readonly HistoryVersion[]): Superseded | undefined {
  // the run: corrections back from the end, conflicts between them (never current) skipped
  let first = -1;
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i];
    if (h !== undefined && ruledOnly(h)) first = i;
    else if (h?.kind !== 'conflict') break;
  }
  const ruling = history[first];
  if (ruling === undefined) return undefined;
  const actas = history.slice(0, first).flatMap((h) => (ruledOnly(h) ? [] : [h.acta]));
  return { actas, correction: ruling.importId ?? null };
}
