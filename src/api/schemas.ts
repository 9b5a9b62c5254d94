import { z } from 'zod';
import { ACTA_STATES } from '../core/model/acta.js';
import { IssueSchema } from '../core/issues.js';
import { DistrictUnitsSchema, StatusSchema } from '../core/model/manifest.js';
import { NameSchema, NoteSchema } from '../core/model/note.js';
import { RoundOutcomeSchema } from '../core/model/outcome.js';
import { SeatDifferenceSchema, SeatFiguresSchema } from '../results/seats.js';
import { SeatDiffSchema } from '../core/pipeline/seat-diff.js';
import { UNALLOCATED_REASONS } from '../core/pipeline/seats.js';
import { SummarySchema } from '../results/summary.js';
import { MesaQuarantineSchema } from '../results/service.js';
import { CountedFiguresSchema } from '../results/projection.js';

/** Response schemas of the HTTP API: the OpenAPI document is generated from these, and the API
 * tests parse every response with them, so code, contract and docs cannot drift apart. */
export { IssueSchema };

/** `GET /api/v1/compare`: the comparison report, as `cifra compare --format json` prints it. */
export { CompareReportSchema as CompareSchema } from '../ingest/compare-files.js';

export const ErrorSchema = z.object({ error: z.string(), issues: z.array(IssueSchema) });

export const ElectionsSchema = z.object({
  elections: z.array(
    z.object({
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
    }),
  ),
});

const pct = z.string().regex(/^\d+\.\d{3}$/);
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

/** What the figures are and their source: the summary's status, on every document of figures. */
const FiguresStatusSchema = SummarySchema.shape.status.describe(
  "what the figures are (final, provisional with % counted and cut, computed by cifra, third party) and who published them: the summary's status",
);

export const ResultsSchema = z.object({
  election: z.string(),
  label: z.string(),
  level: LevelSchema,
  status: FiguresStatusSchema,
  units: z.array(
    z.object({
      level: LevelSchema,
      code: z.string(),
      name: z.string(),
      choices: z.array(
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
      ),
      valid: z.number().int(),
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
      blankAndNull: z
        .number()
        .int()
        .optional()
        .describe(
          'blank and null votes where the source gives them only together (blank and null are then null)',
        ),
    }),
  ),
});

/** A count's course: the national figures after each update, the leader and the lead changes. */
export const CountCourseSchema = z.object({
  election: z.string(),
  source: NameSchema.nullable(),
  points: z.array(
    z.object({
      time: z.string(),
      actasCounted: z.number().int(),
      actasTotal: z.number().int(),
      pctCounted: pct.nullable().describe('null: the update expects no actas'),
      valid: z.number().int(),
      emitted: derived(z.number().int(), 'valid, blank and null'),
      votes: z.array(z.object({ id: z.string(), label: z.string(), votes: z.number().int() })),
      leader: z.string().nullable(),
      margin: z.number().int(),
    }),
  ),
  leadChanges: z.array(z.object({ time: z.string(), from: z.string(), to: z.string() })),
});

export const ProgressSchema = z.object({
  election: z.string(),
  actas: absent(ActaCountsSchema),
  eligible: absent(z.number().int()),
  eligibleRemaining: absent(z.number().int()),
  actasNotLoaded: z
    .number()
    .int()
    .nullable()
    .describe(
      "Actas the election's universe expects that no file has brought yet (a partial file): counted in actas.total, in none of its states; 0 when the store is the whole count; null for published aggregates.",
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
      status: StatusSchema,
      asOf: z.string(),
      sources: z.array(NameSchema),
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
        .array(z.object({ id: z.string(), publisher: NameSchema }))
        .optional()
        .describe('sources of the same actas that /api/v1/compare cross-checks, by id'),
    })
    .optional(),
});

