import { z } from 'zod';
import { issue, type Issue } from '../issues.js';
import { nameKey } from '../names.js';
import { err, ok, type Result } from '../result.js';
import { JURISDICTION_DOC, JURISDICTION_HINTS, JURISDICTION_REASONS } from '../schema-hints.js';
import { schemaProblem, type SchemaProblem } from '../schema-problem.js';
import { ACTA_STATES, type ActaState } from './acta.js';

/**
 * A jurisdiction: where an election's actas come from and how they roll up — the place code an
 * acta carries, the mesa id, the levels of units between the nation and the mesa, the sources'
 * acta-state labels. The core knows no country: Peru and Spain are data files
 * (data/jurisdictions/<id>/jurisdiction.json) validated by this schema and compiled here.
 */
export const JURISDICTION_FORMAT = 'cifra-jurisdiction/1';

/** The two levels every jurisdiction has: one national unit, and one unit per acta. */
export const NATIONAL = 'national';
export const MESA = 'mesa';

/** A level id: `national`, `mesa`, or one the election's jurisdiction declares. */
export type Level = string;

/** A JS regular expression that compiles and is anchored at both ends (a whole-code check). */
function patternSchema() {
  return z
    .string()
    .min(2)
    .max(500)
    .superRefine((p, ctx) => {
      let valid = true;
      try {
        new RegExp(p);
      } catch {
        valid = false;
      }
      if (!valid) ctx.addIssue({ code: 'custom', params: { reason: 'invalid_regex' } });
      else if (!p.startsWith('^') || !p.endsWith('$'))
        ctx.addIssue({ code: 'custom', params: { reason: 'pattern_not_anchored' } });
    });
}

const LabelsSchema = z.strictObject({ es: z.string().min(1), en: z.string().min(1) });
const UnitCodeSchema = z.string().min(1).max(64);
export type Authorities = NonNullable<JurisdictionFile['authorities']>;
/** A body as a sentence names it ("el JEE" / "the JEE"), and its short name ("JEE"). */
const AuthoritySchema = LabelsSchema.extend({ short: z.string().min(1) });
const LevelIdSchema = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/);
/** How a short numeric code is zero-padded: 6 turns "2" into "000002". */
const PadSchema = z.int().min(1).max(64);

/** A data file's path, relative to the jurisdiction's folder (as the place table's). */
const dataFile = (ext: RegExp) => z.string().min(1).max(500).regex(ext);
const GEOJSON = /^[^\0]+\.geojson(\.gz)?$/;

/**
 * The shapes of the dashboard's map. `features`: one GeoJSON whose features are the units of
 * `level`, its units' code and name in the properties that `code` and `name` name. `peru-departments`:
 * Peru's INEI departments joined to RENIEC codes by the `codes` table, with the province of Lima
 * drawn over its department as Lima Metropolitana (that join is code: src/io/geography.ts).
 */
export const GeographySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('features'),
    file: dataFile(GEOJSON),
    level: LevelIdSchema,
    code: z.string().min(1),
    name: z.string().min(1),
  }),
  z.strictObject({
    kind: z.literal('peru-departments'),
    departments: dataFile(GEOJSON),
    provinces: dataFile(GEOJSON),
    codes: dataFile(/^[^\0]+\.csv(\.gz)?$/),
  }),
]);
export type Geography = z.infer<typeof GeographySchema>;

/**
 * How a place code maps to the unit code of a level, as data: the first `prefix` characters; one
 * `constant` unit; or a `map` of prefixes to codes where the longest matching prefix wins, and
 * `default` for a place no prefix matches (without it such a place falls in unit `?`).
 */
