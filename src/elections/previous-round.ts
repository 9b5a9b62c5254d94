import { issue, type Issue } from '../core/issues.js';
import { nameKey } from '../core/names.js';
import { err, ok, type Result } from '../core/result.js';
import { manifestOfRef, type ElectionRef } from './manifests.js';
import { universeFileOf, universePriorChoices } from './universe.js';

/**
 * Run 17 (docs/projection.md): each projected choice's previous-round selves, as indices into a
 * unit's prior votes, from the election's `previousRound` (checked at load). `choices` are the
 * frame's (a manifest choice matched by id or label), `priorChoices` the prior's in the order of
 * its votes (the universe's `prior:` columns, or the previous round's labels), matched ignoring
 * case and accents. null: no `previousRound`, or a choice it does not pair (the projection then
 * infers the camp's candidate from vote levels). A paired previous choice the prior lacks is
 * `previous_choice_unknown`.
 */
export function previousChoicesOf(
  election: ElectionRef,
  choices: readonly string[],
  priorChoices: readonly string[] | null,
): Result<number[][] | null, Issue[]> {
  const m = manifestOfRef(election);
  const electionId = typeof election === 'string' ? election : election.id;
  if (!m.ok || m.value.previousChoices === null || priorChoices === null) return ok(null);
  const paired = m.value.previousChoices;
  const column = new Map(priorChoices.map((c, j) => [nameKey(c), j]));
  const out: number[][] = [];
  const issues: Issue[] = [];
  for (const c of choices) {
    const def = m.value.manifest.choices.find((x) => x.id === c || nameKey(x.label) === nameKey(c));
    const labels = def === undefined ? undefined : paired.get(def.id);
    if (labels === undefined) return ok(null);
    out.push(
      labels.map((label) => {
        const j = column.get(nameKey(label));
        if (j === undefined)
          issues.push(
            issue('previous_choice_unknown', ['previousRound', 'choices', def?.id ?? c], {
              election: electionId,
              label,
              problem: "not among the prior's choices (the universe's prior: columns)",
              known: priorChoices,
            }),
          );
        return j ?? -1;
      }),
    );
  }
  return issues.length > 0 ? err(issues) : ok(out);
}

/**
 * The pairing over a universe's `prior:` columns: the file given (`cifra project --universe`), else
 * the election's own universe; null when there is none.
 */
export function previousChoicesOverUniverse(
  election: ElectionRef,
  choices: readonly string[],
  universeFile: string | null = universeFileOf(election),
): Result<number[][] | null, Issue[]> {
  const columns = universeFile === null ? ok(null) : universePriorChoices(universeFile);
  return columns.ok ? previousChoicesOf(election, choices, columns.value) : columns;
}
