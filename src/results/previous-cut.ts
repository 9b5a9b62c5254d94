import { issue, type Issue } from '../core/issues.js';
import type { Note } from '../core/model/note.js';
import type { SnapshotCount, SnapshotUnit } from '../core/projection/frame-snapshot.js';
import { err, ok, type Result } from '../core/result.js';

/** A snapshot's choices (in its votes' order) and its units. */
export interface CutUnits {
  readonly choices: readonly string[];
  readonly units: readonly SnapshotUnit[];
}

/** The current cut's units, each with `previous` where the earlier cut has it, and which those are. */
export interface WithPreviousCut {
  readonly units: readonly SnapshotUnit[];
  /** Units given an earlier cut with actas counted: the two-snapshot arrival drift can apply. */
  readonly used: readonly string[];
}

/**
 * Attaches an earlier cut of the same count to the current one: each unit's `previous`, from
 * which frame-snapshot.ts draws the two-snapshot arrival drift (what calibration always had,
 * docs/projection.md). The CLI (--previous-snapshot) and the API (a manifest's previousSnapshot)
 * both call this. An earlier cut must be earlier: no unit with more actas counted than now, the
 * same actas_total, no unit or choice the current cut lacks; a unit it lacks has no `previous`.
 */
export function withPreviousCut(
  now: CutUnits,
  earlier: CutUnits,
): Result<WithPreviousCut, Issue[]> {
  const current = new Map(now.units.map((u) => [u.unit, u] as const));
  const bad = (problem: string, units: readonly string[]): Issue =>
    issue('previous_snapshot_invalid', ['previousSnapshot'], { problem, units: units.join(', ') });
  const issues: Issue[] = [];
  const extraChoices = earlier.choices.filter((c) => !now.choices.includes(c));
  if (extraChoices.length > 0) issues.push(bad('choices the snapshot does not have', extraChoices));
  const unknown = earlier.units.filter((u) => !current.has(u.unit)).map((u) => u.unit);
  if (unknown.length > 0) issues.push(bad('units the snapshot does not have', unknown));
  const known = earlier.units.filter((u) => current.has(u.unit));
  const total = known.filter((u) => current.get(u.unit)?.actasTotal !== u.actasTotal);
  if (total.length > 0)
    issues.push(
      bad(
        'a different actas_total',
        total.map((u) => u.unit),
      ),
    );
  const ahead = known.filter((u) => u.actasCounted > (current.get(u.unit)?.actasCounted ?? 0));
  if (ahead.length > 0)
    issues.push(
      bad(
        'more actas counted than the snapshot',
        ahead.map((u) => u.unit),
      ),
    );
  if (issues.length > 0) return err(issues);
  // the earlier cut's votes in the current cut's choice order
  const order = now.choices.map((c) => earlier.choices.indexOf(c));
  const before = new Map(
    known.map((u) => {
      const count: SnapshotCount = {
        actasCounted: u.actasCounted,
        votes: order.map((j) => (j < 0 ? 0 : (u.votes[j] ?? 0))),
        blank: u.blank,
        null: u.null,
      };
      return [u.unit, count] as const;
    }),
  );
  const units = now.units.map((u) => {
    const previous = before.get(u.unit);
    return previous === undefined ? u : { ...u, previous };
  });
  const used = units.filter((u) => (u.previous?.actasCounted ?? 0) > 0).map((u) => u.unit);
  return ok({ units, used });
}

/**
 * Whether an earlier cut fed the arrival drift, and where (the projection document's driftNote):
 * the calibration tables describe the model with it (docs/projection.md, "Production now uses the
 * earlier cut"). asOf: the earlier cut's time, when known.
 */
export function driftNote(used: readonly string[] | null, asOf?: string): Note {
  if (used === null)
    return {
      es: 'Sin un corte anterior del mismo conteo: sin el deslizamiento de llegada entre dos cortes (las tablas de calibración lo suponen).',
      en: 'Without an earlier cut of the same count: no arrival drift between two cuts (the calibration tables assume one).',
    };
  const at = asOf === undefined ? '' : ` (${asOf})`;
  if (used.length === 0)
    return {
      es: `Se dio un corte anterior${at}, pero ninguna unidad tenía actas contadas en él: no se usó.`,
      en: `An earlier cut was given${at}, but no unit had actas counted in it: it was not used.`,
    };
  const units = used.join(', ');
  return {
    es: `Con el corte anterior${at} en ${units}: donde no hay historial de la vuelta anterior, el resto de cada una se desliza como se movieron sus porcentajes entre los dos cortes.`,
    en: `With the earlier cut${at} in ${units}: where the previous round's count history does not apply, each one's remainder drifts as its shares moved between the two cuts.`,
  };
}
