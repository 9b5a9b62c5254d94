import type { ActaState } from '../core/model/acta.js';
import type { PlaceCheck } from '../core/tally/validate-acta.js';
import { CELL_EMPTY, type CsvRecordView } from '../io/csv-scanner.js';
import type { ActaBatch } from '../core/tally/acta-batch.js';
import type { PlaceNames } from '../store/store.js';
import type { FigureColumns, RowCodes } from './formats.js';

/** Distinct place cells remembered (a file of made-up codes does not grow the memo further). */
const MEMO_LIMIT = 100_000;

/**
 * Which of validateActa's rules a state's figures follow on the quick path: `votes` (counted,
 * resolved, pending, jee), `annulled` (those, and no list or blank vote) or `none` (not
 * installed: no voters, no votes); null sends the row to the full path (an unknown or empty state).
 */
type QuickRules = 'votes' | 'annulled' | 'none' | null;

/** A row the quick path read as valid: the codes and state the full path would give its acta. */
export interface QuickRow {
  mesa: string;
  ubigeo: string;
  state: ActaState;
  label: string;
}

/**
 * The fast path of `cifra ingest --check` (ADR 009, addendum): a record whose figures are all
 * counts, whose codes are well-formed and known, and whose figures keep its state's rules is one
 * that the full path (`RowParser.parse`, then `validateActa`) reads as a valid acta with no issue
 * at all. This reads such a record straight from the scanner's bytes and returns its codes (one
 * object, rewritten by the next call), without building the acta, its strings or its issues; any
 * other record gives null and takes the full path, which decides its codes. Being conservative is the rule: null is always safe.
 * `test/ingest-quick.test.ts` holds both paths to the same report.
 */
export function quickChecker(
  at: FigureColumns,
  codes: RowCodes,
  places: PlaceCheck,
): (record: CsvRecordView) => QuickRow | null {
  // A file has a few thousand places and a few states: each cell text is decided once.
  const stateOf = new Map<
    string,
    { rules: QuickRules; state: ActaState | undefined; label: string }
  >();
  const placeOf = new Map<string, string | null>();
  const figuresKept = figureChecker(at);
  const observation = at.observation ?? -1;
  // one answer, rewritten by each call: nothing is built per row
  const out: QuickRow = { mesa: '', ubigeo: '', state: 'counted', label: '' };
  return (r) => {
    const rawPlace = r.text(at.ubigeo);
    let ubigeo = placeOf.get(rawPlace);
    if (ubigeo === undefined) {
      const u = codes.padPlace(rawPlace);
      ubigeo = u !== '' && places.placePattern.test(u) && places.isKnownPlace(u) ? u : null;
      if (placeOf.size < MEMO_LIMIT) placeOf.set(rawPlace, ubigeo);
    }
    if (ubigeo === null) return null;
    const rawLabel = r.text(at.state);
    let s = stateOf.get(rawLabel);
    if (s === undefined) {
      const label = rawLabel.trim();
      const state = label === '' ? undefined : codes.stateOf(label);
      s = { rules: rulesOfState(state), state, label };
      if (stateOf.size < MEMO_LIMIT) stateOf.set(rawLabel, s);
    }
    if (s.rules === null || !figuresKept(r, s.rules)) return null;
    // an observation is kept on the acta: the full path builds it (the batch packs no text for it)
    if (observation >= 0 && r.count(observation) !== CELL_EMPTY) return null;
    const mesa = codes.padMesa(r.text(at.mesa));
    if (mesa === '' || !places.mesaPattern.test(mesa)) return null;
    // a mesa the election's list lacks, or lists under another place, has a warning: the full
    // path gives it
    const listed = places.mesas?.get(mesa);
    if (places.mesas && (listed === undefined || (listed !== '' && listed !== ubigeo))) return null;
    out.mesa = mesa;
    out.ubigeo = ubigeo;
    out.state = s.state as ActaState;
    out.label = s.label;
    return out;
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

/**
 * Writes a row the quick path read as valid into a batch's columns, with the figures the full
 * path's acta would have (formats.ts, figureReader): an empty vote, blank, null or impugned cell
 * is 0; a row with no figure at all has no voters and no votes (ADR 012).
 */
export function quickPacker(
  at: FigureColumns,
): (
  r: CsvRecordView,
  q: QuickRow,
  row: number,
  place: PlaceNames | undefined,
  into: ActaBatch<PlaceNames>,
) => void {
  const C = at.choices.length;
  return (r, q, row, place, into) => {
    const voters = r.count(at.voters);
    const blank = r.count(at.blank);
    const nul = r.count(at.null);
    const impugned = r.count(at.impugned);
    let any = voters !== CELL_EMPTY || blank !== CELL_EMPTY || nul !== CELL_EMPTY;
    any ||= impugned !== CELL_EMPTY;
    const x = into.begin(q.mesa, q.ubigeo, q.state, q.label, place, C);
    const votes = into.votes;
    const v0 = into.votesAt;
    for (let k = 0; k < C; k++) {
      const c = r.count(at.choices[k] as number);
      if (c !== CELL_EMPTY) any = true;
      votes[v0 + k] = c > 0 ? c : 0;
    }
    const f = into.figures;
    f[x] = r.count(at.eligible);
    f[x + 1] = any && voters !== CELL_EMPTY ? voters : NaN;
    f[x + 2] = any && blank > 0 ? blank : 0;
    f[x + 3] = any && nul > 0 ? nul : 0;
    f[x + 4] = any && impugned > 0 ? impugned : 0;
    f[x + 5] = row;
    into.end(any ? C : -1);
  };
}
