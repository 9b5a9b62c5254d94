import { z } from 'zod';
import { ACTA_STATES } from '../core/model/acta.js';
import { IssueSchema } from '../core/issues.js';
import { DistrictUnitsSchema, StatusSchema } from '../core/model/manifest.js';
import { NameSchema, NoteSchema } from '../core/model/note.js';
import { RoundOutcomeSchema } from '../core/model/outcome.js';
import { OPEN_REASONS } from '../core/rules/settled.js';
import { UNALLOCATED_REASONS } from '../core/pipeline/seats.js';

/**
 * The read documents' schemas, beside the services that build them: each document's type is
 * inferred from its schema (one copy), and the API's contract (src/api/schemas.ts, the OpenAPI
 * document) re-exports the same schemas.
 */

/**
 * A schema's type as the services hand it out: read-only all the way down, so a store's readonly
 * arrays (an acta's warnings, an issue's path) fit without a copy and no reader edits a document.
 */
export type DeepReadonly<T> = T extends object
  ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
  : T;

/** A share with three decimals ("41.275"). */
export const PctSchema = z.string().regex(/^\d+\.\d{3}$/);
const pct = PctSchema;

/** What an election's figures are and where they come from (the summary's, results', what-if's). */
export const FiguresStatusSchema = z.object({
  kind: z.enum(['final', 'provisional', 'computed-by-cifra', 'third-party']),
  pctCounted: z
    .string()
    .regex(/^\d{1,3}\.\d{3}$/)
    .nullable()
    .describe("% of actas, of the kind `pctOf` says: the source's or the count's"),
  pctOf: z
    .enum(['actas-processed', 'actas-counted'])
    .nullable()
    .describe(
      "what `pctCounted` is a share of (null when it is null): `actas-processed`, a count of actas' own, the actas cifra has processed (counted, resolved, annulled, not installed, and pending ones with figures where the election counts them: `pendingFiguresCount`; never those at the JEE); `actas-counted`, a published release's, the share of actas its source states as counted (ONPE's \"actas contabilizadas\")",
    ),
  cut: z.string().nullable().describe("the source's cut, as the source gives it"),
  cutTime: z
    .string()
    .nullable()
    .describe(
      "the cut as an ISO 8601 instant, when the source states a time (the manifest's cutTime or asOfTime, an ISO cut, or the import's cut); a date-only cut has none",
    ),
  cutImport: z
    .number()
    .int()
    .optional()
    .describe(
      "the import whose source cut this is (`cifra ingest --cut`, GET /api/v1/imports): a count under way gives its latest import's; absent: the cut is the manifest's or the published source's (or none)",
    ),
  source: NoteSchema.nullable().describe('who published the figures (null: actas imported)'),
  note: NoteSchema.nullable().describe(
    "why a final count is not 100 % of actas: those its release leaves unresolved; else what its release needs said to be read right (the manifest's final note: ONPE 2021's pending actas whose votes count); or the actas loaded disagree with the election's universe (extent_exceeded) (null: none)",
  ),
  rehearsal: z
    .object({ of: z.string(), order: z.string(), seed: z.number().int() })
    .nullable()
    .describe(
      'a rehearsal (`cifra replay`): the finished count `of` replayed in `order` with `seed`, not a live count; null: a real count',
    ),
});
export type FiguresStatus = z.infer<typeof FiguresStatusSchema>;

/**
 * The store's revision of the election the document was read at (`store.revision(election)`, as
 * the summary's): every import or published load changes it, so documents fetched across an
 * import say so.
 */
export const RevisionSchema = z
  .string()
  .describe(
    "the store's revision of the election this document was read at (the summary's `revision`): documents with different revisions come from different cuts of the count",
  );

/** What the figures are and their source: the summary's status, on every document of figures. */
export const DocumentStatusSchema = FiguresStatusSchema.describe(
  "what the figures are (final, provisional with % counted and cut, computed by cifra, third party) and who published them: the summary's status",
);

