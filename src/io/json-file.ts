import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { issue, type Issue, type IssueCode } from '../core/issues.js';
import { err, ok, type Result } from '../core/result.js';

/**
 * A data file read as JSON and checked against its schema: the value, or one coded issue per
 * problem (`code`, with the file and the JSON path), never a stack trace.
 */
export function parseJsonFile<S extends z.ZodType>(
  path: string,
  schema: S,
  code: IssueCode,
): Result<z.infer<S>, Issue[]> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (e) {
    return err([
      issue(code, [], { file: path, problem: 'not valid JSON', message: (e as Error).message }),
    ]);
  }
  // a data file is parsed once per process: zod's generated fast path (compiled per object
  // schema) costs more than it saves there (~30 ms of an ingest's start, BENCHMARKS.md)
  const parsed = schema.safeParse(json, { jitless: true });
  if (!parsed.success)
    return err(
      parsed.error.issues.map((i) =>
        issue(
          code,
          i.path.map((p) => (typeof p === 'number' ? p : String(p))),
          { file: path, problem: i.message },
        ),
      ),
    );
  return ok(parsed.data);
}