export const UnitRuleSchema = z
  .strictObject({
    prefix: z.int().min(1).max(64).optional(),
    constant: UnitCodeSchema.optional(),
    map: z
      .array(z.strictObject({ prefix: z.string().min(1).max(64), code: UnitCodeSchema }))
      .min(1)
      .optional(),
    default: UnitCodeSchema.optional(),
  })
  .superRefine((rule, ctx) => {
    const forms = [rule.prefix, rule.constant, rule.map].filter((x) => x !== undefined).length;
    if (forms !== 1)
      ctx.addIssue({
        code: 'custom',
        params: { reason: 'rule_form', expected: 'exactly one of prefix, constant, map' },
      });
    if (rule.default !== undefined && rule.map === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['default'],
        params: { reason: 'default_without_map' },
      });
    const seen = new Set<string>();
    rule.map?.forEach((e, i) => {
      if (seen.has(e.prefix))
        ctx.addIssue({
          code: 'custom',
          path: ['map', i, 'prefix'],
          params: { reason: 'duplicate_prefix', prefix: e.prefix },
        });
      seen.add(e.prefix);
    });
  });
export type UnitRule = z.infer<typeof UnitRuleSchema>;

export const JurisdictionLevelSchema = z.strictObject({
  id: LevelIdSchema,
  labels: LabelsSchema,
  unit: UnitRuleSchema,
  /** Unit names by code; a level without this table is named from the sources and place table. */
  names: z.record(UnitCodeSchema, z.string().min(1)).optional(),
});

export const JurisdictionFileSchema = z
  .strictObject({
    format: z.literal(JURISDICTION_FORMAT),
    id: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
    labels: LabelsSchema,
    /** What the sources and the people who read them call this jurisdiction's parts. */
    description: z.string().optional(),
    national: z.strictObject({ code: UnitCodeSchema, name: z.string().min(1) }),
    /** The place code an acta carries (Peru: the RENIEC ubigeo of the mesa). */
    place: z.strictObject({
      labels: LabelsSchema,
      pattern: patternSchema(),
      pad: PadSchema.optional(),
      /**
       * The table of known places (CSV, maybe gzipped; path relative to the jurisdiction's
       * folder): the column of the code, and the columns naming the units of some levels.
       */
      table: z
        .strictObject({
          file: z.string().regex(/^[^\0]+\.csv(\.gz)?$/),
          code: z.string().min(1),
          names: z.record(LevelIdSchema, z.string().min(1)).optional(),
        })
        .optional(),
      /** Codes known without a row in the table (Peru: mesas abroad, 91xxxx–95xxxx). */
      known: z.array(patternSchema()).optional(),
    }),
    mesa: z.strictObject({ pattern: patternSchema(), pad: PadSchema.optional() }),
    /** The levels between the nation and the mesa, coarse to fine where they nest. */
    levels: z.array(JurisdictionLevelSchema),
    /** The level whose units are the electoral districts (seats; the projection's regions). */
    electoralDistricts: LevelIdSchema,
    /** The projection's middle level: its units nest in the electoral districts. */
    projectionGroups: LevelIdSchema,
    /**
     * The level whose units the snapshot model keeps apart when an uncounted unit rests on the
     * counted units' mean (Peru: ámbito, abroad apart from the departments; docs/projection.md,
     * run 14). Absent: one group.
     */
    snapshotGroups: LevelIdSchema.optional(),
    /** The sources' acta-state labels → cifra's states (matched case-, accent-, space-blind). */
    states: z.record(z.string().min(1), z.enum(ACTA_STATES)),
    /**
     * The ruleset ids its elections usually take, per kind (presidential, congress, …): a label
     * `cifra jurisdictions` shows, neither applied nor checked — a manifest names its own
     * `ruleset` (review s36: documented as a default, it was none). Optional.
     */
    rulesets: z
      .record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.string().min(1))
      .default({})
      .describe(
        "The ruleset ids its elections usually take, per kind: a label `cifra jurisdictions` shows; cifra neither applies nor checks it (a manifest's `ruleset` is required).",
      ),
    /**
     * The IANA time zone the jurisdiction's sources state their times in (Peru: America/Lima),
     * in which screens show every time. Required: a silent UTC default would shift every time a
     * jurisdiction forgot to state (`UTC` when that is the jurisdiction's own).
     */
    timeZone: z.string().min(1),
    /**
     * The BCP 47 locale its figures are written in (Peru es-PE: 12,345; Spain es-ES: 12.345),
     * for the CLI's tables and the dashboard. Absent: as Peru's, in either language (es-PE, and
     * en-US on an English page); `cifra jurisdictions <id>` warns.
     */
    locale: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?$/)
      .optional(),
    /**
     * Which units of `level` share a border (JSON `{source, neighbours}`, path relative to the
     * folder), for the snapshot model's neighbours' term (docs/projection.md, runs 9–10).
     */
    adjacency: z
      .strictObject({ file: dataFile(/^[^\0]+\.json$/), level: LevelIdSchema })
      .optional(),
    /** The shapes of the dashboard's map; absent: no map. */
    geography: GeographySchema.optional(),
    /**
     * The bodies and the rule screens name (with their article in Spanish): who rules on an
     * observed acta, who settles a tie, who counts, and the rule an annulled acta's votes follow.
     * Absent: neutral words ("under review"), never another country's body or law.
     */
    authorities: z
      .strictObject({
        review: AuthoritySchema,
        ties: AuthoritySchema,
        tally: AuthoritySchema,
        annulledActa: LabelsSchema,
        /** Where the bodies' roles are set (law and article). */
        source: z.string().min(1),
      })
      .optional(),
  })
  .superRefine(checkReferences);

