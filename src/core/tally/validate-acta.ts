import { issue, type Issue, type Severity } from '../issues.js';
import type { Acta } from '../model/acta.js';

/** What validation needs from the election's jurisdiction: the forms of codes, the known places. */
export interface PlaceCheck {
  readonly mesaPattern: RegExp;
  readonly placePattern: RegExp;
  isKnownPlace(code: string): boolean;
  /**
   * The election's declared mesas (its polling-place list: every mesa, padded) and each one's
   * listed place code ('' where the list gives none), where it has one; absent or null: none
   * declared, and no mesa is checked against it.
   */
  readonly mesas?: ReadonlyMap<string, string> | null | undefined;
}

/**
 * Checks an acta's codes against its jurisdiction and its arithmetic and consistency
 * (R-0837-2025-JNE arts. 23–24 as the closest published rules; LOE art. 284 ff.). Returns every
 * issue: errors quarantine the acta, warnings are stored with it.
 */
export function validateActa(a: Acta, places: PlaceCheck): Issue[] {
  const issues: Issue[] = [];
  const at = ['mesa', a.mesa];
  if (!places.mesaPattern.test(a.mesa))
    issues.push(issue('mesa_invalid', at, { mesa: a.mesa, pattern: places.mesaPattern.source }));
  else issues.push(...listedMesaIssues(a, places.mesas));
  if (!places.placePattern.test(a.ubigeo))
    issues.push(
      issue('ubigeo_invalid', at, { ubigeo: a.ubigeo, pattern: places.placePattern.source }),
    );
  else if (!places.isKnownPlace(a.ubigeo))
    issues.push(issue('unknown_ubigeo', at, { ubigeo: a.ubigeo }));

  const hasFigures = a.votes !== null;
  let sumLists = 0;
  let maxList = 0;
  if (a.votes !== null)
    for (const v of a.votes) {
      sumLists += v;
      if (v > maxList) maxList = v;
    }
  const sum = sumLists + a.blank + a.null + a.impugned;
  if (a.state === 'not_installed') {
    if (sum > 0 || (a.voters ?? 0) > 0)
      issues.push(
        issue('state_inconsistent', at, { state: a.stateLabel, voters: a.voters, votes: sum }),
      );
    return issues;
  }
  if (!hasFigures) {
    if (a.state === 'counted' || a.state === 'resolved' || a.state === 'annulled') {
      issues.push(
        issue('state_inconsistent', at, { state: a.stateLabel, reason: 'counted without figures' }),
      );
    }
    return issues;
  }
  const voters = a.voters ?? sum;
  // an acta at the JEE is there for such errors (R-0837-2025 arts. 23–24 send it there) and adds
  // nothing to the totals: its state is kept and the errors stored with it as warnings, where a
  // quarantine would leave the mesa "to be counted" (a poll-watcher's review, H1)
  const arithmetic: Severity = a.state === 'jee' ? 'warning' : 'error';
  // an annulled acta books its voters as null votes (bookedFigures, LOE art. 363): its list
  // figures add nothing, so their errors are warnings; its voters still enter the emitted total
  const figures: Severity = a.state === 'annulled' ? 'warning' : arithmetic;
  // R-0837-2025 art. 24: TCV > TEH → the TCV is ignored; here the acta is flagged.
  if (voters > a.eligible)
    issues.push(issue('voters_exceed_eligible', at, { voters, eligible: a.eligible }, arithmetic));
  // Any single figure above the voters means a recount (art. 24).
  const max = Math.max(maxList, a.blank, a.null, a.impugned);
  if (max > voters) issues.push(issue('votes_exceed_voters', at, { voters, max }, figures));
  // Σ lists + blank + null + impugned = voters (art. 23).
  if (a.voters !== null && sum !== a.voters)
    issues.push(
      issue(
        'sheet_sum_mismatch',
        at,
        { sum, voters: a.voters, difference: a.voters - sum },
        figures,
      ),
    );
  if (a.state === 'annulled' && sumLists + a.blank > 0) {
    issues.push(
      issue('annulled_votes_not_null', at, { lists: sumLists, blank: a.blank }, 'warning'),
    );
  }
  if (a.impugned > 0)
    issues.push(issue('impugned_pending', at, { impugned: a.impugned }, 'warning'));
  return issues;
}

/**
 * What the election's mesa list says of an acta's mesa (none without a list): a mesa the list
 * lacks is stored (ONPE may add one) but said, a mistyped or made-up number; a listed mesa under
 * another place too, a mistyped mesa or ubigeo (the 2021 runoff's list and ONPE's file agree on
 * all 86,488 mesas' ubigeos, abroad too). A list row without a place checks no place.
 */
function listedMesaIssues(a: Acta, mesas: PlaceCheck['mesas']): Issue[] {
  if (mesas === null || mesas === undefined) return [];
  const at = ['mesa', a.mesa];
  const listed = mesas.get(a.mesa);
  if (listed === undefined)
    return [issue('mesa_not_in_universe', at, { mesa: a.mesa, ubigeo: a.ubigeo }, 'warning')];
  if (listed !== '' && listed !== a.ubigeo)
    return [
      issue('mesa_ubigeo_mismatch', at, { mesa: a.mesa, ubigeo: a.ubigeo, listed }, 'warning'),
    ];
  return [];
}
