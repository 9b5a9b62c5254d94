import type { FastifyInstance } from 'fastify';
import { cacheControlOf } from './context.js';
import { PATHS } from './paths.js';
import { geographyFiles, pageFiles, type SiteFile, type SiteScope } from './site-files.js';

/**
 * Serves the dashboard (web/) and what it needs: its bundle (d3 inside) from memory, and the maps
 * of the jurisdictions the site carries as `scope` stands at the request (siteScope: the same rule
 * as `cifra publish`); another map is a 404 as any missing file.
 */
export function registerDashboard(app: FastifyInstance, scope: () => Promise<SiteScope>): void {
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());
  for (const f of pageFiles()) {
    const body = f.body();
    app.get(f.url, async (_req, reply) =>
      reply.type(f.type).header('cache-control', cacheControlOf(f.url)).send(body),
    );
  }
  // each scope's maps, made once (a scope lasts while the store's revision does)
  const maps = new WeakMap<SiteScope, Map<string, { file: SiteFile; body?: string | Buffer }>>();
  app.get('/geo/:id.json', async (req, reply) => {
    const s = await scope();
    let files = maps.get(s);
    if (files === undefined)
      maps.set(
        s,
        (files = new Map(geographyFiles(s.jurisdictions).map((f) => [f.url, { file: f }]))),
      );
    const url = PATHS.geography((req.params as { id: string }).id);
    const map = files.get(url);
    if (map === undefined) return reply.callNotFound();
    map.body ??= map.file.body();
    return reply.type(map.file.type).header('cache-control', cacheControlOf(url)).send(map.body);
  });
}
