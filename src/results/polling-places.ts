import { readFile } from 'node:fs/promises';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { z } from 'zod';
import { NameSchema } from '../core/model/note.js';
import type { Issue } from '../core/issues.js';
import { err, ok, type Result } from '../core/result.js';
import { manifestOfRef, type ElectionRef } from '../elections/manifests.js';
import { csvFront, readCsvFile, textEncoding, unreadable } from '../io/csv.js';
import { CsvScanError, CsvScanner } from '../io/csv-scanner.js';
import type { Store } from '../store/store.js';
import type { ElectionDef } from '../core/model/acta.js';
import { requireJurisdiction } from '../jurisdictions/load.js';
import { election as findElection, type Found } from './found.js';

/** Where each mesa votes: for the dashboard's search by polling place. */
export const PollingPlacesSchema = z.object({
  election: z.string(),
  source: NameSchema.nullable().describe(
    'who published the polling places (null: the election has none)',
  ),
  places: z.array(
    z.object({
      name: z.string(),
      address: z.string(),
      place: z.string().describe("the unit (e.g. the district's ubigeo) the polling place is in"),
      mesas: z.array(z.string()),
    }),
  ),
});
export type PollingPlacesDocument = z.infer<typeof PollingPlacesSchema>;

const gunzipAsync = promisify(gunzip);

/**
 * Per election id, the document's build (shared by requests that arrive while it runs); the file
 * does not change while the server runs, so it is built once, and a failure is kept too.
 */
const CACHE = new Map<string, Promise<Found<PollingPlacesDocument>>>();

/**
 * The polling places of an election whose manifest names them (`pollingPlaces`: a crossCheck
 * source with the local's name and address per mesa), each with its mesas in order; none
 * otherwise.
 */
export async function getPollingPlaces(
  store: Store,
  id: string | undefined,
): Promise<Found<PollingPlacesDocument>> {
  const e = await findElection(store, id);
  return e.ok ? pollingPlacesOf(e.value) : e;
}

/** An election's polling places, built once per election id (its manifest's file does not move). */
export function pollingPlacesOf(def: ElectionDef): Promise<Found<PollingPlacesDocument>> {
  let made = CACHE.get(def.id);
  if (made === undefined) CACHE.set(def.id, (made = buildPollingPlaces(def)));
  return made;
}

/** Per election id, its declared mesas' read (shared, kept: the file does not move either). */
const MESAS = new Map<string, Promise<ReadonlyMap<string, string> | null>>();

/**
 * The mesas an election declares (its polling-place list, each padded as the jurisdiction pads
 * it), each with its listed place code (padded; '' where the list gives none), for ingest's
 * mesa_not_in_universe and mesa_ubigeo_mismatch warnings and the extent; null when it declares
 * none or the list cannot be read (ingest then checks nothing against it). The document's mesas,
 * read once per process from the mesa, name and place columns only: no names or addresses kept,
 * no grouping (the 2021 runoff's list is 16 MB of CSV).
 */
export function declaredMesas(def: ElectionDef): Promise<ReadonlyMap<string, string> | null> {
  let made = MESAS.get(def.id);
  if (made === undefined) MESAS.set(def.id, (made = readDeclaredMesas(def)));
  return made;
}

async function readDeclaredMesas(def: ElectionDef): Promise<ReadonlyMap<string, string> | null> {
  const list = placesList(def);
  if (list === null) return null;
  const j = requireJurisdiction(def.jurisdiction);
  const mesas = new Map<string, string>();
  const { mesa, name, place } = list.columns;
  const read = await readColumns(list.file, [mesa, name, place], ([m, n, p]) => {
    if (placed(m as string, n as string))
      mesas.set(j.padMesa(m as string), p === '' ? '' : j.padPlace(p as string));
  });
  return !read.ok || mesas.size === 0 ? null : mesas;
}

/** A row that places a mesa in a polling place: a mesa, and a name (not "NA"). */
const placed = (mesa: string, name: string): boolean => mesa !== '' && name !== '' && name !== 'NA';

/** The manifest's polling-places columns, lower-cased as the reader keys them. */
export interface Columns {
  readonly mesa: string;
  readonly place: string;
  readonly name: string;
  readonly address: string;
}

/**
 * The file of an election's polling-place list, its publisher and its columns (lower-cased as
 * the reader keys them); null when its manifest names none.
 */
