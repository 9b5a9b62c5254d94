import { z } from 'zod';
import { parseRatio, parseShare } from '../ratio.js';
import { NameSchema, NoteSchema } from '../model/note.js';
import { TIE_STEPS } from '../allocation/allocate.js';
import { DIVISOR_FAMILIES, QUOTAS } from '../allocation/methods.js';

/**
 * The ruleset file format, `cifra-ruleset/1`: how votes become seats (or a single winner) in one
 * election, as data. Every built-in ruleset is such a file under data/rulesets/, read by the same
 * code as a user's file. docs/rulesets.md documents each field; `cifra rules --schema` prints the
 * JSON Schema generated from these definitions.
 *
 * Anywhere in a file, an option switch `{"$option": "name", "cases": {"value": …}}` stands for
 * the case of the option's value (resolved before validation, see options.ts).
 */
export const RULESET_FORMAT = 'cifra-ruleset/1';

const describe = <T extends z.ZodType>(schema: T, text: string): T => schema.describe(text);

/** The help for a share written as a JSON number (0.05, 5): the text to write instead. */
export function shareNumberHelp(n: number): string {
  return n <= 1
    ? `a share is text, not a number: write "${n}" (read as a ratio) or a percentage with "%", e.g. "5%"`
    : `a share is text, not a number: write "${n}%"`;
}

/** shareNumberHelp in Spanish. */
function shareNumberHelpEs(n: number): string {
  return n <= 1
    ? `una proporción es texto, no un número: escriba "${n}" (se lee como razón) o un porcentaje con "%", p. ej. "5%"`
    : `una proporción es texto, no un número: escriba "${n}%"`;
}

const SHARE_FORM = 'a share: "5%", "3.5%", "1/150" or "0.05"';
const SHARE_OVER = 'a share of votes is at most 100 %: "5%", not "5" (500 %)';
const RATIONAL_FORM = 'a number: "1.4" or "7/5"';
const OWN_ES: Readonly<Record<string, string>> = {
  [SHARE_FORM]: 'una proporción: "5%", "3.5%", "1/150" o "0.05"',
  [SHARE_OVER]: 'una proporción de votos es como mucho 100 %: "5%", no "5" (500 %)',
  [RATIONAL_FORM]: 'un número: "1.4" o "7/5"',
};

/** The Spanish of this schema's own messages (core/schema-problem.ts), given the value. */
export function rulesetMessageEs(message: string, value: unknown): string | undefined {
  if (typeof value === 'number' && message === shareNumberHelp(value))
    return shareNumberHelpEs(value);
  return OWN_ES[message];
}

const shareError = (iss: { input: unknown }): string | undefined =>
  typeof iss.input === 'number' ? shareNumberHelp(iss.input) : undefined;

/** An exact share: "5%", "3.5%", "1/150" or "0.05", at most 100 %. Parsed into an integer ratio. */
export const ShareText = describe(
  z
    .string({ error: shareError })
    .regex(/^\s*(\d+(\.\d+)?\s*%|\d+\s*\/\s*\d+|\d+(\.\d+)?)\s*$/, {
      message: SHARE_FORM,
    })
    // "5" without "%" is 500 %: no share of votes passes 100 %, so it is refused, not read
    .refine((t) => parseRatio(t) === null || parseShare(t) !== null, {
      message: SHARE_OVER,
    }),
  'An exact share of at most 100 %: "5%", "3.5%", "1/150" or "0.05" (held as an integer ratio, never a float).',
);

/** A positive rational written like a share without the % sign: "1.4", "7/5", "2". */
export const RationalText = describe(
  z.string().regex(/^\s*(\d+(\.\d+)?|\d+\s*\/\s*\d+)\s*$/, { message: RATIONAL_FORM }),
  'An exact non-negative number: "1.4", "7/5" or "2".',
);

const Source = describe(z.string().min(1), 'The legal source: law and article, or resolution.');

export const METHOD_NAMES = [
  ...DIVISOR_FAMILIES,
  'plurality',
  'hare',
  'droop',
  'hagenbach-bischoff',
  'imperiali-quota',
  'hare-rounded',
  'hagenbach-bischoff-ceil',
  'hagenbach-bischoff-rounded',
  'kieswet',
] as const;

