import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { issue, type Issue } from '../core/issues.js';
import { err, ok, type Result } from '../core/result.js';
import { CifraActaJsonSchema, type Acta, type ElectionDef } from '../core/model/acta.js';
import { noOutcome, type EarlierState, type SupersededGiven } from '../core/tally/batch-plan.js';
import { validateActa, type PlaceCheck } from '../core/tally/validate-acta.js';
import {
  loadJurisdiction,
  unknownPlaceDetails,
  type LoadedJurisdiction,
} from '../jurisdictions/load.js';
import type {
  BatchOutcome,
  ImportMeta,
  ImportRecord,
  ImportSession,
  ImportSummary,
  PlaceNames,
  QuarantinedRow,
  Store,
} from '../store/store.js';
import {
  ActaBatch,
  FIGURES,
  firstRow,
  sameFiguresAt,
  type BatchFigures,
} from '../core/tally/acta-batch.js';
import type { CsvRecordView } from '../io/csv-scanner.js';
import {
  cifraCsvParser,
  cifraJsonIssueCode,
  detectFormat,
  onpeMesaParser,
  type ParsedRow,
  type RowParser,
} from './formats.js';
import { misfitCells, readCsvRows, type CsvRows } from './rows.js';
import { quickChecker, quickPacker, type QuickRow } from './quick-check.js';
import { onpeCongressGrouper } from './congress.js';
import { FileRejected, openSource, sourceKind, type OpenedSource } from './source.js';
import { jsonTexts } from './json-stream.js';
import { againOf, recordReread, ZERO_COUNTS } from './reread.js';
import { storeIssues } from './store-issues.js';
import { Utf8Check } from './utf8-check.js';
import { DEFAULT_INGEST_LIMITS, tooManyQuarantined, type IngestLimits } from './limits.js';

export type IngestFormat = 'onpe-mesa' | 'onpe-congress' | 'cifra-csv' | 'cifra-json';

export interface IngestOptions {
  readonly file: string;
  readonly election: ElectionDef;
  readonly format?: IngestFormat | undefined;
  readonly mode?: 'import' | 'correction';
  /** A correction's ruling and author, kept with its import (ImportMeta). */
  readonly ruling?: Pick<ImportMeta, 'resolution' | 'author'> | undefined;
  /** The source's cut of the file, validated by the caller (SourceCutSchema), kept with its import. */
  readonly cut?: string | undefined;
  readonly batchSize?: number;
  readonly now: () => string;
  /**
   * The election's jurisdiction (patterns, padding, state labels, known places); loaded from
   * `election.jurisdiction` when omitted.
   */
  readonly jurisdiction?: LoadedJurisdiction | undefined;
  /**
   * The election's declared mesas (its polling-place list, padded, each with its listed place;
   * results' declaredMesas): an acta whose mesa it lacks is stored with a mesa_not_in_universe
   * warning, one under another place with mesa_ubigeo_mismatch. Absent or null: none declared. A
   * promise is awaited while the file is hashed.
   */
  readonly mesas?:
    ReadonlyMap<string, string> | Promise<ReadonlyMap<string, string> | null> | null | undefined;
  /** Replaces the jurisdiction's check of known places (a benchmark's synthetic places). */
  readonly isKnownPlace?: ((code: string) => boolean) | undefined;
  readonly onProgress?: ((bytesRead: number, size: number) => void) | undefined;
  /** Read and validate only: nothing is compared with or written to the store. */
  readonly check?: boolean | undefined;
  /** What one file may hold (limits.ts); DEFAULT_INGEST_LIMITS for what is not given. */
  readonly limits?: Partial<IngestLimits> | undefined;
  /**
   * false: every row is read the full way and given to the store as objects (the reference the
   * quick path of a check and of an import is tested against).
   */
  readonly quick?: boolean | undefined;
}

