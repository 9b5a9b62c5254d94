import { z } from 'zod';
import { ColumnMapSchema } from './column-map.js';
import { instantMs, ISO_INSTANT } from './instant.js';
import { NameSchema, NoteSchema } from './note.js';

/**
 * The election manifest format, `cifra-election/1`: an election as a data file — what it is, the
 * rules that decide it, its choices, where its figures come from and how far to trust them.
 * Every bundled election is such a file under data/elections/; `cifra ingest --election FILE`
 * reads a user's. docs/elections.md documents each field.
 */
export const ELECTION_FORMAT = 'cifra-election/1';

const Label = z.union([
  z.string().min(1),
  z.strictObject({ es: z.string().min(1), en: z.string().min(1) }),
]);

/** An instant with its offset ("2026-04-27T14:30:00-05:00"): a cut the page can put in any zone. */
export const InstantSchema = z
  .string()
  .regex(ISO_INSTANT, {
    message: 'an ISO 8601 instant with its offset (2026-04-27T14:30:00-05:00)',
    abort: true,
  })
  .refine((s) => instantMs(s) !== null, 'not a real instant');

/** Two texts for one cut disagree when the verbatim one is itself an instant and another one. */
const sameInstant = (verbatim: string, time: string | undefined): boolean => {
  const a = instantMs(verbatim);
  const b = time === undefined ? null : instantMs(time);
  return a === null || b === null || a === b;
};

/** How far a figure can be trusted: what the dashboard and the API say next to it. */
export const StatusSchema = z.discriminatedUnion('kind', [
  z
    .strictObject({
      kind: z.literal('final'),
      unresolved: z
        .strictObject({ actas: z.number().int().positive(), note: NoteSchema })
        .optional()
        .describe(
          'A final release that leaves these actas unresolved for good (ONPE 2021: EN PROCESO), and why: the count is complete with them out.',
        ),
      note: NoteSchema.optional().describe(
        "What a reader needs to read a final release right, said beside its figures (ONPE 2021's first round: 32 actas still labelled EN PROCESO whose figures are in ONPE's 100 % totals).",
      ),
    })
    .describe('The count is complete and proclaimed.'),
  z
    .strictObject({
      kind: z.literal('provisional'),
      pctCounted: z
        .string()
        .regex(/^\d{1,3}\.\d{3}$/)
        .nullable(),
      cut: z
        .string()
        .min(1)
        .describe("The source's cut time (ISO 8601 with offset, or as the source prints it)."),
      cutTime: InstantSchema.optional().describe(
        'The cut as an instant, only when the source states a time (a date-only cut has none).',
      ),
    })
    .refine((s) => sameInstant(s.cut, s.cutTime), {
      message: 'cutTime is not the instant the cut states',
      path: ['cutTime'],
    })
    .describe('A count under way: % of actas counted at the cut.'),
  z
    .strictObject({
      kind: z.literal('computed-by-cifra'),
      from: NoteSchema,
      pctCounted: z
        .string()
        .regex(/^\d{1,3}\.\d{3}$/)
        .optional()
        .describe(
          "The % of actas counted in the figures it is computed from, as their source states it (ONPE's 85.991 %).",
        ),
    })
    .describe(
      'Computed by cifra from the figures named in `from` (e.g. seats from partial votes).',
    ),
  z
    .strictObject({ kind: z.literal('third-party'), publisher: NameSchema })
    .describe('Published by a third party, not by the electoral authority.'),
]);
export type ElectionStatus = z.infer<typeof StatusSchema>;

export const ChoiceSchema = z.strictObject({
  id: z.string().min(1),
  /** As the source prints it: a name, the same in both languages (the key of seats and files). */
  label: z.string().min(1),
  /** What screens show when the label describes rather than names (a remainder: "Otras listas"). */
  labels: NoteSchema.optional(),
  party: z.string().default(''),
  /** The party's colour (#rrggbb); a party keeps its colour across elections. */
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional(),
  ballotPosition: z.number().int().min(1).optional(),
  /**
   * An alliance of parties (a list run by several): how many, and where that is published. The
   * ruleset's alliance surcharge of the valla then applies to it (Peru: LOP art. 13).
   */
  alliance: z.strictObject({ parties: z.number().int().min(2), source: NameSchema }).optional(),
  /** The column of the source file that holds this choice's votes (e.g. VOTOS_P1). */
  column: z.string().min(1).optional(),
  /** Not a candidate or list: the votes of those the source does not itemise (e.g. "others"). */
  remainder: z.boolean().optional(),
  /**
   * A remainder whose every candidate had fewer votes than each itemised one (the source ranks
   * them below): then no one hidden in it can stand between the itemised candidates.
   */
  rankedBelow: z.boolean().optional(),
});
export type ManifestChoice = z.infer<typeof ChoiceSchema>;

