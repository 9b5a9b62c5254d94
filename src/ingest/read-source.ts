import { issue, type Issue } from '../core/issues.js';
import type { Acta, ElectionDef } from '../core/model/acta.js';
import type { ColumnMap } from '../core/model/column-map.js';
import { err, ok, type Result } from '../core/result.js';
import type { SourceActa, SourceCarries } from '../core/tally/compare.js';
import { columnMapReader, type SourceRow } from './column-map.js';
import { cifraCsvParser, detectFormat, onpeMesaParser } from './formats.js';
import { jsonRecords, sha256Of } from './ingest.js';
import { readCsvRows } from './rows.js';
import type { CsvRecordView } from '../io/csv-scanner.js';
import { FileRejected, openSource, sourceKind } from './source.js';
import type { LoadedJurisdiction } from '../jurisdictions/load.js';

/** How to read a source of actas: one of cifra's acta formats, or a column map. */
export type SourceFormat =
  | { readonly kind: 'onpe-mesa' | 'cifra-csv' | 'cifra-json' }
  | { readonly kind: 'column-map'; readonly columns: ColumnMap };

export interface ReadSourceOptions {
  readonly file: string;
  /** Detected from the header (ONPE's or cifra's columns) when omitted. */
  readonly format?: SourceFormat | undefined;
  readonly election: ElectionDef;
  readonly jurisdiction: LoadedJurisdiction;
  /**
   * How an acta's figures are hashed as its document cites them (results' figuresHash, given by
   * the caller: ingest does not depend on results); when given, `figures` holds each mesa's.
   */
  readonly figuresHash?: ((a: Acta) => string) | undefined;
}

/** A source read whole: its actas as the comparison takes them, and what could not be read. */
export interface SourceRead {
  readonly file: string;
  readonly sha256: string;
  readonly size: number;
  readonly format: SourceFormat['kind'];
  readonly rows: number;
  readonly actas: readonly SourceActa[];
  readonly carries: SourceCarries;
  /** Rows of a mesa already read (the first reading is kept). */
  readonly duplicates: number;
  /** Rows that could not be read (a bad cell, an unknown state), by issue code. */
  readonly unreadable: number;
  /**
   * The mesas of those rows (where the mesa cell reads) that no readable row of the file holds:
   * the file has them, unreadable — not missing.
   */
  readonly unreadableMesas: readonly string[];
  readonly unreadableByCode: Readonly<Record<string, number>>;
  /** The first few of those rows' issues. */
  readonly issues: readonly Issue[];
  /**
   * Each mesa's figuresHash as the file reads it (its first reading), where the caller asked for
   * them and the format reads whole actas (cifra's formats); null for a column map.
   */
  readonly figures: ReadonlyMap<string, string> | null;
}

/** Every field a comparison reads: cifra-json's, and a store's actas (compare-files). */
export const ALL_CARRIED: SourceCarries = {
  place: true,
  state: true,
  voters: true,
  blank: true,
  null: true,
  impugned: true,
  eligible: true,
};

/** How many unreadable rows' issues a read keeps (the counts by code are complete). */
const KEPT_ISSUES = 20;

/**
 * An acta of cifra's formats as the comparison reads it: an acta without figures (not installed,
 * not yet counted: ONPE leaves its cells empty) reads as zeros.
 */
export function sourceActaOf(a: Acta, choices: number): SourceActa {
  const none = a.votes === null;
  return {
    mesa: a.mesa,
    place: a.ubigeo,
    state: a.state,
    stateLabel: a.stateLabel,
    votes: a.votes === null ? Array<number>(choices).fill(0) : [...a.votes],
    voters: none ? 0 : a.voters,
    blank: a.blank,
    null: a.null,
    impugned: a.impugned,
    eligible: a.eligible,
    ...(a.observation === undefined ? {} : { observation: a.observation }),
  };
}

