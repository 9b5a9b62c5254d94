import { z } from 'zod';
import { ACTA_STATES } from '../core/model/acta.js';
import { IssueSchema } from '../core/issues.js';
import { NoteSchema } from '../core/model/note.js';
import { SeatDiffSchema } from '../core/pipeline/seat-diff.js';
import { SummarySchema } from '../results/summary.js';
import { CountedFiguresSchema } from '../results/projection.js';
import {
  DocumentStatusSchema as FiguresStatusSchema,
  ListSeatResultSchema,
  RevisionSchema,
  DistrictQuarantinedSchema,
} from '../results/document-schemas.js';

/** Response schemas of the HTTP API: the OpenAPI document is generated from these, and the API
 * tests parse every response with them, so code, contract and docs cannot drift apart. */
export { IssueSchema };

/** `GET /api/v1/compare`: the comparison report, as `cifra compare --format json` prints it. */
export { CompareReportSchema as CompareSchema } from '../ingest/compare-files.js';

export const ErrorSchema = z.object({ error: z.string(), issues: z.array(IssueSchema) });

/** The documents the results service builds: their schemas live beside it, their types inferred. */
export {
  ActaSchema,
  CountCourseSchema,
  ElectionsSchema,
  ImportsSchema,
  ListSeatResultSchema,
  ProgressSchema,
  ResultsSchema,
  SeatsSchema,
} from '../results/document-schemas.js';

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

export const ImportReportSchema = z.object({
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int(),
  format: z.string(),
  importId: z
    .number()
    .int()
    .nullable()
    .describe(
      'the import this file made; a file imported before: that import, or the re-read recorded now (issue `source_unchanged`)',
    ),
  alreadyImported: z
    .boolean()
    .describe(
      'the same file (its SHA-256) was imported before: nothing was read and no acta changed; the issue says whether a re-read was recorded (`source_unchanged`) or nothing (`already_imported`, `cut_not_later`)',
    ),
  /** A check: read and validated, nothing stored. */
  checked: z.boolean(),
  cut: z
    .string()
    .nullable()
    .describe(
      "the source's cut kept with the import (`cut`; a re-read's: the later cut it records; otherwise an already-imported file's: its first import's); null: none given",
    ),
  /** Rows that passed validation. */
  valid: z.number().int(),
  rowsRead: z.number().int(),
  new: z.number().int(),
  unchanged: z.number().int(),
  stateChanges: z.number().int(),
  /** Versions whose only change is the observation: the same state and figures. */
  observationChanges: z.number().int(),
  corrected: z.number().int(),
  conflicts: z.number().int(),
  quarantined: z.number().int(),
  quarantinedByCode: z.record(z.string(), z.number().int()),
  warningsByCode: z.record(z.string(), z.number().int()),
  conflictMesas: z.array(z.string()),
  issues: z
    .array(IssueSchema)
    .describe(
      'one warning per mesa in conflict: acta_superseded_by_correction where the file gave a version the source gave before the correction that holds the acta (details.correction, the import of the first correction of that run: a source not yet caught up with the ruling, or a recount to the same figures, which the operator records with --correction), acta_state_backwards where it gave an earlier state than the one held (details.held, details.given: a stale file), else acta_conflict; for a file imported before, one warning: already_imported, source_unchanged or cut_not_later',
    ),
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
  // the cut the list is of: the dashboard draws it only beside figures of the same revision. The
  // store's revision, not the list's own content hash: one cut marker for every document keeps
  // the dashboard's check one comparison; the cost is that `cifra publish` rewrites every
  // district's list after any import (2021: +2,086 small files, ~7 MB, beside the units' files
  // it already rewrites; README, "every document of the count")
  revision: RevisionSchema,
  mesas: z.array(
    z.object({
      mesa: z.string(),
      state: z.enum(ACTA_STATES),
      eligible: z.number().int(),
      voters: z.number().int().nullable(),
      conflict: z.boolean(),
    }),
  ),
  conflicts: z
    .number()
    .int()
    .describe('how many of the mesas have a conflict: a later version not applied'),
  quarantined: z
    .array(DistrictQuarantinedSchema)
    .describe(
      "the district's mesas' quarantined rows, one per issue (the acta document has their raw cells); a mesa whose every row was refused has no place stored and is listed by no district",
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
  revision: RevisionSchema,
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
  seatsUnavailable: z
    .object({
      reason: z.enum(['unknown_district', 'district_without_votes']),
      regions: z
        .array(z.string())
        .describe('the regions no district of the ruleset is named after'),
      districts: z.array(z.string()).describe("the ruleset's districts no region reaches"),
    })
    .optional()
    .describe(
      "list contests whose seats are not projected (never a table of 0 seats): the model's regions no district of the ruleset is named after, or districts no region reaches (a Senate's national list, voted on its own ballot)",
    ),
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
  odds: z
    .object({
      calibratedFrom: z
        .object({ numerator: z.number().int(), denominator: z.number().int() })
        .describe(
          'the lowest share of actas counted (numerator / denominator: 1/10) at which the calibration measured the probabilities out of sample (docs/projection.md, "Odds only where calibrated")',
        ),
      withinCalibration: z
        .boolean()
        .describe(
          'actasProcessed × denominator ≥ actasTotal × numerator, in integers: false below (and with no acta to count)',
        ),
    })
    .describe(
      "Whether the probabilities (winner, outright, runoffPairs, seats' pValla) are within the range the calibration measured: kept for the audit either way, shown by the dashboard and the CLI only when withinCalibration.",
    ),
});

export const ProjectionHistorySchema = z.object({
  election: z.string(),
  revision: RevisionSchema,
  points: z.array(
    z.object({
      pctCounted: z.number(),
      actasProcessed: z
        .number()
        .int()
        .optional()
        .describe(
          "the actas processed when the point was recorded (the % shown is from these, exactly: pctCounted is a float's rounding); absent on points recorded before they were kept",
        ),
      actasTotal: z
        .number()
        .int()
        .optional()
        .describe("the universe's actas when the point was recorded; absent as actasProcessed"),
      recordedAt: z.string(),
      choices: z.array(
        z.object({ choice: z.string(), median: z.number(), lo90: z.number(), hi90: z.number() }),
      ),
    }),
  ),
});

export { RulesetsSchema } from '../results/rulesets.js';

/** A ruleset file as written (docs/rulesets.md; the JSON Schema: schemas/ruleset.schema.json). */
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
  open: z
    .boolean()
    .describe(
      "true: these seats are open, not decided (the votes' count is provisional or short of 100 % of actas), as the seats document's `open`",
    ),
  result: ListSeatResultSchema.describe('the seat result under the changed ruleset'),
  diff: SeatDiffSchema.describe("the difference from the seats under the election's own ruleset"),
});

