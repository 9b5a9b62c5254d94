import type { z } from 'zod';
import type { TieBreakPolicy, TieStep } from '../allocation/allocate.js';
import {
  NAMED_METHODS,
  linearDivisors,
  withFirstDivisor,
  type AllocationMethod,
  type DivisorMethod,
} from '../allocation/methods.js';
import { assert } from '../assert.js';
import { issue, type Issue } from '../issues.js';
import { nameKey } from '../names.js';
import { parseRatio, type Ratio } from '../ratio.js';
import { err, ok, type Result } from '../result.js';
import { RULESET_DOC, RULESET_HINTS } from '../schema-hints.js';
import { schemaProblem } from '../schema-problem.js';
import { apportionSeats, type ApportionmentRule } from '../rules/apportion.js';
import type { ThresholdCondition } from '../rules/threshold.js';
import { chooseOptions, declaredOptions, resolveSwitches } from './options.js';
import { applyWhatIf, sizeIssues, type RulesetLimits, type WhatIf } from './overrides.js';
import type {
  ListRuleset,
  PresidentialRuleset,
  Ruleset,
  RulesetDistrict,
  Tier,
} from './ruleset.js';
import {
  RulesetFileSchema,
  rulesetMessageEs,
  type ConditionFile,
  type ListRulesetFile,
  type MethodSpec,
  type RulesetFile,
  type SingleWinnerRulesetFile,
  type TierFile,
} from './schema.js';

/** Text already checked by the schema's pattern: a ratio is always there. */
function ratioOf(text: string): Ratio {
  const r = parseRatio(text);
  assert(r !== null, `not a ratio: ${text}`);
  return r;
}

/** A method spec from a file as the engines' method. */
export function compileMethod(spec: MethodSpec): AllocationMethod {
  if (typeof spec === 'string') {
    const m = NAMED_METHODS.get(spec);
    assert(m !== undefined, `unknown method ${spec}`);
    return m;
  }
  if (spec.kind === 'largest-remainder') {
    const m = NAMED_METHODS.get(spec.quota === 'imperiali' ? 'imperiali-quota' : spec.quota);
    assert(m !== undefined, `unknown quota ${spec.quota}`);
    return m;
  }
  if (typeof spec.sequence === 'string') {
    const m = NAMED_METHODS.get(spec.sequence);
    assert(m !== undefined && m.kind === 'divisor', `unknown divisors ${spec.sequence}`);
    return spec.firstDivisor === undefined ? m : withFirstDivisor(m, ratioOf(spec.firstDivisor));
  }
  return linearDivisors(
    ratioOf(spec.sequence.first),
    ratioOf(spec.sequence.step),
    ratioOf(spec.sequence.offset),
  );
}

/** A condition from a file (already validated) as the evaluator's condition. */
export function compileCondition(c: ConditionFile): ThresholdCondition {
  const x = c as Record<string, unknown> & { kind: string };
  switch (x.kind) {
    case 'share': {
      const share = x['share'] as string | { quotas: string };
      const alliance = x['alliance'] as
        | { kind: 'flat' | 'per-member'; extra: string }
        | { kind: 'by-size'; shares: { min: number; max?: number; share: string }[] }
        | null
        | undefined;
      return {
        kind: 'share',
        scope: x['scope'] as 'national' | 'district' | 'any-district',
        share: ratioOf(typeof share === 'string' ? share : share.quotas),
        ...(typeof share === 'string' ? {} : { quotas: true }),
        base: x['base'] as 'valid' | 'valid-and-blank' | 'registered',
        ...(x['strict'] === true ? { strict: true } : {}),
        ...(x['districts'] ? { districts: x['districts'] as string[] } : {}),
        ...(alliance
          ? {
              alliance:
                alliance.kind === 'by-size'
                  ? {
                      kind: 'by-size' as const,
                      shares: alliance.shares.map((s) => ({
                        min: s.min,
                        ...(s.max === undefined ? {} : { max: s.max }),
                        share: ratioOf(s.share),
                      })),
                    }
                  : { kind: alliance.kind, extra: ratioOf(alliance.extra) },
            }
          : {}),
        source: x['source'] as string,
      };
    }
    case 'votes':
      return {
        kind: 'votes',
        scope: x['scope'] as 'national' | 'district' | 'any-district',
        min: x['min'] as number,
        source: x['source'] as string,
      };
    case 'preliminary-seats':
      return {
        kind: 'preliminary-seats',
        min: x['min'] as number,
        ...(x['minDistricts'] === undefined ? {} : { minDistricts: x['minDistricts'] as number }),
        among: x['among'] as 'all' | 'share-qualified',
        iterate: x['iterate'] as boolean,
        source: x['source'] as string,
      };
    case 'exempt':
      return {
        kind: 'exempt',
        parties: (x['parties'] as string[] | undefined) ?? [],
        tags: (x['tags'] as string[] | undefined) ?? [],
        source: x['source'] as string,
      };
    case 'all':
    case 'any':
      return {
        kind: x.kind,
        conditions: (x['conditions'] as ConditionFile[]).map(compileCondition),
      };
    default:
      throw new Error(`unknown condition kind ${x.kind}`);
  }
}

