import {
  builtInRulesetIds,
  isRulesetPath,
  loadRuleset,
  readRulesetSource,
  rulesetJsonSchema,
} from '../../elections/rulesets.js';
import type { Ruleset } from '../../core/rulesets/ruleset.js';
import { renderTable } from '../format.js';
import { EXIT_ISSUES, EXIT_OK, type CliIo } from '../io.js';
import { printIssues } from './seats.js';

export interface RulesArgs {
  readonly ref?: string | undefined;
  readonly format: 'table' | 'json';
  readonly schema: boolean;
}

function methodText(r: Ruleset): string {
  if (r.kind !== 'list')
    return `${r.round} round: ${r.strict ? '>' : '≥'} ${r.winnerShare.numerator}/${r.winnerShare.denominator} of ${r.base} votes`;
  const bySize =
    r.singleSeatMethod.id === r.method.id ? '' : `, single-seat ${r.singleSeatMethod.id}`;
  return `${r.method.id}${bySize}${r.tiers.length > 0 ? `; tiers: ${r.tiers.map((t) => t.kind).join(', ')}` : ''}`;
}

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
    const rows = builtInRulesetIds().map((id) => {
      const r = loadRuleset(id);
      return r.ok
        ? [id, r.value.kind === 'list' ? 'list' : 'single-winner', r.value.label]
        : [id, 'INVALID', ''];
    });
    if (args.format === 'json')
      io.out(
        JSON.stringify(
          rows.map(([id, kind, label]) => ({ id, kind, label })),
          null,
          2,
        ),
      );
    else io.out(renderTable(['id', 'kind', 'label'], rows));
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
  if (rs.labels.en !== rs.label) io.out(`  ${rs.labels.en}`);
  if (rs.version !== null || rs.jurisdiction !== null)
    io.out(`  version ${rs.version ?? '—'} · jurisdiction ${rs.jurisdiction ?? '—'}`);
  if (rs.kind === 'list')
    io.out(
      `  ${rs.totalSeats} seats in ${rs.districts.length} district(s); method ${methodText(rs)}`,
    );
  else io.out(`  ${methodText(rs)}`);
  for (const s of rs.sources) io.out(`  - ${s}`);
  for (const o of rs.optionSpecs)
    io.out(`  --option ${o.name}=${o.values.join('|')} (default ${o.default}): ${o.description}`);
  return EXIT_OK;
}