export const MethodSchema = z.union(
  [
    describe(
      z.enum(METHOD_NAMES),
      'A named method: a divisor family, plurality, a quota with largest remainders, or kieswet (the Dutch seat assignment, Kieswet arts. P 5–P 10: Hare quota, residual seats by highest averages from 19 seats on and by largest remainders with the ¾-quota limit below, the absolute-majority seat P 9, list exhaustion P 10 from the candidates given).',
    ),
    describe(
      z.strictObject({
        kind: z.literal('divisor'),
        sequence: z.enum(DIVISOR_FAMILIES),
        firstDivisor: RationalText.optional().describe(
          'Another first divisor (modified Sainte-Laguë: 1.4 by default, Sweden 1.2; any sequence).',
        ),
      }),
      'A divisor method by family, optionally with another first divisor.',
    ),
    describe(
      z.strictObject({
        kind: z.literal('divisor'),
        sequence: z.strictObject({
          first: RationalText,
          step: RationalText,
          offset: RationalText,
        }),
      }),
      'Any linear divisor sequence: d(0) = first, d(k) = step·k + offset.',
    ),
    describe(
      z.strictObject({ kind: z.literal('largest-remainder'), quota: z.enum(QUOTAS) }),
      'Largest remainders with a quota: hare V/S, droop ⌊V/(S+1)⌋+1, hagenbach-bischoff V/(S+1), imperiali V/(S+2).',
    ),
  ],
  {
    // a misspelt name ("dhont") gets the names, not only "invalid input" of every branch
    error: (iss) =>
      typeof iss.input === 'string'
        ? `unknown method "${iss.input}": one of ${METHOD_NAMES.join(', ')}, or an object { kind: "divisor" | "largest-remainder", … }`
        : undefined,
  },
);
export type MethodSpec = z.infer<typeof MethodSchema>;

export const TieBreakSchema = describe(
  z.array(z.enum(TIE_STEPS)).min(1),
  'Tie steps tried in order: more-votes, fewer-votes, ballot-position, lot (seeded, recorded), report.',
);

const Base = z.enum(['valid', 'valid-and-blank', 'registered']);
const Scope = describe(
  z.enum(['national', 'district', 'any-district']),
  'national: over the districts listed (all by default); district: in each district for that district; any-district: reached in at least one district qualifies everywhere.',
);

const AllianceSchema = z.union([
  z.strictObject({ kind: z.literal('flat'), extra: ShareText }),
  z.strictObject({ kind: z.literal('per-member'), extra: ShareText }),
  z.strictObject({
    kind: z.literal('by-size'),
    shares: z
      .array(
        z.strictObject({
          min: z.number().int().min(2),
          max: z.number().int().min(2).optional(),
          share: ShareText,
        }),
      )
      .min(1),
  }),
]);

export interface ConditionFile {
  readonly kind: string;
  readonly [key: string]: unknown;
}

const ShareCondition = z.strictObject({
  kind: z.literal('share'),
  share: z.union(
    [
      ShareText,
      describe(
        z.strictObject({ quotas: RationalText }),
        'A multiple of the Hare quota of the scope (valid votes / seats), e.g. 1 = one full seat.',
      ),
    ],
    // 0.05 as a number gets the same help as "5" (review 24: only "invalid input" before)
    { error: shareError },
  ),
  base: Base.default('valid'),
  strict: z
    .boolean()
    .optional()
    .describe('Strictly more than the share (default: at least the share).'),
  scope: Scope.default('national'),
  districts: z.array(z.string().min(1)).optional(),
  alliance: AllianceSchema.nullable().optional(),
  source: Source,
});

const VotesCondition = z.strictObject({
  kind: z.literal('votes'),
  min: z.number().int().min(0),
  scope: Scope.default('national'),
  source: Source,
});

const PreliminaryCondition = z.strictObject({
  kind: z.literal('preliminary-seats'),
  min: z.number().int().min(0),
  minDistricts: z.number().int().min(0).optional(),
  among: z.enum(['all', 'share-qualified']).default('all'),
  iterate: z.boolean().default(false),
  source: Source,
});