export interface IngestReport extends ImportSummary {
  readonly file: string;
  readonly sha256: string;
  readonly size: number;
  readonly format: IngestFormat;
  readonly importId: number | null;
  /** The same file was already imported: nothing was read or changed. */
  readonly alreadyImported: boolean;
  /** A check (`--check`): the file was read and validated, nothing was stored. */
  readonly checked: boolean;
  /** The source's cut kept with the import (the earlier import's, when already imported); null: none. */
  readonly cut: string | null;
  /** Rows that passed validation: the actas the store receives (or would receive, in a check). */
  readonly valid: number;
  readonly warningsByCode: Readonly<Record<string, number>>;
  readonly conflictMesas: readonly string[];
  /**
   * Problems of the import as a whole: one warning per mesa in conflict,
   * acta_superseded_by_correction where the file gave a version a correction replaced,
   * acta_state_backwards where it gave an earlier state than the one held (a stale file), else
   * acta_conflict.
   */
  readonly issues: readonly Issue[];
  /**
   * The first `QUARANTINE_SAMPLE` quarantined rows, in file order: which rows were set aside and
   * why, even in a check, which stores nothing (an import's store keeps every one with its raw
   * cells: `cifra quarantine <import>`).
   */
  readonly quarantinedRows: readonly QuarantineSample[];
}

/** A quarantined row as a report names it: its 1-based data row, its mesa if read, its issues. */
export interface QuarantineSample {
  readonly row: number;
  readonly mesa: string | null;
  readonly issues: readonly Issue[];
}

/** How many quarantined rows a report names (the count and the codes cover them all). */
export const QUARANTINE_SAMPLE = 100;

/** Bytes per read: big enough that the per-chunk work (an await, a flush check) is noise. */
const READ_CHUNK = 1 << 20;

/**
 * The mesas seen in a file and the row each was first read from (a mesa twice is a duplicate row,
 * and its issue names the row kept). Peru's mesa codes are six digits, so those are kept in an
 * array of 10⁶ rows (4 MB; 0: not seen); any other id in a map.
 */
class MesaSet {
  private readonly rows = new Int32Array(1_000_000);
  private readonly other = new Map<string, number>();
  private index(mesa: string): number {
    if (mesa.length !== 6) return -1;
    let n = 0;
    for (let i = 0; i < 6; i++) {
      const d = mesa.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return -1;
      n = n * 10 + d;
    }
    return n;
  }
  has(mesa: string): boolean {
    return this.rowOf(mesa) !== 0;
  }
  /** The data row the mesa was first read from; 0 if it was not. */
  rowOf(mesa: string): number {
    const n = this.index(mesa);
    return n < 0 ? (this.other.get(mesa) ?? 0) : (this.rows[n] as number);
  }
  add(mesa: string, row: number): void {
    const n = this.index(mesa);
    if (n < 0) this.other.set(mesa, row);
    else this.rows[n] = row;
  }
}

const CHECKED_BATCH: BatchOutcome = noOutcome();

/** One record read from a file: its row number, its parse, and its raw cells for quarantine. */
interface Rec {
  readonly row: number;
  readonly parsed: ParsedRow;
  readonly raw: () => Record<string, string>;
}

export type IngestResult =
  | { readonly ok: true; readonly report: IngestReport }
  | { readonly ok: false; readonly issues: readonly Issue[] };

export async function sha256Of(path: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  // one buffer read into again and again: half the CPU of a read stream's fresh 1 MiB chunks
  const buf = Buffer.allocUnsafe(READ_CHUNK);
  const file = await open(path);
  try {
    for (;;) {
      const { bytesRead } = await file.read(buf, 0, READ_CHUNK, null);
      if (bytesRead === 0) break;
      h.update(buf.subarray(0, bytesRead));
      size += bytesRead;
    }
  } finally {
    await file.close();
  }
  return { sha256: h.digest('hex'), size };
}

