import type { FastifyInstance } from 'fastify';
import { dashboardFiles } from './site-files.js';

/** Serves the dashboard (web/) and what it needs: its bundle (d3 inside) and its map, from memory. */
export function registerDashboard(app: FastifyInstance): void {
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());
  for (const f of dashboardFiles()) {
    const body = f.body();
    app.get(f.url, async (_req, reply) =>
      reply.type(f.type).header('cache-control', 'public, max-age=60').send(body),
    );
  }
}