export const CandidatesSchema = z.object({
  election: z.string(),
  choices: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      labels: NoteSchema.optional().describe(
        'the label for screens in Spanish and English, when it describes rather than names (a remainder such as "Otras listas")',
      ),
      party: z.string(),
      color: z
        .string()
        .optional()
        .describe(
          "the party's colour for screens: the manifest's, else the jurisdiction's party colour table's",
        ),
      remainder: z
        .boolean()
        .optional()
        .describe('not a candidate or list: the votes of those the source does not itemise'),
      ballotPosition: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe("the choice's position on the ballot, when the manifest gives it"),
      alliance: z
        .number()
        .int()
        .min(2)
        .optional()
        .describe(
          "a list run by an alliance of this many parties (the manifest's alliance): the valla's alliance surcharge applies to it",
        ),
      column: z
        .string()
        .optional()
        .describe("the source file's column that holds this choice's votes (e.g. VOTOS_P1)"),
    }),
  ),
});

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
  });
}
function publishedSeats<K extends 'official' | 'third-party'>(kind: K) {
  return z.object({
    election: z.string(),
    kind: z.literal(kind),
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
              'why `unallocated` is not 0: no list passed the valla there, a tie left unresolved (a lot with no seed, or a rule that reports it), or a biproportional apportionment that did not settle; null when it is 0 (a seat no candidate can fill is `vacant`)',
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
    kind: z.literal('presidential'),
    status: FiguresStatusSchema.describe(
      "the figures' status: the count's own (provisional while actas are out), as the summary's",
    ),
    settled: z
      .boolean()
      .describe('the count settles the round: complete, or a lead no votes still out can change'),
    settledBy: z.enum(['complete', 'decided']).nullable(),
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
    kind: z.literal('list'),
    computedBy: z.literal('cifra').describe('these seats are computed by cifra, not published'),
    figures: SeatFiguresSchema.optional().describe(
      'the status and source of the votes the seats were computed from',
    ),
    result: ListSeatResultSchema,
    reported: publishedSeatsResult(z.enum(['official', 'third-party']))
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

const ActaValuesSchema = z.object({
  election: z.string(),
  mesa: z.string(),
  ubigeo: z.string(),
  state: z.enum(ACTA_STATES),
  stateLabel: z.string(),
  eligible: z.number().int(),
  voters: z.number().int().nullable(),
  votes: z.array(z.number().int()).nullable(),
  blank: z.number().int(),
  null: z.number().int(),
  impugned: z.number().int(),
  preferential: z.array(z.array(z.number().int())).nullable().optional(),
});

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
  }).nullable(),
  history: z.array(
    z.object({
      version: z.number().int(),
      kind: z.enum(['new', 'unchanged', 'state_change', 'correction', 'conflict']),
      acta: ActaValuesSchema,
      importId: z.number().int().nullable(),
      sha256: z.string().nullable(),
      row: z.number().int().nullable(),
      recordedAt: z.string(),
      warnings: z.array(IssueSchema),
      current: z.boolean(),
    }),
  ),
  quarantined: z
    .array(MesaQuarantineSchema)
    .describe("the mesa's rows that imports refused, with their coded issues, oldest first"),
});

export const ImportReportSchema = z.object({
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int(),
  format: z.string(),
  importId: z.number().int().nullable(),
  alreadyImported: z.boolean(),
  /** A check: read and validated, nothing stored. */
  checked: z.boolean(),
  /** Rows that passed validation. */
  valid: z.number().int(),
  rowsRead: z.number().int(),
  new: z.number().int(),
  unchanged: z.number().int(),
  stateChanges: z.number().int(),
  corrected: z.number().int(),
  conflicts: z.number().int(),
  quarantined: z.number().int(),
  quarantinedByCode: z.record(z.string(), z.number().int()),
  warningsByCode: z.record(z.string(), z.number().int()),
  conflictMesas: z.array(z.string()),
  /** One acta_conflict warning per mesa in conflict. */
  issues: z.array(IssueSchema),
  quarantinedRows: z
    .array(
      z.object({
        row: z.number().int(),
        mesa: z.string().nullable(),
        issues: z.array(IssueSchema),
      }),
    )
    .describe(
      'the first 100 quarantined rows in file order (1-based data row, mesa if read, issues); the store keeps every one with its raw cells',
    ),
  finishedAt: z.string(),
});