/** One JSON element as an acta in cifra's documented shape, or its coded issues. */
function jsonActa(value: unknown, row: number, election: ElectionDef): ParsedRow {
  const r = CifraActaJsonSchema.safeParse(value);
  if (!r.success) {
    const mesa =
      typeof (value as { mesa?: unknown })?.mesa === 'string'
        ? (value as { mesa: string }).mesa
        : null;
    return {
      ok: false,
      mesa,
      issues: r.error.issues.map((i) =>
        issue(
          cifraJsonIssueCode(i, value, 'json_unreadable'),
          ['row', row, ...i.path.map(String)],
          { message: i.message },
        ),
      ),
    };
  }
  const a = r.data;
  const unknown = a.votes
    ? Object.keys(a.votes).filter((k) => !election.choices.some((c) => c.id === k))
    : [];
  if (unknown.length > 0)
    return {
      ok: false,
      mesa: a.mesa,
      issues: [issue('unknown_party_column', ['row', row, 'votes'], { choices: unknown })],
    };
  // trimmed, none where blank: as the CSV readers take it (formats.ts)
  const observation = a.observation?.trim() ?? '';
  const acta: Acta = {
    election: election.id,
    mesa: a.mesa,
    ubigeo: a.ubigeo,
    state: a.state,
    stateLabel: a.state,
    eligible: a.eligible,
    voters: a.voters,
    votes: a.votes ? election.choices.map((c) => a.votes?.[c.id] ?? 0) : null,
    blank: a.blank,
    null: a.null,
    impugned: a.impugned,
    ...(observation === '' ? {} : { observation }),
  };
  return { ok: true, acta };
}

/**
 * JSON Lines (one acta per line) or a JSON array of actas, in cifra's documented shape, from an
 * opened source (decompressed and bounded like a CSV); the source is closed when done.
 */
export async function* jsonRecords(
  source: OpenedSource,
  election: ElectionDef,
  limits: IngestLimits = DEFAULT_INGEST_LIMITS,
): AsyncGenerator<{ row: number; parsed: ParsedRow; raw: () => Record<string, string> }> {
  try {
    // split into texts without reading it whole
    for await (const { row, text, tooDeep } of jsonTexts(utf8Texts(source.stream), limits)) {
      const issueOf = (
        code: 'json_too_deep' | 'json_unreadable',
        details: Record<string, unknown>,
      ): ParsedRow => ({
        ok: false,
        mesa: null,
        issues: [issue(code, ['row', row], details)],
      });
      if (tooDeep) {
        const parsed = issueOf('json_too_deep', { limit: limits.jsonDepth });
        yield { row, parsed, raw: () => ({ line: text.slice(0, 200) }) };
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        yield {
          row,
          parsed: issueOf('json_unreadable', {
            reason: text === '' ? 'an empty element of the JSON array' : 'not JSON',
          }),
          raw: () => ({ line: text }),
        };
        continue;
      }
      yield { row, parsed: jsonActa(value, row, election), raw: () => ({ line: text }) };
    }
  } finally {
    source.stream.destroy();
  }
}

/**
 * A JSON file's text (RFC 8259 § 8.1: UTF-8), refused where a byte is not UTF-8 rather than read
 * as U+FFFD (docs/errors.md: file_encoding_invalid).
 */
async function* utf8Texts(stream: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const check = new Utf8Check();
  const decoder = new StringDecoder('utf8');
  const refuse = (byte: number) =>
    new FileRejected('file_encoding_invalid', { reason: 'invalid_utf8', byte });
  for await (const chunk of stream) {
    const bad = check.push(chunk);
    if (bad !== null) throw refuse(bad);
    yield decoder.write(chunk);
  }
  const open = check.end();
  if (open !== null) throw refuse(open);
  yield decoder.end();
}

/**
 * The place check validation uses, with what an unknown place's issue names: the jurisdiction's
 * word for its place code and its place table (review s36: "ubigeo" and no file for Zembla's).
 */
type IngestPlaces = PlaceCheck & { readonly unknownPlace: Readonly<Record<string, unknown>> };

/** The election's jurisdiction, and the place check validation uses. */
function jurisdictionOf(
  o: IngestOptions,
): Result<{ jurisdiction: LoadedJurisdiction; places: IngestPlaces }, Issue[]> {
  const j =
    o.jurisdiction !== undefined ? ok(o.jurisdiction) : loadJurisdiction(o.election.jurisdiction);
  if (!j.ok) return j;
  return ok({
    jurisdiction: j.value,
    places: {
      mesaPattern: j.value.mesaPattern,
      placePattern: j.value.placePattern,
      isKnownPlace: o.isKnownPlace ?? j.value.isKnownPlace,
      unknownPlace: unknownPlaceDetails(j.value),
    },
  });
}

