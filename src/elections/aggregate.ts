import { issue, type Issue } from '../core/issues.js';
import { err, ok, type Result } from '../core/result.js';
import { readCsvFile } from '../io/csv.js';
import { parseCount } from '../io/numbers.js';

/**
 * cifra's aggregate CSV (docs/elections.md): published results per unit, one row per unit —
 * `level,code,name,blank,null,blank_null,eligible,actas_counted,actas_total,actas_pending,<choice id>…`
 * (`blank_null`: blank and null votes where the source gives them only together).
 * An empty cell is a figure the source does not give (never read as 0).
 */
export interface AggregateUnit {
  readonly level: string;
  readonly code: string;
  readonly name: string;
  /** Votes per choice, in the manifest's choice order. */
  readonly votes: readonly number[];
  readonly blank: number | null;
  readonly null: number | null;
  /** Blank and null votes, where the source gives them only together. */
  readonly blankAndNull: number | null;
  readonly eligible: number | null;
  readonly actas: {
    readonly counted: number;
    readonly total: number;
    readonly pending: number;
  } | null;
}

/** The figure columns of an aggregate CSV, after level, code, name and before the choices. */
export const AGGREGATE_FIGURES = [
  'blank',
  'null',
  'blank_null',
  'eligible',
  'actas_counted',
  'actas_total',
  'actas_pending',
] as const;

/** Reads an aggregate CSV against the election's choices: a missing choice column rejects the file. */
export function readAggregateCsv(
  path: string,
  choices: readonly { readonly id: string }[],
): Result<AggregateUnit[], Issue[]> {
  const t = readCsvFile(path, 'aggregate');
  if (!t.ok) return t;
  const want = ['level', 'code', 'name', ...choices.map((c) => c.id.toLowerCase())];
  const missing = want.filter((c) => !t.value.headers.includes(c));
  if (missing.length > 0)
    return err([
      issue('columns_missing', ['aggregate'], { file: path, missing, found: t.value.headers }),
    ]);
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const units: AggregateUnit[] = [];
  for (const r of t.value.rows) {
    const v = r.values;
    const figure = (col: string): number | null => {
      if ((v[col] ?? '') === '') return null;
      const n = parseCount(v[col], false);
      if (n.ok) return n.value;
      issues.push(
        issue('invalid_votes', ['aggregate', r.line, col], { value: v[col], problem: n.code }),
      );
      return null;
    };
    const key = `${v['level']}:${v['code']}`;
    if (seen.has(key)) {
      issues.push(
        issue('duplicate_row', ['aggregate', r.line], { level: v['level'], code: v['code'] }),
      );
      continue;
    }
    seen.add(key);
    const f = Object.fromEntries(AGGREGATE_FIGURES.map((c) => [c, figure(c)])) as Record<
      (typeof AGGREGATE_FIGURES)[number],
      number | null
    >;
    const counted = f.actas_counted;
    const total = f.actas_total;
    units.push({
      level: v['level'] ?? '',
      code: v['code'] ?? '',
      name: v['name'] ?? '',
      votes: choices.map((c) => figure(c.id.toLowerCase()) ?? 0),
      blank: f.blank,
      null: f.null,
      blankAndNull: f.blank_null,
      eligible: f.eligible,
      actas:
        counted === null || total === null
          ? null
          : { counted, total, pending: f.actas_pending ?? total - counted },
    });
  }
  return issues.length > 0 ? err(issues) : ok(units);
}
