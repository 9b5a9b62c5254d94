import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dashboardGeography } from '../io/geography.js';
import { PROJECT_ROOT } from '../io/paths.js';
import { listJurisdictions, loadJurisdiction } from '../jurisdictions/load.js';
import type { Store } from '../store/store.js';
import { PATHS } from './paths.js';

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
 * The jurisdictions whose maps the site serves: the bundled ones and those of the store's
 * elections (a user's folder, by its absolute path).
 */
export async function siteJurisdictions(store: Store): Promise<string[]> {
  const stored = (await store.listElections()).map((d) => d.jurisdiction);
  return [...new Set([...listJurisdictions(), ...stored])];
}

/**
 * The map of each jurisdiction that declares its shapes (`geography`), at /geo/<id>.json; one
 * that no longer loads (a user's folder gone) has none, as its places.json says.
 */
function geographyFiles(jurisdictions: readonly string[]): SiteFile[] {
  const out = new Map<string, SiteFile>();
  for (const ref of jurisdictions) {
    const r = loadJurisdiction(ref);
    const geography = r.ok ? r.value.file.geography : undefined;
    if (!r.ok || geography === undefined || out.has(r.value.id)) continue;
    const folder = r.value.folder;
    out.set(r.value.id, {
      url: PATHS.geography(r.value.id),
      type: 'application/json; charset=utf-8',
      body: () => JSON.stringify(dashboardGeography(geography, folder)),
    });
  }
  return [...out.values()];
}

/**
 * The dashboard's files: the page and styles (web/), its bundle (dist/web/, d3 inside) and the
 * maps of `jurisdictions`. One list for the server (registerDashboard) and the static site
 * (`cifra publish`): one site.
 */
export function dashboardFiles(jurisdictions: readonly string[]): SiteFile[] {
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
    ...geographyFiles(jurisdictions),
  ];
}
