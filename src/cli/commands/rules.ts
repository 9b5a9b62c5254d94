import {
  builtInRulesetIds,
  isRulesetPath,
  loadRuleset,
  readRulesetSource,
  rulesetJsonSchema,
} from '../../elections/rulesets.js';
import { ratioText } from '../../core/ratio.js';
import type { ThresholdCondition } from '../../core/rules/threshold.js';
import type { ListRuleset, Ruleset } from '../../core/rulesets/ruleset.js';
import { header, inRunLanguage, renderTable, runLanguage, say } from '../format.js';
import { EXIT_ISSUES, EXIT_OK, type CliIo } from '../io.js';
import { printIssues } from './seats.js';

export interface RulesArgs {
  readonly ref?: string | undefined;
  readonly format: 'table' | 'json';
  readonly schema: boolean;
}

/**
 * Whether a district of one seat can meet the ruleset, so its single-seat method applies: one of
 * its districts, a seat band or a fixed size (councils by population) has one seat, or the file
 * names the method itself (its author means it for the one-seat districts a `--districts` file
 * brings). Only then is the method said (review 24: it was said for every ruleset).
 */
function singleSeatReachable(r: ListRuleset, declared: boolean): boolean {
  const bands = r.seatBands;
  return (
    declared ||
    r.districts.some((d) => d.seats === 1) ||
    (bands !== null &&
      (bands.bands.some((b) => b.seats === 1) || [...bands.fixed.values()].includes(1)))
  );
}

function methodText(r: Ruleset, declared = false): string {
  if (r.kind !== 'list')
    return say('{round} round: {comparison} {share} of {base} votes', {
      round: header(r.round),
      comparison: r.strict ? '>' : '≥',
      share: `${r.winnerShare.numerator}/${r.winnerShare.denominator}`,
      base: header(r.base),
    });
  const bySize =
    r.singleSeatMethod.id === r.method.id || !singleSeatReachable(r, declared)
      ? ''
      : say(', single-seat {method}', { method: say(r.singleSeatMethod.id) });
  const tiers =
    r.tiers.length > 0
      ? say('; tiers: {tiers}', { tiers: r.tiers.map((t) => t.kind).join(', ') })
      : '';
  return `${r.method.id}${bySize}${tiers}`;
}

/** The file states its `singleSeatMethod` (not the default). */
const declaresSingleSeat = (json: unknown): boolean =>
  typeof json === 'object' && json !== null && 'singleSeatMethod' in json;

/**
 * `cifra rules`: the built-in rulesets; `cifra rules ID|FILE`: one ruleset, validated, with its
 * sources and options (`--format json` prints the file as written); `--schema`: the JSON Schema.
 */