export const MesasSchema = z.object({
  election: z.string(),
  district: z.string(),
  mesas: z.array(
    z.object({
      mesa: z.string(),
      state: z.enum(ACTA_STATES),
      eligible: z.number().int(),
      voters: z.number().int().nullable(),
      conflict: z.boolean(),
    }),
  ),
});

const interval = {
  median: z.number(),
  lo80: z.number(),
  hi80: z.number(),
  lo90: z.number(),
  hi90: z.number(),
};
const probability = z.number().min(0).max(1);

/** A projection: never an official figure (`kind: projection`, `disclaimer`). */
export const ProjectionSchema = z.object({
  election: z.string(),
  kind: z.literal('projection'),
  disclaimer: z.string(),
  method: z.enum(['mesas', 'snapshot']),
  contest: z.enum(['first-round', 'runoff', 'list']),
  revision: z.string(),
  note: NoteSchema.optional(),
  seed: z.number().int(),
  sims: z.number().int(),
  actasProcessed: z.number().int(),
  actasTotal: z.number().int(),
  pctCounted: z.number(),
  choices: z.array(
    z.object({ choice: z.string(), central: z.number(), ...interval, votes: z.object(interval) }),
  ),
  blank: z.object(interval),
  null: z.object(interval),
  valid: z.object(interval),
  regions: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      choices: z.array(
        z.object({
          choice: z.string(),
          central: z.number(),
          ...interval,
          votes: z.object(interval),
        }),
      ),
    }),
  ),
  runoffPairs: z
    .array(z.object({ choices: z.tuple([z.string(), z.string()]), probability }))
    .optional(),
  outright: z.array(z.object({ choice: z.string(), probability })).optional(),
  winner: z.array(z.object({ choice: z.string(), probability })).optional(),
  seats: z
    .object({
      rules: z.string(),
      totalSeats: z.number().int(),
      parties: z.array(
        z.object({
          party: z.string(),
          median: z.number(),
          lo90: z.number(),
          hi90: z.number(),
          mean: z.number(),
          pValla: probability,
        }),
      ),
      tiedSimulations: z.number().int(),
    })
    .optional(),
  unitsWithoutData: z.array(z.string()),
  unitBasis: z
    .array(
      z.object({
        code: z.string(),
        basis: z.enum(['count', 'count-and-prior', 'prior', 'parent']),
      }),
    )
    .optional()
    .describe(
      "Snapshot projections: each unit's remainder projected from its count, its count and a previous round, that prior alone (nothing counted), or the other units' shares (parent).",
    ),
  unitsAbsent: z
    .array(z.string())
    .optional()
    .describe(
      "Units of the election's universe that the source's snapshot leaves out: projected all the same (from a prior or the parent's shares) and weighted by their electors. A count of actas with a universe: the units with no acta loaded yet, their mesas projected as uncounted ones with the universe's electors.",
    ),
  historyUnits: z
    .array(z.string())
    .optional()
    .describe(
      "Snapshot projections: the units given the previous round's count history (their remainder drifts as that round's did at the same share counted); empty when none was given or it applied nowhere.",
    ),
  historyNote: NoteSchema.optional().describe(
    "Snapshot projections: whether the previous round's count history was used, and for which units (es/en).",
  ),
  neighboursNote: NoteSchema.optional().describe(
    'Snapshot projections: whether units with no actas counted were corrected by the counted units one or two borders away (the bundled adjacency; es/en).',
  ),
  campNote: NoteSchema.optional().describe(
    "Snapshot projections of a runoff where units with no actas counted rest on the counted ones' mean, moved by their split in the previous round: whether the candidate each previous-round camp goes to came from the election's previousRound or was inferred from vote levels (es/en).",
  ),
  previousRoundNote: NoteSchema.optional().describe(
    "Per-mesa projections of an election that names a previous round (a runoff's first round): whether each mesa carried its figures then as covariates of the transfers between rounds (ONPE reuses the mesa numbers), or why not: too few counted yet, or that round not in the database (es/en).",
  ),
  driftUnits: z
    .array(z.string())
    .optional()
    .describe(
      "Snapshot projections: the units given an earlier cut of the same count (the manifest's previousSnapshot) with actas counted in it: where no count history applies, their remainder drifts as their shares moved between the two cuts; empty when none was given.",
    ),
  driftNote: NoteSchema.optional().describe(
    'Snapshot projections: whether an earlier cut of the same count fed the arrival drift, its time and for which units (es/en).',
  ),
  counted: CountedFiguresSchema.optional().describe(
    "The national count the projection started from (votes per choice, blank, null): each recorded projection keeps it (cifra replay records one per step; the server one per revision the dashboard projects), and an acta election's count course is read from those records.",
  ),
  probabilityBounds: z
    .object({ min: probability, max: probability })
    .nullable()
    .describe(
      'While actas remain, every probability lies within these bounds (show "> 99 %", never 100 %); null once all are counted.',
    ),
});

