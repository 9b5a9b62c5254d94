import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { issue, type Issue } from '../core/issues.js';
import { ok, type Result } from '../core/result.js';
import { CifraActaJsonSchema, type Acta, type ElectionDef } from '../core/model/acta.js';
import { noOutcome } from '../core/tally/batch-plan.js';
import { validateActa, type PlaceCheck } from '../core/tally/validate-acta.js';
import { loadJurisdiction, type LoadedJurisdiction } from '../jurisdictions/load.js';
import type {
  BatchOutcome,
  ImportSession,
  ImportSummary,
  PlaceNames,
  QuarantinedRow,
  Store,
} from '../store/store.js';
import { StoreBusyError, StoreWriterFailed } from '../store/store.js';
import { ActaBatch } from '../core/tally/acta-batch.js';
import type { CsvRecordView } from '../io/csv-scanner.js';
import {
  cifraCsvParser,
  detectFormat,
  onpeMesaParser,
  type ParsedRow,
  type RowParser,
} from './formats.js';
import { readCsvRows } from './rows.js';
import { quickChecker, quickPacker, type QuickRow } from './quick-check.js';
import { onpeCongressGrouper } from './congress.js';
import { FileRejected, openSource, sourceKind, type OpenedSource } from './source.js';
import { jsonTexts } from './json-stream.js';
import { DEFAULT_INGEST_LIMITS, tooManyQuarantined, type IngestLimits } from './limits.js';

export type IngestFormat = 'onpe-mesa' | 'onpe-congress' | 'cifra-csv' | 'cifra-json';

export interface IngestOptions {
  readonly file: string;
  readonly election: ElectionDef;
  readonly format?: IngestFormat | undefined;
  readonly mode?: 'import' | 'correction';
  readonly batchSize?: number;
  readonly now: () => string;
  /**
   * The election's jurisdiction (patterns, padding, state labels, known places); loaded from
   * `election.jurisdiction` when omitted.
   */
  readonly jurisdiction?: LoadedJurisdiction | undefined;
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
  /** Rows that passed validation: the actas the store receives (or would receive, in a check). */
  readonly valid: number;
  readonly warningsByCode: Readonly<Record<string, number>>;
  readonly conflictMesas: readonly string[];
  /** Problems of the import as a whole: one acta_conflict warning per mesa in conflict. */
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
 * The mesas seen in a file (a mesa twice is a duplicate row). Peru's mesa codes are six digits,
 * so those are kept in a bitmap of 10⁶ bits; any other id in a set of strings.
 */
class MesaSet {
  private readonly bits = new Uint8Array(125_000);
  private readonly other = new Set<string>();
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
    const n = this.index(mesa);
    return n < 0 ? this.other.has(mesa) : ((this.bits[n >> 3] as number) & (1 << (n & 7))) !== 0;
  }
  add(mesa: string): void {
    const n = this.index(mesa);
    if (n < 0) this.other.add(mesa);
    else this.bits[n >> 3] = (this.bits[n >> 3] as number) | (1 << (n & 7));
  }
}

const CHECKED_BATCH: BatchOutcome = noOutcome();

const ZERO_COUNTS = {
  rowsRead: 0,
  new: 0,
  unchanged: 0,
  stateChanges: 0,
  corrected: 0,
  conflicts: 0,
  quarantined: 0,
} as const;

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

/**
 * JSON Lines (one acta per line) or a JSON array of actas, in cifra's documented shape, from an
 * opened source (decompressed and bounded like a CSV); the source is closed when done.
 */
export async function* jsonRecords(
  source: OpenedSource,
  election: ElectionDef,
  limits: IngestLimits = DEFAULT_INGEST_LIMITS,
): AsyncGenerator<{ row: number; parsed: ParsedRow; raw: () => Record<string, string> }> {
  const toActa = (value: unknown, row: number): ParsedRow => {
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
            i.path.length === 0
              ? 'missing_required'
              : /mesa/.test(String(i.path[0]))
                ? 'mesa_invalid'
                : /ubigeo/.test(String(i.path[0]))
                  ? 'ubigeo_invalid'
                  : i.code === 'too_small'
                    ? 'negative_number'
                    : i.code === 'too_big'
                      ? 'number_too_large'
                      : i.code === 'invalid_type' && i.path.length > 0
                        ? 'missing_required'
                        : 'non_integer',
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
    };
    return { ok: true, acta };
  };
  // split into texts without reading it whole
  source.stream.setEncoding('utf8');
  try {
    for await (const { row, text, tooDeep } of jsonTexts(source.stream, limits)) {
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
      yield { row, parsed: toActa(value, row), raw: () => ({ line: text }) };
    }
  } finally {
    source.stream.destroy();
  }
}

