import { readFileSync } from 'node:fs';
import { issue, type Issue } from '../core/issues.js';
import { ColumnMapFileSchema, type ColumnMap } from '../core/model/column-map.js';
import { err, ok, type Result } from '../core/result.js';

/**
 * A column-map file (`cifra-columns/1`, docs/ingest.md "Column maps"): read and validated, every
 * problem a `column_map_invalid` issue at the field's JSON path.
 */
export function loadColumnMapFile(path: string): Result<ColumnMap, Issue[]> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err([
      code === undefined
        ? issue('column_map_invalid', [], { file: path, problem: 'not valid JSON' })
        : issue('file_unreadable', ['file'], { file: path, reason: code }),
    ]);
  }
  const r = ColumnMapFileSchema.safeParse(json);
  if (!r.success)
    return err(
      r.error.issues.map((i) =>
        issue(
          'column_map_invalid',
          i.path.map((p) => (typeof p === 'number' ? p : String(p))),
          { file: path, problem: i.message },
        ),
      ),
    );
  const own = (k: string): boolean => k !== 'format' && k !== '$schema';
  return ok(Object.fromEntries(Object.entries(r.data).filter(([k]) => own(k))) as ColumnMap);
}