const ActaCountsSchema = z.object({
  total: z.number().int(),
  counted: z.number().int(),
  resolved: z.number().int(),
  annulled: z.number().int(),
  notInstalled: z.number().int(),
  pending: z.number().int(),
  jee: z.number().int(),
  pendingWithFigures: z.number().int(),
  processed: z.number().int(),
  pctProcessed: pct.nullable().describe('null: no actas expected (no share of nothing)'),
});

/** A unit's conflicted actas and its actas at the JEE by observation (results/acta-flags.ts). */
const ActaFlagsShape = {
  actasConflicted: z
    .number()
    .int()
    .optional()
    .describe(
      "the unit's current actas that a later, unapplied version conflicts with (each acta document has both; the mesa level says it per mesa in `conflict`); absent: a published source's, or the mesa level",
    ),
  jeeObservations: z
    .array(
      z.object({
        observation: z
          .string()
          .nullable()
          .describe("why, in the source's word (ONPE's TIPO_OBSERVACION); null: none given"),
        actas: z.number().int(),
      }),
    )
    .optional()
    .describe(
      "the unit's actas at the JEE (actas.jee) by their observation, most first; absent: a published source's, or the mesa level",
    ),
};

/** A figure the source may not give: null then, never 0 (docs/elections.md, "never read as 0"). */
function absent<T extends z.ZodTypeAny>(t: T) {
  return t.nullable().describe('null: the source does not give this figure (never read as 0)');
}

/** A figure computed from others: null when one of them is not given. */
function derived<T extends z.ZodTypeAny>(t: T, from: string) {
  return t
    .nullable()
    .describe(
      `computed from ${from}; null when the source does not give one, or (a percentage) when its base is 0`,
    );
}

/** A level of the election's jurisdiction: `national`, `mesa`, or one the jurisdiction declares. */
const LevelSchema = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/);

/** One unit of a results document: what `cifra results`, exports and the API return. */
export const ResultUnitSchema = z.object({
  level: LevelSchema,
  code: z.string(),
  name: z.string(),
  choices: z
    .array(
      z.object({
        id: z.string(),
        label: z.string(),
        party: z.string(),
        votes: z.number().int(),
        pctValid: pct.nullable().describe('null: no valid votes yet (no share of nothing)'),
        pctEmitted: pct
          .nullable()
          .describe('null: the emitted votes are not known, or none yet (no share of nothing)'),
        candidates: z
          .array(z.object({ position: z.number().int(), votes: z.number().int() }))
          .optional(),
      }),
    )
    .describe(
      'every choice of the election; at the mesa level only where `votesCounted` is true, else empty (a mesa whose acta is not counted has no vote per choice, never 0)',
    ),
  mesaState: z
    .enum(ACTA_STATES)
    .optional()
    .describe(
      "the mesa level only: its acta's state (docs/ingest.md, States), so a client never infers it from an empty `choices`",
    ),
  votesCounted: z
    .boolean()
    .optional()
    .describe(
      "the mesa level only: true when its acta's votes are counted for the choices as it gives them (counted, resolved, or pending with figures the election counts) and `choices` lists every choice; false otherwise, with `choices` empty: pending or at the JEE (no figures yet), not installed (no vote at all), annulled (LOE art. 363: its votes go to no choice, its voters stay in `null` and `emitted` as ONPE books them)",
    ),
  version: z
    .number()
    .int()
    .optional()
    .describe(
      "the mesa level only: its acta's current version (the acta document's history lists each)",
    ),
  figuresHash: z
    .string()
    .optional()
    .describe(
      "the mesa level only: the current version's figuresHash, as the acta document gives it (docs/operations.md): what a claim cites",
    ),
  conflict: z
    .boolean()
    .optional()
    .describe(
      'the mesa level only: true when a later import brought another version of its acta that was not applied (a conflict kept, the acta document has both)',
    ),
  pollingPlace: z
    .string()
    .nullable()
    .optional()
    .describe(
      "the mesa level only: its polling place's name (local de votación) where the election's data give it (null: they do not)",
    ),
  valid: z
    .number()
    .int()
    .nullable()
    .describe(
      'null: a mesa whose acta is not counted (`votesCounted` false), never 0; its blank, impugned and blankPctEmitted are null then too, and so are its null, emitted, nullPctEmitted and participation unless the acta is annulled (its voters booked as null votes)',
    ),
  blank: absent(z.number().int()),
  null: absent(z.number().int()),
  impugned: absent(z.number().int()),
  emitted: derived(z.number().int(), 'valid, blank and null (or blankAndNull)'),
  eligible: absent(z.number().int()),
  eligibleProcessed: absent(z.number().int())
    .optional()
    .describe(
      "eligible voters of the actas processed, participation's base (null: the source does not give it; absent from documents stored before it was served)",
    ),
  participation: derived(pct, 'emitted and the eligible voters of the actas processed'),
  blankPctEmitted: derived(pct, 'blank and emitted'),
  nullPctEmitted: derived(pct, 'null and emitted'),
  actas: absent(ActaCountsSchema),
  eligibleRemaining: absent(z.number().int()),
  jeeVoters: absent(z.number().int())
    .optional()
    .describe(
      "voters of the unit's actas at the JEE (an acta's electors where it states no voters): the votes held there while the JEE rules: not in the count; their electors are among eligibleRemaining's (null: the source gives no actas; absent from documents stored before it was served)",
    ),
  blankAndNull: z
    .number()
    .int()
    .optional()
    .describe(
      'blank and null votes where the source gives them only together (blank and null are then null)',
    ),
  ...ActaFlagsShape,
});
export type ResultUnit = DeepReadonly<z.infer<typeof ResultUnitSchema>>;

