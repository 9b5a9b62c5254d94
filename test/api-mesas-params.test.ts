// The poll-watchers' review (L20): /api/v1/mesas's query parameters had no word in the OpenAPI
// of what to give. Every one now says what it takes and what a bad one answers.
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '../src/api/server.js';

interface Parameter {
  name: string;
  in: string;
  description?: string;
  schema?: { description?: string };
}

describe('GET /api/v1/mesas in the OpenAPI', () => {
  it('describes each of its query parameters', () => {
    const paths = buildOpenApi()['paths'] as Record<string, Record<string, unknown>>;
    const op = paths['/api/v1/mesas']?.['get'] as { parameters: Parameter[] };
    const described = op.parameters.map((p) => [
      p.name,
      (p.description ?? p.schema?.description ?? '') !== '',
    ]);
    expect(described).toEqual([
      ['election', true],
      ['district', true],
    ]);
    const district = op.parameters.find((p) => p.name === 'district');
    expect(district?.schema?.description ?? district?.description).toContain('ubigeo_invalid');
  });
});
