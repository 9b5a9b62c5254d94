import { z } from 'zod';
import { issue, type Issue } from '../core/issues.js';
import type { UniverseUnit } from '../core/projection/universe.js';
import { err, ok, type Result } from '../core/result.js';
import { readCsvFile } from '../io/csv.js';
import { memoByFile } from '../io/file-memo.js';
import { manifestOfRef, type ElectionRef } from './manifests.js';

/** One row of a universe file: the unit, its electors and actas; `prior:` columns apart. */
const RowSchema = z.object({
  code: z.string().trim().min(1),
  name: z.string().trim().min(1),
  eligible: z.coerce.number().int().min(0),
  actas_total: z.coerce.number().int().min(1),
});

const PRIOR = 'prior:';

/** The universe file an election's manifest names (a bundled one's, or a user's), or null. */
export function universeFileOf(election: ElectionRef): string | null {
  const m = manifestOfRef(election);
  return m.ok ? m.value.universe : null;
}

/** The previous round's count-course file an election's manifest names, or null. */
export function priorHistoryFileOf(election: ElectionRef): string | null {
  const m = manifestOfRef(election);
  return m.ok ? m.value.priorHistory : null;
}

/**
 * The universe of an election (bundled, or a user's stored with its manifest's path), when its manifest names one (`universe`): every unit with
 * its electors and actas, and its figures in a previous round or election (`prior:<choice>`
 * columns; the prior's electors are the unit's, the padrón being the same for both rounds).
 * null when the manifest has no universe.
 */
export function universeOf(election: ElectionRef): Result<readonly UniverseUnit[] | null, Issue[]> {
  const m = manifestOfRef(election);
  // a stored election that has a universe must find it again: else its store would pass for the count
  if (!m.ok && typeof election !== 'string' && election.manifest?.universe !== undefined)
    return err(m.error);
  if (!m.ok || m.value.universe === null) return ok(null);
  return readUniverse(m.value.universe);
}

/** A universe file's units (parsed once while the file is unchanged: memoByFile). */
export function readUniverse(file: string): Result<readonly UniverseUnit[], Issue[]> {
  return memoByFile('universe', file, () => parseUniverse(file));
}

function parseUniverse(file: string): Result<UniverseUnit[], Issue[]> {
  const table = readCsvFile(file, 'universe');
  if (!table.ok) return table;
  const priorCols = table.value.headers
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h.startsWith(PRIOR));
  const issues: Issue[] = [];
  const units: UniverseUnit[] = [];
  for (const { line, values } of table.value.rows) {
    const row = RowSchema.safeParse(values);
    const prior = priorCols.map((c) => Number(values[c] ?? ''));
    if (!row.success || prior.some((v) => !Number.isInteger(v) || v < 0)) {
      issues.push(
        issue('election_invalid', ['universe', line], {
          file,
          problem: 'a universe row needs code, name, eligible, actas_total and whole prior votes',
        }),
      );
      continue;
    }
    const r = row.data;
    units.push({
      unit: r.code,
      name: r.name,
      eligible: r.eligible,
      actasTotal: r.actas_total,
      ...(priorCols.length === 0 ? {} : { prior: { votes: prior, eligible: r.eligible } }),
    });
  }
  return issues.length > 0 ? err(issues) : ok(units);
}

/** The choices of a universe file's `prior:` columns, in their order; null when it has none. */
export function universePriorChoices(file: string): Result<readonly string[] | null, Issue[]> {
  return memoByFile('universe-prior-choices', file, () => {
    const table = readCsvFile(file, 'universe');
    if (!table.ok) return table;
    const names = table.value.headers
      .map((h) => h.trim())
      .filter((h) => h.toLowerCase().startsWith(PRIOR))
      .map((h) => h.slice(PRIOR.length));
    return ok(names.length === 0 ? null : names);
  });
}