/** Results at a level (one unit or every unit) with the figures' status. */
export const ResultsSchema = z.object({
  election: z.string(),
  revision: RevisionSchema,
  label: z.string(),
  level: LevelSchema,
  status: DocumentStatusSchema,
  units: z.array(ResultUnitSchema),
});
/** A results document as served (API, CSV, `cifra results`, `cifra export`): with its status. */
export type ServedResults = DeepReadonly<z.infer<typeof ResultsSchema>>;
/** The results of a level as tabulated, before the status is added (results/documents.ts). */
export type ResultsDocument = Omit<ServedResults, 'status'>;

/** One update of a count: the national figures after it, who led and by how much. */
export const CoursePointSchema = z.object({
  time: z.string(),
  cut: z
    .string()
    .nullable()
    .describe(
      "the source's cut of the import that made this point (`cifra ingest --cut`), an ISO 8601 instant: the course against the source's time; null: none given (a published course's `time` is its capture's)",
    ),
  actasCounted: z.number().int(),
  actasTotal: z.number().int(),
  pctCounted: pct.nullable().describe('null: the update expects no actas'),
  valid: z.number().int(),
  emitted: derived(z.number().int(), 'valid, blank and null'),
  votes: z.array(z.object({ id: z.string(), label: z.string(), votes: z.number().int() })),
  leader: z.string().nullable(),
  margin: z.number().int(),
});
export type CoursePoint = DeepReadonly<z.infer<typeof CoursePointSchema>>;

/** A count's course: the national figures after each update, the leader and the lead changes. */
export const CountCourseSchema = z.object({
  election: z.string(),
  revision: RevisionSchema,
  source: NameSchema.nullable(),
  points: z.array(CoursePointSchema),
  times: z
    .enum(['import', 'capture'])
    .describe(
      "what each point's `time` is: `import`, when cifra committed the import that made it (an acta count's course; the source's own time is the point's `cut`, where given); `capture`, the published update's time as its course source gives it",
    ),
  leadChanges: z.array(
    z.object({
      time: z.string().describe("the point's `time` where the lead changed hands"),
      cut: z
        .string()
        .nullable()
        .describe(
          "that point's `cut`: the source's cut of its import (null: none given, or a published course)",
        ),
      from: z.string(),
      to: z.string(),
    }),
  ),
});
export type CountCourseDocument = DeepReadonly<z.infer<typeof CountCourseSchema>>;

