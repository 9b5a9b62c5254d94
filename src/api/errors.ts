import { issue, type Issue, type IssueCode } from '../core/issues.js';
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

/**
 * The codes whose HTTP status is the same wherever they are raised (docs/errors.md gives each);
 * any other code is 404 where the route names it "not there" (`notFound`), else 422.
 */
export const HTTP_STATUS: Readonly<Partial<Record<IssueCode, number>>> = {
  unauthorized: 401,
  not_found: 404,
  method_not_allowed: 405,
  too_many_requests: 429,
  body_too_large: 413,
  internal_error: 500,
  // the server's own writer thread crashed: a server fault, not a fault of the client's file
  store_writer_failed: 500,
  server_busy: 503,
  // the server is stopping: a computation it cancelled, or one asked for as it stops
  server_closing: 503,
  // a worker thread that ended without answering (crash, out of memory): the server's, and passing
  worker_failed: 503,
  store_busy: 503,
  // the server's disk is full: its fault, not the file's (RFC 4918 §11.5)
  disk_full: 507,
  store_read_only: 503,
  store_cannot_open: 503,
  // the server's own role may not read its tables: its deployment's fault, not the request's
  store_read_denied: 503,
  store_too_new: 503,
  // the operator's ruleset file names a district its jurisdiction lacks: the deployment's fault,
  // lasting until the file is fixed (500, not 503: a retry cannot help), never the client's
  ruleset_district_unmatched: 500,
};

/**
 * Codes that are the deployment's fault (the operator's own files), not the request's: a client
 * is told the code and the election only, never the server's paths; the whole issue is logged.
 */
const DEPLOYMENT_FAULTS: ReadonlySet<IssueCode> = new Set(['ruleset_district_unmatched']);

/** True when some issue is a deployment fault: the error handler logs them whole. */
export const hasDeploymentFault = (issues: readonly Issue[]): boolean =>
  issues.some((i) => DEPLOYMENT_FAULTS.has(i.code));

/**
 * The issues as a client may read them: a deployment fault as its code at `ruleset` with the
 * election its details name, once per code and election (the file, the districts and the known
 * units stay in the server's log); any other issue as it is.
 */
export function publicIssues(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.flatMap((i) => {
    if (!DEPLOYMENT_FAULTS.has(i.code)) return [i];
    const election = i.details?.['election'] ?? null;
    const key = `${i.code}|${String(election)}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [issue(i.code, ['ruleset'], { election })];
  });
}

/** The status of a refusal: the first issue with a fixed status, else 404 or 422. */
export function statusOf(
  issues: readonly Issue[],
  notFound: readonly string[] = NOT_FOUND,
): number {
  for (const i of issues) {
    const s = HTTP_STATUS[i.code];
    if (s !== undefined) return s;
  }
  return issues.some((i) => notFound.includes(i.code)) ? 404 : 422;
}

/** The value, or the issues thrown with their status (`statusOf`). */
export function unwrap<T>(f: Found<T>, notFound: readonly string[] = NOT_FOUND): T {
  if (!f.ok) throw new IssueError(statusOf(f.issues, notFound), f.issues);
  return f.value;
}
