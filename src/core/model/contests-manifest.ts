import { z } from 'zod';
import { NameSchema, NoteSchema } from './note.js';
import { StatusSchema } from './manifest.js';

/**
 * The multi-contest election format, `cifra-contests/1`: one election day with many contests —
 * Peru's regional and municipal elections hold a governor and a regional council per region and a
 * council per province and per district. Each contest set names its ruleset and the file of votes
 * per contest and list (ONPE's per-district aggregates as published); every distinct contest key
 * in the file is one contest. docs/elections.md documents each field.
 */
export const CONTESTS_FORMAT = 'cifra-contests/1';

const Label = z.strictObject({ es: z.string().min(1), en: z.string().min(1) });

export const ContestKindSchema = z.enum([
  'governor',
  // the governor's second round between the first round's two most-voted formulas (Ley 27683 art. 5)
  'governor-runoff',
  'regional-council',
  'provincial-council',
  'district-council',
]);
export type ContestKind = z.infer<typeof ContestKindSchema>;

const Column = z
  .string()
  .min(1)
  .describe('A column of the votes file (matched case-insensitively).');

export const ContestSetSchema = z.strictObject({
  kind: ContestKindSchema,
  label: Label,
  ruleset: z.string().min(1).describe('A bundled ruleset id or a ruleset file (relative path).'),
  file: z.string().min(1).describe('Votes per contest and list, relative to the manifest.'),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional()
    .describe('SHA-256 of the file as bundled (checked when read).'),
  publisher: NameSchema,
  status: StatusSchema.optional().describe(
    "This set's count when it differs from the election's (a second round counted weeks later).",
  ),
  columns: z.strictObject({
    contest: Column.describe('The contest key: a region name, or a ubigeo.'),
    party: Column,
    votes: Column.describe('Votes (digits; thousands separators "," allowed, as ONPE prints).'),
    region: Column.optional().describe('The region (department) of the contest, when not the key.'),
    regionCode: Column.optional().describe(
      "The region's code when the key is a name (a ubigeo: its first two digits); a ubigeo key is its own. Contests of one code are named once across the sets.",
    ),
    remaining: Column.optional().describe(
      'An upper bound of the votes still to count in the contest (electors of the actas not in): with a provisional status, a lead larger than it settles a single-winner contest before the count ends.',
    ),
    pctCounted: Column.optional().describe(
      "The source's % of the contest's actas counted (a decimal as printed): 100 says its count is over; below that, with actasCounted and the election's mesaElectorsMax, it bounds the votes still to count.",
    ),
    actasCounted: Column.optional().describe(
      "The contest's actas counted (the numerator of pctCounted): the actas still out are at most the total its rounded percentage allows, minus these.",
    ),
    mesa: Column.optional().describe(
      'Per-mesa files (one row per mesa and list): the mesa; votes are summed per contest and a row repeated for the same mesa and list is caught.',
    ),
  }),
  only: z
    .array(
      z.strictObject({
        column: Column,
        values: z.array(z.string().min(1)).min(1),
        exclude: z.boolean().default(false).describe('Drop these values instead of keeping them.'),
      }),
    )
    .default([])
    .describe(
      "Keep only the rows whose column holds one of the values (or, with exclude, none of them), for every entry: ONPE's per-mesa open data hold every election of the day (an election-type column) and actas in every state (count only the counted ones).",
    ),
  /** Pads a numeric contest key with zeros (ONPE drops a ubigeo's leading zero). */
  padContest: z.number().int().min(1).max(12).optional(),
  contestDigits: z
    .number()
    .int()
    .min(1)
    .max(12)
    .optional()
    .describe(
      'Keep the first digits of the padded key and fill the rest with zeros: a per-mesa file keyed by district ubigeo gives the region (2) or the province (4) of a contest.',
    ),
  skipContests: z
    .strictObject({
      pattern: z.string().min(1).describe('A regular expression on the (padded) contest key.'),
      reason: NameSchema,
    })
    .optional()
    .describe('Rows that are in the file but are not contests of this kind, and why.'),
  councils: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Councils file (ubigeo, council, departamento, population_est, optional seats) joined on the contest key: names, and sizes from seats or else by the ruleset’s population bands.',
    ),
});
export type ContestSet = z.infer<typeof ContestSetSchema>;

/** How the national parties were told: from a registry (the JNE's ROP), or inferred from the files. */
export const ClassificationBasisSchema = z
  .enum(['registry', 'inferred'])
  .describe(
    "registry: the names come from a list of registered parties (the JNE's ROP); inferred: read from the result files themselves, so a party may be miscounted as a regional movement or the reverse",
  );

export const ContestsManifestSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(CONTESTS_FORMAT),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  label: Label,
  jurisdiction: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  status: StatusSchema,
  contestSets: z.array(ContestSetSchema).min(1),
  nationalParties: z
    .strictObject({
      names: z.array(z.string().min(1)).min(1),
      basis: ClassificationBasisSchema,
      source: NoteSchema,
    })
    .describe(
      'The organisations that are national parties; every other one is a regional movement.',
    ),
  mesaElectorsMax: z
    .strictObject({ electors: z.number().int().positive(), source: NoteSchema })
    .optional()
    .describe(
      'The most electors a mesa (so an acta) may have, and the law that says so: each acta still out adds at most this many votes (Peru: 300, LOE art. 52).',
    ),
  provenance: z.string().min(1),
  notes: z.array(NoteSchema).default([]),
});
export type ContestsManifest = z.infer<typeof ContestsManifestSchema>;