/** The runtime's canonical zone names: a lookup, where a first DateTimeFormat costs ~25 ms of CPU. */
let canonicalZones: ReadonlySet<string> | undefined;

/** Whether the runtime's Intl knows an IANA time zone name ("America/Lima", "UTC"). */
export function isTimeZone(zone: string): boolean {
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (canonicalZones.has(zone)) return true;
  // aliases ("UTC", "Etc/GMT+5", "Asia/Kolkata" on some ICUs) and other spellings: Intl decides
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
export type JurisdictionFile = z.infer<typeof JurisdictionFileSchema>;

/** Cross-field rules: unique levels, references to declared levels, one state per label. */
function checkReferences(f: JurisdictionFile, ctx: z.RefinementCtx): void {
  const ids = new Set<string>([NATIONAL]);
  const fail = (path: (string | number)[], params: Record<string, unknown>): void =>
    ctx.addIssue({ code: 'custom', path, params });
  f.levels.forEach((l, i) => {
    if (l.id === NATIONAL || l.id === MESA)
      fail(['levels', i, 'id'], { reason: 'reserved_level', level: l.id });
    else if (ids.has(l.id)) fail(['levels', i, 'id'], { reason: 'duplicate_level', level: l.id });
    ids.add(l.id);
  });
  const known = [...ids];
  for (const key of ['electoralDistricts', 'projectionGroups', 'snapshotGroups'] as const) {
    const level = f[key];
    if (level !== undefined && !ids.has(level))
      fail([key], { reason: 'unknown_level', level, known });
  }
  if (f.adjacency !== undefined && !ids.has(f.adjacency.level))
    fail(['adjacency', 'level'], { reason: 'unknown_level', level: f.adjacency.level, known });
  if (f.geography?.kind === 'features' && !ids.has(f.geography.level))
    fail(['geography', 'level'], { reason: 'unknown_level', level: f.geography.level, known });
  for (const level of Object.keys(f.place.table?.names ?? {}))
    if (!ids.has(level) || level === NATIONAL)
      fail(['place', 'table', 'names', level], { reason: 'unknown_level', level, known });
  if (f.place.table === undefined && (f.place.known ?? []).length === 0)
    fail(['place'], { reason: 'no_known_places', expected: 'a table or known patterns' });
  if (!isTimeZone(f.timeZone))
    fail(['timeZone'], { reason: 'unknown_time_zone', timeZone: f.timeZone });
  const stateOf = new Map<string, string>();
  for (const [label, state] of Object.entries(f.states)) {
    const prev = stateOf.get(nameKey(label));
    if (prev !== undefined && prev !== state)
      fail(['states', label], { reason: 'conflicting_state', states: [prev, state] });
    stateOf.set(nameKey(label), state);
  }
}

/**
 * Reads a parsed JSON value as a jurisdiction file: every problem as a `jurisdiction_invalid`
 * issue whose path is the JSON path of the field (e.g. `levels.2.unit.map.0.prefix`).
 */
export function parseJurisdictionFile(json: unknown): Result<JurisdictionFile, Issue[]> {
  // read once per process: zod's generated fast path would cost more to compile than it saves
  const r = JurisdictionFileSchema.safeParse(json, { jitless: true });
  if (r.success) return ok(r.data);
  return err(
    r.error.issues.map((i) => {
      const params = (i as { params?: Record<string, unknown> }).params ?? {};
      return issue('jurisdiction_invalid', i.path.map(pathKey), {
        reason:
          i.code === 'custom'
            ? (params['reason'] ?? i.code)
            : isAbsentField(json, i)
              ? 'missing'
              : i.code,
        ...plainFields(i),
        ...params,
        ...jurisdictionProblem(i, json, params),
      });
    }),
  );
}

/** A problem in words with its fix, English and Spanish: a check's own reason, or the schema's. */
function jurisdictionProblem(
  i: z.core.$ZodIssue,
  json: unknown,
  params: Record<string, unknown>,
): SchemaProblem {
  const said = i.code === 'custom' ? JURISDICTION_REASONS[String(params['reason'])] : undefined;
  if (said === undefined) return schemaProblem(i, json, JURISDICTION_HINTS, JURISDICTION_DOC);
  const { en, es } = said(params);
  return { problem: en, problemEs: es };
}

/** A required top-level field the file leaves out (`timeZone`…): said as such, not as a type. */
function isAbsentField(json: unknown, i: z.core.$ZodIssue): boolean {
  const [key, ...rest] = i.path;
  return (
    i.code === 'invalid_type' &&
    typeof key === 'string' &&
    rest.length === 0 &&
    typeof json === 'object' &&
    json !== null &&
    !Object.hasOwn(json, key)
  );
}

const pathKey = (p: PropertyKey): string | number => (typeof p === 'number' ? p : String(p));

/** A zod issue's own numbers and names (expected, minimum, keys…), without nested issues. */
function plainFields(i: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(i)) {
    if (k === 'code' || k === 'path' || k === 'message' || k === 'input' || k === 'params')
      continue;
    const plain = (x: unknown): boolean => ['string', 'number', 'boolean'].includes(typeof x);
    if (plain(v) || (Array.isArray(v) && v.every(plain))) out[k] = v;
  }
  return out;
}

