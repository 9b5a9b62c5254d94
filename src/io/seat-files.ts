import { issue, type Issue } from '../core/issues.js';
import type { CandidateRow, DistrictRow, VoteRow } from '../core/pipeline/seats.js';
import { readCsvFile, type CsvTable } from './csv.js';
import { parseCount } from './numbers.js';

/** Parsed rows plus every problem found; a missing column rejects the whole file. */
export interface Loaded<T> {
  readonly rows: T[];
  readonly issues: Issue[];
}

function requireColumns(table: CsvTable, what: string, columns: readonly string[]): Issue[] {
  const missing = columns.filter((c) => !table.headers.includes(c));
  return missing.length > 0
    ? [issue('columns_missing', [what], { missing, found: table.headers })]
    : [];
}

type RowReader<T> = (
  values: Readonly<Record<string, string>>,
  line: number,
  issues: Issue[],
) => T | null;

function load<T>(
  path: string,
  what: string,
  columns: readonly string[],
  row: RowReader<T>,
): Loaded<T> {
  const t = readCsvFile(path, what);
  return t.ok ? rowsOf(t.value, what, columns, row) : { rows: [], issues: t.error };
}

/** A table's rows, once read (a file is read once: `--districts <(…)` is a pipe). */
function rowsOf<T>(
  table: CsvTable,
  what: string,
  columns: readonly string[],
  row: RowReader<T>,
): Loaded<T> {
  const missing = requireColumns(table, what, columns);
  if (missing.length > 0) return { rows: [], issues: missing };
  const issues: Issue[] = [];
  const rows: T[] = [];
  for (const r of table.rows) {
    const v = row(r.values, r.line, issues);
    if (v !== null) rows.push(v);
  }
  return { rows, issues };
}

function count(
  values: Readonly<Record<string, string>>,
  column: string,
  what: string,
  line: number,
  issues: Issue[],
  code: 'invalid_votes' | 'invalid_seats' = 'invalid_votes',
): number | null {
  const n = parseCount(values[column], false);
  if (n.ok) return n.value;
  issues.push(
    issue(n.code === 'missing_required' ? 'missing_field' : code, [what, line, column], {
      value: values[column] ?? '',
      problem: n.code,
    }),
  );
  return null;
}

function text(
  values: Readonly<Record<string, string>>,
  column: string,
  what: string,
  line: number,
  issues: Issue[],
): string | null {
  const s = (values[column] ?? '').trim();
  if (s === '') {
    issues.push(issue('missing_field', [what, line, column], {}));
    return null;
  }
  return s;
}

/** An optional whole-number column: undefined when empty, null (with an issue) when not a number. */
function optionalCount(
  v: Readonly<Record<string, string>>,
  column: string,
  what: string,
  line: number,
  issues: Issue[],
): number | undefined | null {
  return (v[column] ?? '').trim() === '' ? undefined : count(v, column, what, line, issues);
}

/**
 * votes.csv: district,party,votes[,alliance,position,group] — alliance = number of parties in the
 * alliance; position = ballot position (tie step ballot-position); group = surplus-vote agreement.
 */
export function loadVotes(path: string): Loaded<VoteRow> {
  return load(path, 'votes', ['district', 'party', 'votes'], (v, line, issues) => {
    const district = text(v, 'district', 'votes', line, issues);
    const party = text(v, 'party', 'votes', line, issues);
    const votes = count(v, 'votes', 'votes', line, issues);
    const alliance = optionalCount(v, 'alliance', 'votes', line, issues);
    const position = optionalCount(v, 'position', 'votes', line, issues);
    const group = (v['group'] ?? '').trim();
    if (district === null || party === null || votes === null) return null;
    if (alliance === null || position === null) return null;
    return { district, party, votes, alliance, position, ...(group === '' ? {} : { group }) };
  });
}

/**
 * districts.csv: district,seats[,blank,null,electorate] — or district,population (no seats) for a
 * ruleset that sizes its districts by population bands (`seatBands`, Peru's councils).
 */
