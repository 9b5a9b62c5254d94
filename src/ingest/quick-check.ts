import type { PlaceCheck } from '../core/tally/validate-acta.js';
import { CELL_EMPTY, type CsvRecordView } from '../io/csv-scanner.js';
import type { FigureColumns, RowCodes } from './formats.js';

/** Distinct place cells remembered (a file of made-up codes does not grow the memo further). */
const MEMO_LIMIT = 100_000;

/**
 * Which of validateActa's rules a state's figures follow on the quick path: `votes` (counted,
 * resolved, pending, jee), `annulled` (those, and no list or blank vote) or `none` (not
 * installed: no voters, no votes); null sends the row to the full path (an unknown or empty state).
 */
type QuickRules = 'votes' | 'annulled' | 'none' | null;

/**
 * The fast path of `cifra ingest --check` (ADR 009, addendum): a record whose figures are all
 * counts, whose codes are well-formed and known, and whose figures keep its state's rules is one
 * that the full path (`RowParser.parse`, then `validateActa`) reads as a valid acta with no issue
 * at all. This reads such a record straight from the scanner's bytes and returns its mesa,
 * without building the acta, its strings or its issues; any other record gives null and takes
 * the full path, which decides its codes. Being conservative is the rule: null is always safe.
 * `test/ingest-quick.test.ts` holds both paths to the same report.
 */
export function quickChecker(
  at: FigureColumns,
  codes: RowCodes,
  places: PlaceCheck,
): (record: CsvRecordView) => string | null {
  // A file has a few thousand places and a few states: each cell text is decided once.
  const rulesOf = new Map<string, QuickRules>();
  const placeKnown = new Map<string, boolean>();
  const figuresKept = figureChecker(at);
  return (r) => {
    const rawPlace = r.text(at.ubigeo);
    let known = placeKnown.get(rawPlace);
    if (known === undefined) {
      const u = codes.padPlace(rawPlace);
      known = u !== '' && places.placePattern.test(u) && places.isKnownPlace(u);
      if (placeKnown.size < MEMO_LIMIT) placeKnown.set(rawPlace, known);
    }
    if (!known) return null;
    const label = r.text(at.state);
    let rules = rulesOf.get(label);
    if (rules === undefined) {
      rules = rulesOfState(label.trim() === '' ? undefined : codes.stateOf(label.trim()));
      if (rulesOf.size < MEMO_LIMIT) rulesOf.set(label, rules);
    }
    if (rules === null || !figuresKept(r, rules)) return null;
    const mesa = codes.padMesa(r.text(at.mesa));
    return mesa !== '' && places.mesaPattern.test(mesa) ? mesa : null;
  };
}

function rulesOfState(s: ReturnType<RowCodes['stateOf']>): QuickRules {
  if (s === undefined) return null;
  return s === 'not_installed' ? 'none' : s === 'annulled' ? 'annulled' : 'votes';
}

/** Whether a record's figures are counts that validateActa passes with no issue for `rules`. */
function figureChecker(at: FigureColumns): (r: CsvRecordView, rules: QuickRules) => boolean {
  const C = at.choices.length;
  return (r, rules) => {
    const eligible = r.count(at.eligible);
    const voters = r.count(at.voters);
    // an empty eligible cell is missing_required; any other code is a bad cell
    if (eligible < 0 || voters < CELL_EMPTY) return false;
    let lists = 0;
    for (let k = 0; k < C; k++) {
      const c = r.count(at.choices[k] as number);
      if (c === CELL_EMPTY) continue; // an empty vote cell is 0
      if (c < 0) return false;
      lists += c;
    }
    const blank = r.count(at.blank);
    const nul = r.count(at.null);
    if (blank < CELL_EMPTY || nul < CELL_EMPTY) return false;
    // impugned votes are a warning (impugned_pending): the full path stores it
    const impugned = r.count(at.impugned);
    if (impugned !== CELL_EMPTY && impugned !== 0) return false;
    const votes = lists + Math.max(blank, 0) + Math.max(nul, 0);
    // a mesa not installed has neither voters nor votes (validateActa: state_inconsistent)
    if (rules === 'none') return votes === 0 && voters <= 0;
    // more voters than electors is flagged (R-0837-2025-JNE art. 24); an empty voters cell with
    // figures, or none at all, takes the full path
    if (voters < 0 || voters > eligible) return false;
    // an annulled acta's votes are all null (validateActa: annulled_votes_not_null, a warning)
    if (rules === 'annulled' && lists + Math.max(blank, 0) > 0) return false;
    // Σ lists + blank + null = voters (R-0837-2025-JNE art. 23); with no figure negative, none
    // then exceeds the voters (art. 24)
    return votes === voters;
  };
}