function tieBreakOf(steps: readonly TieStep[]): TieBreakPolicy {
  return { steps };
}

function compileTier(t: TierFile, path: (string | number)[], issues: Issue[]): Tier | null {
  switch (t.kind) {
    case 'compensation':
      return {
        kind: 'compensation',
        seats: t.seats,
        method: compileMethod(t.method),
        threshold: t.threshold === null ? null : compileCondition(t.threshold),
        source: t.source,
      };
    case 'remainder-pooling':
      return {
        kind: 'remainder-pooling',
        method: compileMethod(t.method),
        placement: t.placement === undefined ? null : compileMethod(t.placement),
        source: t.source,
      };
    case 'biproportional': {
      const lower = compileMethod(t.lower);
      if (lower.kind !== 'divisor') {
        issues.push(
          issue('ruleset_invalid', [...path, 'lower'], {
            problem: 'the lower apportionment needs a divisor method',
          }),
        );
        return null;
      }
      return {
        kind: 'biproportional',
        upper: compileMethod(t.upper),
        lower: lower as DivisorMethod,
        votes: t.votes,
        source: t.source,
      };
    }
    case 'apparentment':
      return { kind: 'apparentment', inner: compileMethod(t.inner), source: t.source };
    case 'majority-bonus':
      return {
        kind: 'majority-bonus',
        seats: t.seats === 'half-plus-one' ? 'half-plus-one' : { share: ratioOf(t.seats.share) },
        condition: t.condition === null ? null : compileCondition(t.condition),
        rest: t.rest === undefined ? null : compileMethod(t.rest),
        source: t.source,
      };
    case 'absolute-majority':
      return { kind: 'absolute-majority', source: t.source };
  }
}

function labelsOf(l: string | { es: string; en: string }): { es: string; en: string } {
  return typeof l === 'string' ? { es: l, en: l } : l;
}

function apportionmentOf(file: ListRulesetFile): ApportionmentRule | null {
  const a = file.apportionment;
  if (a === null) return null;
  return {
    totalSeats: file.totalSeats,
    fixed: new Map(Object.entries(a.fixed)),
    minimumPerDistrict: a.minimum,
    method: compileMethod(a.method),
    tieBreak: tieBreakOf(a.tieBreak),
    source: a.source,
  };
}

/** Checks names and seats across the districts; fills seats from the electorate when needed. */
/** Each district's own faults: a name or alias written twice, a district written with 0 seats. */
function checkDistricts(file: ListRulesetFile, issues: Issue[]): void {
  const seen = new Map<string, number>();
  file.districts.forEach((d, i) => {
    for (const n of [d.name, ...(d.aliases ?? [])]) {
      const k = nameKey(n);
      const j = seen.get(k);
      if (j !== undefined && j !== i)
        issues.push(
          issue('ruleset_invalid', ['districts', i, 'name'], {
            problem: 'duplicate district name or alias',
            name: n,
          }),
        );
      seen.set(k, i);
    }
  });
  // a district written with 0 seats elects no one: a typo, caught at load rather than warned of
  // at seat time; only beside compensation seats may its votes still count (levelling tiers)
  if (!file.tiers.some((t) => t.kind === 'compensation'))
    file.districts.forEach((d, i) => {
      if (d.seats === 0)
        issues.push(
          issue('ruleset_invalid', ['districts', i, 'seats'], {
            problem: 'a district with 0 seats elects no one: give it seats or remove it',
            district: d.name,
          }),
        );
    });
}

