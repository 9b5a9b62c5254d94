import type { Issue } from '../core/issues.js';
import type { Found } from '../results/service.js';

/** Coded issues on their way to an HTTP status (the error handler sends them). */
export class IssueError extends Error {
  constructor(
    readonly status: number,
    readonly issues: readonly Issue[],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(issues[0]?.code ?? 'issue');
  }
}

export const NOT_FOUND: readonly string[] = ['acta_not_found', 'unknown_election'];

/** The value, or the issues thrown: 404 when one says a thing named in the URL is not there, else 422. */
export function unwrap<T>(f: Found<T>, notFound: readonly string[] = NOT_FOUND): T {
  if (!f.ok)
    throw new IssueError(f.issues.some((i) => notFound.includes(i.code)) ? 404 : 422, f.issues);
  return f.value;
}