export const SOURCE_FORMATS = [
  'onpe-mesa',
  'onpe-congress',
  'cifra-csv',
  'cifra-json',
  'cifra-aggregate-csv',
  'column-map',
] as const;

/** A data file a manifest names: its path, its SHA-256 (checked when given), who published it. */
const DataFileSchema = z.strictObject({
  /** A path under data/ (bundled), or relative to the manifest. */
  file: z.string().min(1),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /** Who published it: a name, or { es, en } when it says more than a name (a capture, a date). */
  publisher: NameSchema,
});

export const SourceSchema = z.strictObject({
  /** How `cifra compare` and `GET /api/v1/compare` name the source (`onpe`, `ronderos`). */
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/)
    .optional(),
  format: z.enum(SOURCE_FORMATS),
  /** `column-map` sources: which column holds what (docs/ingest.md, "Column maps"). */
  columns: ColumnMapSchema.optional(),
  ...DataFileSchema.shape,
  licence: z.string().min(1).optional(),
  url: z.string().min(1).optional(),
});
export type ManifestSource = z.infer<typeof SourceSchema>;

/** Seats a source publishes (an official table or a third party's), kept apart from cifra's. */
export const PublishedSeatsSchema = z.strictObject({
  kind: z.enum(['official', 'third-party']),
  source: NameSchema,
  totalSeats: z.number().int().min(1),
  seats: z.record(z.string(), z.number().int().min(0)),
  passed: z.array(z.string()).default([]),
  /** The threshold as the source states it and who passed it (a sentence: { es, en }). */
  valla: NoteSchema.optional(),
  seatsByDistrict: z.record(z.string(), z.number().int().min(0)).default({}),
  /** Why these seats may differ from seats computed from the manifest's votes (shown beside them). */
  note: NoteSchema.optional(),
  /**
   * The % of actas the source allocated these seats on, when it is a partial count (a third
   * party's simulation on ONPE at 85.991 %): such seats are provisional, drawn as open. Absent: a
   * final table.
   */
  pctCounted: z
    .string()
    .regex(/^\d{1,3}\.\d{3}$/)
    .optional(),
});
export type PublishedSeatsFile = z.infer<typeof PublishedSeatsSchema>;

/**
 * Aggregates only: which published units are the districts of the election's ruleset, so that
 * cifra can compute seats from them. Each unit of `level` is the ruleset district whose `code`
 * is the unit's code (`by: code`) or whose name or alias is the unit's name (`by: name`); each
 * of `units` is one more district, named (e.g. the national unit that holds a national list's
 * votes: the Senate's `NACIONAL`).
 */
export const DistrictUnitsSchema = z.strictObject({
  level: z.string().min(1),
  by: z.enum(['code', 'name']).default('code'),
  units: z
    .array(
      z.strictObject({
        level: z.string().min(1),
        code: z.string().min(1),
        district: z.string().min(1),
      }),
    )
    .default([]),
});
export type DistrictUnits = z.infer<typeof DistrictUnitsSchema>;

