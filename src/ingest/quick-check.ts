import type { PlaceCheck } from '../core/tally/validate-acta.js';
import { CELL_EMPTY, type CsvRecordView } from '../io/csv-scanner.js';
import type { FigureColumns, RowCodes } from './formats.js';

/** Distinct place cells remembered (a file of made-up codes does not grow the memo further). */
const MEMO_LIMIT = 100_000;

/**
 * The fast path of `cifra ingest --check` (ADR 009, addendum): a record whose figures are all
 * counts, whose codes are well-formed and known, whose state carries figures and whose
 * arithmetic holds is one that the full path (`RowParser.parse`, then `validateActa`) reads as a
 * valid acta with no issue at all. This reads such a record straight from the scanner's bytes
 * and returns its mesa, without building the acta, its strings or its issues; any other record
 * gives null and takes the full path, which decides its codes. Being conservative is the rule:
 * null is always safe. `test/ingest-quick.test.ts` holds both paths to the same report.
 */
export function quickChecker(
  at: FigureColumns,
  codes: RowCodes,
  places: PlaceCheck,
): (record: CsvRecordView) => string | null {
  const C = at.choices.length;
  // A file has a few thousand places and a few states: each cell text is decided once.
  const stateHasFigures = new Map<string, boolean>();
  const placeKnown = new Map<string, boolean>();
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
    let withFigures = stateHasFigures.get(label);
    if (withFigures === undefined) {
      const s = label.trim() === '' ? undefined : codes.stateOf(label.trim());
      // not installed and annulled actas have rules of their own (validateActa): the full path
      withFigures = s !== undefined && s !== 'not_installed' && s !== 'annulled';
      if (stateHasFigures.size < MEMO_LIMIT) stateHasFigures.set(label, withFigures);
    }
    if (!withFigures) return null;
    const eligible = r.count(at.eligible);
    const voters = r.count(at.voters);
    // more voters than electors is flagged (R-0837-2025-JNE art. 24)
    if (eligible < 0 || voters < 0 || voters > eligible) return null;
    let sum = 0;
    for (let k = 0; k < C; k++) {
      const c = r.count(at.choices[k] as number);
      if (c === CELL_EMPTY) continue; // an empty vote cell is 0
      if (c < 0) return null;
      sum += c;
    }
    const blank = r.count(at.blank);
    const nul = r.count(at.null);
    if (blank < CELL_EMPTY || nul < CELL_EMPTY) return null;
    // impugned votes are a warning (impugned_pending): the full path stores it
    const impugned = r.count(at.impugned);
    if (impugned !== CELL_EMPTY && impugned !== 0) return null;
    sum += Math.max(blank, 0) + Math.max(nul, 0);
    // Σ lists + blank + null = voters (R-0837-2025-JNE art. 23); with no figure negative, none
    // then exceeds the voters (art. 24)
    if (sum !== voters) return null;
    const mesa = codes.padMesa(r.text(at.mesa));
    return mesa !== '' && places.mesaPattern.test(mesa) ? mesa : null;
  };
}
