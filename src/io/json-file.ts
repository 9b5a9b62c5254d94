import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { issue, type Issue, type IssueCode } from '../core/issues.js';
import { err, ok, type Result } from '../core/result.js';
import { schemaProblem, type FieldHints } from '../core/schema-problem.js';
import { shownPath } from './paths.js';

/** What a file's fields are (core/schema-hints.ts) and the document that describes its format. */
export interface FileWords {
  readonly hints: FieldHints;
  readonly doc: string;
}

/**
 * A data file read as JSON and checked against its schema: the value, or one coded issue per
 * problem (`code`, with the file, the JSON path and the problem in English and Spanish, naming
 * the field's fix from `words`), never a stack trace.
 */
export function parseJsonFile<S extends z.ZodType>(
  path: string,
  schema: S,
  code: IssueCode,
  words: FileWords = { hints: {}, doc: 'docs/' },
): Result<z.infer<S>, Issue[]> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (e) {
    return err([
      issue(code, [], {
        file: shownPath(path),
        problem: 'not valid JSON',
        problemEs: 'no es JSON válido',
        message: (e as Error).message,
      }),
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
          { file: shownPath(path), ...schemaProblem(i, json, words.hints, words.doc) },
        ),
      ),
    );
  return ok(parsed.data);
}
