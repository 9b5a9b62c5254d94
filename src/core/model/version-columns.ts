import type { Acta } from './acta.js';

/**
 * A stored acta version, as the stores write it and the audit chain hashes it (the planner's
 * VersionRecord is it without the derived flags and the hash).
 */
export interface VersionFields {
  readonly mesa: string;
  readonly version: number;
  readonly kind: string;
  readonly acta: Acta;
  readonly importId: number | null;
  /** 1-based data row in the imported file. */
  readonly row: number | null;
  readonly recordedAt: string;
  /** The version's warnings as stored: JSON text. */
  readonly warnings: string;
  readonly isCurrent?: boolean;
  readonly conflict?: boolean;
  readonly hash?: string | null;
}

type VersionKey = Exclude<keyof VersionFields, 'acta'>;
type ActaKey = Exclude<keyof Acta, 'mesa'>;

export interface VersionColumn {
  /** The column of acta_versions, in both stores. */
  readonly column: string;
  /** Where the value is: the version's own field, or its acta's. */
  readonly of: 'version' | 'acta';
  readonly field: VersionKey | ActaKey;
  /** In the version's link of the hash chain (false: flags derived from the history, the link). */
  readonly hashed: boolean;
  /** One of the acta's figures, which decide whether a version changed (versioning.ts). */
  readonly figure: boolean;
  /**
   * A hashed column added after stores were written (migration 13): in the link only when the
   * version has a value, after every other hashed column, so the links stored before still verify.
   */
  readonly whenPresent?: true;
}

/**
 * Every column of a stored acta version, in the order the stores insert them. The hash's content
 * and the figures' key are these columns, filtered, in this order: a column added here is hashed
 * and compared unless it says otherwise, and the stores' lists are checked against this one
 * (test/version-columns.test.ts). Changing the order or a `hashed` flag changes every stored
 * hash: existing stores would no longer verify.
 */
export const VERSION_COLUMNS = [
  { column: 'election', of: 'acta', field: 'election', hashed: true, figure: false },
  { column: 'mesa', of: 'version', field: 'mesa', hashed: true, figure: false },
  { column: 'version', of: 'version', field: 'version', hashed: true, figure: false },
  { column: 'kind', of: 'version', field: 'kind', hashed: true, figure: false },
  { column: 'is_current', of: 'version', field: 'isCurrent', hashed: false, figure: false },
  { column: 'conflict', of: 'version', field: 'conflict', hashed: false, figure: false },
  { column: 'ubigeo', of: 'acta', field: 'ubigeo', hashed: true, figure: true },
  { column: 'state', of: 'acta', field: 'state', hashed: true, figure: false },
  { column: 'state_label', of: 'acta', field: 'stateLabel', hashed: true, figure: false },
  { column: 'eligible', of: 'acta', field: 'eligible', hashed: true, figure: true },
  { column: 'voters', of: 'acta', field: 'voters', hashed: true, figure: true },
  { column: 'votes', of: 'acta', field: 'votes', hashed: true, figure: true },
  { column: 'blank', of: 'acta', field: 'blank', hashed: true, figure: true },
  { column: 'null_votes', of: 'acta', field: 'null', hashed: true, figure: true },
  { column: 'impugned', of: 'acta', field: 'impugned', hashed: true, figure: true },
  { column: 'import_id', of: 'version', field: 'importId', hashed: true, figure: false },
  { column: 'row', of: 'version', field: 'row', hashed: true, figure: false },
  { column: 'recorded_at', of: 'version', field: 'recordedAt', hashed: true, figure: false },
  { column: 'warnings', of: 'version', field: 'warnings', hashed: true, figure: false },
  { column: 'preferential', of: 'acta', field: 'preferential', hashed: true, figure: true },
  { column: 'hash', of: 'version', field: 'hash', hashed: false, figure: false },
  {
    column: 'observation',
    of: 'acta',
    field: 'observation',
    hashed: true,
    figure: false,
    whenPresent: true,
  },
] as const satisfies readonly VersionColumn[];

export type VersionColumnName = (typeof VERSION_COLUMNS)[number]['column'];

type Listed<O extends VersionColumn['of']> = Extract<
  (typeof VERSION_COLUMNS)[number],
  { of: O }
>['field'];

/**
 * Every field of an acta and of a version is a column (an acta's mesa is the version's): a field
 * added to Acta or VersionFields does not compile until it is listed above, hashed or not.
 */
export const EVERY_FIELD_LISTED: [
  Exclude<ActaKey, Listed<'acta'>> | Exclude<VersionKey, Listed<'version'>>,
] extends [never]
  ? true
  : never = true;

/** The columns in a version's link of the hash chain, in their order there. */
export const HASHED_COLUMNS: readonly VersionColumn[] = VERSION_COLUMNS.filter((c) => c.hashed);

/** The acta's figures: what a new version compares besides the state. */
export const FIGURE_COLUMNS: readonly VersionColumn[] = VERSION_COLUMNS.filter((c) => c.figure);

/** A column's value in a version: absent (an acta without preferential votes) reads as null. */
export function columnValue(c: VersionColumn, v: VersionFields): unknown {
  const value =
    c.of === 'acta'
      ? (v.acta as unknown as Record<string, unknown>)[c.field]
      : (v as unknown as Record<string, unknown>)[c.field];
  return value ?? null;
}

/** The hashed content of a version: its HASHED_COLUMNS' values, in order (`whenPresent`: if any). */
export function hashedContent(v: VersionFields): unknown[] {
  return HASHED_COLUMNS.flatMap((c) => {
    const value = columnValue(c, v);
    return c.whenPresent === true && value === null ? [] : [value];
  });
}