const ExemptCondition = z.strictObject({
  kind: z.literal('exempt'),
  parties: z.array(z.string().min(1)).optional(),
  tags: z.array(z.string().min(1)).optional(),
  source: Source,
});

export const ConditionSchema: z.ZodType<ConditionFile> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    ShareCondition,
    VotesCondition,
    PreliminaryCondition,
    ExemptCondition,
    z.strictObject({ kind: z.literal('all'), conditions: z.array(ConditionSchema).min(1) }),
    z.strictObject({ kind: z.literal('any'), conditions: z.array(ConditionSchema).min(1) }),
  ]),
) as unknown as z.ZodType<ConditionFile>;

export const DistrictSchema = z.strictObject({
  name: z.string().min(1),
  seats: z.number().int().min(0).optional(),
  aliases: z.array(z.string().min(1)).optional(),
  code: z.string().optional(),
  electorate: z.number().int().min(0).optional(),
});

export const ApportionmentSchema = z.strictObject({
  base: z.enum(['electorate', 'population']).default('electorate'),
  method: MethodSchema,
  fixed: z.record(z.string(), z.number().int().min(0)).default({}),
  minimum: z.number().int().min(0).default(0),
  tieBreak: TieBreakSchema.default(['report']),
  source: Source,
});

const TierSchema = z.discriminatedUnion('kind', [
  describe(
    z.strictObject({
      kind: z.literal('compensation'),
      seats: z.number().int().min(1),
      method: MethodSchema,
      threshold: ConditionSchema.nullable().default(null),
      source: Source,
    }),
    'Compensation (levelling) seats: the whole house by `method` on national votes; each list gets its entitlement minus its district seats.',
  ),
  describe(
    z.strictObject({
      kind: z.literal('remainder-pooling'),
      method: MethodSchema,
      placement: MethodSchema.optional().describe(
        "Each list's pooled seats go to the districts by this method on its unused votes there; absent, they stay national.",
      ),
      source: Source,
    }),
    'Districts give only full-quota seats; the seats left are shared nationally by `method` on the lists’ pooled unused votes (exact fractions).',
  ),
  describe(
    z.strictObject({
      kind: z.literal('biproportional'),
      upper: MethodSchema,
      lower: MethodSchema,
      votes: z.enum(['raw', 'per-seat', 'per-seat-rounded']).default('per-seat'),
      source: Source,
    }),
    'Biproportional apportionment: party totals by `upper` on national votes (per-seat: each district’s votes divided by its seats), then district × party by the `lower` divisor method.',
  ),
  describe(
    z.strictObject({
      kind: z.literal('apparentment'),
      inner: MethodSchema,
      source: Source,
    }),
    'Surplus-vote agreements (given with the votes): each group takes seats as one list, then shares them among its members by `inner`.',
  ),
  describe(
    z.strictObject({
      kind: z.literal('majority-bonus'),
      seats: z.union([z.literal('half-plus-one'), z.strictObject({ share: ShareText })]),
      condition: ConditionSchema.nullable().default(null),
      rest: MethodSchema.optional(),
      source: Source,
    }),
    'The list with most votes gets max(its seats, the bonus seats) per district; the rest go to the other lists by `rest`.',
  ),
  describe(
    z.strictObject({ kind: z.literal('absolute-majority'), source: Source }),
    'A list with more than half of the votes gets more than half of the seats: a seat moves to it from the list that won the last seat. Not applied on top of method kieswet, which includes this rule (Kieswet art. P 9).',
  ),
]);
export type TierFile = z.infer<typeof TierSchema>;

const Label = z.union([z.string().min(1), z.strictObject({ es: z.string(), en: z.string() })]);

export const HeadSchema = describe(
  z.strictObject({
    office: Label.describe('The office, e.g. { "es": "Alcalde", "en": "Mayor" }.'),
    source: Source,
  }),
  'An office elected with the list vote: in each district the first candidate of the most-voted list takes it (a mayor with the council). A tie at the top goes to the tie steps, recorded — the same draw that names the list the majority bonus goes to.',
);