/** Rows of a file, each read into a source acta or its issues, and what the file carries. */
async function rowsOf(o: ReadSourceOptions): Promise<{
  kind: SourceFormat['kind'];
  carries: SourceCarries;
  rows: AsyncIterable<SourceRow>;
  figures: ReadonlyMap<string, string> | null;
}> {
  const hash = o.figuresHash;
  const figures = hash === undefined ? null : new Map<string, string>();
  const fromActa = (a: Acta): SourceRow => {
    if (figures !== null && hash !== undefined && !figures.has(a.mesa))
      figures.set(a.mesa, hash(a));
    return { ok: true, acta: sourceActaOf(a, o.election.choices.length) };
  };
  const source = await openSource(o.file);
  if (
    o.format?.kind === 'cifra-json' ||
    (o.format === undefined && sourceKind(source) === 'json')
  ) {
    const records = jsonRecords(source, o.election);
    async function* rows(): AsyncIterable<SourceRow> {
      for await (const r of records) yield r.parsed.ok ? fromActa(r.parsed.acta) : r.parsed;
    }
    return { kind: 'cifra-json', carries: ALL_CARRIED, rows: rows(), figures };
  }
  const csv = await readCsvRows(source.stream);
  const format = o.format ?? detectedFormat(csv.header);
  const collected: SourceRow[] = [];
  // A row that does not fit the header is no reading of the acta: its issue, as a bad row's,
  // with its mesa as its reader reads that cell (ingest's misfit record keeps it too), so the
  // comparison says the row is there but unreadable rather than the mesa missing (review s35).
  const misfit =
    (mesaOf: (r: CsvRecordView, row: number) => string | null) =>
    (r: CsvRecordView, row: number, i: Issue): void =>
      void collected.push({ ok: false, mesa: mesaOf(r, row), issues: [i] });
  const mesaOfRow = (s: SourceRow): string | null => (s.ok ? s.acta.mesa : s.mesa);
  let carries = ALL_CARRIED;
  if (format.kind === 'column-map') {
    const reader = columnMapReader(csv.header, format.columns, o.election, o.jurisdiction);
    carries = reader.carries;
    await csv.scan(
      (r, row) => void collected.push(reader.read(r, row)),
      async () => {},
      misfit((r, row) => mesaOfRow(reader.read(r, row))),
    );
  } else {
    const parser =
      format.kind === 'onpe-mesa'
        ? onpeMesaParser(csv.header, o.election, o.jurisdiction)
        : cifraCsvParser(csv.header, o.election, o.jurisdiction);
    await csv.scan(
      (r, row) => {
        const p = parser.parse(r, row);
        collected.push(p.ok ? fromActa(p.acta) : { ok: false, mesa: p.mesa, issues: p.issues });
      },
      async () => {},
      misfit((r, row) => {
        const p = parser.parse(r, row);
        return p.ok ? p.acta.mesa : p.mesa;
      }),
    );
  }
  async function* rows(): AsyncIterable<SourceRow> {
    yield* collected;
  }
  return {
    kind: format.kind,
    carries,
    rows: rows(),
    figures: format.kind === 'column-map' ? null : figures,
  };
}

function detectedFormat(header: readonly string[]): SourceFormat {
  const f = detectFormat(header);
  if (f === 'onpe-mesa' || f === 'cifra-csv') return { kind: f };
  throw new FileRejected('columns_missing', {
    reason:
      'neither the ONPE per-mesa nor the cifra CSV columns: give the format (a column map for a transcription)',
    found: header.slice(0, 24),
  });
}

/**
 * Reads a whole file of actas (CSV, .gz, .zip, JSON) for a comparison: every row through the
 * format's reader, a repeated mesa counted and skipped, unreadable rows counted by code. A file
 * that cannot be read as a whole is an error (its coded issue); nothing else is.
 */
export async function readActaSource(o: ReadSourceOptions): Promise<Result<SourceRead, Issue[]>> {
  let hashed: { sha256: string; size: number };
  try {
    hashed = await sha256Of(o.file);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? 'read error';
    return err([issue('file_unreadable', ['file'], { file: o.file, reason })]);
  }
  try {
    const { kind, carries, rows, figures } = await rowsOf(o);
    const seen = new Set<string>();
    const actas: SourceActa[] = [];
    const byCode: Record<string, number> = {};
    const issues: Issue[] = [];
    const badMesas = new Set<string>();
    let [count, duplicates, unreadable] = [0, 0, 0];
    for await (const r of rows) {
      count++;
      if (!r.ok) {
        unreadable++;
        if (r.mesa !== null) badMesas.add(r.mesa);
        for (const i of r.issues) byCode[i.code] = (byCode[i.code] ?? 0) + 1;
        if (issues.length < KEPT_ISSUES)
          issues.push(...r.issues.slice(0, KEPT_ISSUES - issues.length));
      } else if (seen.has(r.acta.mesa)) duplicates++;
      else {
        seen.add(r.acta.mesa);
        actas.push(r.acta);
      }
    }
    if (count === 0) throw new FileRejected('file_empty', { reason: 'a header but no rows' });
    return ok({
      file: o.file,
      ...hashed,
      format: kind,
      rows: count,
      actas,
      carries,
      duplicates,
      unreadable,
      unreadableMesas: [...badMesas].filter((m) => !seen.has(m)),
      unreadableByCode: byCode,
      issues,
      figures,
    });
  } catch (e) {
    if (e instanceof FileRejected)
      return err([issue(e.code, ['file'], { file: o.file, ...e.details })]);
    throw e;
  }
}