/** A level of a compiled jurisdiction. */
export interface JurisdictionLevel {
  readonly id: Level;
  readonly labels: { readonly es: string; readonly en: string };
  /** `names`: a table names the units; `places`: the sources and the place table do. */
  readonly named: 'names' | 'places';
}

/** A jurisdiction as the core uses it: fast place → unit codes, patterns, state labels, names. */
export interface Jurisdiction {
  readonly id: string;
  readonly labels: { readonly es: string; readonly en: string };
  /** Every level, `national` first and `mesa` last. */
  readonly levels: readonly JurisdictionLevel[];
  readonly levelIds: readonly Level[];
  /** The declared levels without a names table, coarse to fine (department, province, district). */
  readonly placeLevels: readonly Level[];
  readonly electoralDistricts: Level;
  readonly projectionGroups: Level;
  /** The snapshot model's groups of units (undefined: one group). */
  readonly snapshotGroups: Level | undefined;
  readonly placePattern: RegExp;
  readonly mesaPattern: RegExp;
  /** The ruleset ids its elections usually take, per kind: a label, never applied. */
  readonly rulesets: ReadonlyMap<string, string>;
  /** The validated file, for the loader (its place table). */
  readonly file: JurisdictionFile;
  isLevel(id: string): boolean;
  /** The unit of a place at a level (any level but `mesa`, whose unit is the acta's mesa). */
  unitCode(level: Level, place: string): string;
  /**
   * `unitCode` for one level: the function to call in a loop over places (a prefix is a slice; a
   * map's longest-prefix search is memoised per place).
   */
  unitCoder(level: Level): (place: string) => string;
  /** A short numeric id zero-padded (`2` → `000002` in Peru); other ids only trimmed. */
  padMesa(id: string): string;
  padPlace(code: string): string;
  /** The cifra state of a source's state label, or of a cifra state id; undefined if unknown. */
  stateOf(label: string): ActaState | undefined;
  /**
   * The name of a unit from its level's names table (`national`: the national name). The loaded
   * jurisdiction (src/jurisdictions/load.ts) answers its place table's names too, where this has none.
   */
  unitName(level: Level, code: string): string | undefined;
}