export const ProgressSchema = z.object({
  election: z.string(),
  revision: RevisionSchema,
  status: DocumentStatusSchema,
  actas: absent(ActaCountsSchema),
  ...ActaFlagsShape,
  eligible: absent(z.number().int()),
  eligibleRemaining: absent(z.number().int()),
  actasNotLoaded: z
    .number()
    .int()
    .nullable()
    .describe(
      "Actas the election's universe expects that no file has brought yet (a partial file): counted in actas.total, in none of its states; 0 when every acta of the universe is loaded; null when there is no universe to count them against (`universe` says why).",
    ),
  actasNotInList: z
    .number()
    .int()
    .nullable()
    .describe(
      "Actas loaded whose mesa the election's list of mesas (its polling places) lacks: counted in actas.total and in their states, their votes in the results, but filling none of the actas the universe expects (actasNotLoaded still counts the real ones to come); the status note names their units (extent_unlisted_mesas). 0 when every acta loaded is listed; null without a universe or without a list.",
    ),
  universe: z
    .enum(['known', 'none', 'unreadable'])
    .nullable()
    .describe(
      "what the count of actas is measured against: `known`, the election's universe (its padrón's actas per place: actasNotLoaded counts those still to load, and a mesa not among the actas once it is 0 is none of the election's); `none`, no universe declared (the total is whatever the files brought: a mesa not among them may still exist); `unreadable`, a universe declared that does not load (the count's extent is unknown); null for published aggregates (no actas of their own).",
    ),
  emitted: derived(z.number().int(), 'valid, blank and null'),
  participation: derived(pct, 'emitted and eligible'),
  snapshotTime: z.string().nullable(),
  imports: z.number().int(),
  published: z
    .object({
      status: z.enum(['final', 'provisional', 'computed-by-cifra', 'third-party']),
      asOf: z.string(),
      pctCounted: z.string().nullable(),
      source: NameSchema,
      figures: z.enum(['complete', 'votes', 'valid-only', 'blank-null-combined']),
      districtUnits: DistrictUnitsSchema.optional(),
      previous: z
        .object({ asOf: z.string(), source: NameSchema })
        .optional()
        .describe(
          'An earlier capture of the same count (its time and publisher): the projection draws the arrival drift from it.',
        ),
    })
    .optional(),
  /** What the election's manifest says: how far the figures go, their sources and provenance. */
  about: z
    .object({
      status: StatusSchema.describe(
        "the release's status as its manifest states it (the source file's, whole): not this count's, which is `status` (a store holding part of a final release, as a replay, is provisional)",
      ),
      asOf: z.string(),
      sources: z.array(NameSchema),
      sourceLinks: z
        .array(z.object({ publisher: NameSchema, url: z.string() }))
        .optional()
        .describe(
          "where the sources that give one can be fetched (the manifest's `url`), in their order",
        ),
      provenance: z.string(),
      proclamation: NameSchema.optional(),
      discrepancies: z
        .array(
          z.object({
            figure: z.string(),
            values: z.array(z.object({ source: NameSchema, value: z.number().int() })),
            note: NoteSchema,
          }),
        )
        .optional(),
      reported: z
        .object({
          source: NameSchema,
          votes: z.record(z.string(), z.number().int()),
          note: NoteSchema,
        })
        .optional(),
      compareSources: z
        .array(
          z.object({
            id: z.string(),
            publisher: NameSchema,
            role: z
              .enum(['publication', 'third-party'])
              .describe(
                "the election's own publication (its sources), or a third party's copy (crossCheck)",
              ),
            sha256: z
              .string()
              .nullable()
              .describe(
                "the SHA-256 of the source's file as the manifest declares it (null: not declared): an acta version whose sha256 differs is not this file's reading",
              ),
          }),
        )
        .optional()
        .describe('sources of the same actas that /api/v1/compare cross-checks, by id'),
    })
    .optional(),
});
export type ProgressDocument = DeepReadonly<z.infer<typeof ProgressSchema>>;

/** One election as `GET /api/v1/elections` lists it. */
export const ElectionSummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  labels: NoteSchema.describe('the label in Spanish and English (`label` is the Spanish)'),
  ruleset: z.string(),
  choices: z.number().int(),
  status: z.enum(['final', 'provisional', 'computed-by-cifra', 'third-party']).optional(),
  kind: z
    .enum(['presidential', 'list'])
    .nullable()
    .describe("its ruleset's kind (null: the ruleset cannot be read)"),
  date: z.string().optional().describe('election day, YYYY-MM-DD'),
});
export type ElectionSummary = DeepReadonly<z.infer<typeof ElectionSummarySchema>>;