function districtsOf(
  file: ListRulesetFile,
  apportionment: ApportionmentRule | null,
  issues: Issue[],
): RulesetDistrict[] {
  checkDistricts(file, issues);
  let seats = file.districts.map((d) => d.seats);
  if (seats.some((s) => s === undefined)) {
    if (apportionment === null || file.districts.some((d) => d.electorate === undefined)) {
      issues.push(
        issue('ruleset_invalid', ['districts'], {
          problem:
            'districts without seats need an apportionment rule and every district’s electorate',
        }),
      );
      return [];
    }
    const a = apportionSeats(
      apportionment,
      file.districts.map((d) => ({ district: d.name, electorate: d.electorate ?? 0 })),
    );
    if (!a.ok) {
      issues.push(
        ...a.error.map((x) => ({
          ...x,
          path: x.path[0] === 'apportionment' ? x.path : ['apportionment', ...x.path],
        })),
      );
      return [];
    }
    seats = file.districts.map((d) => a.value.seats.get(d.name) ?? 0);
  }
  const districts = file.districts.map((d, i) => ({
    name: d.name,
    seats: seats[i] ?? 0,
    ...(d.aliases ? { aliases: d.aliases } : {}),
    ...(d.code === undefined ? {} : { code: d.code }),
    ...(d.electorate === undefined ? {} : { electorate: d.electorate }),
  }));
  const sum = districts.reduce((a, d) => a + d.seats, 0);
  const compensation = file.tiers.reduce(
    (a, t) => a + (t.kind === 'compensation' ? t.seats : 0),
    0,
  );
  if (sum + compensation !== file.totalSeats)
    issues.push(
      issue('ruleset_invalid', ['totalSeats'], {
        problem: 'district seats (plus compensation seats) must add up to totalSeats',
        totalSeats: file.totalSeats,
        districtSeats: sum,
        compensationSeats: compensation,
      }),
    );
  return districts;
}

function compileList(
  file: ListRulesetFile,
  options: Record<string, string>,
): Result<ListRuleset, Issue[]> {
  const issues: Issue[] = [];
  const apportionment = apportionmentOf(file);
  const districts = districtsOf(file, apportionment, issues);
  const tiers = file.tiers.flatMap((t, i) => compileTier(t, ['tiers', i], issues) ?? []);
  const method = compileMethod(file.method);
  const single = compileMethod(file.singleSeatMethod);
  const pooling = file.tiers.findIndex((t) => t.kind === 'remainder-pooling');
  if (pooling >= 0 && method.kind !== 'largest-remainder')
    issues.push(
      issue('ruleset_invalid', ['tiers', pooling], {
        problem:
          'remainder pooling needs a quota method in the districts (e.g. "droop", "imperiali-quota")',
      }),
    );
  file.tiers.forEach((t, i) => {
    if (t.kind !== 'remainder-pooling') return;
    for (const [k, m] of [
      ['method', t.method],
      ['placement', t.placement],
    ] as const)
      if (m !== undefined && compileMethod(m).kind === 'kieswet')
        issues.push(
          issue('ruleset_invalid', ['tiers', i, k], {
            problem: 'pooled votes are shared by a divisor or quota method',
          }),
        );
  });
  const kinds = file.tiers.map((t) => t.kind);
  const dup = kinds.find((k, i) => kinds.indexOf(k) !== i);
  if (dup !== undefined)
    issues.push(
      issue('ruleset_invalid', ['tiers'], { problem: 'a tier kind appears twice', kind: dup }),
    );
  if (method.kind === 'divisor' && method.singleSeat)
    issues.push(
      issue('ruleset_invalid', ['method'], {
        problem: 'plurality is for single-seat districts: use singleSeatMethod',
      }),
    );
  issues.push(...bandIssues(file));
  if (issues.length > 0) return err(issues);
  return ok({
    kind: 'list',
    ...base(file, options),
    totalSeats: file.totalSeats,
    districts,
    method,
    singleSeatMethod: single,
    threshold: file.threshold === null ? null : compileCondition(file.threshold),
    tieBreak: tieBreakOf(file.tieBreak),
    exhaustedList: file.exhaustedList,
    singleSeatWinner: file.singleSeatWinner,
    apportionment,
    tiers,
    head:
      file.head === null ? null : { office: labelsOf(file.head.office), source: file.head.source },
    listQuotas: file.listQuotas.map((q) => ({
      group: labelsOf(q.group),
      share: q.share.trim(),
      ratio: ratioOf(q.share),
      ...(q.where === undefined ? {} : { where: q.where }),
      source: q.source,
    })),
    seatBands:
      file.seatBands === null
        ? null
        : {
            base: file.seatBands.base,
            bands: file.seatBands.bands,
            fixed: new Map(Object.entries(file.seatBands.fixed).map(([k, v]) => [nameKey(k), v])),
            source: file.seatBands.source,
          },
  });
}