/** `GET /api/v1/elections/:id/summary.json`: the headline, with "settled" decided once (src/results/summary.ts). */
export { SummarySchema };

/** `GET /api/v1/elections/:id/places.json`: units, hierarchy, levels, the mesa format. */
export { PlacesSchema } from '../results/places.js';

/** `GET /api/v1/site.json`: what serves the documents — the server, or a static snapshot. */
/**
 * The store's audit log head (Store.auditHead): an observer records it and checks later, against
 * a copy of the store, that history only grew (`cifra audit verify --since <hash>`).
 */
export const AuditHeadSchema = z.object({
  count: z
    .number()
    .int()
    .describe("the log's last entry's sequence number (its entries so far: imports, elections, …)"),
  hash: z.string().describe("that entry's chain hash (SHA-256, hex)"),
  at: z.string().nullable().describe('when that entry was written; null: an empty log'),
});

export const SiteSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('server'),
    whatIf: z.literal(true),
    /** The store's audit head as this answer was made: it moves with every import. */
    audit: AuditHeadSchema.extend({
      verified: z
        .object({
          through: z
            .number()
            .int()
            .describe('the entries the server verified (1 to this), as `cifra audit verify` does'),
          at: z.string().describe('when it verified them'),
        })
        .nullable()
        .describe(
          "what the server verified of the chain (the whole store as it started, then each import's entries); null: not yet, or it failed",
        ),
      failed: z
        .object({
          at: z.string(),
          issues: z
            .array(IssueSchema)
            .describe('the breaks `cifra audit verify` reports (`audit_chain_broken`)'),
        })
        .nullable()
        .describe("the server's check that failed: the history does not verify; null: none failed"),
    }),
  }),
  z.object({
    kind: z.literal('static'),
    whatIf: z.literal(false),
    snapshotId: z.string(),
    createdAt: z.string(),
    /** The audit log's head at publication: whoever keeps it checks later that history only grew (`cifra audit verify --since`). */
    audit: AuditHeadSchema,
    /**
     * The site's checksum file (every other file's SHA-256, `sha256sum -c` format, from the
     * site's root) and its own SHA-256: a reader or a mirror checks any file it got against it.
     */
    checksums: z.object({ file: z.literal('SHA256SUMS'), sha256: z.string() }),
    leftOut: z
      .array(IssueSchema.omit({ details: true }))
      .describe(
        'what the publish left out of the site, and why: a multi-contest election whose file no longer reads or loads (`election_invalid` … at `contests.<id>`, a warning); empty when nothing was',
      ),
  }),
]);