export const ElectionsSchema = z.object({ elections: z.array(ElectionSummarySchema) });

const count = z.number().int().nullable().optional();

/** One import as the store keeps it: its file, the file's hash, what it brought, when. */
export const ImportEntrySchema = z.object({
  id: z.number().int(),
  election: z.string(),
  fileName: z.string().describe('the file as uploaded or ingested (its base name)'),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe("the file's SHA-256"),
  size: z.number().int().describe('bytes'),
  format: z.string(),
  mode: z
    .enum(['import', 'correction', 'reread'])
    .describe(
      "reread: the source read again at a later cut and found the same file byte for byte as the latest import's (the same sha256): a record of that cut, no row read and no acta changed",
    ),
  status: z.enum(['committed', 'rolled_back', 'running']),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  rowsRead: count,
  accepted: z
    .number()
    .int()
    .nullable()
    .describe('rows read that passed validation (rowsRead − quarantined); null while running'),
  new: count,
  unchanged: count,
  stateChanges: count,
  observationChanges: count.describe(
    'versions whose only change is the observation (same state and figures); absent on an import committed before cifra counted them apart, where they are in stateChanges',
  ),
  corrected: count,
  conflicts: count,
  quarantined: count,
  quarantinedByCode: z.record(z.string(), z.number().int()).optional(),
  resolution: z.string().optional().describe("a correction's ruling, as given"),
  author: z.string().optional().describe('who recorded the correction, as given'),
  cut: z
    .string()
    .optional()
    .describe(
      "the source's cut of the file, an ISO 8601 instant with its offset as given (`cifra ingest --cut`); absent: none given",
    ),
});

/** The import log, oldest first, a page at a time: which file each acta version came from. */
export const ImportsSchema = z.object({
  election: z
    .string()
    .nullable()
    .describe("the election whose imports these are; null: every election's"),
  total: z.number().int().describe('imports in the log'),
  offset: z.number().int(),
  limit: z.number().int(),
  imports: z.array(ImportEntrySchema),
});
export type ImportsDocument = DeepReadonly<z.infer<typeof ImportsSchema>>;

/** A row an import refused for a mesa: which import and file, its row, its issues, as read. */
/** A district's quarantined row (its mesas list): one issue of it, said in es and en. */
export const DistrictQuarantinedSchema = z.object({
  mesa: z.string(),
  importId: z.number().int(),
  row: z.number().int().describe("the row's 1-based data row in its file"),
  code: IssueSchema.shape.code,
  sentence: z.object({ es: z.string(), en: z.string() }),
});
export type DistrictQuarantined = DeepReadonly<z.infer<typeof DistrictQuarantinedSchema>>;

export const MesaQuarantineSchema = z.object({
  importId: z.number().int(),
  file: z.string(),
  row: z.number().int().describe("the row's 1-based data row in its file"),
  issues: z.array(IssueSchema),
  raw: z.record(z.string(), z.string()).describe('the row as read'),
});
export type MesaQuarantine = DeepReadonly<z.infer<typeof MesaQuarantineSchema>>;

const unknownWithoutFigures = z
  .number()
  .int()
  .nullable()
  .describe('null: not known, as the acta carries no figures yet (votes null); never read as 0');

const ActaValuesSchema = z.object({
  election: z.string(),
  mesa: z.string(),
  ubigeo: z.string(),
  state: z.enum(ACTA_STATES),
  stateLabel: z.string(),
  eligible: z.number().int(),
  voters: z.number().int().nullable(),
  votes: z.array(z.number().int()).nullable().describe('null: the acta carries no figures yet'),
  blank: unknownWithoutFigures,
  null: unknownWithoutFigures,
  impugned: unknownWithoutFigures,
  preferential: z.array(z.array(z.number().int())).nullable().optional(),
  observation: z
    .string()
    .optional()
    .describe(
      "why the acta was observed (sent to the JEE), in the source's own word (ONPE's TIPO_OBSERVACION, e.g. ERROR MATERIAL); absent where the source gives none. Not a figure, and not in figuresHash",
    ),
});
/** One version's acta as documents serve it (the values figuresHash is computed from). */
export type ActaValues = z.infer<typeof ActaValuesSchema>;

