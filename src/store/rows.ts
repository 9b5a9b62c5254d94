import type { Issue } from '../core/issues.js';
import type { Acta, ActaState, ElectionDef } from '../core/model/acta.js';
import { ACTA_STATES } from '../core/model/acta-state.js';
import type { VersionRecord } from '../core/tally/batch-plan.js';
import type { ActaStateCounts } from '../core/tally/aggregate.js';
import type {
  FlaggedActas,
  ActaVersion,
  ImportMeta,
  ImportMode,
  ImportRecord,
  ImportSummary,
  LogEntry,
  MesaQuarantinedRow,
  PlaceNames,
  ProjectionRecord,
  ProjectionText,
  PublishedUnit,
  QuarantinedRow,
  QuarantineText,
} from './records.js';

/**
 * Rows → domain objects, shared by the SQLite and PostgreSQL stores: both use the same column
 * names; only how the votes column is stored differs (a BLOB of int32 in SQLite, an integer array
 * in PostgreSQL), so each store passes its decoder.
 */
export type Row = Record<string, unknown>;
export type VotesDecoder = (column: unknown) => number[] | null;

const NO_WARNINGS: readonly Issue[] = [];
export function warningsOf(text: unknown): readonly Issue[] {
  return text === '[]' ? NO_WARNINGS : (JSON.parse(text as string) as Issue[]);
}

export function actaOf(election: string, r: Row, votes: VotesDecoder): Acta {
  return {
    election,
    mesa: r['mesa'] as string,
    ubigeo: r['ubigeo'] as string,
    state: r['state'] as ActaState,
    stateLabel: r['state_label'] as string,
    eligible: r['eligible'] as number,
    voters: (r['voters'] as number | null) ?? null,
    votes: votes(r['votes']),
    blank: r['blank'] as number,
    null: r['null_votes'] as number,
    impugned: r['impugned'] as number,
    ...(r['preferential']
      ? { preferential: JSON.parse(r['preferential'] as string) as number[][] }
      : {}),
    ...(typeof r['observation'] === 'string' ? { observation: r['observation'] } : {}),
  };
}

/** The hashed content of a stored acta version (audit.ts). */
export function chainedOf(r: Row, votes: VotesDecoder): VersionRecord {
  return {
    mesa: r['mesa'] as string,
    version: r['version'] as number,
    kind: r['kind'] as string,
    acta: actaOf(r['election'] as string, r, votes),
    importId: (r['import_id'] as number | null) ?? null,
    row: (r['row'] as number | null) ?? null,
    recordedAt: r['recorded_at'] as string,
    warnings: r['warnings'] as string,
  };
}

/**
 * The columns an acta's history reads: its versions, each with its import's file, hash and ruling,
 * and the import the source caught up with it in (a correction's; migration 17), from
 * VERSION_HISTORY_FROM (both stores: `SELECT ${VERSION_HISTORY_COLUMNS} ${VERSION_HISTORY_FROM} …`).
 */
export const VERSION_HISTORY_COLUMNS =
  'v.*, i.file_name AS file_name, i.sha256 AS sha256, i.resolution AS resolution, i.author AS author, c.import_id AS caught_up';
export const VERSION_HISTORY_FROM =
  'FROM acta_versions v LEFT JOIN imports i ON i.id = v.import_id LEFT JOIN acta_caught_up c ON c.election = v.election AND c.mesa = v.mesa AND c.version = v.version';

/** A row of VERSION_HISTORY_COLUMNS as a version (is_current: 0/1 in SQLite, a boolean in PostgreSQL). */
export function actaVersionOf(election: string, r: Row, votes: VotesDecoder): ActaVersion {
  const text = (c: string): string | null => (typeof r[c] === 'string' ? (r[c] as string) : null);
  return {
    version: r['version'] as number,
    kind: r['kind'] as ActaVersion['kind'],
    acta: actaOf(election, r, votes),
    importId: (r['import_id'] as number | null) ?? null,
    file: text('file_name'),
    sha256: text('sha256'),
    resolution: text('resolution'),
    author: text('author'),
    caughtUp:
      r['caught_up'] === null || r['caught_up'] === undefined ? null : Number(r['caught_up']),
    row: (r['row'] as number | null) ?? null,
    recordedAt: r['recorded_at'] as string,
    warnings: JSON.parse(r['warnings'] as string) as Issue[],
    current: r['is_current'] === 1 || r['is_current'] === true,
  };
}

