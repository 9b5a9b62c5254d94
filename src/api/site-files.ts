import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { dashboardGeography } from '../io/geography.js';
import { PROJECT_ROOT } from '../io/paths.js';

/** A file of the dashboard: its URL path, content type and bytes (read when asked). */
export interface SiteFile {
  readonly url: string;
  readonly type: string;
  readonly body: () => string | Buffer;
}

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
const JS = 'text/javascript; charset=utf-8';
const vendor = (pkg: string): SiteFile => ({
  url: `/vendor/${pkg}.js`,
  type: JS,
  body: () => readFileSync(join(PROJECT_ROOT, 'node_modules', pkg, 'dist', `${pkg}.min.js`)),
});

/**
 * The dashboard's files: the page, its modules and styles (web/), d3 and the map. One list for
 * the server (registerDashboard) and the static site (`cifra publish`), so both serve one site.
 */
export function dashboardFiles(): SiteFile[] {
  const web = join(PROJECT_ROOT, 'web');
  return [
    {
      url: '/',
      type: 'text/html; charset=utf-8',
      body: () => readFileSync(join(web, 'index.html')),
    },
    // the dashboard's modules and styles, each at /<name>
    ...readdirSync(web)
      .filter((f) => TYPES[extname(f)] !== undefined)
      .sort()
      .map((f) => ({
        url: `/${f}`,
        type: TYPES[extname(f)] as string,
        body: () => readFileSync(join(web, f)),
      })),
    ...['d3-array', 'd3-geo', 'd3-path', 'd3-shape'].map(vendor),
    {
      url: '/geo/peru.json',
      type: 'application/json; charset=utf-8',
      body: () => JSON.stringify(dashboardGeography()),
    },
  ];
}
