import { accessSync, constants, statSync } from 'node:fs';
import { issue, type Issue } from '../core/issues.js';
import type { ElectionDef } from '../core/model/acta.js';
import {
  builtInElectionIds,
  bundledElection,
  checkSourceHashes,
  electionDefOf,
  electionsFitting,
  isPath,
  loadManifest,
  type ManifestOptions,
} from '../elections/manifests.js';
import { unreadable } from '../io/csv.js';
import type { Store } from '../store/store.js';
import type { Found } from './service.js';

/** A CSV file's header (src/ingest/source.ts readHeader: this layer does not import ingest). */
export type HeaderReader = (file: string) => Promise<readonly string[] | null>;

/** Who names the election a file is read into, and so what a name may reach. */
export type ImportRequest =
  /**
   * An upload to the server: a name is a stored election, else a bundled manifest (stored first,
   * as `cifra ingest --election <id>` does) — never a manifest path a client names; no name, the
   * store's only election.
   */
  | { readonly via: 'upload'; readonly id?: string | undefined }
  /**
   * A file on this machine (`cifra ingest`, `cifra replay`): a name is a stored election, else a
   * bundled manifest (data/elections/<id>.json) or a manifest file; no name, the one bundled
   * manifest whose columns the file's header has. Nothing is stored: the command stores it when
   * it writes (a check stores nothing). A manifest's jurisdiction is looked up in `jurisdictions`
   * (`--jurisdictions DIR`) before data/jurisdictions.
   */
  | ({
      readonly via: 'file';
      readonly id?: string | undefined;
      readonly file?: string | undefined;
      readonly readHeader: HeaderReader;
    } & ManifestOptions);

export interface ImportElection {
  readonly election: ElectionDef;
  /** Where it came from: the store, the manifest named, or the file's header (no name given). */
  readonly from: 'store' | 'manifest' | 'header';
}

/**
 * The election a file is read into, or why none: the one decision behind `cifra ingest`, `cifra
 * replay` and the API's uploads. An upload of a bundled election into a new store was
 * unknown_election (review 8).
 */
export async function electionToImport(
  store: Store,
  request: ImportRequest,
): Promise<Found<ImportElection>> {
  return request.via === 'upload'
    ? uploadElection(store, request.id)
    : fileElection(store, request);
}

const found = (election: ElectionDef, from: ImportElection['from']): Found<ImportElection> => ({
  ok: true,
  value: { election, from },
});
const refused = (issues: readonly Issue[]): Found<never> => ({ ok: false, issues });

/** An upload's election: stored (or the store's only one), else a bundled one by its id. */
async function uploadElection(
  store: Store,
  id: string | undefined,
): Promise<Found<ImportElection>> {
  // loaded here, not with this module: `cifra ingest` starts without the results service
  const { election } = await import('./service.js');
  const stored = await election(store, id);
  if (stored.ok) return found(stored.value, 'store');
  // a server never reads a manifest path a client names: only a bundled id reaches a manifest
  if (id === undefined || isPath(id)) return stored;
  const bundled = bundledElection(id);
  // neither stored nor bundled: said as a file's import says it, with the bundled acta elections
  // an upload would take (docs/errors.md; session 36: it listed the store's alone, [] when empty)
  if (bundled === null)
    return refused(await Promise.all(stored.issues.map((i) => noManifest(store, i))));
  await store.putElection(bundled);
  return found(bundled, 'manifest');
}

/** A local file's election: the one named, else the one its header fits. */
async function fileElection(
  store: Store,
  r: Extract<ImportRequest, { via: 'file' }>,
): Promise<Found<ImportElection>> {
  // a file that is not there is said as such, not as "no election fits its columns" (review 4)
  const missing = [
    ...(r.file === undefined ? [] : [unreadableAt(r.file, 'file')]),
    ...(r.id !== undefined && isManifestPath(r.id) ? [unreadableAt(r.id, 'election')] : []),
  ].filter((i): i is Issue => i !== null);
  if (missing.length > 0) return refused(missing);
  if (r.id !== undefined) {
    const stored = isManifestPath(r.id) ? null : await store.getElection(r.id);
    if (stored !== null) return found(stored, 'store');
    const m = electionFromManifest(r.id, r);
    if ('def' in m) return found(m.def, 'manifest');
    return refused(await Promise.all(m.issues.map((i) => noManifest(store, i))));
  }
  return fittedElection(r.file, r.readHeader);
}

/**
 * A name that is neither stored nor a bundled manifest, as a file's import says it: what it
 * looked for (`looked: 'manifest'`: no bundled election or manifest file of that name, not "no
 * such election in the store") and what it would take — the store's elections and the bundled
 * acta elections, not every bundled manifest (published aggregates are not ingested) (s35).
 */
async function noManifest(store: Store, i: Issue): Promise<Issue> {
  const d = i.details ?? {};
  if (i.code !== 'unknown_election' || !Array.isArray(d['known'])) return i;
  const stored = (await store.listElections()).map((e) => e.id);
  const actas = builtInElectionIds().filter((id) => {
    const m = loadManifest(id);
    return m.ok && !m.value.manifest.sources.every((s) => s.format === 'cifra-aggregate-csv');
  });
  const known = [...new Set([...stored, ...actas])].sort();
  return issue('unknown_election', i.path, { election: d['election'], looked: 'manifest', known });
}

/**
 * The one bundled election whose columns the file's header has; else unknown_election with the
 * columns, the elections that fit (none or several) and the bundled ones.
 */
async function fittedElection(
  file: string | undefined,
  readHeader: HeaderReader,
): Promise<Found<ImportElection>> {
  // an empty file is said as such, not as "no election fits its columns" (review 5)
  if (file !== undefined && statSync(file).size === 0)
    return refused([issue('file_empty', ['file'], { file })]);
  const header = file === undefined ? null : await readHeader(file);
  const fits = header === null ? [] : electionsFitting(header);
  if (fits.length === 1) {
    const m = electionFromManifest(fits[0] as string);
    return 'def' in m ? found(m.def, 'header') : refused(m.issues);
  }
  return refused([
    issue('unknown_election', ['election'], {
      election: null,
      ...(header === null ? {} : { columns: header }),
      fits,
      known: builtInElectionIds(),
    }),
  ]);
}

/** A bundled or user manifest as the election to store, or its issues (a changed source file too). */
function electionFromManifest(
  ref: string,
  o: ManifestOptions = {},
): { def: ElectionDef } | { issues: Issue[] } {
  const m = loadManifest(ref, o);
  if (!m.ok) return { issues: m.error };
  // published aggregates are read from the manifest's own sources, never ingested as actas
  const sources = m.value.manifest.sources;
  if (sources.length > 0 && sources.every((s) => s.format === 'cifra-aggregate-csv'))
    return {
      issues: [
        issue('aggregates_not_actas', ['election'], {
          election: m.value.manifest.id,
          sources: sources.map((s) => s.file),
        }),
      ],
    };
  const bad = checkSourceHashes(m.value);
  return bad.length > 0 ? { issues: bad } : { def: electionDefOf(m.value) };
}

/** A `--election` that names a manifest file: the CLI checks it is readable before reading it. */
const isManifestPath = (ref: string): boolean => ref.includes('/') || ref.endsWith('.json');

/** `file_unreadable` for a path that cannot be read (its errno as the reason), else null. */
export function unreadableAt(path: string, at: string): Issue | null {
  try {
    accessSync(path, constants.R_OK);
    return null;
  } catch (e) {
    return unreadable(path, at, e);
  }
}