/**
 * An acta's figures as documents give them: an acta with no figures yet (a pending acta not yet
 * counted, a mesa not installed: `votes` null) has no blank, null or impugned votes known either.
 * The store keeps 0 there; a document says null, so "0 blank votes" is never stated.
 */
export function servedFigures<
  A extends {
    readonly votes: readonly number[] | null;
    blank: number;
    null: number;
    impugned: number;
  },
>(
  a: A,
): Omit<A, 'blank' | 'null' | 'impugned'> & Record<'blank' | 'null' | 'impugned', number | null> {
  return a.votes === null ? { ...a, blank: null, null: null, impugned: null } : a;
}

// no store revision: a mesa's document is its own versions, each with its time; `cifra publish`
// reuses an unchanged mesa's file across imports, which a revision would make stale
export const ActaSchema = z.object({
  election: z.string(),
  mesa: z.string(),
  place: z
    .object({ department: z.string(), province: z.string(), district: z.string() })
    .nullable(),
  current: ActaValuesSchema.extend({
    version: z.number().int(),
    conflict: z.boolean(),
    warnings: z.array(IssueSchema),
    counts: z
      .boolean()
      .describe(
        "whether this version's figures are in the totals now (actaCounts): a counted, resolved or annulled acta (its votes as null) yes; one at the JEE, pending or not installed no — a pending acta's figures yes where the election counts them (pendingFiguresCount)",
      ),
  }).nullable(),
  history: z.array(
    z.object({
      version: z.number().int(),
      kind: z
        .enum(['new', 'unchanged', 'state_change', 'observation_change', 'correction', 'conflict'])
        .describe(
          'how this version came: observation_change, the same state and figures with another observation',
        ),
      conflict: z
        .enum(['earlier_state', 'figures', 'superseded'])
        .nullable()
        .describe(
          'a conflict (kind conflict): why it was kept and not applied, against the version held when it was recorded — superseded, a content the source gave before the correction holding the acta then (a source not yet caught up with a ruling, or a recount to the same figures: acta_superseded_by_correction); earlier_state, an earlier state than that one (a counted acta reported open again, one at the JEE pending: a stale file? acta_state_backwards); figures, other figures for an acta already closed (acta_conflict). null: no conflict',
        ),
      acta: ActaValuesSchema,
      importId: z.number().int().nullable(),
      file: z
        .string()
        .nullable()
        .describe(
          "the name of the imported file this version came from (GET /api/v1/imports lists each import's)",
        ),
      sha256: z.string().nullable().describe("that file's SHA-256, as imported"),
      row: z.number().int().nullable(),
      recordedAt: z.string(),
      warnings: z.array(IssueSchema),
      current: z.boolean(),
      figuresHash: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .describe(
          "SHA-256 (hex) of this version's `acta` as shown, to cite: of the UTF-8 JSON array [election, mesa, ubigeo, state, stateLabel, eligible, voters, votes, blank, null, impugned, preferential] (preferential absent: null)",
        ),
      resolution: z
        .string()
        .nullable()
        .describe("a correction's ruling as its author gave it (e.g. a JEE resolution number)"),
      author: z.string().nullable().describe('who recorded the correction, as given'),
      caughtUp: z
        .number()
        .int()
        .nullable()
        .describe(
          "a correction's: the import whose row first gave this version's content while it was current, a content the source had not given before the correction — the source caught up with the ruling, so what it gave before no longer counts as superseded (null: not yet, or no correction)",
        ),
    }),
  ),
  quarantined: z
    .array(MesaQuarantineSchema)
    .describe("the mesa's rows that imports refused, with their coded issues, oldest first"),
});
export type ActaDocument = DeepReadonly<z.infer<typeof ActaSchema>>;