export const ManifestSchema = z
  .strictObject({
    $schema: z.string().optional(),
    format: z.literal(ELECTION_FORMAT),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    label: Label,
    jurisdiction: z.string().min(1),
    /** A built-in ruleset id, or a ruleset file's path relative to the manifest. */
    ruleset: z.string().min(1),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    status: StatusSchema,
    /** When the figures were as given (the source's cut or publication). */
    asOf: z.string().min(1),
    /** `asOf` as an instant, only when the source states a time there. */
    asOfTime: InstantSchema.optional(),
    choices: z.array(ChoiceSchema).min(1),
    sources: z.array(SourceSchema).min(1),
    /** The provenance note (a PROVENANCE.md path under data/, or text). */
    provenance: z.string().min(1),
    /**
     * Aggregates only: which figures the source has — all; votes, blank and null; valid votes
     * only; or valid votes with blank and null known only together (`blank_null`).
     */
    figures: z.enum(['complete', 'votes', 'valid-only', 'blank-null-combined']).default('complete'),
    /** The act that proclaimed the result (e.g. "Resolución N.° 1625-2026-JNE, 5 Jul 2026"). */
    proclamation: NameSchema.optional(),
    /** Figures two sources publish differently: both kept, never one chosen silently. */
    discrepancies: z
      .array(
        z.strictObject({
          figure: z.string().min(1),
          values: z.array(z.strictObject({ source: NameSchema, value: z.number().int() })).min(2),
          note: NoteSchema,
        }),
      )
      .default([]),
    /** Totals an authority published that differ from this source (e.g. the final beside an open-data release), with why. */
    reported: z
      .strictObject({
        source: NameSchema,
        votes: z.record(z.string(), z.number().int().min(0)),
        note: NoteSchema,
      })
      .optional(),
    /** The count's course: the national figures after each update (aggregate CSV, level `course`). */
    course: SourceSchema.optional(),
    /**
     * An earlier capture of the same count (aggregate CSV, as the sources), taken at `asOf`: each
     * unit's previous cut, the two-snapshot arrival drift of the projection (docs/projection.md,
     * "Production now uses the earlier cut").
     */
    previousSnapshot: z
      .strictObject({ ...DataFileSchema.shape, asOf: z.string().min(1) })
      .optional(),
    seats: PublishedSeatsSchema.optional(),
    /**
     * What a reader of the results' figures must know to read them (their % base against the
     * authority's, say): the summary carries it and screens show it beside the national figures.
     */
    resultsNote: NoteSchema.optional(),
    /**
     * The previous round of this contest (a runoff's first round), for the projection (run 17,
     * docs/projection.md): the bundled election it was (id, or a manifest path beside this one),
     * and per choice id of this election the choice ids it ran as there, with where the pairing
     * comes from. The projection then knows which runoff candidate a first-round camp's voters
     * had as their own, instead of inferring it from vote levels.
     */
    previousRound: z
      .strictObject({
        election: z.string().min(1),
        choices: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
        source: NameSchema,
      })
      .optional(),
    /**
     * The projection's universe: every unit of the election (CSV `code,name,eligible,actas_total`
     * and the unit's figures in a previous round or election as `prior:<choice>` columns), so that
     * units a snapshot leaves out are still projected (docs/projection.md, "The universe").
     */
    universe: z
      .strictObject({
        ...DataFileSchema.shape,
        /** What the `prior:` columns are (the round or election, its source and cut). */
        prior: NameSchema.optional(),
        /**
         * The previous round's count course (CSV `cut,unit,actas_counted,actas_total,choice,votes`,
         * its choices the `prior:` columns'): each unit's remainder drifts as that round's did at
         * the same share counted (docs/projection.md, "The previous round's count history").
         */
        priorHistory: DataFileSchema.optional(),
      })
      .optional(),
    /**
     * Where each mesa votes (its polling place's name and address), for the dashboard's search:
     * a crossCheck source that has them (by id), and its columns; the mesa and place columns are
     * the source's own.
     */
    pollingPlaces: z
      .strictObject({
        source: z.string().min(1),
        name: z.string().min(1),
        address: z.string().min(1),
      })
      .optional(),
    /** Aggregates only: the units that are the ruleset's districts (seats computed by cifra). */
    districtUnits: DistrictUnitsSchema.optional(),
    /** Count pending actas that carry figures (a final release with stale state labels). */
    pendingFiguresCount: z.boolean().default(false),
    /**
     * Other sources of the same actas (observers' transcriptions, scrapes), read only by `cifra
     * compare` to cross-check: never ingested, never in the totals. Each has an id.
     */
    crossCheck: z.array(SourceSchema).default([]),
  })
  .superRefine((m, ctx) => {
    const fail = (path: (string | number)[], message: string): void =>
      ctx.addIssue({ code: 'custom', path, message });
    m.sources.forEach((s, i) => {
      if (s.format === 'column-map')
        fail(
          ['sources', i, 'format'],
          'a column-map source is read by cifra compare only: list it under crossCheck',
        );
    });
    m.crossCheck.forEach((s, i) => {
      if (s.id === undefined) fail(['crossCheck', i, 'id'], 'a crossCheck source needs an id');
    });
    [...m.sources, ...m.crossCheck].forEach((s, i) => {
      const where = i < m.sources.length ? ['sources', i] : ['crossCheck', i - m.sources.length];
      if ((s.format === 'column-map') !== (s.columns !== undefined))
        fail([...where, 'columns'], 'columns is given with, and only with, format column-map');
    });
    if (!sameInstant(m.asOf, m.asOfTime))
      fail(['asOfTime'], 'asOfTime is not the instant asOf states');
    const ids = [...m.sources, ...m.crossCheck].map((s) => s.id).filter((id) => id !== undefined);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) fail(['crossCheck'], `duplicate source id ${id}`);
    });
  });
export type ElectionManifest = z.infer<typeof ManifestSchema>;