export const ListQuotaSchema = describe(
  z.strictObject({
    group: Label.describe('Who the quota is for, e.g. comunidades nativas y pueblos originarios.'),
    share: ShareText.describe('The minimum share of each list’s candidates.'),
    where: z.string().min(1).optional().describe('Where it applies, when not everywhere.'),
    source: Source,
  }),
  'A requirement on the candidate lists (checked when the lists are registered, not by the allocation): reported with every result, never enforced by cifra.',
);

export const SeatBandsSchema = describe(
  z.strictObject({
    base: z.literal('population'),
    bands: z
      .array(
        z.strictObject({
          upTo: z
            .number()
            .int()
            .min(1)
            .exactOptional()
            .describe('The band’s highest population (absent: no upper limit).'),
          seats: z.number().int().min(0),
        }),
      )
      .min(1),
    fixed: z
      .record(z.string(), z.number().int().min(0))
      .default({})
      .describe('Seats of named districts, whatever their population (Lima Metropolitana: 39).'),
    source: Source,
  }),
  'The size of each district from its population, by bands (councils by population): used for a district given with a population and no seats (`--districts` with a `population` column).',
);

const OptionSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]+$/),
  values: z.array(z.string().min(1)).min(1),
  default: z.string().min(1),
  /** What the choice is, in Spanish and English (one string reads the same in both). */
  description: NameSchema,
});

const Common = {
  $schema: z.string().optional(),
  format: z.literal(RULESET_FORMAT),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  version: z.string().optional(),
  label: Label,
  jurisdiction: z.string().optional(),
  sources: z.array(z.string().min(1)).default([]),
  options: z.array(OptionSchema).default([]),
  nullity: z.enum(['const-184', 'loe-365']).nullable().default(null),
};

/** The electorate (padrón) a ruleset's apportionment reads when its districts give none. */
export const RulesetElectorateSchema = describe(
  z.strictObject({
    file: z
      .string()
      .regex(/^[^\0]+\.csv(\.gz)?$/)
      .describe(
        "A CSV district,electorate[,source], its path relative to the ruleset file's folder.",
      ),
    source: NoteSchema.describe('Where the figures come from, in Spanish and English.'),
    status: NoteSchema.describe(
      'How far they may be trusted: what they are, and what they reproduce.',
    ),
  }),
  "The electorate `cifra apportion` and the what-if's house size use for the districts without an `electorate` (a given `--electorate` replaces it).",
);

export const ListRulesetSchema = z.strictObject({
  ...Common,
  kind: z.literal('list'),
  totalSeats: z.number().int().min(1),
  districts: z.array(DistrictSchema).min(1),
  apportionment: ApportionmentSchema.nullable().default(null),
  electorate: RulesetElectorateSchema.optional(),
  method: MethodSchema,
  singleSeatMethod: MethodSchema.default('plurality'),
  threshold: ConditionSchema.nullable().default(null),
  tieBreak: TieBreakSchema.default(['report']),
  exhaustedList: z.enum(['next-quotient', 'vacant']).default('next-quotient'),
  singleSeatWinner: z.enum(['list', 'candidate']).default('list'),
  tiers: z.array(TierSchema).default([]),
  head: HeadSchema.nullable().default(null),
  listQuotas: z.array(ListQuotaSchema).default([]),
  seatBands: SeatBandsSchema.nullable().default(null),
});

export const SingleWinnerRulesetSchema = z.strictObject({
  ...Common,
  kind: z.literal('single-winner'),
  round: z.enum(['first', 'runoff']),
  winner: z
    .strictObject({
      share: ShareText,
      strict: z.boolean().default(true),
      base: z.enum(['valid', 'emitted']).default('valid'),
    })
    .describe(
      'First round: the top candidate wins outright with this share (strictly more when strict).',
    ),
  runoffCandidates: z.number().int().min(2).default(2),
});

export const RulesetFileSchema = z.discriminatedUnion('kind', [
  ListRulesetSchema,
  SingleWinnerRulesetSchema,
]);
export type RulesetFile = z.infer<typeof RulesetFileSchema>;
export type ListRulesetFile = z.infer<typeof ListRulesetSchema>;
export type SingleWinnerRulesetFile = z.infer<typeof SingleWinnerRulesetSchema>;
