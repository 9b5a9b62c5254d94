import { apportionSeats } from '../../core/rules/apportion.js';
import { nameKey } from '../../core/names.js';
import { issue } from '../../core/issues.js';
import { loadRuleset } from '../../elections/rulesets.js';
import { renderTable, thousands } from '../format.js';
import { csvLine, EXIT_ISSUES, EXIT_OK, type CliIo, type OutputFormat } from '../io.js';
import { loadElectorate, type Loaded } from '../seat-files.js';
import { printIssues } from './seats.js';

export interface ApportionArgs {
  readonly rules: string;
  /** CSV district,electorate; without it, the electorate the ruleset file gives per district. */
  readonly electorate?: string | undefined;
  /** What-if: apportion this many seats instead of the file's house size. */
  readonly seats?: number | undefined;
  readonly format: OutputFormat;
}

/** The electorate per district: from the CSV, or the ruleset file's own figures. */
function electorateOf(
  args: ApportionArgs,
  districts: readonly { name: string; electorate?: number }[],
): Loaded<{ district: string; electorate: number }> {
  if (args.electorate !== undefined) return loadElectorate(args.electorate);
  const missing = districts.filter((d) => d.electorate === undefined);
  return missing.length === 0
    ? {
        rows: districts.map((d) => ({ district: d.name, electorate: d.electorate ?? 0 })),
        issues: [],
      }
    : {
        rows: [],
        issues: [
          issue('missing_field', ['electorate'], {
            field: 'electorate',
            reason: 'the ruleset file gives no electorate for these districts: pass --electorate',
            districts: missing.map((d) => d.name),
          }),
        ],
      };
}

/** `cifra apportion`: seats per district from the electorate, by the ruleset's apportionment rule. */
export function runApportion(args: ApportionArgs, io: CliIo): number {
  const rs = loadRuleset(args.rules);
  if (!rs.ok) return (printIssues(io, rs.error), EXIT_ISSUES);
  const found = rs.value;
  if (found.kind !== 'list' || found.apportionment === null) {
    printIssues(io, [
      issue('invalid_option', ['rules'], { value: args.rules, reason: 'no apportionment rule' }),
    ]);
    return EXIT_ISSUES;
  }
  const ruleset =
    args.seats === undefined
      ? found
      : { ...found, apportionment: { ...found.apportionment, totalSeats: args.seats } };
  const apportionment = ruleset.apportionment as NonNullable<typeof found.apportionment>;
  const loaded = electorateOf(args, ruleset.districts);
  if (loaded.issues.length > 0) return (printIssues(io, loaded.issues), EXIT_ISSUES);
  // Names match the ruleset's districts case- and accent-insensitively; output uses the ruleset's names.
  const canonical = new Map<string, string>();
  for (const d of ruleset.districts) {
    canonical.set(nameKey(d.name), d.name);
    for (const a of d.aliases ?? []) canonical.set(nameKey(a), d.name);
  }
  const unknown = loaded.rows.filter((r) => !canonical.has(nameKey(r.district)));
  if (unknown.length > 0) {
    printIssues(
      io,
      unknown.map((r) =>
        issue('unknown_district', ['electorate', r.district], { district: r.district }),
      ),
    );
    return EXIT_ISSUES;
  }
  const rows = loaded.rows.map((r) => ({
    district: canonical.get(nameKey(r.district)) as string,
    electorate: r.electorate,
  }));
  const missing = ruleset.districts.filter((d) => !rows.some((r) => r.district === d.name));
  if (missing.length > 0) {
    printIssues(
      io,
      missing.map((d) => issue('missing_field', ['electorate', d.name], { field: 'electorate' })),
    );
    return EXIT_ISSUES;
  }
  const a = apportionSeats(apportionment, rows);
  if (!a.ok) return (printIssues(io, a.error), EXIT_ISSUES);
  const seats = Object.fromEntries(
    ruleset.districts.map((d) => [d.name, a.value.seats.get(d.name) ?? 0]),
  );
  if (args.format === 'json')
    io.out(
      JSON.stringify({ rules: ruleset.id, totalSeats: apportionment.totalSeats, seats }, null, 2),
    );
  else if (args.format === 'csv')
    io.out(
      [
        csvLine(['district', 'seats']),
        ...Object.entries(seats).map(([d, s]) => csvLine([d, s])),
      ].join('\n'),
    );
  else {
    const electorate = new Map(rows.map((r) => [r.district, r.electorate]));
    const table = ruleset.districts.map((d) => [
      d.name,
      thousands(electorate.get(d.name) ?? 0),
      seats[d.name] ?? 0,
      d.seats,
    ]);
    io.out(
      `${ruleset.id} — ${apportionment.source}\n${renderTable(['district', 'electorate', 'seats', 'in force'], table)}`,
    );
  }
  return EXIT_OK;
}