export function importOf(r: Row): ImportRecord {
  return {
    id: r['id'] as number,
    election: r['election'] as string,
    fileName: r['file_name'] as string,
    sha256: r['sha256'] as string,
    size: r['size'] as number,
    format: r['format'] as string,
    mode: r['mode'] as ImportMode,
    status: r['status'] as ImportRecord['status'],
    startedAt: r['started_at'] as string,
    ...(typeof r['resolution'] === 'string' ? { resolution: r['resolution'] } : {}),
    ...(typeof r['author'] === 'string' ? { author: r['author'] } : {}),
    ...(typeof r['cut'] === 'string' ? { cut: r['cut'] } : {}),
    ...(r['finished_at'] ? { finishedAt: r['finished_at'] as string } : {}),
    rowsRead: r['rows_read'] as number,
    new: r['new'] as number,
    unchanged: r['unchanged'] as number,
    stateChanges: r['state_changes'] as number,
    // NULL on an import committed before migration 15: its observation changes are state changes
    ...(typeof r['observation_changes'] === 'number'
      ? { observationChanges: r['observation_changes'] }
      : {}),
    corrected: r['corrected'] as number,
    conflicts: r['conflicts'] as number,
    quarantined: r['quarantined'] as number,
    quarantinedByCode: JSON.parse((r['quarantined_by_code'] as string | null) ?? '{}') as Record<
      string,
      number
    >,
  };
}

/** An election's columns, in the order both stores insert them. */
export function electionRow(def: ElectionDef): unknown[] {
  return [
    def.id,
    def.label,
    def.ruleset,
    JSON.stringify(def.choices),
    def.pendingFiguresCount === true,
    def.published ? JSON.stringify(def.published) : null,
    def.jurisdiction,
    def.manifest ? JSON.stringify(def.manifest) : null,
  ];
}

export const ELECTION_COLUMNS =
  'id, label, ruleset, choices, pending_figures_count, published, jurisdiction, manifest';

/** An election from its row (either store; the flag is 0/1 in SQLite, a boolean in PostgreSQL). */
export function electionOf(r: Row): ElectionDef {
  const json = <T>(c: string): T | undefined =>
    r[c] === null || r[c] === undefined ? undefined : (JSON.parse(r[c] as string) as T);
  const published = json<NonNullable<ElectionDef['published']>>('published');
  const manifest = json<NonNullable<ElectionDef['manifest']>>('manifest');
  return {
    id: r['id'] as string,
    label: r['label'] as string,
    ruleset: r['ruleset'] as string,
    jurisdiction: r['jurisdiction'] as string,
    choices: json<ElectionDef['choices']>('choices') ?? [],
    // any value but 0/false is read as SQL reads it, true: so a row edited to 99 is not "false"
    // again, and the audit log's hash of the election finds the edit (review 21 L11)
    ...(r['pending_figures_count'] === true ||
    (typeof r['pending_figures_count'] === 'number' && r['pending_figures_count'] !== 0)
      ? { pendingFiguresCount: true }
      : {}),
    ...(published ? { published } : {}),
    ...(manifest ? { manifest } : {}),
  };
}

export function logEntryOf(r: Row): LogEntry {
  return {
    seq: Number(r['seq']),
    kind: r['kind'] as LogEntry['kind'],
    subject: r['subject'] as string,
    detail: r['detail'] as string,
    at: r['at'] as string,
    hash: r['hash'] as string,
  };
}

export function quarantineOf(r: Row): QuarantineText {
  return {
    importId: Number(r['import_id']),
    row: r['row'] as number,
    mesa: (r['mesa'] as string | null) ?? null,
    issues: r['issues'] as string,
    raw: r['raw'] as string,
    election: (r['election'] as string | null) ?? null,
    mesaKey: (r['mesa_key'] as string | null) ?? null,
  };
}

/**
 * A quarantined mesa's lookup key, stored beside it (quarantine.mesa_key): trimmed, and an
 * all-digit mesa without its leading zeros. Any padding a jurisdiction gives (`padMesa`: trim,
 * then zeros before a short all-digit id) keeps this key, so the rows of one key are a superset
 * of one padded mesa's; the caller, who knows the padding, narrows them.
 */
export function mesaKey(mesa: string): string {
  const s = mesa.trim();
  return /^\d+$/.test(s) ? s.replace(/^0+(?=\d)/, '') : s;
}

/** A row of `quarantine q JOIN imports i` (q.*, i.file_name) as the acta document lists it. */
export function mesaQuarantinedOf(r: Row): MesaQuarantinedRow {
  return { importId: Number(r['import_id']), file: r['file_name'] as string, ...quarantinedOf(r) };
}