/** Bands ascending by `upTo`, only the last one open-ended. */
function bandIssues(file: ListRulesetFile): Issue[] {
  const bands = file.seatBands?.bands ?? [];
  return bands.flatMap((b, i) => {
    const last = i === bands.length - 1;
    const prev = bands[i - 1]?.upTo;
    const bad =
      (b.upTo === undefined && !last) ||
      (b.upTo !== undefined && prev !== undefined && b.upTo <= prev);
    return bad
      ? [
          issue('ruleset_invalid', ['seatBands', 'bands', i, 'upTo'], {
            problem: 'bands go up by population; only the last one may have no upTo',
          }),
        ]
      : [];
  });
}

function base(file: RulesetFile, options: Record<string, string>) {
  const labels = labelsOf(file.label);
  return {
    id: file.id,
    label: labels.es,
    labels,
    version: file.version ?? null,
    jurisdiction: file.jurisdiction ?? null,
    nullity: file.nullity,
    options,
    optionSpecs: file.options,
    sources: file.sources,
  };
}

function compileSingleWinner(
  file: SingleWinnerRulesetFile,
  options: Record<string, string>,
): PresidentialRuleset {
  return {
    kind: 'presidential',
    ...base(file, options),
    round: file.round,
    winnerShare: ratioOf(file.winner.share),
    strict: file.winner.strict,
    base: file.winner.base,
    runoffCandidates: file.runoffCandidates,
  };
}

/**
 * zod's issues as ours: code ruleset_invalid, the JSON path, the problem in words that name the
 * field's fix, English and Spanish (core/schema-problem.ts), and zod's check.
 */
function schemaIssues(error: z.ZodError, json: unknown): Issue[] {
  return error.issues.flatMap((i) => {
    const path = i.path.map((p) => (typeof p === 'number' ? p : String(p)));
    // an unknown key is at its own path (at the top level zod's path is empty: "at this path"
    // then named nothing)
    if (i.code === 'unrecognized_keys' && i.keys !== undefined && i.keys.length > 0)
      return i.keys.map((k) =>
        issue('ruleset_invalid', [...path, k], {
          problem: 'unknown key: remove it or check its spelling (docs/rulesets.md)',
          problemEs: 'clave desconocida: quítela o revise cómo se escribe (docs/rulesets.md)',
          check: i.code,
        }),
      );
    return [
      issue('ruleset_invalid', path, {
        ...schemaProblem(i, json, RULESET_HINTS, RULESET_DOC, rulesetMessageEs),
        check: i.code,
      }),
    ];
  });
}

/**
 * A ruleset from a parsed JSON file and chosen option values: options resolved, what-if changes
 * applied, the size checked against the limits when given, the file validated by the schema
 * (every problem an issue with its JSON path), then compiled.
 * @example rulesetFromJson(JSON.parse(text), { 'alliance-surcharge': 'registration-only' })
 */
export function rulesetFromJson(
  raw: unknown,
  chosen: Readonly<Record<string, string>> = {},
  whatIf: WhatIf = {},
  limits?: RulesetLimits,
): Result<Ruleset, Issue[]> {
  const specs = declaredOptions(raw);
  const badDefaults = specs.flatMap((o, i) =>
    o.values.includes(o.default)
      ? []
      : [
          issue('ruleset_invalid', ['options', i, 'default'], {
            problem: 'the default is not one of the values',
            default: o.default,
            values: o.values,
          }),
        ],
  );
  if (badDefaults.length > 0) return err(badDefaults);
  const values = chooseOptions(specs, chosen);
  if (!values.ok) return values;
  const resolved = resolveSwitches(raw, specs, values.value);
  if (!resolved.ok) return resolved;
  const changed = applyWhatIf(resolved.value, whatIf);
  if (!changed.ok) return changed;
  const tooLarge = limits === undefined ? [] : sizeIssues(changed.value, limits);
  if (tooLarge.length > 0) return err(tooLarge);
  const parsed = RulesetFileSchema.safeParse(changed.value);
  if (!parsed.success) return err(schemaIssues(parsed.error, changed.value));
  return parsed.data.kind === 'list'
    ? compileList(parsed.data, values.value)
    : ok(compileSingleWinner(parsed.data, values.value));
}
