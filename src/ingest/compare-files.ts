import { NameSchema, type Name } from '../core/model/note.js';
import { basename } from 'node:path';
import { z } from 'zod';
import { issue, IssueSchema, type Issue } from '../core/issues.js';
import type { Acta, ElectionDef } from '../core/model/acta.js';
import type { ManifestSource } from '../core/model/manifest.js';
import { err, ok, type Result } from '../core/result.js';
import { compareActaSources, ComparisonSchema } from '../core/tally/compare.js';
import { loadJurisdiction } from '../jurisdictions/load.js';
import { storeName } from '../io/store-name.js';
import type { Store } from '../store/store.js';
import {
  ALL_CARRIED,
  readActaSource,
  sourceActaOf,
  type SourceFormat,
  type SourceRead,
} from './read-source.js';

/** One side of a comparison as reported: which file, read how, and what could not be read. */
export const CompareSourceSchema = z.object({
  /** The source's id in the election's manifest, when it is one of its sources. */
  id: z.string().nullable(),
  /** The file (its name only, in the API); a store's --db path when the side is a store. */
  file: z.string(),
  /** The file's SHA-256 ('' for a store: its actas change, its revision says which). */
  sha256: z.string(),
  size: z.number().int(),
  /** How the side was read: a file's format, or `store` (the store's current actas). */
  format: z.enum(['onpe-mesa', 'cifra-csv', 'cifra-json', 'column-map', 'store']),
  /** A store's revision of the election when it was read (`cifra compare --db`); files have none. */
  revision: z.string().optional(),
  publisher: NameSchema.nullable(),
  rows: z.number().int(),
  actas: z.number().int(),
  duplicates: z.number().int(),
  unreadable: z.number().int(),
  unreadableByCode: z.record(z.string(), z.number().int()),
  /** The first unreadable rows' issues. */
  issues: z.array(IssueSchema),
});
export type CompareSource = z.infer<typeof CompareSourceSchema>;

export const CompareReportSchema = z.object({
  election: z.string(),
  label: z.string(),
  choices: z.array(z.object({ id: z.string(), label: z.string() })),
  a: CompareSourceSchema,
  b: CompareSourceSchema,
  ...ComparisonSchema.shape,
  /**
   * With the API's `mesa`: that mesa's figuresHash as each file reads it — null where the file
   * does not hold it, or reads no whole acta (a column map) — so the acta view can tell whether
   * the version on screen has the publication file's figures.
   */
  figuresHash: z
    .object({ a: z.string().nullable(), b: z.string().nullable() })
    .optional()
    .describe(
      "with `mesa`: that mesa's figuresHash (as GET …/actas/{mesa} gives a version's) as file A and file B read it; null where the file does not hold the mesa or is a column map",
    ),
  /** Which disagreements this document holds (the API pages them; the CLI gives all). */
  page: z.object({
    offset: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
  }),
});
export type CompareReport = z.infer<typeof CompareReportSchema>;

/** Each side's figuresHash by mesa (null: not asked for, or a column map, which reads no acta). */
export type SideFigures = Readonly<Record<'a' | 'b', ReadonlyMap<string, string> | null>>;

/** A comparison, and each side's figures by mesa where they were asked for. */
export interface Compared {
  readonly report: CompareReport;
  readonly figures: SideFigures;
}

/** A file to compare: how to read it, and what the election's manifest says of it. */
export interface CompareSpec {
  readonly file: string;
  /** Detected from the header when omitted (ONPE's or cifra's columns). */
  readonly format?: SourceFormat | undefined;
  readonly id?: string | null | undefined;
  readonly publisher?: Name | null | undefined;
  /** The SHA-256 the manifest declares: another file is refused (`election_invalid`). */
  readonly sha256?: string | undefined;
  /** Report the file by its name only (the API does not show the server's paths). */
  readonly nameOnly?: boolean | undefined;
}

/** A store as one side of a comparison: the current actas of the election it holds. */
export interface StoreSpec {
  readonly store: Store;
  /** How the store is named in the report (the --db path or URL given). */
  readonly db: string;
}

/** A side of a comparison: a file to read, or a store's current actas. */
export type CompareSideSpec = CompareSpec | StoreSpec;

const isStore = (s: CompareSideSpec): s is StoreSpec => 'store' in s;

function summary(spec: CompareSpec, r: SourceRead): CompareSource {
  return {
    id: spec.id ?? null,
    file: spec.nameOnly === true ? basename(r.file) : r.file,
    sha256: r.sha256,
    size: r.size,
    format: r.format,
    publisher: spec.publisher ?? null,
    rows: r.rows,
    actas: r.actas.length,
    duplicates: r.duplicates,
    unreadable: r.unreadable,
    unreadableByCode: r.unreadableByCode,
    issues: r.issues.map((i) => ({ ...i, path: [...i.path] })),
  };
}

/** A store's current actas of the election, read as the comparison takes them (votes by choice id). */
async function readStore(
  spec: StoreSpec,
  election: ElectionDef,
  figuresHash: ((a: Acta) => string) | undefined,
): Promise<
  Result<
    {
      read: Pick<SourceRead, 'actas' | 'carries' | 'figures'> & { unreadableMesas?: undefined };
      source: CompareSource;
    },
    Issue[]
  >