/** The election's jurisdiction, and the place check validation uses. */
function jurisdictionOf(
  o: IngestOptions,
): Result<{ jurisdiction: LoadedJurisdiction; places: PlaceCheck }, Issue[]> {
  const j =
    o.jurisdiction !== undefined ? ok(o.jurisdiction) : loadJurisdiction(o.election.jurisdiction);
  if (!j.ok) return j;
  return ok({
    jurisdiction: j.value,
    places: {
      mesaPattern: j.value.mesaPattern,
      placePattern: j.value.placePattern,
      isKnownPlace: o.isKnownPlace ?? j.value.isKnownPlace,
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
  const { jurisdiction, places } = resolved.value;
  let hashed: { sha256: string; size: number };
  try {
    hashed = await sha256Of(o.file);
  } catch (e) {
    return {
      ok: false,
      issues: [
        issue('file_unreadable', ['file'], {
          file: o.file,
          reason: (e as NodeJS.ErrnoException).code ?? 'read error',
        }),
      ],
    };
  }
  const mode = o.mode ?? 'import';
  const limits: IngestLimits = { ...DEFAULT_INGEST_LIMITS, ...o.limits };
  const previous =
    mode === 'import' && o.check !== true
      ? await store.findImport(o.election.id, hashed.sha256)
      : null;
  if (previous !== null) {
    return {
      ok: true,
      report: {
        file: o.file,
        sha256: hashed.sha256,
        size: hashed.size,
        format: previous.format as IngestFormat,
        importId: previous.id,
        alreadyImported: true,
        checked: false,
        valid: 0,
        ...ZERO_COUNTS,
        quarantinedByCode: {},
        warningsByCode: {},
        conflictMesas: [],
        issues: [],
        quarantinedRows: [],
        finishedAt: o.now(),
      },
    };
  }

  let source: Awaited<ReturnType<typeof openSource>> | null = null;
  /** Feeds every record to `take`, awaiting `between` between chunks of the input. */
  let read: (take: (r: Rec) => void, between: () => Promise<void>) => Promise<void>;
  let format: IngestFormat;
  try {
    source = await openSource(o.file, limits.decompressedBytes);
    if (o.format === 'cifra-json' || (o.format === undefined && sourceKind(source) === 'json')) {
      format = 'cifra-json';
      const json = source;
      read = async (take, between) => {
        for await (const r of jsonRecords(json, o.election, limits)) {
          take(r);
          await between();
        }
      };
    } else {
      const csv = await readCsvRows(source.stream, limits);
      const detected = detectFormat(csv.header);
      const wanted = o.format ?? detected;
      if (wanted === null || wanted === ('cifra-json' as string))
        throw new FileRejected('columns_missing', {
          reason: 'neither the ONPE per-mesa nor the cifra CSV columns',
          found: csv.header.slice(0, 12),
        });
      format = wanted;
      if (wanted === 'onpe-congress') {
        const grouper = onpeCongressGrouper(csv.header, o.election, jurisdiction);
        read = async (take, between) => {
          await csv.scan((r, row) => {
            for (const g of grouper.push(r.cells(), row)) take(g);
          }, between);
          for (const g of grouper.flush()) take(g);
        };
      } else {
        const parser: RowParser =
          wanted === 'onpe-mesa'
            ? onpeMesaParser(csv.header, o.election, jurisdiction)
            : cifraCsvParser(csv.header, o.election, jurisdiction);
        // a plainly valid row is counted (a check) or written into the batch's columns (an
        // import) without building it (quick-check.ts, ADR 012)
        const quick = o.quick !== false ? quickChecker(parser.columns, jurisdiction, places) : null;
        const pack = quickPacker(parser.columns);
        const packValid = (r: CsvRecordView, q: QuickRow, row: number): boolean => {
          if (seen.has(q.mesa)) return false;
          seen.add(q.mesa);
          totals.rowsRead++;
          pack(r, q, row, parser.place(r, q.ubigeo), batch);
          return true;
        };
        read = (take, between) =>
          csv.scan((r, row) => {
            const q = quick === null ? null : quick(r);
            if (q !== null && (o.check === true ? countValid(q.mesa) : packValid(r, q, row)))
              return;
            // the record's bytes are only valid now: its raw cells are copied if it is quarantined
            take({ row, parsed: parser.parse(r, row), raw: () => parser.raw(r) });
          }, between);
      }
    }
  } catch (e) {
    source?.stream.destroy();
    if (e instanceof FileRejected)
      return { ok: false, issues: [issue(e.code, ['file'], { file: o.file, ...e.details })] };
    throw e;
  }

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
      });
  beginning?.catch(() => {}); // awaited by the first batch, or on failure below
  let session: ImportSession | null = null;
  const batchSize = o.batchSize ?? 5000;
  let valid = 0;
  const seen = new MesaSet();
  const quarantinedByCode: Record<string, number> = {};
  const warningsByCode: Record<string, number> = {};
  const totals: { -readonly [K in keyof typeof ZERO_COUNTS]: number } = { ...ZERO_COUNTS };
  const conflictMesas: string[] = [];
  const sample: QuarantineSample[] = [];
  let batch = new ActaBatch<PlaceNames>(o.election.id);
  let bad: QuarantinedRow[] = [];
  const count = (r: BatchOutcome): void => {
    totals.new += r.new;
    totals.unchanged += r.unchanged;
    totals.stateChanges += r.stateChanges;
    totals.corrected += r.corrected;
    totals.conflicts += r.conflicts;
    conflictMesas.push(...r.conflictMesas);
  };
  // batches sent and not yet answered (a session with `inFlight` answers them in order)
  const sent: Promise<void>[] = [];
  const flush = async (): Promise<void> => {
    valid += batch.n;
    // a check stores nothing: the batch is only counted
    session ??= await beginning;
    if (session === null) count(CHECKED_BATCH);
    else {
      // a store that plans from columns takes them; any other, the rows as objects
      const answer = (
        session.applyColumns !== undefined && o.quick !== false
          ? session.applyColumns(batch, bad)
          : session.applyBatch(batch.incoming(), bad)
      ).then(count);
      answer.catch(() => {}); // awaited below; a rejection is not unhandled meanwhile
      sent.push(answer);
      while (sent.length > (session.inFlight ?? 0)) await sent.shift();
    }
    batch = new ActaBatch<PlaceNames>(o.election.id);
    bad = [];
  };
  const quarantine = (
    row: number,
    mesa: string | null,
    issues: readonly Issue[],
    raw: () => Record<string, string>,
  ): void => {
    totals.quarantined++;
    if (sample.length < QUARANTINE_SAMPLE) sample.push({ row, mesa, issues });
    for (const i of issues)
      if (i.severity === 'error') quarantinedByCode[i.code] = (quarantinedByCode[i.code] ?? 0) + 1;
    bad.push({ row, mesa, issues, raw: raw() });
  };
  /** A row the quick check read as valid with no issue: counted as `take` would, unless seen. */
  const countValid = (mesa: string): boolean => {
    if (seen.has(mesa)) return false;
    seen.add(mesa);
    totals.rowsRead++;
    valid++;
    return true;
  };
  const take = ({ row, parsed, raw }: Rec): void => {
    totals.rowsRead++;
    if (!parsed.ok) return quarantine(row, parsed.mesa, parsed.issues, raw);
    const issues = validateActa(parsed.acta, places);
    if (issues.length > 0 && issues.some((i) => i.severity === 'error'))
      return quarantine(row, parsed.acta.mesa, issues, raw);
    if (seen.has(parsed.acta.mesa))
      return quarantine(
        row,
        parsed.acta.mesa,
        [issue('duplicate_acta', ['row', row], { mesa: parsed.acta.mesa })],
        raw,
      );
    seen.add(parsed.acta.mesa);
    for (const w of issues) warningsByCode[w.code] = (warningsByCode[w.code] ?? 0) + 1;
    batch.push({
      acta: parsed.acta,
      row,
      warnings: issues,
      place: 'place' in parsed ? parsed.place : undefined,
    });
  };
  const between = async (): Promise<void> => {
    // a file of mostly bad rows (5 M copies of one row) stops here, not after filling the disk
    if (tooManyQuarantined(totals.quarantined, totals.rowsRead, limits))
      throw new FileRejected('too_many_quarantined', {
        quarantined: totals.quarantined,
        rowsRead: totals.rowsRead,
        limitPercent: limits.quarantinedPercent,
      });
    if (batch.n + bad.length >= batchSize) {
      await flush();
      o.onProgress?.(source?.bytesRead() ?? 0, source?.size ?? hashed.size);
    }
  };
  try {
    await read(take, between);
    await between();
    await flush();
    while (sent.length > 0) await sent.shift();
    if (totals.rowsRead === 0)
      throw new FileRejected('file_empty', { reason: 'a header but no rows' });
    const summary: ImportSummary = { ...totals, quarantinedByCode, finishedAt: o.now() };
    session ??= await beginning;
    await session?.commit(summary);
    o.onProgress?.(hashed.size, hashed.size);
    return {
      ok: true,
      report: {
        ...summary,
        file: o.file,
        sha256: hashed.sha256,
        size: hashed.size,
        format,
        importId: session?.importId ?? null,
        checked: o.check === true,
        valid,
        alreadyImported: false,
        warningsByCode,
        conflictMesas,
        quarantinedRows: sample,
        // the same acta arrived with other figures: both versions are kept, the new one not applied
        issues: conflictMesas.map((mesa) =>
          issue(
            'acta_conflict',
            ['mesa', mesa],
            { importId: session?.importId ?? null },
            'warning',
          ),
        ),
      },
    };
  } catch (e) {
    source?.stream.destroy();
    // an import begun (or beginning) holds the store's write lock until it is rolled back
    await (session ?? (await beginning?.catch(() => null)))?.rollback();
    if (e instanceof StoreBusyError)
      return { ok: false, issues: [issue('store_busy', ['store'], { waitedMs: e.waitedMs })] };
    if (e instanceof FileRejected)
      return { ok: false, issues: [issue(e.code, ['file'], { file: o.file, ...e.details })] };
    if (e instanceof StoreWriterFailed)
      return { ok: false, issues: [issue('store_writer_failed', ['store'], { reason: e.reason })] };
    throw e;
  }
}