/**
 * Reads a file of actas into the store: parse, validate, quarantine bad rows with their codes,
 * version every change. A file that cannot be read as a whole changes nothing.
 */
export async function ingestFile(store: Store, o: IngestOptions): Promise<IngestResult> {
  // a store's writer thread starts while the jurisdiction loads and the file is hashed (ADR 012)
  if (o.check !== true && store.warmImport !== undefined)
    store.warmImport((await stat(o.file).catch(() => null))?.size ?? 0);
  const resolved = jurisdictionOf(o);
  if (!resolved.ok) return { ok: false, issues: resolved.error };
  const { jurisdiction } = resolved.value;
  const [hashedOrNot, mesas] = await Promise.all([hashOf(o.file), o.mesas ?? null]);
  if (!hashedOrNot.ok) return { ok: false, issues: hashedOrNot.error };
  const places: IngestPlaces = { ...resolved.value.places, mesas };
  const hashed = hashedOrNot.value;
  const mode = o.mode ?? 'import';
  const limits: IngestLimits = { ...DEFAULT_INGEST_LIMITS, ...o.limits };
  const previous =
    mode === 'import' && o.check !== true
      ? await store.findImport(o.election.id, hashed.sha256)
      : null;
  if (previous !== null) return importedBefore(store, o, hashed, previous);
  const opened = await openReader(o, limits, jurisdiction, places);
  if (!opened.ok) return { ok: false, issues: opened.error };
  const { source, read, format } = opened.value;
  // begun while the first batch is read: a store's writer thread (ADR 011) starts meanwhile
  const beginning: Promise<ImportSession> | null = o.check
    ? null
    : store.beginImport({
        election: o.election.id,
        fileName: basename(o.file),
        sha256: hashed.sha256,
        size: hashed.size,
        format,
        mode,
        startedAt: o.now(),
        ...o.ruling,
        ...(o.cut === undefined ? {} : { cut: o.cut }),
      });
  beginning?.catch(() => {}); // awaited by the first batch, or on failure in readAll
  const progress = (): void => o.onProgress?.(source.bytesRead(), source.size);
  const run = new ImportRun(o, places, limits, beginning, progress);
  return readAll(run, read, source, o, hashed, format);
}

/** The file's hash and size, the import's identity; a file that cannot be read is its issue. */
async function hashOf(file: string): Promise<Result<{ sha256: string; size: number }, Issue[]>> {
  try {
    return ok(await sha256Of(file));
  } catch (e) {
    return err([
      issue('file_unreadable', ['file'], {
        file,
        reason: (e as NodeJS.ErrnoException).code ?? 'read error',
      }),
    ]);
  }
}

/**
 * A file imported before into this election: the same bytes change no acta again. With a later
 * source's cut, as the latest snapshot's file, it is recorded as a re-read (reread.ts).
 */
async function importedBefore(
  store: Store,
  o: IngestOptions,
  hashed: { sha256: string; size: number },
  previous: ImportRecord,
): Promise<IngestResult> {
  const again = againOf(await store.listImports(o.election.id), previous, o.cut);
  const report = alreadyImported(o, hashed, previous);
  if (again.kind === 'nothing') return { ok: true, report: { ...report, issues: [again.issue] } };
  const meta = {
    ...{ election: o.election.id, fileName: basename(o.file), format: previous.format },
    ...{ sha256: hashed.sha256, size: hashed.size, startedAt: o.now(), cut: again.cut },
    mode: 'reread' as const,
  };
  // asked again under the write lock: an import may have committed since the list was read
  const recorded = await recordReread(store, meta, (all) => againOf(all, previous, o.cut), o.now);
  if (!recorded.ok) return { ok: false, issues: recorded.error };
  if (recorded.value.kind === 'nothing')
    return { ok: true, report: { ...report, issues: [recorded.value.issue] } };
  const importId = recorded.value.importId;
  const details = { importId, sameAs: previous.id, cut: again.cut, previousCut: again.previousCut };
  const issues = [issue('source_unchanged', ['cut'], details, 'warning')];
  return { ok: true, report: { ...report, importId, cut: again.cut, issues } };
}