export function loadDistricts(path: string): Loaded<DistrictRow> {
  const t = readCsvFile(path, 'districts');
  if (!t.ok) return { rows: [], issues: t.error };
  const bySize = !t.value.headers.includes('seats') && t.value.headers.includes('population');
  return rowsOf(
    t.value,
    'districts',
    ['district', bySize ? 'population' : 'seats'],
    (v, line, issues) => {
      const district = text(v, 'district', 'districts', line, issues);
      const seats = optionalCount(v, 'seats', 'districts', line, issues);
      const population = optionalCount(v, 'population', 'districts', line, issues);
      const blank = optionalCount(v, 'blank', 'districts', line, issues);
      const nul = optionalCount(v, 'null', 'districts', line, issues);
      const electorate = optionalCount(v, 'electorate', 'districts', line, issues);
      if (district === null || seats === null || blank === null || nul === null) return null;
      if (electorate === null || population === null) return null;
      return { district, seats, population, blank, null: nul, electorate };
    },
  );
}

/** electorate.csv: district,electorate. */
export function loadElectorate(path: string): Loaded<{ district: string; electorate: number }> {
  return load(path, 'electorate', ['district', 'electorate'], (v, line, issues) => {
    const district = text(v, 'district', 'electorate', line, issues);
    const electorate = count(v, 'electorate', 'electorate', line, issues);
    return district === null || electorate === null ? null : { district, electorate };
  });
}

/** candidates.csv: district,party,candidate,position,votes (preferential votes). */
export function loadCandidates(path: string): Loaded<CandidateRow> {
  return load(
    path,
    'candidates',
    ['district', 'party', 'candidate', 'position', 'votes'],
    (v, line, issues) => {
      const district = text(v, 'district', 'candidates', line, issues);
      const party = text(v, 'party', 'candidates', line, issues);
      const candidate = text(v, 'candidate', 'candidates', line, issues);
      const position = count(v, 'position', 'candidates', line, issues);
      const votes = count(v, 'votes', 'candidates', line, issues);
      if (
        district === null ||
        party === null ||
        candidate === null ||
        position === null ||
        votes === null
      )
        return null;
      return { district, party, candidate, position, votes };
    },
  );
}

/** parties.csv: party[,tags] — the registry of parties allowed on the ballot; tags `;`-separated. */
export function loadParties(path: string): Loaded<{ party: string; tags: string[] }> {
  return load(path, 'parties', ['party'], (v, line, issues) => {
    const party = text(v, 'party', 'parties', line, issues);
    const tags = (v['tags'] ?? '')
      .split(';')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    return party === null ? null : { party, tags };
  });
}

/** A single-winner round's votes: its candidates, and the BLANK and NULL rows when given. */
export interface CandidateVotes {
  readonly candidates: { readonly candidate: string; readonly votes: number }[];
  readonly blank: number | undefined;
  readonly null: number | undefined;
  readonly issues: Issue[];
}

/** Reserved rows in the candidate column. */
const BLANK_ROW = 'BLANK';
const NULL_ROW = 'NULL';

/**
 * votes.csv of a single-winner round: candidate,votes (or party,votes), with optional BLANK and
 * NULL rows; a name given twice is `duplicate_row`.
 */
export function loadCandidateVotes(path: string): CandidateVotes {
  const none = { candidates: [], blank: undefined, null: undefined };
  const t = readCsvFile(path, 'votes');
  if (!t.ok) return { ...none, issues: t.error };
  const nameCol = t.value.headers.includes('candidate') ? 'candidate' : 'party';
  if (!t.value.headers.includes(nameCol) || !t.value.headers.includes('votes'))
    return {
      ...none,
      issues: [
        issue('columns_missing', ['votes'], {
          missing: ['candidate', 'votes'],
          found: t.value.headers,
        }),
      ],
    };
  const seen = new Set<string>();
  const rows = rowsOf(t.value, 'votes', [nameCol, 'votes'], (v, line, issues) => {
    const name = text(v, nameCol, 'votes', line, issues);
    if (name === null) return null;
    const votes = count(v, 'votes', 'votes', line, issues);
    if (votes === null) return null;
    if (seen.has(name)) {
      issues.push(issue('duplicate_row', ['votes', line], { candidate: name }));
      return null;
    }
    seen.add(name);
    return { candidate: name, votes };
  });
  const special = (n: string) => rows.rows.find((r) => r.candidate.toUpperCase() === n)?.votes;
  return {
    candidates: rows.rows.filter((r) => ![BLANK_ROW, NULL_ROW].includes(r.candidate.toUpperCase())),
    blank: special(BLANK_ROW),
    null: special(NULL_ROW),
    issues: rows.issues,
  };
}