/** The figures seats were computed from: their status and source, as the manifest says. */
export const SeatFiguresSchema = z.object({
  status: StatusSchema.describe(
    "the manifest's status, as the count makes it: provisional while actas are out, a provisional figure's % the summary's (`status.pctCounted`)",
  ),
  pctOf: FiguresStatusSchema.shape.pctOf.describe(
    "what `status.pctCounted` is a share of, as the summary's `status.pctOf` says it (null: no %): the seats' note and the summary never name it differently",
  ),
  asOf: z.string(),
  source: NoteSchema,
  provenance: z.string(),
});
export type SeatFigures = z.infer<typeof SeatFiguresSchema>;

/** cifra's seats against the reported ones, for one party: `difference` = computed − reported. */
export const SeatDifferenceSchema = z.object({
  party: z.string(),
  computed: z.number().int(),
  reported: z.number().int(),
  difference: z.number().int(),
});
export type SeatDifference = z.infer<typeof SeatDifferenceSchema>;

/**
 * Whether a table's seats are still open (core seatsOpen, the dashboard's rings): an allocation of
 * the votes counted so far, never the result. Review 28: a client had to apply the rule itself.
 */
const SeatsOpenSchema = z
  .boolean()
  .describe(
    'true: these seats are open, not decided (a provisional count, or a figure short of 100 % of actas: an allocation of the votes counted so far, not the result); false: settled on a final or complete count',
  );
const seatsMap = z.record(z.string(), z.number().int());
/** Seats a source published, with who published them (never cifra's computation). */
function publishedSeatsResult<K extends 'official' | 'third-party'>(kind: z.ZodType<K>) {
  return z.object({
    kind,
    source: NameSchema,
    totalSeats: z.number().int(),
    seats: seatsMap,
    passed: z.array(z.string()),
    valla: NoteSchema.optional(),
    seatsByDistrict: seatsMap,
    note: NoteSchema.optional(),
    pctCounted: z
      .string()
      .regex(/^\d{1,3}\.\d{3}$/)
      .optional()
      .describe(
        'the % of actas the source allocated these seats on, when a partial count: provisional seats (absent: a final table)',
      ),
  });
}
function publishedSeats<K extends 'official' | 'third-party'>(kind: K) {
  return z.object({
    election: z.string(),
    revision: RevisionSchema,
    kind: z.literal(kind),
    open: SeatsOpenSchema,
    result: publishedSeatsResult(z.literal(kind)),
  });
}

/** Why a list takes no seat: one entry per condition of the valla it failed. */
const ExclusionSchema = z.discriminatedUnion('reason', [
  z.object({
    party: z.string(),
    reason: z.literal('below_share'),
    votes: z.number().int(),
    total: z.number().int(),
    required: z.string().describe('the share required, e.g. "5.000%"'),
    district: z.string().optional(),
  }),
  z.object({
    party: z.string(),
    reason: z.literal('below_votes'),
    votes: z.number().int(),
    required: z.number().int(),
  }),
  z.object({
    party: z.string(),
    reason: z.literal('below_seats'),
    seats: z.number().int().describe('seats in the preliminary allocation'),
    districtsWon: z.number().int(),
    required: z.number().int(),
    requiredDistricts: z.number().int(),
  }),
]);