/** The report of a file imported before into this election: the same bytes change nothing again. */
function alreadyImported(
  o: IngestOptions,
  hashed: { sha256: string; size: number },
  previous: ImportRecord,
): IngestReport {
  return {
    file: o.file,
    sha256: hashed.sha256,
    size: hashed.size,
    format: previous.format as IngestFormat,
    importId: previous.id,
    alreadyImported: true,
    checked: false,
    cut: previous.cut ?? null,
    valid: 0,
    ...ZERO_COUNTS,
    quarantinedByCode: {},
    warningsByCode: {},
    conflictMesas: [],
    issues: [],
    quarantinedRows: [],
    finishedAt: o.now(),
  };
}

/** Feeds every record of a file to a run, in file order, awaiting `between` between chunks. */
type Read = (run: ImportRun) => Promise<void>;

/**
 * The file opened with the reader of its format (JSON actas, or a CSV: detected unless given),
 * before the import begins: a file that is not one is refused without taking the write lock.
 */
async function openReader(
  o: IngestOptions,
  limits: IngestLimits,
  jurisdiction: LoadedJurisdiction,
  places: PlaceCheck,
): Promise<Result<{ source: OpenedSource; read: Read; format: IngestFormat }, Issue[]>> {
  let source: OpenedSource | null = null;
  try {
    source = await openSource(o.file, limits.decompressedBytes);
    if (o.format === 'cifra-json' || (o.format === undefined && sourceKind(source) === 'json')) {
      const json = source;
      const read: Read = async (run) => {
        for await (const r of jsonRecords(json, o.election, limits)) {
          run.take(r);
          await run.between();
        }
      };
      return ok({ source, read, format: 'cifra-json' });
    }
    const csv = await readCsvRows(source.stream, limits);
    const detected = detectFormat(csv.header);
    const wanted = o.format ?? detected;
    if (wanted === null || wanted === ('cifra-json' as string))
      throw new FileRejected('columns_missing', {
        reason: 'neither the ONPE per-mesa nor the cifra CSV columns',
        found: csv.header.slice(0, 12),
      });
    return ok({ source, read: csvReader(csv, wanted, o, jurisdiction, places), format: wanted });
  } catch (e) {
    source?.stream.destroy();
    if (e instanceof FileRejected)
      return err([issue(e.code, ['file'], { file: o.file, ...e.details })]);
    throw e;
  }
}

/**
 * A CSV's reader: congress rows grouped into actas, or one acta a row — where a plainly valid row
 * is counted (a check) or written into the batch's columns (an import) without building it
 * (quick-check.ts, ADR 012).
 */
function csvReader(
  csv: CsvRows,
  format: Exclude<IngestFormat, 'cifra-json'>,
  o: IngestOptions,
  jurisdiction: LoadedJurisdiction,
  places: PlaceCheck,
): Read {
  if (format === 'onpe-congress') {
    const grouper = onpeCongressGrouper(csv.header, o.election, jurisdiction);
    return async (run) => {
      await csv.scan(
        (r, row) => {
          for (const g of grouper.push(r.cells(), row)) run.take(g);
        },
        run.between,
        // a misfit row joins its mesa's rows, whose acta it then quarantines whole
        (r, row, misfit) => {
          for (const g of grouper.push(r.cells(), row, misfit)) run.take(g);
        },
      );
      for (const g of grouper.flush()) run.take(g);
    };
  }
  const parser: RowParser =
    format === 'onpe-mesa'
      ? onpeMesaParser(csv.header, o.election, jurisdiction)
      : cifraCsvParser(csv.header, o.election, jurisdiction);
  const quick = o.quick !== false ? quickChecker(parser.columns, jurisdiction, places) : null;
  const pack = quickPacker(parser.columns);
  return (run) => {
    const packValid = (r: CsvRecordView, q: QuickRow, row: number): boolean => {
      if (!run.claim(q.mesa, row)) return false;
      pack(r, q, row, parser.place(r, q.ubigeo), run.batch);
      return true;
    };
    return csv.scan(
      (r, row) => {
        const q = quick === null ? null : quick(r);
        if (q !== null && (o.check === true ? run.countValid(q.mesa, row) : packValid(r, q, row)))
          return;
        // the record's bytes are only valid now: its raw cells are copied if it is quarantined
        run.take({ row, parsed: parser.parse(r, row), raw: () => parser.raw(r) });
      },
      run.between,
      (r, row, misfit) => run.take(misfitRec(csv.header, parser.columns.mesa, r, row, misfit)),
    );
  };
}

