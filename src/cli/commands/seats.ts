import { hasErrors, type Issue } from '../../core/issues.js';
import { computeSeats, type SeatResult } from '../../core/pipeline/seats.js';
import { getRuleset } from '../../core/rulesets/registry.js';
import { renderTable, thousands } from '../format.js';
import { csvLine, EXIT_ISSUES, EXIT_OK, type CliIo, type OutputFormat } from '../io.js';
import { formatIssue } from '../messages.js';
import { loadCandidates, loadDistricts, loadParties, loadVotes } from '../seat-files.js';

export interface SeatsArgs {
  readonly rules: string;
  readonly votes: string;
  readonly districts?: string | undefined;
  readonly candidates?: string | undefined;
  readonly parties?: string | undefined;
  readonly seed?: number | undefined;
  readonly format: OutputFormat;
  readonly options: Readonly<Record<string, string>>;
}

export function printIssues(io: CliIo, issues: readonly Issue[]): void {
  for (const i of issues) io.err(formatIssue(i));
}

export function runSeats(args: SeatsArgs, io: CliIo): number {
  const rs = getRuleset(args.rules, args.options);
  if (!rs.ok) {
    printIssues(io, rs.error);
    return EXIT_ISSUES;
  }
  if (rs.value.kind !== 'list') {
    printIssues(io, [
      {
        code: 'not_a_list_election',
        severity: 'error',
        path: ['rules'],
        details: { rules: args.rules },
      },
    ]);
    return EXIT_ISSUES;
  }
  const votes = loadVotes(args.votes);
  const districts = args.districts ? loadDistricts(args.districts) : undefined;
  const candidates = args.candidates ? loadCandidates(args.candidates) : undefined;
  const parties = args.parties ? loadParties(args.parties) : undefined;
  const fileIssues = [
    ...votes.issues,
    ...(districts?.issues ?? []),
    ...(candidates?.issues ?? []),
    ...(parties?.issues ?? []),
  ];
  if (hasErrors(fileIssues)) {
    printIssues(io, fileIssues);
    return EXIT_ISSUES;
  }
  const result = computeSeats(
    rs.value,
    {
      votes: votes.rows,
      districts: districts?.rows,
      candidates: candidates?.rows,
      parties: parties?.rows,
    },
    { seed: args.seed },
  );
  printIssues(io, result.issues);
  io.out(renderSeats(result, args.format));
  return hasErrors(result.issues) ? EXIT_ISSUES : EXIT_OK;
}

export function renderSeats(r: SeatResult, format: OutputFormat): string {
  if (format === 'json') {
    const { issues, ...rest } = r;
    return JSON.stringify({ ...rest, issues }, null, 2);
  }
  if (format === 'csv') {
    const lines = [csvLine(['district', 'party', 'seats'])];
    for (const d of r.districts)
      for (const [p, s] of Object.entries(d.seats)) lines.push(csvLine([d.district, p, s]));
    for (const [p, s] of Object.entries(r.seats)) lines.push(csvLine(['TOTAL', p, s]));
    return lines.join('\n');
  }
  const passed = new Set(r.passed);
  const reasons = new Map<string, string[]>();
  for (const e of r.excluded) {
    const text =
      e.reason === 'below_share'
        ? `< ${e.required} (${thousands(e.votes)} / ${thousands(e.total)})`
        : `${e.seats} prelim. seats < ${e.required}${e.requiredDistricts > 1 ? ` in ≥ ${e.requiredDistricts} districts` : ''}`;
    reasons.set(e.party, [...(reasons.get(e.party) ?? []), text]);
  }
  const rows = r.votes.map((v) => [
    v.party,
    thousands(v.votes),
    v.pctValid,
    ...(r.preliminarySeats ? [r.preliminarySeats[v.party] ?? 0] : []),
    r.seats[v.party] ?? 0,
    passed.has(v.party) ? 'passed' : `excluded: ${(reasons.get(v.party) ?? []).join('; ')}`,
  ]);
  const out = [
    `${r.rules} — ${r.totalSeats} seats`,
    renderTable(
      ['party', 'votes', '% valid', ...(r.preliminarySeats ? ['prelim.'] : []), 'seats', 'valla'],
      rows,
    ),
  ];
  if (r.districts.length > 1) {
    out.push(
      renderTable(
        ['district', 'seats', 'allocation'],
        r.districts.map((d) => [
          d.district,
          d.totalSeats,
          Object.entries(d.seats)
            .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
            .map(([p, s]) => `${p} ${s}`)
            .join(', ') + (d.unallocated > 0 ? ` + ${d.unallocated} tied` : ''),
        ]),
      ),
    );
  }
  for (const t of r.ties) {
    out.push(
      `tie (${t.stage}) in ${t.district}${t.party ? ` / ${t.party}` : ''}: ${t.candidates.join(', ')} for ${t.seatsInContention} seat(s) — ${t.resolution}`,
    );
  }
  for (const d of r.draws)
    out.push(
      `draw (seed ${d.seed}) in ${d.district}: ${d.winners.join(', ')} from ${d.candidates.join(', ')}`,
    );
  if (r.nullity) {
    out.push(
      `nullity: blank+null ${thousands(r.nullity.blank + r.nullity.null)} of ${thousands(r.nullity.emitted)} emitted — art. 184: ${r.nullity.const184 ? 'REACHED' : 'no'}; LOE 365: ${r.nullity.loe365 ? 'REACHED' : 'no'}`,
    );
  }
  return out.join('\n');
}