> {
  const stored = await spec.store.getElection(election.id);
  if (stored === null)
    return err([
      issue('unknown_election', ['election'], {
        election: election.id,
        db: storeName(spec.db),
        known: (await spec.store.listElections()).map((e) => e.id),
      }),
    ]);
  const revision = await spec.store.revision(election.id);
  const actas = await spec.store.currentActas(election.id);
  // the stored definition's choice order, mapped onto the compared election's (by id)
  const at = election.choices.map((c) => stored.choices.findIndex((s) => s.id === c.id));
  const read = actas.map((a) => {
    const x = sourceActaOf(a, stored.choices.length);
    return { ...x, votes: at.map((k) => (k < 0 ? null : (x.votes[k] ?? null))) };
  });
  const figures =
    figuresHash === undefined ? null : new Map(actas.map((a) => [a.mesa, figuresHash(a)]));
  return ok({
    read: { actas: read, carries: ALL_CARRIED, figures },
    source: {
      id: null,
      file: storeName(spec.db),
      sha256: '',
      size: 0,
      format: 'store',
      revision,
      publisher: null,
      rows: actas.length,
      actas: actas.length,
      duplicates: 0,
      unreadable: 0,
      unreadableByCode: {},
      issues: [],
    },
  });
}

/**
 * The observer's cross-check of two sources of the same election's actas — files, each read whole
 * by its format, or a store's current actas (`cifra compare --db`) — compared mesa by mesa (core
 * `compareActaSources`). Issues when a file cannot be read as a whole, or is not the file the
 * manifest declares, or a store does not hold the election.
 */
export async function compareFiles(o: {
  readonly election: ElectionDef;
  readonly a: CompareSideSpec;
  readonly b: CompareSideSpec;
  /** Only the mesas B holds (B a partial file). */
  readonly onlyB?: boolean | undefined;
  /** Only the mesas placed in this unit (a place code or its prefix). */
  readonly unit?: string | undefined;
  /** Hash each side's actas as their documents cite them (the API's acta view asks for them). */
  readonly figuresHash?: ((a: Acta) => string) | undefined;
}): Promise<Result<Compared, Issue[]>> {
  const j = loadJurisdiction(o.election.jurisdiction);
  if (!j.ok) return j;
  const readFile = async (spec: CompareSpec, side: 'a' | 'b') => {
    const r = await readActaSource({
      file: spec.file,
      format: spec.format,
      election: o.election,
      jurisdiction: j.value,
      figuresHash: o.figuresHash,
    });
    if (!r.ok) return err(r.error.map((i) => ({ ...i, path: [side, ...i.path] })));
    if (spec.sha256 !== undefined && spec.sha256 !== r.value.sha256)
      return err([
        issue('election_invalid', [side, 'sha256'], {
          file: spec.file,
          expected: spec.sha256,
          actual: r.value.sha256,
          problem: 'the file is not the one the manifest names',
        }),
      ]);
    return ok({ read: r.value, source: summary(spec, r.value) });
  };
  const read = async (spec: CompareSideSpec, side: 'a' | 'b') => {
    if (!isStore(spec)) return readFile(spec, side);
    const r = await readStore(spec, o.election, o.figuresHash);
    return r.ok ? r : err(r.error.map((i) => ({ ...i, path: [side, ...i.path] })));
  };
  const [ra, rb] = await Promise.all([read(o.a, 'a'), read(o.b, 'b')]);
  if (!ra.ok || !rb.ok) return err([...(ra.ok ? [] : ra.error), ...(rb.ok ? [] : rb.error)]);
  const comparison = compareActaSources({
    choices: o.election.choices.map((c) => c.id),
    pendingFiguresCount: o.election.pendingFiguresCount ?? false,
    onlyB: o.onlyB ?? false,
    unit: o.unit,
    a: { ...ra.value.read, unreadable: ra.value.read.unreadableMesas },
    b: { ...rb.value.read, unreadable: rb.value.read.unreadableMesas },
  });
  const total = comparison.disagreements.length;
  const report: CompareReport = {
    election: o.election.id,
    label: o.election.label,
    choices: o.election.choices.map((c) => ({ id: c.id, label: c.label })),
    a: ra.value.source,
    b: rb.value.source,
    ...comparison,
    page: { offset: 0, limit: total, total },
  };
  return ok({ report, figures: { a: ra.value.read.figures, b: rb.value.read.figures } });
}

/** How a manifest's acta source is read in a comparison (null: a format compare does not read). */
export function specOfSource(source: ManifestSource, file: string): CompareSpec | null {
  const format: SourceFormat | null =
    source.format === 'column-map' && source.columns !== undefined
      ? { kind: 'column-map', columns: source.columns }
      : source.format === 'onpe-mesa' ||
          source.format === 'cifra-csv' ||
          source.format === 'cifra-json'
        ? { kind: source.format }
        : null;
  if (format === null) return null;
  return {
    file,
    format,
    id: source.id ?? null,
    publisher: source.publisher,
    sha256: source.sha256,
  };
}