/**
 * A row whose cells do not fit the header, for the quarantine: its mesa where the cell is there,
 * its cells as it has them (misfitCells).
 */
function misfitRec(
  header: readonly string[],
  mesaAt: number,
  r: CsvRecordView,
  row: number,
  misfit: Issue,
): Rec {
  const mesa = mesaAt >= 0 && mesaAt < r.length ? r.text(mesaAt).trim() : '';
  const raw = misfitCells(header, r);
  return { row, parsed: { ok: false, mesa: mesa || null, issues: [misfit] }, raw: () => raw };
}

/**
 * One file's read into the store: the mesas seen, the counts, the quarantine and its sample, and
 * the batch being filled, sent to the import's session every `batchSize` rows. One object, as the
 * readers (the quick path too) and the batch sender share this state row by row.
 */
class ImportRun {
  session: ImportSession | null = null;
  valid = 0;
  readonly seen = new MesaSet();
  readonly quarantinedByCode: Record<string, number> = {};
  readonly warningsByCode: Record<string, number> = {};
  readonly totals: { -readonly [K in keyof typeof ZERO_COUNTS]: number } = { ...ZERO_COUNTS };
  readonly conflictMesas: string[] = [];
  readonly earlierStates: EarlierState[] = [];
  readonly superseded: SupersededGiven[] = [];
  readonly sample: QuarantineSample[] = [];
  batch: ActaBatch<PlaceNames>;
  /**
   * The figure columns of the batches sent (the batch's own arrays, not copies): a duplicate row
   * is compared with its kept row there. A check keeps none (its quick rows are not packed).
   */
  private readonly sentFigures: BatchFigures[] = [];
  private bad: QuarantinedRow[] = [];
  /** Batches sent and not yet answered (a session with `inFlight` answers them in order). */
  readonly sent: Promise<void>[] = [];
  private readonly batchSize: number;

  constructor(
    private readonly o: IngestOptions,
    private readonly places: IngestPlaces,
    private readonly limits: IngestLimits,
    /** The import being begun; null in a check, which stores nothing. */
    readonly beginning: Promise<ImportSession> | null,
    private readonly progress: () => void,
  ) {
    this.batchSize = o.batchSize ?? 5000;
    this.batch = new ActaBatch<PlaceNames>(o.election.id);
  }

  private count(r: BatchOutcome): void {
    this.totals.new += r.new;
    this.totals.unchanged += r.unchanged;
    this.totals.stateChanges += r.stateChanges;
    this.totals.observationChanges += r.observationChanges;
    this.totals.corrected += r.corrected;
    this.totals.conflicts += r.conflicts;
    this.conflictMesas.push(...r.conflictMesas);
    this.earlierStates.push(...r.earlierStates);
    this.superseded.push(...r.superseded);
  }