/** A list election's seats through a ruleset (cifra's computation: `cifra seats --format json`). */
export const ListSeatResultSchema = z
  .object({
    rules: z.string(),
    options: z.record(z.string(), z.string()).describe('The option values in force.'),
    totalSeats: z.number().int(),
    seats: seatsMap,
    districts: z.array(
      z
        .object({
          district: z.string(),
          totalSeats: z.number().int(),
          seats: seatsMap,
          unallocated: z.number().int(),
          unallocatedReason: z
            .enum(UNALLOCATED_REASONS)
            .nullable()
            .describe(
              'why `unallocated` is not 0: not_counted (no vote counted there yet: every list at 0 and no blank or null vote; with list votes alone, every list at 0), no_eligible_list (votes counted, no list passed the valla there, or every vote counted was blank or null), tie (a tie left unresolved: a lot with no seed, or a rule that reports it; under a majority bonus a tie for the most-voted list holds back every seat), or biproportional_unsettled (a biproportional apportionment that did not settle); null when it is 0 (a seat no candidate can fill is `vacant`)',
            ),
        })
        .loose(),
    ),
    passed: z.array(z.string()),
    excluded: z.array(ExclusionSchema),
    ties: z.array(
      z
        .object({
          stage: z.string(),
          district: z.string(),
          candidates: z.array(z.string()),
          seatsInContention: z.number().int(),
          resolution: z.string(),
        })
        .loose(),
    ),
    draws: z.array(
      z
        .object({
          seed: z.number().int(),
          district: z.string(),
          candidates: z.array(z.string()),
          winners: z.array(z.string()),
        })
        .loose(),
    ),
    votes: z
      .array(z.object({ party: z.string(), votes: z.number().int(), pctValid: pct.nullable() }))
      .describe('National votes of each list, most first.'),
    preliminarySeats: seatsMap
      .nullable()
      .describe("each list's seats in the preliminary allocation that counts seats for the valla"),
    unplaced: z
      .array(
        z.discriminatedUnion('stage', [
          z.object({
            stage: z.literal('placement'),
            seats: z.number().int(),
            party: z.string(),
            districts: z.array(z.string()),
          }),
          z.object({
            stage: z.literal('pool'),
            seats: z.number().int(),
            lists: z.array(z.string()),
          }),
        ]),
      )
      .optional()
      .describe(
        "seats of a remainder-pooling tier that no district holds, left open by a tie (absent when none): `placement`, a list's pooled seats whose district is tied (the list's total counts them); `pool`, seats the lists tie for (no list's yet). The districts' seats and these add up to the house",
      ),
    nullity: z
      .object({
        valid: z.number().int(),
        blank: z.number().int(),
        null: z.number().int(),
        emitted: z.number().int(),
        const184: z.boolean(),
        loe365: z.boolean(),
        binding: z.string(),
        nullityReached: z.boolean(),
      })
      .nullable(),
    issues: z.array(IssueSchema),
  })
  .loose();

export const SeatsSchema = z.discriminatedUnion('kind', [
  publishedSeats('official'),
  publishedSeats('third-party'),
  z.object({
    election: z.string(),
    revision: RevisionSchema,
    kind: z.literal('presidential'),
    status: FiguresStatusSchema.describe(
      "the figures' status: the count's own (provisional while actas are out), as the summary's",
    ),
    settled: z
      .boolean()
      .describe('the count settles the round: complete, or a lead no votes still out can change'),
    settledBy: z.enum(['complete', 'decided']).nullable(),
    openReason: z
      .enum(OPEN_REASONS)
      .nullable()
      .describe("why not settled (null once settled), as the summary's openReason"),
    provisional: z.boolean().optional().describe('the status is provisional'),
    result: z.object({
      outcome: RoundOutcomeSchema.nullable().describe(
        'the outcome only once settled (never from the order of a partial count), else null',
      ),
      valid: z.number().int(),
      candidates: z.array(
        z.object({ candidate: z.string(), votes: z.number().int(), pctValid: pct.nullable() }),
      ),
      art322: z.object({ emitted: z.number().int(), reached: z.boolean() }).nullable(),
    }),
  }),
  z.object({
    election: z.string(),
    revision: RevisionSchema,
    kind: z.literal('list'),
    computedBy: z.literal('cifra').describe('these seats are computed by cifra, not published'),
    figures: SeatFiguresSchema.optional().describe(
      'the status and source of the votes the seats were computed from',
    ),
    status: FiguresStatusSchema.describe(
      "the votes' status as the summary's (kind and % of actas counted): seats on a count short of its actas are open",
    ),
    open: SeatsOpenSchema,
    result: ListSeatResultSchema,
    reported: publishedSeatsResult(z.enum(['official', 'third-party']))
      .extend({ open: SeatsOpenSchema })
      .optional()
      .describe("the composition a source reported, beside cifra's and never mixed with it"),
    differences: z
      .array(SeatDifferenceSchema)
      .optional()
      .describe("per party, cifra's seats less the reported ones"),
    note: NoteSchema.optional().describe(
      'what the computation rests on and how it compares with the reported one',
    ),
  }),
]);
