import { isAbsolute } from 'node:path';
import { apportionSeats } from '../../core/rules/apportion.js';
import { nameKey } from '../../core/names.js';
import { issue } from '../../core/issues.js';
import { loadRulesetElectorate, type RulesetElectorate } from '../../elections/electorates.js';
import { loadRuleset } from '../../elections/rulesets.js';
import { inRunLanguage, renderTable, say, thousands } from '../format.js';
import { csvLine, EXIT_ISSUES, EXIT_OK, type CliIo, type OutputFormat } from '../io.js';
import { loadElectorate, type Loaded } from '../../io/seat-files.js';
import { printIssues } from './seats.js';

export interface ApportionArgs {
  readonly rules: string;
  /** CSV district,electorate; without it, the ruleset file's own figures or the bundled padrón. */
  readonly electorate?: string | undefined;
  /** What-if: apportion this many seats instead of the file's house size. */
  readonly seats?: number | undefined;
  readonly format: OutputFormat;
}

/** Where the electorate came from, printed with the seats. */
type ElectorateFrom =
  | { readonly kind: 'file'; readonly file: string }
  | { readonly kind: 'ruleset' }
  | ({ readonly kind: 'bundled' } & RulesetElectorate);

/** The electorate per district: the CSV given, the ruleset file's own figures, or the padrón it names. */
function electorateOf(
  args: ApportionArgs,
  ruleset: { id: string; districts: readonly { name: string; electorate?: number }[] },
): Loaded<{ district: string; electorate: number }> & { from: ElectorateFrom } {
  if (args.electorate !== undefined)
    return { ...loadElectorate(args.electorate), from: { kind: 'file', file: args.electorate } };
  const missing = ruleset.districts.filter((d) => d.electorate === undefined);
  if (missing.length === 0)
    return {
      rows: ruleset.districts.map((d) => ({ district: d.name, electorate: d.electorate ?? 0 })),
      issues: [],
      from: { kind: 'ruleset' },
    };
  const named = loadRulesetElectorate(args.rules);
  if (named !== null) return { ...named, from: { kind: 'bundled', ...named.named } };
  const reason = `the ruleset ${ruleset.id} names no electorate (its \`electorate\` field): pass --electorate FILE, a CSV with the header district,electorate and one row per district (electors, or population where the ruleset apportions by it, as a whole number; names as in \`cifra rules ${ruleset.id}\`)`;
  return {
    rows: [],
    issues: [
      issue('missing_field', ['electorate'], {
        field: 'electorate',
        reason,
        flag: '--electorate',
        header: 'district,electorate',
        districts: missing.map((d) => d.name),
      }),
    ],
    from: { kind: 'ruleset' },
  };
}

/** The line that says which electorate the seats come from. */
function fromLine(from: ElectorateFrom): string {
  if (from.kind === 'file') return say('electorate: {file}', { file: from.file });
  if (from.kind === 'ruleset') return say('electorate: the ruleset file');
  return say('electorate: bundled, {file}\n  source: {source}\n  status: {status}', {
    file: isAbsolute(from.file) ? from.file : `data/${from.file}`,
    source: inRunLanguage(from.source),
    status: inRunLanguage(from.status),
  });
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
  const loaded = electorateOf(args, ruleset);
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
  printSeats(
    io,
    args.format,
    { ruleset, source: apportionment.source, totalSeats: apportionment.totalSeats, rows, seats },
    loaded.from,
  );
  return EXIT_OK;
}

/** The seats as JSON, CSV or a table, with the line that says where the electorate came from. */
function printSeats(
  io: CliIo,
  format: OutputFormat,
  r: {
    readonly ruleset: { id: string; districts: readonly { name: string; seats: number }[] };
    readonly source: string;
    readonly totalSeats: number;
    readonly rows: readonly { district: string; electorate: number }[];
    readonly seats: Record<string, number>;
  },
  from: ElectorateFrom,
): void {
  const { ruleset, rows, seats } = r;
  if (format === 'json')
    io.out(
      JSON.stringify(
        {
          rules: ruleset.id,
          totalSeats: r.totalSeats,
          seats,
          electorate: from,
        },
        null,
        2,
      ),
    );
  else if (format === 'csv') {
    io.err(fromLine(from));
    io.out(
      [
        csvLine(['district', 'seats']),
        ...Object.entries(seats).map(([d, s]) => csvLine([d, s])),
      ].join('\n'),
    );
  } else {
    const electorate = new Map(rows.map((x) => [x.district, x.electorate]));
    const table = ruleset.districts.map((d) => [
      d.name,
      thousands(electorate.get(d.name) ?? 0),
      seats[d.name] ?? 0,
      d.seats,
    ]);
    io.out(
      `${ruleset.id} — ${r.source}\n${fromLine(from)}\n${renderTable(['district', 'electorate', 'seats', 'in force'], table)}`,
    );
  }
}