  /** Sends the batch (or counts it, in a check) and starts the next. */
  async flush(): Promise<void> {
    this.valid += this.batch.n;
    // a check stores nothing: the batch is only counted
    this.session ??= await this.beginning;
    const session = this.session;
    if (session === null) this.count(CHECKED_BATCH);
    else {
      // a store that plans from columns takes them; any other, the rows as objects
      const answer = (
        session.applyColumns !== undefined && this.o.quick !== false
          ? session.applyColumns(this.batch, this.bad)
          : session.applyBatch(this.batch.incoming(), this.bad)
      ).then((r) => this.count(r));
      answer.catch(() => {}); // awaited below; a rejection is not unhandled meanwhile
      this.sent.push(answer);
      while (this.sent.length > (session.inFlight ?? 0)) await this.sent.shift();
      const { n, figures, votesLen, votesFrom, votes, votesAt } = this.batch;
      // the used part only: the arrays grow by doubling, and every batch's are kept to the end
      // (review 22 L2: ~165 B a row at their capacity, ~124 B used)
      if (n > 0)
        this.sentFigures.push({
          n,
          figures: figures.slice(0, n * FIGURES),
          votesLen: votesLen.slice(0, n),
          votesFrom: votesFrom.slice(0, n),
          votes: votes.slice(0, votesAt),
        });
    }
    this.batch = new ActaBatch<PlaceNames>(this.o.election.id);
    this.bad = [];
  }

  private quarantine(
    row: number,
    mesa: string | null,
    issues: readonly Issue[],
    raw: () => Record<string, string>,
  ): void {
    this.totals.quarantined++;
    if (this.sample.length < QUARANTINE_SAMPLE) this.sample.push({ row, mesa, issues });
    for (const i of issues)
      if (i.severity === 'error')
        this.quarantinedByCode[i.code] = (this.quarantinedByCode[i.code] ?? 0) + 1;
    this.bad.push({ row, mesa, issues, raw: raw() });
  }

  /** A mesa the quick check read as valid: counted as a row, unless seen (then `take` says so). */
  claim(mesa: string, row: number): boolean {
    if (this.seen.has(mesa)) return false;
    this.seen.add(mesa, row);
    this.totals.rowsRead++;
    return true;
  }

  /** A row the quick check read as valid with no issue: counted as `take` would, unless seen. */
  countValid(mesa: string, row: number): boolean {
    if (!this.claim(mesa, row)) return false;
    this.valid++;
    return true;
  }

  /**
   * Whether a repeated mesa's figures equal its kept row's (found in the batch being filled or a
   * batch sent); null in a check, whose quick rows were counted, not kept.
   */
  private sameAsKept(keptRow: number, acta: Acta): boolean | null {
    if (this.o.check === true) return null;
    const inBatch = sameFiguresAt(this.batch, keptRow, acta);
    if (inBatch !== null) return inBatch;
    // batches in file order: the last one that begins at or before the kept row holds it
    const sent = this.sentFigures;
    let lo = 0;
    let hi = sent.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (firstRow(sent[mid] as BatchFigures) <= keptRow) lo = mid;
      else hi = mid - 1;
    }
    return sent.length === 0 ? null : sameFiguresAt(sent[lo] as BatchFigures, keptRow, acta);
  }

  /** A record read the full way: quarantined with its issues, or into the batch. */
  take({ row, parsed, raw }: Rec): void {
    this.totals.rowsRead++;
    if (!parsed.ok) return this.quarantine(row, parsed.mesa, parsed.issues, raw);
    const issues = validateActa(parsed.acta, this.places).map((i) =>
      // the jurisdiction's own word for its place code and the table it was looked up in
      i.code === 'unknown_ubigeo'
        ? { ...i, details: { ...i.details, ...this.places.unknownPlace } }
        : i,
    );
    if (issues.length > 0 && issues.some((i) => i.severity === 'error'))
      return this.quarantine(row, parsed.acta.mesa, issues, raw);
    const kept = this.seen.rowOf(parsed.acta.mesa);
    // the first row stands; this one's figures stay in the quarantine, said same or not
    if (kept !== 0) {
      const same = this.sameAsKept(kept, parsed.acta);
      const details = { mesa: parsed.acta.mesa, keptRow: kept };
      const d = same === null ? details : { ...details, sameFigures: same };
      return this.quarantine(
        row,
        parsed.acta.mesa,
        [issue('duplicate_acta', ['row', row], d)],
        raw,
      );
    }
    this.seen.add(parsed.acta.mesa, row);
    for (const w of issues) this.warningsByCode[w.code] = (this.warningsByCode[w.code] ?? 0) + 1;
    this.batch.push({
      acta: parsed.acta,
      row,
      warnings: issues,
      place: 'place' in parsed ? parsed.place : undefined,
    });
  }

  /** Between chunks of the input: refuse a file of mostly bad rows; send a full batch. */
  readonly between = async (): Promise<void> => {
    // a file of mostly bad rows (5 M copies of one row) stops here, not after filling the disk
    if (tooManyQuarantined(this.totals.quarantined, this.totals.rowsRead, this.limits))
      throw new FileRejected('too_many_quarantined', {
        quarantined: this.totals.quarantined,
        rowsRead: this.totals.rowsRead,
        limitPercent: this.limits.quarantinedPercent,
      });
    if (this.batch.n + this.bad.length >= this.batchSize) {
      await this.flush();
      this.progress();
    }
  };
}

