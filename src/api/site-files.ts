import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { contestsFile } from '../elections/contests.js';
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
 * The jurisdictions whose maps the site serves: those of the store's elections (a user's folder,
 * by its absolute path). A store without elections (a fresh server, a demo) serves the bundled
 * ones; a store of another country's elections does not carry Peru's map (review 25).
 */
export async function siteJurisdictions(store: Store): Promise<string[]> {
  const stored = (await store.listElections()).map((d) => d.jurisdiction);
  return stored.length === 0 ? listJurisdictions() : [...new Set(stored)];
}

/**
 * The bundled multi-contest elections (data/contests) the site carries: those whose jurisdiction
 * is one of the store's elections' (by id; a user's folder is named by its folder), all of them
 * for a store without elections, as the maps.
 */
export async function siteContestsIds(store: Store, ids: readonly string[]): Promise<string[]> {
  const stored = (await store.listElections()).map((d) => basename(d.jurisdiction));
  if (stored.length === 0) return [...ids];
  return ids.filter((id) => {
    const m = JSON.parse(readFileSync(contestsFile(id), 'utf8')) as { jurisdiction?: unknown };
    return typeof m.jurisdiction === 'string' && stored.includes(m.jurisdiction);
  });
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
