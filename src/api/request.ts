import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { issue } from '../core/issues.js';
import { IssueError } from './errors.js';

/**
 * A route's handler; `query` is its query schema in ROUTES (route-table.ts), with that schema's own
 * type, so `parseQuery(query, req)` is typed by it.
 */
export type RouteHandler<Q extends z.ZodObject = z.ZodObject> = (
  req: FastifyRequest,
  reply: FastifyReply,
  query: Q,
) => Promise<unknown>;

/** `election` may be left out only when the store holds one election (results service: election). */
export const electionQuery = z.object({
  election: z
    .string()
    .max(200) // an id, never a document: a long one is refused, not echoed back
    .optional()
    .describe(
      'the election id (GET /api/v1/elections); optional only when the store holds exactly one election: with several, 422 `election_required`, with none, 404 `unknown_election` (`election: null`); both list the ids stored in `known`',
    ),
});

/**
 * The query keys that give a parameter the route knows in a bracketed form (`election[]`,
 * `election[0]`): the query-string parser keeps such a key as it is, so the schema would drop it
 * as unknown and answer as if the parameter were not given. Other unknown keys stay ignored.
 */
export function bracketedKeys(query: unknown, known: readonly string[]): string[] {
  if (typeof query !== 'object' || query === null) return [];
  return Object.keys(query).filter((k) => {
    const open = k.indexOf('[');
    return open > 0 && k.endsWith(']') && known.includes(k.slice(0, open));
  });
}

/**
 * The request's query by the schema, typed by it (z.infer), or 422 `invalid_query` with each
 * issue's path: a known parameter given twice (an array) or in a bracketed form (`election[]=x`)
 * is refused alike.
 */
export function parseQuery<T extends z.ZodObject>(schema: T, req: FastifyRequest): z.infer<T> {
  const bracketed = bracketedKeys(req.query, Object.keys(schema.shape));
  if (bracketed.length > 0)
    throw new IssueError(
      422,
      bracketed.map((k) =>
        issue('invalid_query', ['query', k], {
          message: `a parameter is given once, as name=value, not as ${k}`,
        }),
      ),
    );
  const r = schema.safeParse(req.query);
  if (!r.success)
    throw new IssueError(
      422,
      r.error.issues.map((i) =>
        issue('invalid_query', ['query', ...i.path.map(String)], { message: i.message }),
      ),
    );
  return r.data;
}

/**
 * A request body as JSON, whatever its content type (the what-if, a correction); a body that does
 * not parse is 422 `body_not_json` on every route that takes JSON.
 */
export function jsonBody(body: unknown): unknown {
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new IssueError(422, [
      issue('body_not_json', ['body'], { message: (e as Error).message }),
    ]);
  }
}
