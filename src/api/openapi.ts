import { z } from 'zod';
import { DOCUMENTS, type DocumentDef } from './documents.js';
import { DEFAULT_LIMITS } from './guard.js';
import { ROUTES, type RouteDef, type ServerFault } from './route-table.js';
import { ErrorSchema } from './schemas.js';

/**
 * What a read may answer for the server's state, not the request's (route-table.ts ServerFault):
 * its status and what it says, with the error body. Every code here is in docs/errors.md.
 */
const FAULTS: Readonly<Record<ServerFault, { status: number; description: string }>> = {
  streams: {
    status: 503,
    description: `The nation's mesa CSV (\`level=mesa&format=csv\` without \`unit\`) while \`limits.mesaCsvStreams\` (${DEFAULT_LIMITS.mesaCsvStreams} by default) streams run: \`server_busy\` with Retry-After; a client holding the CSV still gets its 304`,
  },
  workers: {
    status: 503,
    description:
      'A new computation while every worker and queue place is taken (`server_busy`, `details.retryAfterSeconds`), its worker ended (`worker_failed`) or the server is stopping (`server_closing`)',
  },
  ruleset: {
    status: 500,
    description:
      "The operator's ruleset file names a district the election's jurisdiction lacks (`ruleset_district_unmatched`): the deployment's fault until the file is fixed; the body names the election, never the file",
  },
};

/** The OpenAPI answers of a route's or document's server faults, with the error body. */
function faultResponses(
  faults: readonly ServerFault[] | undefined,
  error: unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of faults ?? []) {
    const { status, description } = FAULTS[f];
    out[status] = { description, content: { 'application/json': { schema: error } } };
  }
  return out;
}

/** The OpenAPI operation of a document at a query-free path. */
function documentOperation(d: DocumentDef, error: unknown): Record<string, unknown> {
  const csv = d.url.endsWith('.csv');
  return {
    get: {
      summary: d.summary,
      parameters: pathParameters(d.url),
      responses: {
        200: {
          description: 'OK',
          content: csv
            ? { 'text/csv': { schema: { type: 'string' } } }
            : { 'application/json': { schema: z.toJSONSchema(d.response, { io: 'output' }) } },
        },
        304: { description: 'Not modified (If-None-Match)' },
        404: {
          description: 'No such document (an unknown election, level, unit or mesa; no projection)',
          content: { 'application/json': { schema: error } },
        },
        422: { description: 'Coded issues', content: { 'application/json': { schema: error } } },
        ...faultResponses(d.faults, error),
      },
    },
  };
}

/** A URL's path parameters (`:name`), as OpenAPI parameters. */
function pathParameters(url: string): Record<string, unknown>[] {
  return [...url.matchAll(/:(\w+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
}

/** A route's query parameters, from its zod schema. */
function queryParameters(schema: z.ZodObject): Record<string, unknown>[] {
  const queryProps =
    (z.toJSONSchema(schema, { io: 'input' }) as {
      properties?: Record<string, unknown>;
      required?: string[];
    }) ?? {};
  return Object.entries(queryProps.properties ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: (queryProps.required ?? []).includes(name),
    schema,
  }));
}

/** A write's bearer token and body (any bytes), or a public computation's JSON body. */
function requestOf(r: RouteDef): Record<string, unknown> {
  if (r.write)
    return {
      security: [{ bearer: [] }],
      requestBody: {
        required: true,
        content: {
          'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
        },
      },
    };
  if (r.body)
    return {
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: z.toJSONSchema(r.body.schema, {
              io: 'input',
              unrepresentable: 'any',
            }),
          },
        },
      },
    };
  return {};
}

/** What a route may refuse besides 404 and 422: the write guard's refusals, or a computation's. */
function refusalsOf(r: RouteDef, error: unknown): Record<string, unknown> {
  if (r.write)
    return {
      401: {
        description: 'Missing or wrong bearer token',
        content: { 'application/json': { schema: error } },
      },
      429: {
        description:
          'Too many failed token checks from this address (`too_many_requests`); the right token still passes',
        content: { 'application/json': { schema: error } },
      },
      503: {
        description: 'Too many writes running or waiting (`server_busy`, Retry-After)',
        content: { 'application/json': { schema: error } },
      },
      413: {
        description: `Body over the route's limit (\`body_too_large\`: uploads ${DEFAULT_LIMITS.uploadBytes} bytes, corrections ${DEFAULT_LIMITS.correctionBytes} by default)`,
        content: { 'application/json': { schema: error } },
      },
      500: {
        description: 'The import writer thread crashed (`store_writer_failed`)',
        content: { 'application/json': { schema: error } },
      },
    };
  if (r.body)
    return {
      413: {
        description: `Body over ${r.body.limit} bytes (\`body_too_large\`)`,
        content: { 'application/json': { schema: error } },
      },
    };
  return { 304: { description: 'Not modified (If-None-Match)' } };
}

/** The OpenAPI operation of a route of ROUTES. */
function routeOperation(r: RouteDef, error: unknown): Record<string, unknown> {
  return {
    summary: r.summary,
    parameters: [...pathParameters(r.url), ...queryParameters(r.query)],
    ...requestOf(r),
    responses: {
      200: {
        description: 'OK',
        content: {
          'application/json': { schema: z.toJSONSchema(r.response, { io: 'output' }) },
          ...(r.csv ? { 'text/csv': { schema: { type: 'string' } } } : {}),
        },
      },
      ...refusalsOf(r, error),
      404: {
        description: 'Unknown election, acta or route',
        content: { 'application/json': { schema: error } },
      },
      422: { description: 'Coded issues', content: { 'application/json': { schema: error } } },
      ...faultResponses(r.faults, error),
    },
  };
}

/** The OpenAPI 3.1 document, generated from ROUTES and the zod schemas. */
export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = z.toJSONSchema(ErrorSchema, { io: 'output' });
  for (const r of ROUTES) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...(paths[path] ?? {}), [r.method.toLowerCase()]: routeOperation(r, error) };
  }
  for (const d of DOCUMENTS) paths[d.url.replace(/:(\w+)/g, '{$1}')] = documentOperation(d, error);
  return {
    openapi: '3.1.0',
    info: {
      title: 'cifra API',
      version: 'v1',
      description:
        'Election results: actas, tabulation at every level, seats. Reads are public and cacheable (ETag); writes need a bearer token.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