/**
 * Reads every record, sends the last batch and commits; a failure rolls the import back (it holds
 * the store's write lock) and is said as its issue.
 */
async function readAll(
  run: ImportRun,
  read: Read,
  source: OpenedSource,
  o: IngestOptions,
  hashed: { sha256: string; size: number },
  format: IngestFormat,
): Promise<IngestResult> {
  try {
    await read(run);
    await run.between();
    await run.flush();
    while (run.sent.length > 0) await run.sent.shift();
    if (run.totals.rowsRead === 0)
      throw new FileRejected('file_empty', { reason: 'a header but no rows' });
    const summary: ImportSummary = {
      ...run.totals,
      quarantinedByCode: run.quarantinedByCode,
      finishedAt: o.now(),
    };
    run.session ??= await run.beginning;
    await run.session?.commit(summary);
    o.onProgress?.(hashed.size, hashed.size);
    return { ok: true, report: reportOf(run, summary, o, hashed, format) };
  } catch (e) {
    source.stream.destroy();
    // an import begun (or beginning) holds the store's write lock until it is rolled back
    await (run.session ?? (await run.beginning?.catch(() => null)))?.rollback();
    if (e instanceof FileRejected)
      return { ok: false, issues: [issue(e.code, ['file'], { file: o.file, ...e.details })] };
    const issues = storeIssues(e);
    if (issues !== null) return { ok: false, issues };
    throw e;
  }
}

/** The report of a file read to its end: the summary, the file, and what the run counted. */
function reportOf(
  run: ImportRun,
  summary: ImportSummary,
  o: IngestOptions,
  hashed: { sha256: string; size: number },
  format: IngestFormat,
): IngestReport {
  const importId = run.session?.importId ?? null;
  return {
    ...summary,
    file: o.file,
    sha256: hashed.sha256,
    size: hashed.size,
    format,
    importId,
    checked: o.check === true,
    cut: o.cut ?? null,
    valid: run.valid,
    alreadyImported: false,
    warningsByCode: run.warningsByCode,
    conflictMesas: run.conflictMesas,
    quarantinedRows: run.sample,
    issues: conflictIssues(run, importId),
  };
}

/**
 * One warning per mesa in conflict, both versions kept and the new one not applied: the file
 * gave a version a correction replaced (acta_superseded_by_correction: a source behind the ruling,
 * or a recount to the same figures), an earlier state than the one held (acta_state_backwards, a stale file), else other
 * figures (acta_conflict).
 */
function conflictIssues(run: ImportRun, importId: number | null): Issue[] {
  const earlier = new Map(run.earlierStates.map((e) => [e.mesa, e]));
  const ruled = new Map(run.superseded.map((r) => [r.mesa, r]));
  return run.conflictMesas.map((mesa) => {
    const e = earlier.get(mesa);
    const r = ruled.get(mesa);
    if (r !== undefined)
      return issue(
        'acta_superseded_by_correction',
        ['mesa', mesa],
        { importId, correction: r.correction },
        'warning',
      );
    return e === undefined
      ? issue('acta_conflict', ['mesa', mesa], { importId }, 'warning')
      : issue(
          'acta_state_backwards',
          ['mesa', mesa],
          { importId, held: e.held, given: e.given },
          'warning',
        );
  });
}