export function runRules(args: RulesArgs, io: CliIo): number {
  if (args.schema) {
    io.out(JSON.stringify(rulesetJsonSchema(), null, 2));
    return EXIT_OK;
  }
  if (args.ref === undefined) {
    const loaded = builtInRulesetIds().map((id) => ({ id, r: loadRuleset(id) }));
    const rows = loaded.map(({ id, r }) =>
      r.ok
        ? [id, r.value.kind === 'list' ? 'list' : 'single-winner', r.value.label]
        : [id, 'INVALID', ''],
    );
    if (args.format === 'json')
      io.out(
        JSON.stringify(
          rows.map(([id, kind, label]) => ({ id, kind, label })),
          null,
          2,
        ),
      );
    else
      io.out(
        renderTable(
          ['id', 'kind', 'label'],
          // the label in the run's language (the JSON keeps the file's label)
          loaded.map(({ id, r }) =>
            r.ok
              ? [
                  id,
                  header(r.value.kind === 'list' ? 'list' : 'single-winner'),
                  r.value.labels[runLanguage()],
                ]
              : [id, 'INVALID', ''],
          ),
        ),
      );
    return EXIT_OK;
  }
  const src = readRulesetSource(args.ref);
  if (!src.ok) return (printIssues(io, src.error), EXIT_ISSUES);
  const r = loadRuleset(args.ref);
  if (!r.ok) return (printIssues(io, r.error), EXIT_ISSUES);
  if (args.format === 'json') {
    io.out(src.value.text.trimEnd());
    return EXIT_OK;
  }
  const rs = r.value;
  io.out(`${rs.id}: ${rs.label}${isRulesetPath(args.ref) ? ` (${src.value.path})` : ''}`);
  // the English label beside the (Spanish) label, in English runs only
  if (runLanguage() === 'en' && rs.labels.en !== rs.label) io.out(`  ${rs.labels.en}`);
  if (rs.version !== null || rs.jurisdiction !== null)
    io.out(
      `  ${say('version {version} · jurisdiction {jurisdiction}', { version: rs.version ?? '—', jurisdiction: rs.jurisdiction ?? '—' })}`,
    );
  if (rs.kind === 'list')
    io.out(
      `  ${say('{seats} seats in {districts} districts; method {method}', { seats: rs.totalSeats, districts: rs.districts.length, method: methodText(rs, declaresSingleSeat(src.value.json)) })}`,
    );
  else io.out(`  ${methodText(rs)}`);
  if (rs.kind === 'list')
    io.out(
      `  ${say('threshold: {threshold}', { threshold: rs.threshold === null ? say('none') : thresholdText(rs.threshold) })}`,
    );
  for (const s of rs.sources) io.out(`  - ${s}`);
  for (const o of rs.optionSpecs)
    io.out(
      `  ${say('--option {name}={values} (default {default}): {description}', { name: o.name, values: o.values.join('|'), default: o.default, description: inRunLanguage(o.description) })}`,
    );
  return EXIT_OK;
}

const THRESHOLD_WORDS = {
  en: {
    quota: ' of a quota',
    base: {
      valid: 'of valid votes',
      'valid-and-blank': 'of valid and blank votes',
      registered: 'of registered electors',
    },
    scope: { national: 'national', district: 'per district', 'any-district': 'in any district' },
    votes: 'votes',
    preliminary: 'seats in a preliminary allocation',
    districts: (n: number) => ` in ≥ ${n} districts`,
    exempt: 'exempt',
    and: ' and ',
    or: ' or ',
  },
  es: {
    quota: ' de una cuota',
    base: {
      valid: 'de los votos válidos',
      'valid-and-blank': 'de los votos válidos y en blanco',
      registered: 'de los electores',
    },
    scope: {
      national: 'nacional',
      district: 'por circunscripción',
      'any-district': 'en alguna circunscripción',
    },
    votes: 'votos',
    preliminary: 'escaños en una asignación preliminar',
    districts: (n: number) => ` en ≥ ${n} circunscripciones`,
    exempt: 'exentas',
    and: ' y ',
    or: ' o ',
  },
} as const;

/** A threshold in one line, in the run's language: each condition's figure, base and scope. */
function thresholdText(c: ThresholdCondition): string {
  const w = THRESHOLD_WORDS[runLanguage()];
  switch (c.kind) {
    case 'share':
      return `${c.strict === true ? '> ' : '≥ '}${ratioText(c.share)}${c.quotas === true ? w.quota : ''} ${w.base[c.base]} (${w.scope[c.scope]})`;
    case 'votes':
      return `≥ ${c.min} ${w.votes} (${w.scope[c.scope]})`;
    case 'preliminary-seats':
      return `≥ ${c.min} ${w.preliminary}${c.minDistricts === undefined ? '' : w.districts(c.minDistricts)}`;
    case 'exempt':
      return `${w.exempt}: ${[...c.parties, ...c.tags].join(', ')}`;
    case 'all':
      return c.conditions.map(thresholdText).join(w.and);
    case 'any':
      return `(${c.conditions.map(thresholdText).join(w.or)})`;
  }
}
