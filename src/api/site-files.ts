import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dashboardGeography } from '../io/geography.js';
import { PROJECT_ROOT } from '../io/paths.js';

/** A file of the dashboard: its URL path, content type and bytes (read when asked). */
export interface SiteFile {
  readonly url: string;
  readonly type: string;
  readonly body: () => string | Buffer;
}

const JS = 'text/javascript; charset=utf-8';
/** The dashboard's bundle (web/*.ts and d3, built by esbuild: `npm run build:web`) and its source map. */
function bundleFile(name: string, type: string): SiteFile {
  const file = join(PROJECT_ROOT, 'dist', 'web', name);
  // a checkout without the build is a setup bug, said plainly rather than as a blank page
  if (!existsSync(file))
    throw new Error(`${file} is missing: run \`npm run build:web\` (npm ci does it)`);
  return { url: `/${name}`, type, body: () => readFileSync(file) };
}

/**
 * The dashboard's files: the page and styles (web/), its bundle (dist/web/, d3 inside) and the map. One
 * list for the server (registerDashboard) and the static site (`cifra publish`): one site.
 */
export function dashboardFiles(): SiteFile[] {
  const web = join(PROJECT_ROOT, 'web');
  return [
    {
      url: '/',
      type: 'text/html; charset=utf-8',
      body: () => readFileSync(join(web, 'index.html')),
    },
    {
      url: '/style.css',
      type: 'text/css; charset=utf-8',
      body: () => readFileSync(join(web, 'style.css')),
    },
    // the page names its icon: a static host would answer the browser's /favicon.ico with a 404
    {
      url: '/favicon.svg',
      type: 'image/svg+xml',
      body: () => readFileSync(join(web, 'favicon.svg')),
    },
    bundleFile('app.js', JS),
    bundleFile('app.js.map', 'application/json; charset=utf-8'),
    {
      url: '/geo/peru.json',
      type: 'application/json; charset=utf-8',
      body: () => JSON.stringify(dashboardGeography()),
    },
  ];
}
