import type { FastifyInstance } from 'fastify';
import { cacheControlOf } from './context.js';
import { dashboardFiles } from './site-files.js';

/** Serves the dashboard (web/) and what it needs: its bundle (d3 inside) and the maps of
 * `jurisdictions` (siteJurisdictions), from memory. */
export function registerDashboard(app: FastifyInstance, jurisdictions: readonly string[]): void {
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());
  for (const f of dashboardFiles(jurisdictions)) {
    const body = f.body();
    app.get(f.url, async (_req, reply) =>
      reply.type(f.type).header('cache-control', cacheControlOf(f.url)).send(body),
    );
  }
}
