import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { dashboardGeography } from '../io/geography.js';
import { PROJECT_ROOT } from '../io/paths.js';

/** Serves the dashboard (web/) and what it needs: d3-geo and its map, from memory. */
export function registerDashboard(app: FastifyInstance): void {
  const web = join(PROJECT_ROOT, 'web');
  const TYPES: Readonly<Record<string, string>> = {
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
  };
  const files: [string, string, () => string | Buffer][] = [
    ['/', 'text/html; charset=utf-8', () => readFileSync(join(web, 'index.html'))],
    // the dashboard's modules and styles, each at /<name>
    ...readdirSync(web)
      .filter((f) => TYPES[extname(f)] !== undefined)
      .sort()
      .map((f): [string, string, () => Buffer] => [
        `/${f}`,
        TYPES[extname(f)] as string,
        () => readFileSync(join(web, f)),
      ]),
    [
      '/vendor/d3-array.js',
      'text/javascript; charset=utf-8',
      () => readFileSync(join(PROJECT_ROOT, 'node_modules', 'd3-array', 'dist', 'd3-array.min.js')),
    ],
    [
      '/vendor/d3-geo.js',
      'text/javascript; charset=utf-8',
      () => readFileSync(join(PROJECT_ROOT, 'node_modules', 'd3-geo', 'dist', 'd3-geo.min.js')),
    ],
    [
      '/vendor/d3-path.js',
      'text/javascript; charset=utf-8',
      () => readFileSync(join(PROJECT_ROOT, 'node_modules', 'd3-path', 'dist', 'd3-path.min.js')),
    ],
    [
      '/vendor/d3-shape.js',
      'text/javascript; charset=utf-8',
      () => readFileSync(join(PROJECT_ROOT, 'node_modules', 'd3-shape', 'dist', 'd3-shape.min.js')),
    ],
    [
      '/geo/peru.json',
      'application/json; charset=utf-8',
      () => JSON.stringify(dashboardGeography()),
    ],
  ];
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());
  for (const [url, type, load] of files) {
    const body = load();
    app.get(url, async (_req, reply) =>
      reply.type(type).header('cache-control', 'public, max-age=60').send(body),
    );
  }
}
