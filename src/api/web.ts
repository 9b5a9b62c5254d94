import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { dashboardGeography } from '../io/geography.js';
import { PROJECT_ROOT } from '../io/paths.js';

/** Serves the dashboard (web/) and what it needs: d3-geo and its map, from memory. */
export function registerDashboard(app: FastifyInstance): void {
  const files: [string, string, () => string | Buffer][] = [
    ['/', 'text/html; charset=utf-8', () => readFileSync(join(PROJECT_ROOT, 'web', 'index.html'))],
    [
      '/app.js',
      'text/javascript; charset=utf-8',
      () => readFileSync(join(PROJECT_ROOT, 'web', 'app.js')),
    ],
    [
      '/i18n.js',
      'text/javascript; charset=utf-8',
      () => readFileSync(join(PROJECT_ROOT, 'web', 'i18n.js')),
    ],
    [
      '/style.css',
      'text/css; charset=utf-8',
      () => readFileSync(join(PROJECT_ROOT, 'web', 'style.css')),
    ],
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
