import { bothLanguages } from '../../core/model/note.js';
import type { SeatResult } from '../../core/pipeline/seats.js';
import { csvLine, STATUS_COLUMNS, statusCells, type StatusCells } from '../../results/csv.js';
import type { SeatsDocument } from '../../results/service.js';

/**
 * Whose seats a seats CSV row gives (its `kind` column, docs/ingest.md): cifra's computation under
 * the law, a source's official table, a third party's table, or cifra's under other rules. A desk
 * filters on it: a reported table is never read as cifra's, nor a what-if as the law's.
 */
export type SeatsRowKind = 'computed-by-cifra' | 'official' | 'third-party' | 'what-if';

/** Every seats CSV's header: the seats, whose they are, then the results CSV's status columns. */
const HEADER = csvLine(['district', 'party', 'seats', 'kind', ...STATUS_COLUMNS]);

/** One row per party of a seats map, each ending in the kind and the figures' status. */
function rows(
  district: string,
  seats: Readonly<Record<string, number>>,
  kind: SeatsRowKind,
  status: StatusCells | null,
): string[] {
  const tail = [kind, ...statusCells(status)];
  return Object.entries(seats).map(([p, s]) => csvLine([district, p, s, ...tail]));
}

/** cifra's seats (computed or a what-if): each district's by party, then the totals (TOTAL). */
function resultRows(r: SeatResult, kind: SeatsRowKind, status: StatusCells | null): string[] {
  return [
    ...r.districts.flatMap((d) => rows(d.district, d.seats, kind, status)),
    ...rows('TOTAL', r.seats, kind, status),
  ];
}

/**
 * A seat result as CSV. `status`: the status of the votes it is computed from (null: a votes
 * file, whose status cifra does not know — those cells are empty).
 */
export function seatResultCsv(
  r: SeatResult,
  kind: SeatsRowKind,
  status: StatusCells | null,
): string {
  return [HEADER, ...resultRows(r, kind, status)].join('\n');
}

/** A table a source published, as a manifest's seats file gives it. */
interface PublishedTable {
  readonly kind: 'official' | 'third-party';
  readonly source: Parameters<typeof bothLanguages>[0];
  readonly seats: Readonly<Record<string, number>>;
  readonly pctCounted?: string | undefined;
}

/**
 * A published table's status: a third party's, else provisional on a partial count (its
 * `pctCounted`, of the actas its source counted) or final; no cut of its own; its publisher.
 */
function publishedStatus(t: PublishedTable): StatusCells {
  const pct = t.pctCounted ?? null;
  return {
    kind: t.kind === 'third-party' ? 'third-party' : pct === null ? 'final' : 'provisional',
    pctCounted: pct,
    pctOf: pct === null ? null : 'actas-counted',
    cut: null,
    source: bothLanguages(t.source),
  };
}

/**
 * A seats document as CSV (`cifra seats --election … --format csv`): cifra's seats per district and
 * TOTAL, then any reported table (district REPORTED); a published table alone as TOTAL. Every row
 * says whose seats they are and what figures they rest on (review s36: the reported third-party
 * seats read as official ones). A presidential round has no seats: null.
 */
export function seatsDocumentCsv(doc: SeatsDocument): string | null {
  switch (doc.kind) {
    case 'list': {
      const reported = doc.reported;
      return [
        HEADER,
        ...resultRows(doc.result, 'computed-by-cifra', doc.status),
        ...(reported
          ? rows('REPORTED', reported.seats, reported.kind, publishedStatus(reported))
          : []),
      ].join('\n');
    }
    case 'official':
    case 'third-party':
      return [
        HEADER,
        ...rows('TOTAL', doc.result.seats, doc.kind, publishedStatus(doc.result)),
      ].join('\n');
    case 'presidential':
      return null;
  }
}