export const ProjectionHistorySchema = z.object({
  election: z.string(),
  points: z.array(
    z.object({
      pctCounted: z.number(),
      recordedAt: z.string(),
      choices: z.array(
        z.object({ choice: z.string(), median: z.number(), lo90: z.number(), hi90: z.number() }),
      ),
    }),
  ),
});

export { RulesetsSchema } from '../results/rulesets.js';

/** A ruleset file as written (docs/rulesets.md; the JSON Schema: docs/ruleset.schema.json). */
export const RulesetFileSchema = z
  .object({
    format: z.literal('cifra-ruleset/1'),
    id: z.string(),
    kind: z.enum(['list', 'single-winner']),
    label: z.union([z.string(), z.object({ es: z.string(), en: z.string() })]),
  })
  .loose()
  .describe(
    'The ruleset file as written, option switches ({"$option", "cases"}) and all (docs/rulesets.md).',
  );

/**
 * A what-if (`POST /api/v1/what-if`, and `cifra seats --election … --format json` with a lever):
 * the seats document's shape, the seat result under the changed ruleset under `result`, with the
 * difference from the election's own (src/results/what-if.ts whatIfDocument builds it).
 */
export const WhatIfSchema = z.object({
  election: z.string(),
  kind: z.literal('list'),
  computedBy: z.literal('cifra').describe('these seats are computed by cifra, not published'),
  status: FiguresStatusSchema.describe('the status and source of the votes both computations read'),
  result: ListSeatResultSchema.describe('the seat result under the changed ruleset'),
  diff: SeatDiffSchema.describe("the difference from the seats under the election's own ruleset"),
});

/** `GET /api/v1/elections/:id/summary.json`: the headline, with "settled" decided once (src/results/summary.ts). */
export { SummarySchema };

/** `GET /api/v1/elections/:id/places.json`: units, hierarchy, levels, the mesa format. */
export { PlacesSchema } from '../results/places.js';

/** `GET /api/v1/site.json`: what serves the documents — the server, or a static snapshot. */
export const SiteSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('server'), whatIf: z.literal(true) }),
  z.object({
    kind: z.literal('static'),
    whatIf: z.literal(false),
    snapshotId: z.string(),
    createdAt: z.string(),
    /** The audit log's head at publication: whoever keeps it checks later that history only grew (`cifra audit verify --since`). */
    audit: z.object({ count: z.number().int(), hash: z.string(), at: z.string().nullable() }),
  }),
]);