/** A row of `quarantine`: its row number in the file, its mesa, its issues and raw cells. */
export function quarantinedOf(r: Row): QuarantinedRow {
  return {
    row: r['row'] as number,
    mesa: (r['mesa'] as string | null) ?? null,
    issues: JSON.parse(r['issues'] as string) as Issue[],
    raw: JSON.parse(r['raw'] as string) as Record<string, string>,
  };
}

/** Rows of `published_units` (level, code, doc). */
export function publishedUnitOf(r: Row): PublishedUnit {
  return {
    level: r['level'] as string,
    code: r['code'] as string,
    doc: JSON.parse(r['doc'] as string) as unknown,
  };
}

/** A row of `projections` (revision, recorded_at, pct_counted, doc) of `election`. */
export function projectionRecordOf(election: string, r: Row): ProjectionRecord {
  return {
    election,
    revision: r['revision'] as string,
    recordedAt: r['recorded_at'] as string,
    pctCounted: r['pct_counted'] as number,
    doc: JSON.parse(r['doc'] as string) as unknown,
  };
}

/** Rows of `places`: each ubigeo's names. */
export function placesOf(rows: readonly Row[]): Map<string, PlaceNames> {
  return new Map(
    rows.map((r) => [
      r['ubigeo'] as string,
      {
        department: r['department'] as string,
        province: r['province'] as string,
        district: r['district'] as string,
      },
    ]),
  );
}

export function projectionOf(r: Row): ProjectionText {
  return {
    election: r['election'] as string,
    revision: r['revision'] as string,
    recordedAt: r['recorded_at'] as string,
    pctCounted: r['pct_counted'] as number,
    doc: r['doc'] as string,
  };
}

/**
 * A committed import's summary as the parameters of both stores' `UPDATE imports … WHERE id`
 * (finished_at, rows_read, new, unchanged, state_changes, corrected, conflicts, quarantined,
 * quarantined_by_code, observation_changes, id), in that order.
 */
export function committedImportParams(s: ImportSummary, importId: number): unknown[] {
  return [
    s.finishedAt,
    s.rowsRead,
    s.new,
    s.unchanged,
    s.stateChanges,
    s.corrected,
    s.conflicts,
    s.quarantined,
    JSON.stringify(s.quarantinedByCode),
    s.observationChanges,
    importId,
  ];
}

/** A starting import's row as both stores' `INSERT INTO imports` parameters (STARTED_IMPORT_COLUMNS, then status 'running'). */
export const STARTED_IMPORT_COLUMNS =
  'election, file_name, sha256, size, format, mode, started_at, resolution, author, cut';

export function startedImportParams(meta: ImportMeta): unknown[] {
  return [
    meta.election,
    meta.fileName,
    meta.sha256,
    meta.size,
    meta.format,
    meta.mode,
    meta.startedAt,
    meta.resolution ?? null,
    meta.author ?? null,
    meta.cut ?? null,
  ];
}

/**
 * Rows of `state, n, figures` (current actas per state, and of them those with votes) as counts;
 * a state's rows are summed (the stores count the pending figures in a row of their own).
 */
export function actaStatesOf(rows: readonly Row[]): ActaStateCounts {
  const states = Object.fromEntries(ACTA_STATES.map((st) => [st, 0])) as Record<ActaState, number>;
  let total = 0;
  let pendingWithFigures = 0;
  for (const r of rows) {
    const state = r['state'] as ActaState;
    const n = Number(r['n']);
    states[state] += n;
    total += n;
    if (state === 'pending') pendingWithFigures += Number(r['figures']);
  }
  return { total, states, pendingWithFigures };
}

/**
 * The rows of a flaggedActas GROUP BY (both stores' SQL names its columns so), in one order
 * whatever the database's collation: place, then JEE first, then observation (none first), then
 * conflict. `truthy` reads the database's boolean (SQLite 1, PostgreSQL true).
 */
export function flaggedActasOf(
  rows: readonly Row[],
  truthy: (v: unknown) => boolean,
): FlaggedActas[] {
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return rows
    .map((r) => ({
      ubigeo: r['ubigeo'] as string,
      jee: truthy(r['jee']),
      observation: (r['observation'] as string | null) ?? null,
      conflict: truthy(r['conflict']),
      actas: Number(r['actas']),
    }))
    .sort(
      (a, b) =>
        cmp(a.ubigeo, b.ubigeo) ||
        Number(b.jee) - Number(a.jee) ||
        cmp(a.observation ?? '', b.observation ?? '') ||
        Number(a.conflict) - Number(b.conflict),
    );
}