/** The unit of a place no entry of a `map` rule matches, when the rule has no default. */
export const UNMAPPED_UNIT = '?';
const MEMO_LIMIT = 100_000;

/** One level's place → unit code function: prefixes slice, maps are memoised per place. */
function compileRule(rule: UnitRule): (place: string) => string {
  if (rule.prefix !== undefined) {
    const n = rule.prefix;
    return (place) => place.slice(0, n);
  }
  if (rule.constant !== undefined) {
    const c = rule.constant;
    return () => c;
  }
  // longest prefix first, so the first match is the longest
  const entries = [...(rule.map ?? [])].sort((a, b) => b.prefix.length - a.prefix.length);
  const fallback = rule.default ?? UNMAPPED_UNIT;
  const memo = new Map<string, string>();
  return (place) => {
    let code = memo.get(place);
    if (code === undefined) {
      code = entries.find((e) => place.startsWith(e.prefix))?.code ?? fallback;
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(place, code);
    }
    return code;
  };
}

function padder(pad: number | undefined): (id: string) => string {
  if (pad === undefined) return (id) => id.trim();
  const short = new RegExp(`^\\d{1,${pad}}$`);
  return (id) => {
    const s = id.trim();
    return short.test(s) ? s.padStart(pad, '0') : s;
  };
}

/**
 * Compiles a validated jurisdiction file into what tabulation, validation and naming use. Pure.
 * @example compileJurisdiction(file).unitCode('circunscripcion', '140101') // '15' in Peru
 */
export function compileJurisdiction(file: JurisdictionFile): Jurisdiction {
  const levels: JurisdictionLevel[] = [
    { id: NATIONAL, labels: { es: 'Nacional', en: 'National' }, named: 'names' },
    ...file.levels.map((l): JurisdictionLevel => ({
      id: l.id,
      labels: l.labels,
      named: l.names === undefined ? 'places' : 'names',
    })),
    { id: MESA, labels: { es: 'Mesa', en: 'Mesa' }, named: 'places' },
  ];
  const levelIds = levels.map((l) => l.id);
  const known = new Set(levelIds);
  const national = file.national;
  const coders = new Map<Level, (place: string) => string>([[NATIONAL, () => national.code]]);
  for (const l of file.levels) coders.set(l.id, compileRule(l.unit));
  const names = new Map<Level, ReadonlyMap<string, string>>(
    file.levels.map((l) => [l.id, new Map(Object.entries(l.names ?? {}))]),
  );
  const states = new Map<string, ActaState>(
    Object.entries(file.states).map(([label, s]) => [nameKey(label), s]),
  );
  const canonical = new Set<string>(ACTA_STATES);
  const unitCoder = (level: Level): ((place: string) => string) => {
    const f = coders.get(level);
    if (f === undefined)
      throw new Error(`jurisdiction ${file.id}: no place rule for level "${level}"`);
    return f;
  };
  return {
    id: file.id,
    labels: file.labels,
    levels,
    levelIds,
    placeLevels: file.levels.filter((l) => l.names === undefined).map((l) => l.id),
    electoralDistricts: file.electoralDistricts,
    projectionGroups: file.projectionGroups,
    snapshotGroups: file.snapshotGroups,
    placePattern: new RegExp(file.place.pattern),
    mesaPattern: new RegExp(file.mesa.pattern),
    rulesets: new Map(Object.entries(file.rulesets)),
    file,
    isLevel: (id) => known.has(id),
    unitCode: (level, place) => unitCoder(level)(place),
    unitCoder,
    padMesa: padder(file.mesa.pad),
    padPlace: padder(file.place.pad),
    stateOf: (label) => {
      const s = states.get(nameKey(label));
      if (s !== undefined) return s;
      const id = label.trim().toLowerCase();
      return canonical.has(id) ? (id as ActaState) : undefined;
    },
    unitName: (level, code) => (level === NATIONAL ? national.name : names.get(level)?.get(code)),
  };
}
