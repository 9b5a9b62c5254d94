// The twenty-seventh brief: the OpenAPI declared no 503 on the reads that shed load (the nation's
// mesa CSV, the projection) and no 500 where an operator's ruleset is read (the seats), though
// the server answers them. Each is declared now, with the error body, on those paths only.
// Failed on the old code: no 503 on /api/v1/results, no 500 on /api/v1/seats.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../src/api/server.js';
import { HTTP_STATUS } from '../src/api/errors.js';
import type { IssueCode } from '../src/core/issues.js';

interface Answer {
  readonly description: string;
  readonly content?: Record<string, { schema: { properties?: Record<string, unknown> } }>;
}
const doc = buildOpenApi() as {
  paths: Record<string, Record<string, { responses: Record<string, Answer> }>>;
};
const answer = (path: string, status: number, method = 'get'): Answer | undefined =>
  doc.paths[path]?.[method]?.responses[status];

describe('the OpenAPI declares the server-side refusals where they happen', () => {
  const faults: [string, number, string, string?][] = [
    ['/api/v1/results', 503, 'server_busy'],
    ['/api/v1/projection', 503, 'server_busy'],
    ['/api/v1/elections/{election}/projection.json', 503, 'server_busy'],
    ['/api/v1/what-if', 503, 'server_busy', 'post'],
    ['/api/v1/seats', 500, 'ruleset_district_unmatched'],
    ['/api/v1/elections/{election}/seats.json', 500, 'ruleset_district_unmatched'],
  ];

  it.each(faults)('%s: %i %s, with the error body', (path, status, code, method) => {
    const a = answer(path, status, method);
    expect(a, `${path} ${status}`).toBeDefined();
    expect(a?.description).toContain(`\`${code}\``);
    expect(a?.content?.['application/json']?.schema.properties).toHaveProperty('issues');
    // the status declared is the one the server gives the code (errors.ts)
    expect(HTTP_STATUS[code as IssueCode]).toBe(status);
  });

  it('not where nothing sheds load or reads a ruleset', () => {
    for (const path of ['/api/v1/elections', '/api/v1/summary', '/api/v1/candidates']) {
      expect(answer(path, 503), path).toBeUndefined();
      expect(answer(path, 500), path).toBeUndefined();
    }
  });

  it('every code a fault names is documented in docs/errors.md', () => {
    const errors = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
    const named = Object.values(doc.paths)
      .flatMap((ops) => Object.values(ops))
      .flatMap((op) => ['500', '503'].map((s) => op.responses[s]?.description ?? ''))
      .flatMap((d) => [...d.matchAll(/`([a-z]+_[a-z_]+)`/g)].map((m) => m[1]));
    expect(named.length).toBeGreaterThan(5);
    for (const c of new Set(named)) expect(errors).toContain(`| \`${c}\` |`);
  });

  it('the committed docs/openapi.json is the generated one (npm run openapi)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(new URL('../docs/openapi.json', import.meta.url), 'utf8'),
    );
    expect(committed).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});