function placesList(election: ElectionRef): {
  file: string;
  publisher: NonNullable<PollingPlacesDocument['source']>;
  columns: Columns;
} | null {
  const m = manifestOfRef(election);
  if (!m.ok) return null;
  const pp = m.value.manifest.pollingPlaces;
  const i = m.value.manifest.crossCheck.findIndex((s) => s.id === pp?.source);
  const source = m.value.manifest.crossCheck[i];
  const file = m.value.crossCheckFiles[i];
  if (pp === undefined || source?.columns === undefined || file === undefined) return null;
  const col = (c: string): string => c.trim().toLowerCase();
  return {
    file,
    publisher: source.publisher,
    columns: {
      mesa: col(source.columns.mesa),
      place: col(source.columns.place ?? ''),
      name: col(pp.name),
      address: col(pp.address),
    },
  };
}

/** The document, built without holding the event loop (the 2021 runoff: 16 MB of CSV). */
export async function buildPollingPlaces(
  election: ElectionRef,
): Promise<Found<PollingPlacesDocument>> {
  const id = typeof election === 'string' ? election : election.id;
  const list = placesList(election);
  if (list === null) return { ok: true, value: { election: id, source: null, places: [] } };
  const places = await pollingPlacesOfFile(list.file, list.columns);
  if (!places.ok) return { ok: false, issues: places.error };
  return { ok: true, value: { election: id, source: list.publisher, places: places.value } };
}

/** A CSV file's rows grouped by polling place (place, name, address), mesas and places sorted. */
export async function pollingPlacesOfFile(
  file: string,
  columns: Columns,
): Promise<Result<PollingPlacesDocument['places'], Issue[]>> {
  const places = new Map<string, PollingPlacesDocument['places'][number]>();
  const add = (code: string, p: string, n: string, a: string): void => {
    if (!placed(code, n)) return;
    const key = `${p}|${n}|${a}`;
    let found = places.get(key);
    if (found === undefined)
      places.set(key, (found = { name: n, address: a, place: p, mesas: [] }));
    found.mesas.push(code);
  };
  const c = columns;
  const read = await readColumns(file, [c.mesa, c.place, c.name, c.address], (v) =>
    add(...(v as [string, string, string, string])),
  );
  if (!read.ok) return read;
  const out = [...places.values()];
  for (const x of out) x.mesas.sort();
  out.sort((a, b) => (a.place < b.place ? -1 : a.place > b.place ? 1 : a.name < b.name ? -1 : 1));
  return ok(out);
}

/** Bytes scanned between two yields to the event loop: a slice holds it a few milliseconds. */
const SLICE = 64 * 1024;

/**
 * Each row's cells of the named columns (lower-cased headers; a repeated header: the later one, as
 * `readCsvFile` keys a row), trimmed, from a CSV file (plain or .gz) read as `readCsvFile` reads
 * it: the file is read and unzipped off the main thread and scanned a slice at a time, only the
 * named cells decoded. A file the scanner refuses goes to `readCsvFile` (csv-parse reads some).
 */
async function readColumns(
  path: string,
  names: readonly string[],
  row: (cells: readonly string[]) => void,
): Promise<Result<null, Issue[]>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
    if (path.endsWith('.gz')) bytes = await gunzipAsync(bytes);
  } catch (e) {
    return err([unreadable(path, 'pollingPlaces', e)]);
  }
  // the front as readCsvFile checks it; its start decoded only (the scanner decodes the cells)
  const encoding = textEncoding(bytes);
  const head = bytes
    .subarray(0, 64 * 1024)
    .toString(encoding)
    .replace(/^\uFEFF/, '');
  const delimiter = csvFront(bytes, head, path, 'pollingPlaces');
  if (!delimiter.ok) return delimiter;
  let at: number[] | null = null; // the columns' indexes, from the header record
  // handed on only once the whole file scanned: a refusal midway falls back to the whole-file
  // reader, which must not add again the rows already seen
  const rows: string[][] = [];
  const scanner = new CsvScanner(delimiter.value, encoding, (r) => {
    if (at === null) {
      const header = r.cells().map((h) => h.trim().toLowerCase());
      at = names.map((h) => header.lastIndexOf(h));
      return;
    }
    rows.push(at.map((j) => r.text(j).trim()));
  });
  try {
    for (let from = 0; from < bytes.length; from += SLICE) {
      scanner.push(bytes.subarray(from, from + SLICE));
      await yieldToLoop();
    }
    scanner.end();
  } catch (e) {
    if (!(e instanceof CsvScanError)) throw e;
    return readColumnsWhole(path, names, row);
  }
  for (const r of rows) row(r);
  return ok(null);
}

/** The whole-file reader, for a file the scanner refuses (blocking, but rare and still right). */
function readColumnsWhole(
  path: string,
  names: readonly string[],
  row: (cells: readonly string[]) => void,
): Result<null, Issue[]> {
  const table = readCsvFile(path, 'pollingPlaces');
  if (!table.ok) return table;
  for (const { values: v } of table.value.rows) row(names.map((k) => (v[k] ?? '').trim()));
  return ok(null);
}
